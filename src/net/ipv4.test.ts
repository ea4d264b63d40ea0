import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { UserInputError } from "../core/errors.ts";
import { formatIpv4, ipv4, isUint32, parseIpv4, prefix16, prefix8 } from "./ipv4.ts";

const uint32 = fc.integer({ min: 0, max: 0xffffffff });

describe("parseIpv4", () => {
  it("parses dotted quads to uint32", () => {
    expect(parseIpv4("0.0.0.0")).toEqual({ ok: true, value: 0 });
    expect(parseIpv4("255.255.255.255")).toEqual({ ok: true, value: 0xffffffff });
    expect(parseIpv4("198.137.240.91")).toEqual({ ok: true, value: 0xc689f05b });
  });

  it.each([
    ["1.2.3", "need 4 octets"],
    ["1.2.3.4.5", "need 4 octets"],
    ["256.1.1.1", "above 255"],
    ["1.2.3.999", "above 255"],
    [" 1.2.3.4", "not a decimal octet"],
    ["1.2.3.4 ", "not a decimal octet"],
    ["x1.2.3.4", "not a decimal octet"],
    ["1.2..4", "not a decimal octet"],
    ["1.2.3.-4", "not a decimal octet"],
    ["1.2.3.0x4", "not a decimal octet"],
    ["010.1.1.1", "leading zero"],
    ["1.2.3.+4", "not a decimal octet"],
    ["", "need 4 octets"],
  ])("rejects %j (%s)", (text, why) => {
    const parsed = parseIpv4(text);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.error).toContain(why);
  });

  it("ipv4() throws a UserInputError on bad input", () => {
    expect(() => ipv4("1.2.3")).toThrow(UserInputError);
    expect(ipv4("10.0.0.1")).toBe(0x0a000001);
  });

  it("round-trips every uint32 through format and parse", () => {
    fc.assert(
      fc.property(uint32, (addr) => {
        expect(parseIpv4(formatIpv4(addr))).toEqual({ ok: true, value: addr });
      }),
    );
  });

  it("round-trips every canonical dotted quad through parse and format", () => {
    const octet = fc.integer({ min: 0, max: 255 });
    fc.assert(
      fc.property(fc.tuple(octet, octet, octet, octet), (octets) => {
        const text = octets.join(".");
        const parsed = parseIpv4(text);
        expect(parsed.ok && formatIpv4(parsed.value)).toBe(text);
      }),
    );
  });

  it("never throws on arbitrary strings", () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        const parsed = parseIpv4(text);
        if (parsed.ok) expect(isUint32(parsed.value)).toBe(true);
      }),
    );
  });
});

describe("prefix8 and prefix16", () => {
  it("are the first one and two octets", () => {
    expect(prefix8(ipv4("211.218.252.9"))).toBe(211);
    expect(prefix16(ipv4("211.218.252.9"))).toBe(211 * 256 + 218);
    expect(prefix8(0xffffffff)).toBe(255);
  });

  it("nest: the /8 of an address is the /8 of its /16", () => {
    fc.assert(fc.property(uint32, (addr) => prefix16(addr) >>> 8 === prefix8(addr)));
  });
});
