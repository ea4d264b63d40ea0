import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ipv4 } from "./ipv4.ts";
import {
  cidrContains,
  cidrContainsCidr,
  cidrIntersectionSize,
  cidrLast,
  cidrOf,
  cidrSize,
  formatCidr,
  maskOfBits,
  parseCidr,
  type Cidr,
} from "./prefix.ts";

const uint32 = fc.integer({ min: 0, max: 0xffffffff });
const bits = fc.integer({ min: 0, max: 32 });
const block = fc.tuple(uint32, bits).map(([addr, b]) => cidrOf(addr, b));

describe("parseCidr", () => {
  it("parses blocks", () => {
    expect(parseCidr("130.107.0.0/16")).toEqual({
      ok: true,
      value: { base: ipv4("130.107.0.0"), bits: 16 },
    });
    expect(parseCidr("0.0.0.0/0")).toEqual({ ok: true, value: { base: 0, bits: 0 } });
    expect(parseCidr("1.2.3.4/32")).toEqual({
      ok: true,
      value: { base: ipv4("1.2.3.4"), bits: 32 },
    });
  });

  it("rejects host bits set, naming the intended block", () => {
    const parsed = parseCidr("130.107.2.0/16");
    expect(parsed.ok).toBe(false);
    if (!parsed.ok)
      expect(parsed.error).toContain("host bits set after /16; did you mean 130.107.0.0/16?");
  });

  it.each([
    "130.107.0.0",
    "1.2.3.0/33",
    "1.2.3.0/",
    "1.2.3.0/08",
    "1.2.3.0/-1",
    "1.2.3/24",
    "1.2.3.0/24/1",
  ])("rejects %j", (text) => expect(parseCidr(text).ok).toBe(false));

  it("round-trips through format", () => {
    fc.assert(
      fc.property(block, (b) => {
        expect(parseCidr(formatCidr(b))).toEqual({ ok: true, value: b });
      }),
    );
  });
});

describe("block algebra", () => {
  it("masks and sizes", () => {
    expect(maskOfBits(0)).toBe(0);
    expect(maskOfBits(8)).toBe(0xff000000);
    expect(maskOfBits(32)).toBe(0xffffffff);
    expect(cidrSize({ base: 0, bits: 0 })).toBe(2 ** 32);
    expect(cidrLast({ base: ipv4("10.0.0.0"), bits: 8 })).toBe(ipv4("10.255.255.255"));
  });

  it("a block contains exactly the addresses from base to last", () => {
    fc.assert(
      fc.property(block, uint32, (b, addr) => {
        expect(cidrContains(b, addr)).toBe(addr >= b.base && addr <= cidrLast(b));
      }),
    );
  });

  it("cidrOf(addr, bits) contains addr, and shorter prefixes contain longer ones", () => {
    fc.assert(
      fc.property(uint32, bits, bits, (addr, a, b) => {
        const [short, long] = [Math.min(a, b), Math.max(a, b)];
        expect(cidrContains(cidrOf(addr, long), addr)).toBe(true);
        expect(cidrContainsCidr(cidrOf(addr, short), cidrOf(addr, long))).toBe(true);
      }),
    );
  });

  it("intersection is symmetric, bounded, and equals the brute-force overlap", () => {
    fc.assert(
      fc.property(block, block, (a: Cidr, b: Cidr) => {
        const size = cidrIntersectionSize(a, b);
        expect(size).toBe(cidrIntersectionSize(b, a));
        expect(size).toBeLessThanOrEqual(Math.min(cidrSize(a), cidrSize(b)));
        const overlap = Math.max(
          0,
          Math.min(cidrLast(a), cidrLast(b)) - Math.max(a.base, b.base) + 1,
        );
        expect(size).toBe(overlap);
      }),
    );
  });

  it("a block intersects itself fully", () => {
    fc.assert(fc.property(block, (b) => cidrIntersectionSize(b, b) === cidrSize(b)));
  });
});
