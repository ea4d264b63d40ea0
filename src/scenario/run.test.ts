import { describe, expect, it } from "vitest";
import { resolveScenario } from "./resolve.ts";
import {
  buildModelPopulation,
  EngineRefusedError,
  runSimulation,
  runSimulationWith,
} from "./run.ts";

const shortJul19 = () =>
  resolveScenario({ extends: "jul19-2001" }, { until: "2001-07-19T14:00:00Z" }, "preset");

describe("runSimulationWith", () => {
  it("runs both engines on the identical scaled jul19-2001 input", () => {
    const scenario = shortJul19();
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

  it("is runSimulation on the fast engine at full scale", () => {
    const scenario = resolveScenario(
      { extends: "jul19-2001" },
      { until: "2001-07-19T11:00:00Z" },
      "preset",
    );
    const population = buildModelPopulation(scenario);
    const plain = runSimulation(scenario, population);
    const chosen = runSimulationWith(scenario, population, { engine: "fast", addressBits: 32 });
    expect(chosen.summary).toEqual(plain.summary);
    expect(plain.result.input.addressBits ?? 32).toBe(32);
  });

  it("refuses, before running, a scenario the reference engine cannot run", () => {
    const scenario = resolveScenario({ extends: "jul12-2001" }, {}, "preset");
    const population = buildModelPopulation(scenario);
    let progressCalls = 0;
    const run = () =>
      runSimulationWith(scenario, population, {
        engine: "reference",
        addressBits: 20,
        onProgress: () => progressCalls++,
      });
    expect(run).toThrow(EngineRefusedError);
    expect(run).toThrow(/the reference engine cannot run scenario "jul12-2001": .*observers/);
    expect(progressCalls).toBe(0);
  });
});
