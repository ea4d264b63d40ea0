import { describe, expect, it } from "vitest";
import type { Summary } from "./summary.ts";
import {
  aggregateEnsemble,
  ensembleSeeds,
  ensembleStat,
  quantile,
  type EnsembleMember,
} from "./ensemble.ts";

const START = "2001-07-19T10:00:00Z";

function member(index: number, ever: number[], infected: number[]): EnsembleMember {
  const last = ever.length - 1;
  const summary = {
    start: START,
    infectedEver: ever[last],
    infectedAtEnd: infected[last],
    peakNewPerMinute: index + 1,
    telescope: { block: "44.0.0.0/8", uniqueSources: ever[last], probes: 0 },
    timeTo: { "0.5": "2001-07-19T11:00:00Z", "0.9": index === 0 ? null : "2001-07-19T12:30:00Z" },
  } as unknown as Summary;
  return {
    index,
    seed: 100 + index,
    summary,
    everPerMinute: Uint32Array.from(ever),
    infectedPerMinute: Uint32Array.from(infected),
    newPerMinute: Uint32Array.from(ever, (e, m) => e - (m > 0 ? ever[m - 1] : 0)),
  };
}

describe("ensembleSeeds", () => {
  it("keeps the scenario seed for run 0 and derives the others from seed and index only", () => {
    const a = ensembleSeeds(7, 5);
    expect(a[0]).toBe(7);
    expect(ensembleSeeds(7, 3)).toEqual(a.slice(0, 3));
    expect(new Set(a).size).toBe(5);
    expect(ensembleSeeds(8, 5).slice(1)).not.toEqual(a.slice(1));
    for (const s of a) expect(Number.isSafeInteger(s) && s >= 0).toBe(true);
    expect(() => ensembleSeeds(7, 0)).toThrow(RangeError);
  });
});

describe("quantile and ensembleStat", () => {
  it("interpolates linearly between order statistics", () => {
    const xs = [10, 20, 30, 40, 50];
    expect(quantile(xs, 0)).toBe(10);
    expect(quantile(xs, 1)).toBe(50);
    expect(quantile(xs, 0.5)).toBe(30);
    expect(quantile(xs, 0.05)).toBeCloseTo(12, 12);
    expect(quantile(xs, 0.95)).toBeCloseTo(48, 12);
    expect(quantile([3], 0.95)).toBe(3);
    expect(Number.isNaN(quantile([], 0.5))).toBe(true);
  });

  it("skips nulls, sorts, and gives nulls when nothing is left", () => {
    expect(ensembleStat([50, null, 10, 30, 20, 40])).toEqual({
      mean: 30,
      p5: 12,
      p95: 48,
      min: 10,
      max: 50,
    });
    expect(ensembleStat([null, null])).toEqual({
      mean: null,
      p5: null,
      p95: null,
      min: null,
      max: null,
    });
  });
});

describe("aggregateEnsemble", () => {
  const members = [
    member(0, [1, 2, 4, 8], [1, 2, 4, 7]),
    member(1, [1, 3, 9, 27], [1, 3, 9, 20]),
    member(2, [1, 1, 2, 3], [1, 1, 2, 3]),
  ];

  it("does not depend on the order members arrive in", () => {
    const a = aggregateEnsemble(members);
    const b = aggregateEnsemble([members[2], members[0], members[1]]);
    expect(JSON.stringify(b.summary)).toBe(JSON.stringify(a.summary));
    expect(Array.from(b.bands.infectedEver.p95)).toEqual(Array.from(a.bands.infectedEver.p95));
    expect(a.summary.seeds).toEqual([100, 101, 102]);
  });

  it("computes means, bands, per-hour figures and time-to metrics in hours", () => {
    const { summary, bands } = aggregateEnsemble(members);
    expect(summary.runs).toBe(3);
    expect(summary.metrics.infectedEver.mean).toBeCloseTo((8 + 27 + 3) / 3, 3);
    expect(summary.metrics.infectedEver.p5).toBeCloseTo(3 + 0.1 * 5, 3);
    expect(summary.metrics.infectedEver.p95).toBeCloseTo(8 + 0.9 * 19, 3);
    expect(summary.metrics.peakNewPerMinute).toEqual({
      mean: 2,
      p5: 1.1,
      p95: 2.9,
      min: 1,
      max: 3,
    });
    expect(summary.metrics["timeTo0.5Hours"]).toMatchObject({ mean: 1, p5: 1, p95: 1 });
    // Run 0 never reached 90%: only the other two runs count.
    expect(summary.metrics["timeTo0.9Hours"]).toMatchObject({ mean: 2.5, p5: 2.5, p95: 2.5 });
    expect(Array.from(bands.infected.mean)).toEqual([1, 2, 5, 10]);
    expect(bands.newInfections.mean[3]).toBeCloseTo((4 + 18 + 1) / 3, 12);
    expect(summary.hourly).toHaveLength(1);
    expect(summary.hourly[0].hour).toBe(START);
    expect(summary.hourly[0].infectedMean).toBe(10);
    for (let m = 0; m < 4; m++) {
      expect(bands.infectedEver.p5[m]).toBeLessThanOrEqual(bands.infectedEver.mean[m]);
      expect(bands.infectedEver.mean[m]).toBeLessThanOrEqual(bands.infectedEver.p95[m]);
    }
  });

  it("refuses members of different lengths and an empty ensemble", () => {
    expect(() => aggregateEnsemble([])).toThrow(RangeError);
    expect(() => aggregateEnsemble([members[0], member(1, [1, 2], [1, 2])])).toThrow(RangeError);
  });
});
