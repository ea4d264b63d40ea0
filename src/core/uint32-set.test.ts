import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Uint32Set } from "./uint32-set.ts";

describe("Uint32Set", () => {
  it("agrees with a Set under random adds and deletes (colliding keys, 0 and 2^32 - 1)", () => {
    const key = fc.oneof(
      fc.nat({ max: 40 }),
      fc.constantFrom(0, 2 ** 32 - 1, 2 ** 31),
      fc.nat({ max: 2 ** 32 - 1 }),
    );
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.boolean(), key), { maxLength: 400 }), (ops) => {
        const set = new Uint32Set(200);
        const ref = new Set<number>();
        for (const [add, k] of ops) {
          if (add && ref.size < 200) {
            set.add(k);
            ref.add(k);
          } else {
            expect(set.delete(k)).toBe(ref.delete(k));
          }
          expect(set.size).toBe(ref.size);
        }
        for (let k = 0; k <= 40; k++) expect(set.has(k)).toBe(ref.has(k));
        for (const k of ref) expect(set.has(k)).toBe(true);
      }),
    );
  });

  it("keeps every key through long runs of moves in a small table (backward shift)", () => {
    const set = new Uint32Set(64);
    const held: number[] = [];
    for (let i = 0; i < 64; i++) {
      held.push(i * 1024);
      set.add(i * 1024);
    }
    let x = 7;
    for (let step = 0; step < 20_000; step++) {
      x = (Math.imul(x, 1103515245) + 12345) >>> 0;
      const j = x % held.length;
      expect(set.delete(held[j])).toBe(true);
      let to = (x >>> 8) % 4096;
      while (set.has(to)) to = (to + 1) % 4096;
      held[j] = to;
      set.add(to);
    }
    expect(set.size).toBe(64);
    for (const k of held) expect(set.has(k)).toBe(true);
    let members = 0;
    for (let k = 0; k < 65536; k++) if (set.has(k)) members++;
    expect(members).toBe(64);
  });

  it("refuses to grow past its capacity", () => {
    const set = new Uint32Set(16);
    for (let k = 0; k < 16; k++) set.add(k);
    set.add(3);
    expect(() => set.add(99)).toThrow(RangeError);
  });
});
