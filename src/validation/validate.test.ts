import { describe, expect, it } from "vitest";
import { MEASUREMENTS, VALIDATION_RUNS } from "./measurements.ts";
import { quantile, runValidation, validationTable, withOverrides } from "./validate.ts";
import { resolveScenario } from "../scenario/resolve.ts";
import { buildModelPopulation } from "../scenario/run.ts";
import { toEngineInput } from "../scenario/engine-input.ts";
import { runFastEngine } from "../sim/fast-engine.ts";

describe("validate", () => {
  it("quantiles interpolate between order statistics", () => {
    expect(quantile([1, 2, 3, 4, 5], 0.5)).toBe(3);
    expect(quantile([0, 10], 0.05)).toBeCloseTo(0.5, 12);
    expect(quantile([], 0.5)).toBeNaN();
  });

  it("a candidate's worm entries reach only runs that have the variant; observers add up", () => {
    const extra = {
      rateHeterogeneity: { distribution: "lognormal" as const, sigma: 1 },
      worms: [
        { variant: "crv1" as const, introducedAt: "2001-07-13T08:00:00Z", initialInfected: 1 },
      ],
      observers: [{ type: "telescope" as const, name: "t2", block: "45.0.0.0/8" }],
    };
    const jul19 = withOverrides(VALIDATION_RUNS.jul19, extra);
    expect(jul19.worms).toEqual([]);
    expect(jul19.rateHeterogeneity?.sigma).toBe(1);
    expect(jul19.observers?.map((o) => o.name)).toEqual(["one-16", "t2"]);
    expect(withOverrides(VALIDATION_RUNS.jul12, extra).worms).toHaveLength(1);
  });

  it("reads every jul19 measurement from real runs and tabulates them", () => {
    const rows = runValidation({ seeds: 2, runs: ["jul19"] });
    expect(rows.map((r) => r.id)).toEqual(
      MEASUREMENTS.filter((m) => m.run === "jul19").map((m) => m.id),
    );
    for (const r of rows) {
      expect(r.values).toHaveLength(2);
      // Seed 1's outbreak takes off; seed 2's first host infects no one in the day, so its K
      // (defined on a complete rise to a plateau) has no value.
      expect(Number.isFinite(r.values[0])).toBe(true);
      if (r.id !== "staniford-k") expect(Number.isFinite(r.values[1])).toBe(true);
      expect(r.p5).toBeLessThanOrEqual(r.p95);
    }
    // The CAIDA row is the telescope's source addresses at 20 July 00:00 of the same run.
    const caida = rows.find((r) => r.id === "caida-jul19");
    const scenario = resolveScenario(VALIDATION_RUNS.jul19, {}, "t");
    const input = { ...toEngineInput(scenario, buildModelPopulation(scenario)), seed: 2 };
    const telescope = runFastEngine(input).observers.find((o) => o.name === "telescope");
    expect(caida?.values[1]).toBe(telescope?.uniqueSources);
    expect(telescope?.uniqueSources).toBeGreaterThan(0);
    const table = validationTable(rows, 2);
    expect(table).toContain("| CRv2 sources seen by a /8 telescope by 20 Jul 00:00 |");
    expect(table).toMatch(/\d+ of 6 inside\./);
  });
});
