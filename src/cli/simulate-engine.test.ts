import { describe, expect, it } from "vitest";
import { resolveScenario } from "../scenario/resolve.ts";
import { buildModelPopulation } from "../scenario/run.ts";
import { parseAddressBits, parseEngine, runSimulationWith } from "./simulate-engine.ts";

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

  it("runs both engines on the identical scaled jul19-2001 input", () => {
    const scenario = resolveScenario(
      { extends: "jul19-2001" },
      { until: "2001-07-19T14:00:00Z" },
      "preset",
    );
    const population = buildModelPopulation(scenario);
    const fast = runSimulationWith(scenario, population, { engine: "fast", addressBits: 18 });
    const reference = runSimulationWith(scenario, population, {
      engine: "reference",
      addressBits: 18,
    });
    const a = fast.result.input;
    const b = reference.result.input;
    expect(a.addressBits).toBe(18);
    expect(Array.from(b.population.addresses)).toEqual(Array.from(a.population.addresses));
    // About 375,000 / 2^14 hosts, all below 2^18.
    expect(a.population.size).toBeGreaterThan(10);
    expect(a.population.size).toBeLessThan(40);
    expect(a.population.addresses.every((x) => x < 2 ** 18)).toBe(true);
    expect(reference.summary.vulnerable).toBe(fast.summary.vulnerable);
    expect(reference.scenarioHash).toBe(fast.scenarioHash);
  });
});
