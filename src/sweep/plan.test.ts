import { describe, expect, it } from "vitest";
import { UserInputError } from "../core/errors.ts";
import { ensembleSeeds } from "../report/ensemble.ts";
import { parseSweepFile } from "./sweep-file.ts";
import { planSweep, setPath } from "./plan.ts";

const BASE = { extends: "jul19-2001", until: "2001-07-19T12:00:00Z" } as const;

function plan(raw: Record<string, unknown>) {
  const file = parseSweepFile({ base: BASE, ...raw }, "s.json");
  return planSweep(file, file.base as never, "s.json", "s");
}

describe("planSweep", () => {
  it("expands a grid (last path fastest) into points of the merged preset, with interleaved runs", () => {
    const p = plan({
      grid: { "worms.0.probesPerSecond": [6, 10], "patching.0.perHostPerHour": [0, 0.01, 0.02] },
      seeds: 2,
      seed: 5,
    });
    expect(p.points.map((x) => x.values)).toEqual([
      { "worms.0.probesPerSecond": 6, "patching.0.perHostPerHour": 0 },
      { "worms.0.probesPerSecond": 6, "patching.0.perHostPerHour": 0.01 },
      { "worms.0.probesPerSecond": 6, "patching.0.perHostPerHour": 0.02 },
      { "worms.0.probesPerSecond": 10, "patching.0.perHostPerHour": 0 },
      { "worms.0.probesPerSecond": 10, "patching.0.perHostPerHour": 0.01 },
      { "worms.0.probesPerSecond": 10, "patching.0.perHostPerHour": 0.02 },
    ]);
    // The preset's worm entry is there to set: the path reaches into the merged scenario.
    expect(p.points[3].scenario.worms?.[0]).toMatchObject({ variant: "crv2", probesPerSecond: 10 });
    expect(p.points[3].scenario.seed).toBeUndefined();
    expect(p.seeds).toEqual(ensembleSeeds(5, 2));
    expect(p.runs).toHaveLength(12);
    // Every point's first seed before any second seed.
    expect(p.runs.slice(0, 6).every((r) => r.replicate === 0)).toBe(true);
    expect(p.runs.slice(0, 6).map((r) => r.point)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(new Set(p.runs.map((r) => r.key)).size).toBe(12);
  });

  it("gives the same keys on every call; the master seed changes the seeds, not the points", () => {
    const a = plan({ grid: { "worms.0.probesPerSecond": [6, 10] }, seeds: 3, seed: 1 });
    const b = plan({ grid: { "worms.0.probesPerSecond": [6, 10] }, seeds: 3, seed: 1 });
    const c = plan({ grid: { "worms.0.probesPerSecond": [6, 10] }, seeds: 3, seed: 2 });
    expect(b.runs.map((r) => r.key)).toEqual(a.runs.map((r) => r.key));
    expect(c.points.map((x) => x.hash)).toEqual(a.points.map((x) => x.hash));
    expect(c.seeds).not.toEqual(a.seeds);
  });

  it("uses a seed list as given and refuses repeated runs", () => {
    expect(plan({ seeds: [4, 9] }).runs.map((r) => r.seed)).toEqual([4, 9]);
    expect(() => plan({ seeds: [4, 4] })).toThrow(/same run/);
  });

  it("draws random points in their ranges, reproducibly", () => {
    const raw = {
      random: {
        points: 50,
        ranges: {
          "worms.0.probesPerSecond": [5, 15],
          "worms.0.initialInfected": { min: 1, max: 20, integer: true },
          "patching.0.perHostPerHour": { min: 0.001, max: 0.1, scale: "log" },
        },
      },
      seeds: 1,
    };
    const a = plan(raw);
    expect(a.points).toHaveLength(50);
    for (const p of a.points) {
      const rate = p.values["worms.0.probesPerSecond"] as number;
      const n = p.values["worms.0.initialInfected"] as number;
      const patch = p.values["patching.0.perHostPerHour"] as number;
      expect(rate).toBeGreaterThanOrEqual(5);
      expect(rate).toBeLessThanOrEqual(15);
      expect(Number.isInteger(n) && n >= 1 && n <= 20).toBe(true);
      expect(patch).toBeGreaterThanOrEqual(0.001);
      expect(patch).toBeLessThanOrEqual(0.1);
    }
    expect(plan(raw).points.map((p) => p.hash)).toEqual(a.points.map((p) => p.hash));
  });

  it("names the point and the field of a bad value, and the step of a bad path", () => {
    expect(() => plan({ grid: { "worms.0.probesPerSecond": [6, -1] }, seeds: 1 })).toThrow(
      /point 1 \(worms\.0\.probesPerSecond=-1\).*worms\[0\]\.probesPerSecond/s,
    );
    expect(() => plan({ grid: { "worms.3.probesPerSecond": [6] }, seeds: 1 })).toThrow(
      /worms\.3\.probesPerSecond: worms is a list of 1/,
    );
    expect(() => plan({ grid: { "defenses.0.reactionMinutes": [6] }, seeds: 1 })).toThrow(
      /has no "defenses"/,
    );
  });

  it("rejects a bad sweep file naming the field", () => {
    expect(() => parseSweepFile({ base: BASE, seeds: 0 }, "s.json")).toThrow(UserInputError);
    expect(() => parseSweepFile({ base: BASE, seeds: 1, grid: { "a..b": [1] } }, "s.json")).toThrow(
      /s\.json: grid/,
    );
    expect(() =>
      parseSweepFile(
        { base: BASE, seeds: 1, grid: { a: [1] }, random: { points: 1, ranges: {} } },
        "s.json",
      ),
    ).toThrow(/grid or random/);
  });

  it("setPath copies: the input is never changed", () => {
    const s = { worms: [{ variant: "crv2" as const, probesPerSecond: 5 }] };
    const t = setPath(s, "worms.0.probesPerSecond", 9, "x");
    expect(s.worms[0].probesPerSecond).toBe(5);
    expect(t.worms?.[0].probesPerSecond).toBe(9);
  });
});
