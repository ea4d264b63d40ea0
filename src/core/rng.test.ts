import { describe, expect, it } from "vitest";
import { bufferedRng, createRng, createRngFromState, hashString32, mix32, seedKey } from "./rng.ts";

describe("rng", () => {
  it("matches the xoshiro128** reference output for state {1, 2, 3, 4}", () => {
    const rng = createRngFromState([1, 2, 3, 4]);
    const out = Array.from({ length: 6 }, () => rng.nextUint32());
    expect(out).toEqual([11520, 0, 5927040, 70819200, 2031721883, 1637235492]);
  });

  it("pins the first draws of seed 1 (changing them changes every output)", () => {
    const rng = createRng(1);
    const draws = [rng.nextUint32(), rng.nextUint32(), rng.nextUint32(), rng.nextUint32()];
    expect(draws).toEqual([2369553928, 2107003782, 3517413829, 2904152043]);
    expect(createRng(1).fork("scan").nextUint32()).toBe(2698350705);
  });

  it("is deterministic and seed-sensitive", () => {
    const a = createRng(42);
    const b = createRng(42);
    const c = createRng(43);
    const xs = Array.from({ length: 100 }, () => a.next());
    expect(Array.from({ length: 100 }, () => b.next())).toEqual(xs);
    expect(Array.from({ length: 100 }, () => c.next())).not.toEqual(xs);
  });

  it("forks independently of the parent's position", () => {
    const a = createRng(7);
    const b = createRng(7);
    for (let i = 0; i < 1000; i++) b.next();
    expect(a.fork("observer:telescope").next()).toBe(b.fork("observer:telescope").next());
    expect(a.fork("x").next()).not.toBe(a.fork("y").next());
  });

  it("pins the first draws of forked streams (a changed fork changes every component's output)", () => {
    const draws = (rng: ReturnType<typeof createRng>) => [0, 1, 2].map(() => rng.nextUint32());
    const root = createRng(7);
    expect(draws(root.fork("observer:telescope"))).toEqual([1990176292, 3748918650, 193545363]);
    expect(draws(root.fork("reference:scan"))).toEqual([1821453126, 312527981, 3841231868]);
    // Nested forks depend on the order of the names.
    expect(draws(root.fork("a").fork("b"))).toEqual([224473604, 1419240118, 3461536220]);
    expect(draws(root.fork("b").fork("a"))).toEqual([4166960449, 841386305, 984937935]);
  });

  it("draws doubles in [0, 1) with a uniform mean and ints in range", () => {
    const rng = createRng(3);
    let sum = 0;
    const n = 200_000;
    for (let i = 0; i < n; i++) {
      const x = rng.next();
      expect(x >= 0 && x < 1).toBe(true);
      sum += x;
    }
    // Standard error of the mean is 1/sqrt(12 n) = 6.5e-4; 5 sigma.
    expect(Math.abs(sum / n - 0.5)).toBeLessThan(3.3e-3);
    const counts = new Array(7).fill(0);
    for (let i = 0; i < 70_000; i++) counts[rng.int(7)]++;
    for (const c of counts) expect(Math.abs(c - 10_000)).toBeLessThan(500);
  });

  it("rejects bad seeds and hashes strings stably", () => {
    expect(() => createRng(-1)).toThrow(RangeError);
    expect(() => createRng(1.5)).toThrow(RangeError);
    expect(seedKey(0)).not.toBe(seedKey(1));
    // FNV-1a published test vectors (offset basis for "", then "a" and "foobar"), and one fork name.
    expect(["", "a", "foobar"].map(hashString32)).toEqual([0x811c9dc5, 0xe40c292c, 0xbf9cf968]);
    expect(hashString32("scan")).toBe(0xece838e8);
    // Murmur3's fmix32: 0 is a fixed point; fmix32(1) = 0x514e28b7.
    expect(mix32(0)).toBe(0);
    expect(mix32(1)).toBe(0x514e28b7);
  });
});

describe("bufferedRng", () => {
  it("gives the stream's own next() sequence, across block boundaries", () => {
    for (const seed of [0, 1, 2 ** 40 + 7]) {
      const plain = createRng(seed).fork("observer:t");
      const buffered = bufferedRng(createRng(seed).fork("observer:t"));
      const a = Array.from({ length: 3000 }, () => plain.next());
      const b = Array.from({ length: 3000 }, () => buffered.next());
      expect(b).toEqual(a);
      expect(buffered.key).toBe(plain.key);
    }
  });

  it("forks as the unbuffered stream does", () => {
    const buffered = bufferedRng(createRng(5));
    buffered.next();
    expect(buffered.fork("x").next()).toBe(createRng(5).fork("x").next());
  });

  it("reads integers from the same buffered values", () => {
    const buffered = bufferedRng(createRng(9));
    const values = bufferedRng(createRng(9));
    for (let i = 0; i < 100; i++) {
      expect(buffered.nextUint32()).toBe(Math.floor(values.next() * 2 ** 32));
    }
    expect(() => buffered.int(0)).toThrow(RangeError);
    for (let i = 0; i < 100; i++) expect(buffered.int(6)).toBeLessThan(6);
  });
});
