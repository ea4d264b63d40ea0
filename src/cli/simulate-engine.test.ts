import { describe, expect, it } from "vitest";
import { parseAddressBits, parseEngine } from "./simulate-engine.ts";

describe("simulate --engine / --address-bits", () => {
  it("parses and validates the options", () => {
    expect(parseEngine(undefined)).toBe("fast");
    expect(parseEngine("reference")).toBe("reference");
    expect(() => parseEngine("slow")).toThrow(/fast or reference/);
    expect(parseAddressBits(undefined, "fast")).toBe(32);
    expect(parseAddressBits("20", "reference")).toBe(20);
    expect(() => parseAddressBits(undefined, "reference")).toThrow(/--address-bits/);
    expect(() => parseAddressBits("28", "reference")).toThrow(/24 or fewer/);
    expect(() => parseAddressBits("15", "fast")).toThrow(/16 to 32/);
    expect(() => parseAddressBits("2x", "fast")).toThrow(/16 to 32/);
  });
});
