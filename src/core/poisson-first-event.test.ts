import { describe, expect, it } from "vitest";
import { createRng } from "./rng.ts";
import { createSamplers, type Samplers } from "./samplers.ts";
import { normalSurvival } from "./stats/normal.ts";
import { firstEventExposure, firstEventExposureGivenOne } from "./poisson-first-event.ts";

/** Poisson(mean) pmf for k = 0..kMax, by its recursion; `truncated`: conditioned on k >= 1. */
function pmf(mean: number, kMax: number, truncated: boolean): number[] {
  let pk = Math.exp(-mean);
  const p = [truncated ? 0 : pk];
  if (truncated) pk /= -Math.expm1(-mean);
  for (let k = 1; k <= kMax; k++) {
    pk *= mean / k;
    p.push(pk);
  }
  return p;
}

/**
 * Pearson's chi-square of `counts` (index = value) against the pmf, cells pooled from the top so
 * that each expects at least 5 (values past the pmf's end count in the top cell); upper-tail p by
 * Wilson-Hilferty.
 */
function chiSquareP(counts: readonly number[], p: readonly number[], n: number): number {
  const cells: [number, number][] = [];
  let observed = counts.slice(p.length).reduce((a, b) => a + (b ?? 0), 0);
  let expected = 0;
  for (let k = p.length - 1; k >= 0; k--) {
    observed += counts[k] ?? 0;
    expected += n * p[k];
    if (expected >= 5) {
      cells.push([observed, expected]);
      observed = 0;
      expected = 0;
    }
  }
  cells[cells.length - 1][0] += observed;
  cells[cells.length - 1][1] += expected;
  const x2 = cells.reduce((a, [o, e]) => a + (o - e) ** 2 / e, 0);
  const df = cells.length - 1;
  const z = (Math.cbrt(x2 / df) - (1 - 2 / (9 * df))) / Math.sqrt(2 / (9 * df));
  return normalSurvival(z);
}

/** A Poisson(e) count drawn split at its first event (0 when none). */
function splitCount(s: Samplers, e: number): number {
  const x = firstEventExposure(s.uniform());
  return x < e ? 1 + s.poisson(e - x) : 0;
}

/** A zero-truncated Poisson(e) count drawn split at its first event. */
function splitTruncatedCount(s: Samplers, e: number): number {
  const x = firstEventExposureGivenOne(s.uniform(), e);
  return 1 + s.poisson(Math.max(0, e - x));
}

function histogram(n: number, draw: () => number): number[] {
  const counts: number[] = [];
  for (let i = 0; i < n; i++) {
    const k = draw();
    counts[k] = (counts[k] ?? 0) + 1;
  }
  return counts;
}

const kMaxOf = (mean: number): number => Math.ceil(mean + 12 * Math.sqrt(mean) + 15);

describe("a Poisson count split at its first event", () => {
  const n = 200_000;
  const means = [1e-3, 0.3, 1, 2.5, 7, 13.7, 30];

  it.each(means)("mean %d: 1 + Poisson(e - X) is zero-truncated Poisson (chi-square)", (e) => {
    const s = createSamplers(createRng(7));
    const counts = histogram(n, () => splitTruncatedCount(s, e));
    expect(counts[0] ?? 0).toBe(0);
    expect(chiSquareP(counts, pmf(e, kMaxOf(e), true), n)).toBeGreaterThan(1e-4);
  });

  it.each(means)("mean %d: with X untruncated the count is Poisson (chi-square)", (e) => {
    const s = createSamplers(createRng(8));
    const counts = histogram(n, () => splitCount(s, e));
    expect(chiSquareP(counts, pmf(e, kMaxOf(e), false), n)).toBeGreaterThan(1e-4);
  });

  it.each([1, 2.5, 13.7, 30])("mean %d: the same test rejects a rest of e - X/2", (e) => {
    // The first event placed too early leaves too much after it: the test must see it.
    const s = createSamplers(createRng(9));
    const wrong = (): number => {
      const x = firstEventExposureGivenOne(s.uniform(), e);
      return 1 + s.poisson(e - x / 2);
    };
    expect(chiSquareP(histogram(n, wrong), pmf(e, kMaxOf(e), true), n)).toBeLessThan(1e-6);
  });

  it("pooled rests: seen hosts plus one Poisson of the summed rests is Poisson of the total", () => {
    // Hosts of several exposures, as in one observer hour: each seen with probability 1 - e^-E,
    // the rests pooled into one draw. The total must be Poisson(sum E), and each host's share seen
    // 1 - e^-E.
    const exposures = [0.05, 0.4, 1, 2.5, 4, 9, 16];
    const total = exposures.reduce((a, b) => a + b, 0);
    const s = createSamplers(createRng(10));
    const seen = exposures.map(() => 0);
    const runs = 100_000;
    const counts = histogram(runs, () => {
      let k = 0;
      let rest = 0;
      exposures.forEach((e, j) => {
        const x = firstEventExposure(s.uniform());
        if (x < e) {
          seen[j]++;
          k++;
          rest += e - x;
        }
      });
      return k + s.poisson(rest);
    });
    expect(chiSquareP(counts, pmf(total, kMaxOf(total), false), runs)).toBeGreaterThan(1e-4);
    exposures.forEach((e, j) => {
      const p = -Math.expm1(-e);
      expect(Math.abs(seen[j] / runs - p)).toBeLessThan(5 * Math.sqrt((p * (1 - p)) / runs));
    });
  });

  it("the truncated first event lies in [0, e] even at tiny and large e", () => {
    for (const e of [1e-300, 1e-12, 1e-3, 1, 30, 700, 1e6]) {
      for (const u of [0, 1e-17, 0.5, 1 - 2 ** -53]) {
        const x = firstEventExposureGivenOne(u, e);
        expect(x).toBeGreaterThanOrEqual(0);
        expect(x).toBeLessThanOrEqual(e * (1 + 1e-15));
      }
    }
  });
});
