import { describe, expect, it } from "vitest";
import { createRng } from "./rng.ts";
import { createSamplers } from "./samplers.ts";

function meanVar(xs: number[]): [number, number] {
  const m = xs.reduce((a, b) => a + b, 0) / xs.length;
  const v = xs.reduce((a, b) => a + (b - m) ** 2, 0) / (xs.length - 1);
  return [m, v];
}

describe("samplers", () => {
  const s = createSamplers(createRng(11));
  const n = 20_000;

  it("exponential has mean 1/rate (5 standard errors)", () => {
    const [m] = meanVar(Array.from({ length: n }, () => s.exponential(4)));
    expect(Math.abs(m - 0.25)).toBeLessThan((5 * 0.25) / Math.sqrt(n));
    expect(s.exponential(0)).toBe(Infinity);
  });

  it.each([0.7, 12, 40, 1e6])("poisson(%d) has mean and variance equal to the mean", (mu) => {
    const [m, v] = meanVar(Array.from({ length: n }, () => s.poisson(mu)));
    expect(Math.abs(m - mu)).toBeLessThan(5 * Math.sqrt(mu / n));
    expect(Math.abs(v / mu - 1)).toBeLessThan(0.06);
  });

  it.each([
    [10, 0.3],
    [1000, 0.02],
    [2 ** 32, 1e-6],
  ])("binomial(%d, %d) has mean np and variance np(1-p)", (trials, p) => {
    const [m, v] = meanVar(Array.from({ length: n }, () => s.binomial(trials, p)));
    const mu = trials * p;
    const sigma2 = mu * (1 - p);
    expect(Math.abs(m - mu)).toBeLessThan(5 * Math.sqrt(sigma2 / n));
    expect(Math.abs(v / sigma2 - 1)).toBeLessThan(0.06);
  });

  it("binomial draws over the whole IPv4 space stay in range (no O(n) path)", () => {
    for (let i = 0; i < 100; i++) {
      const k = s.binomial(2 ** 32, 2 ** -8);
      expect(k).toBeGreaterThan(2 ** 24 - 10 * 4096);
      expect(k).toBeLessThan(2 ** 24 + 10 * 4096);
    }
    expect(s.binomial(0, 0.5)).toBe(0);
    expect(s.binomial(5, 1)).toBe(5);
  });
});
