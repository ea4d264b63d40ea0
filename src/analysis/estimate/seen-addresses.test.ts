import { describe, expect, it } from "vitest";
import { createRng, type Rng } from "../../core/rng.ts";
import { cappedLognormalScale } from "../../core/stats/capped-lognormal.ts";
import { expectedAddressesSeen, meanOverRateMultiplier, seenPerHost } from "./seen-addresses.ts";

/** A mean-1 lognormal multiplier, drawn as the simulator draws it (Box-Muller, one value). */
function multiplier(rng: Rng, sigma: number): number {
  const z = Math.sqrt(-2 * Math.log(1 - rng.next())) * Math.cos(2 * Math.PI * rng.next());
  return Math.exp(-(sigma * sigma) / 2 + sigma * z);
}

/** Monte Carlo mean and standard error of f over n draws of g. */
function monteCarlo(n: number, draw: () => number): { mean: number; se: number } {
  let sum = 0;
  let sum2 = 0;
  for (let i = 0; i < n; i++) {
    const x = draw();
    sum += x;
    sum2 += x * x;
  }
  const mean = sum / n;
  return { mean, se: Math.sqrt(Math.max(0, sum2 / n - mean * mean) / n) };
}

describe("meanOverRateMultiplier", () => {
  it("has the lognormal's moments: E[m] = 1, E[m^2] = e^(sigma^2)", () => {
    for (const sigma of [0.5, 0.93, 1.5]) {
      expect(meanOverRateMultiplier(sigma, (m) => m)).toBeCloseTo(1, 10);
      // relative 1e-6: the quadrature stops at z = 8, where the simulator clips its draws
      const second = meanOverRateMultiplier(sigma, (m) => m * m);
      expect(Math.abs(second / Math.exp(sigma ** 2) - 1)).toBeLessThan(1e-6);
    }
    expect(meanOverRateMultiplier(0, (m) => m * 7)).toBe(7);
  });

  it("agrees with a Monte Carlo of the same formula, 1 - e^(-m lambda), within 4 SE", () => {
    const rng = createRng(20010719).fork("seen-quadrature");
    // (beyond ~50 the misses are too rare for 200,000 draws to estimate their mean or its SE)
    for (const lambda of [1e-3, 0.1, 1, 5, 20]) {
      const f = (m: number): number => -Math.expm1(-m * lambda);
      const quad = meanOverRateMultiplier(0.93, f);
      const mc = monteCarlo(200_000, () => f(multiplier(rng, 0.93)));
      expect(Math.abs(quad - mc.mean)).toBeLessThan(4 * mc.se + 1e-12);
    }
  });

  it("with a cap, averages over the simulator's capped lognormal: mean 1, and a Monte Carlo agrees", () => {
    const rng = createRng(20010720).fork("seen-quadrature-capped");
    const [sigma, cap] = [1.4, 25];
    // to ~1e-5: the trapezoid rule meets the cap's kink between two nodes
    expect(meanOverRateMultiplier(sigma, (m) => m, cap)).toBeCloseTo(1, 5);
    expect(meanOverRateMultiplier(sigma, (m) => (m > cap ? 1 : 0), cap)).toBe(0);
    const scale = cappedLognormalScale(sigma, cap);
    for (const lambda of [1e-3, 0.1, 1, 5]) {
      const f = (m: number): number => -Math.expm1(-m * lambda);
      const quad = meanOverRateMultiplier(sigma, f, cap);
      const mc = monteCarlo(200_000, () => f(Math.min(cap, scale * multiplier(rng, sigma))));
      expect(Math.abs(quad - mc.mean)).toBeLessThan(4 * mc.se + 1e-12);
    }
  });

  it("makes a host less likely to be seen than at the mean rate (Jensen), more so as sigma grows", () => {
    const f = (m: number): number => -Math.expm1(-m * 2);
    const at = (sigma: number): number => meanOverRateMultiplier(sigma, f);
    expect(at(0.86)).toBeLessThan(at(0));
    expect(at(0.99)).toBeLessThan(at(0.86));
  });
});

describe("expectedAddressesSeen", () => {
  it("has the closed-form limits: no moves, no hits, every address seen", () => {
    expect(expectedAddressesSeen(0.7, 0)).toBe(-Math.expm1(-0.7));
    expect(expectedAddressesSeen(1e-9, 3)).toBeCloseTo(1e-9, 15);
    expect(expectedAddressesSeen(1e9, 2.5)).toBeCloseTo(3.5, 6);
    // tiny moves: continuous at 0 (the series branch)
    expect(expectedAddressesSeen(0.7, 1e-6)).toBeCloseTo(-Math.expm1(-0.7), 6);
  });

  it("agrees with a Monte Carlo of moving hosts within 4 SE", () => {
    const rng = createRng(20010801).fork("seen-churn");
    const exp = (rate: number): number => -Math.log(1 - rng.next()) / rate;
    for (const [hits, moves] of [
      [0.05, 1.2],
      [1, 0.05],
      [3, 1.2],
      [20, 12],
      [0.5, 200],
    ]) {
      // window [0, 1]: moves at rate `moves`, hits at rate `hits`; count addresses with a hit
      const mc = monteCarlo(100_000, () => {
        let seen = 0;
        let start = 0;
        for (;;) {
          const end = Math.min(1, start + exp(moves));
          if (rng.next() < -Math.expm1(-hits * (end - start))) seen++;
          if (end >= 1) return seen;
          start = end;
        }
      });
      const exact = expectedAddressesSeen(hits, moves);
      expect(Math.abs(exact - mc.mean)).toBeLessThan(4 * mc.se);
    }
  });
});

describe("seenPerHost", () => {
  const churn = { rateSigma: 0.93, dynamicShare: 0.5, movesPerHostPerHour: 0.05 };
  const still = { ...churn, dynamicShare: 0 };

  it("without churn counts each seen host once; with it, up to 1 + f k T addresses", () => {
    for (const hits of [0.01, 5, 1e4]) {
      const a = seenPerHost(hits, 86400, still);
      const b = seenPerHost(hits, 86400, churn);
      expect(a.addressesSeen).toBe(a.seenProbability);
      expect(b.seenProbability).toBe(a.seenProbability);
      expect(b.addressesSeen).toBeGreaterThan(a.addressesSeen);
      expect(b.addressesSeen).toBeLessThan(1 + 0.5 * 0.05 * 24);
    }
    // a host that rarely hits the server shows at most one address whether it moves or not
    const rare = seenPerHost(0.01, 86400, churn);
    expect(rare.addressesSeen / rare.seenProbability).toBeCloseTo(1, 2);
    // one seen throughout shows all of them
    expect(seenPerHost(1e4, 86400, churn).addressesSeen).toBeCloseTo(1 + 0.5 * 0.05 * 24, 2);
  });
});
