import { describe, expect, it } from "vitest";
import { createRng } from "./rng.ts";
import { createSamplers } from "./samplers.ts";
import { normalSurvival } from "./stats/normal.ts";
import { logFactorial, PTRS_MIN_MEAN, zeroTruncatedPoisson } from "./zero-truncated-poisson.ts";

/** P(K = k | K >= 1) for k = 0..kMax under Poisson(mean), by the pmf's own recursion. */
function ztpPmf(mean: number, kMax: number): number[] {
  const p = [0];
  let pk = Math.exp(-mean) / -Math.expm1(-mean);
  for (let k = 1; k <= kMax; k++) {
    pk *= mean / k;
    p.push(pk);
  }
  return p;
}

/**
 * Pearson's chi-square of `counts` (index = value) against the pmf, cells pooled from the top so
 * that every cell expects at least 5; upper-tail p by Wilson-Hilferty.
 */
function chiSquareP(counts: number[], pmf: number[], n: number): number {
  const cells: [number, number][] = [];
  let observed = 0;
  let expected = 0;
  for (let k = pmf.length - 1; k >= 1; k--) {
    observed += counts[k] ?? 0;
    expected += n * pmf[k];
    if (expected >= 5) {
      cells.push([observed, expected]);
      observed = 0;
      expected = 0;
    }
  }
  // What is left (expected < 5) joins the last cell; values past kMax count in the top cell.
  cells[cells.length - 1][0] += observed;
  cells[cells.length - 1][1] += expected;
  cells[0][0] += counts.slice(pmf.length).reduce((a, b) => a + (b ?? 0), 0);
  const x2 = cells.reduce((a, [o, e]) => a + (o - e) ** 2 / e, 0);
  const df = cells.length - 1;
  if (df < 1) return 1;
  const z = (Math.cbrt(x2 / df) - (1 - 2 / (9 * df))) / Math.sqrt(2 / (9 * df));
  return normalSurvival(z);
}

function draws(seed: number, mean: number, n: number): number[] {
  const s = createSamplers(createRng(seed));
  const counts: number[] = [];
  for (let i = 0; i < n; i++) {
    const k = zeroTruncatedPoisson(s, mean);
    counts[k] = (counts[k] ?? 0) + 1;
  }
  return counts;
}

describe("zeroTruncatedPoisson", () => {
  const n = 400_000;
  const means = [1e-3, 0.3, 1, 2.5, 7, PTRS_MIN_MEAN - 1e-9, PTRS_MIN_MEAN, 13.7, 30, 120];

  it.each(means)("mean %d: counts match the exact pmf (chi-square p > 1e-4)", (mean) => {
    const kMax = Math.ceil(mean + 12 * Math.sqrt(mean) + 15);
    const counts = draws(7, mean, n);
    expect(counts[0] ?? 0).toBe(0);
    expect(chiSquareP(counts, ztpPmf(mean, kMax), n)).toBeGreaterThan(1e-4);
  });

  it.each([2.5, 9, 10, 13.7, 30])(
    "mean %d: the same test rejects draws at a mean 3% off (p < 1e-6)",
    (mean) => {
      const kMax = Math.ceil(mean + 12 * Math.sqrt(mean) + 15);
      const counts = draws(8, mean * 1.03, n);
      expect(chiSquareP(counts, ztpPmf(mean, kMax), n)).toBeLessThan(1e-6);
    },
  );

  it("the PTRS branch has the Poisson mean and variance (conditioned on k >= 1)", () => {
    const mean = 17;
    const s = createSamplers(createRng(9));
    let sum = 0;
    let sum2 = 0;
    for (let i = 0; i < n; i++) {
      const k = zeroTruncatedPoisson(s, mean);
      sum += k;
      sum2 += k * k;
    }
    const q = -Math.expm1(-mean);
    const m = mean / q;
    const v = (mean + mean * mean) / q - m * m;
    expect(Math.abs(sum / n - m)).toBeLessThan(5 * Math.sqrt(v / n));
    expect(Math.abs((sum2 / n - (sum / n) ** 2) / v - 1)).toBeLessThan(0.03);
  });

  it("logFactorial matches summed logarithms on both sides of the table", () => {
    let direct = 0;
    for (let k = 0; k <= 2000; k++) {
      if (k > 0) direct += Math.log(k);
      expect(Math.abs(logFactorial(k) - direct)).toBeLessThanOrEqual(1e-12 * Math.max(1, direct));
    }
  });
});
