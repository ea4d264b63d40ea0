import { describe, expect, it } from "vitest";
import { createRng } from "../core/rng.ts";
import {
  cappedLognormalMean,
  cappedLognormalScale,
  rateMultipliers,
  shareAtCap,
  type RateHeterogeneity,
} from "./host-traits.ts";

const stream = (seed: number) => createRng(seed).fork("rate-multipliers");

function meanAndSd(x: Float64Array): [number, number] {
  let s = 0;
  for (const v of x) s += v;
  const mean = s / x.length;
  let q = 0;
  for (const v of x) q += (v - mean) ** 2;
  return [mean, Math.sqrt(q / (x.length - 1))];
}

/** E[min(s L, cap)] by the midpoint rule over the normal deviate (z in -12..12). */
function meanByQuadrature(sigma: number, scale: number, cap: number): number {
  const steps = 200_000;
  const dz = 24 / steps;
  let sum = 0;
  for (let k = 0; k < steps; k++) {
    const z = -12 + (k + 0.5) * dz;
    const m = Math.min(cap, scale * Math.exp(-(sigma * sigma) / 2 + sigma * z));
    sum += (m * Math.exp(-(z * z) / 2) * dz) / Math.sqrt(2 * Math.PI);
  }
  return sum;
}

describe("rateMultipliers", () => {
  it("keeps the uncapped draws: the first values of a seeded stream are pinned", () => {
    // Values of the version before the cap existed (seed 7, sigma 0.93).
    const m = rateMultipliers(4, { distribution: "lognormal", sigma: 0.93 }, stream(7));
    expect(Array.from(m ?? [])).toEqual([
      1.268102444834518, 0.3502050516438855, 0.4650107029863948, 0.1685116512126552,
    ]);
  });

  it("is the homogeneous model (null) at sigma 0 or without a spec, cap or not", () => {
    expect(rateMultipliers(10, undefined, stream(1))).toBeNull();
    expect(rateMultipliers(10, { distribution: "lognormal", sigma: 0 }, stream(1))).toBeNull();
    const capped = { distribution: "lognormal", sigma: 0, maxMultiplier: 5 } as const;
    expect(rateMultipliers(10, capped, stream(1))).toBeNull();
  });

  it("a cap uses the same deviates: capped = min(cap, s x uncapped), host by host", () => {
    const sigma = 1.1;
    const cap = 6;
    const free = rateMultipliers(20_000, { distribution: "lognormal", sigma }, stream(3));
    const capped = rateMultipliers(
      20_000,
      { distribution: "lognormal", sigma, maxMultiplier: cap },
      stream(3),
    );
    const s = cappedLognormalScale(sigma, cap);
    expect(s).toBeGreaterThan(1);
    for (let h = 0; h < 20_000; h++) {
      const want = Math.min(cap, s * (free?.[h] ?? Number.NaN));
      expect(Math.abs((capped?.[h] ?? Number.NaN) - want)).toBeLessThanOrEqual(1e-12 * want);
    }
  });

  const CASES: readonly RateHeterogeneity[] = [
    { distribution: "lognormal", sigma: 0.93, maxMultiplier: 4 },
    { distribution: "lognormal", sigma: 1.2, maxMultiplier: 10 },
    { distribution: "lognormal", sigma: 2, maxMultiplier: 1.5 },
  ];
  for (const spec of CASES) {
    it(`sigma ${spec.sigma}, cap ${spec.maxMultiplier}: mean 1 within 4 standard errors, none above the cap`, () => {
      const n = 200_000;
      const m = rateMultipliers(n, spec, stream(11));
      if (!m) throw new Error("expected multipliers");
      const [mean, sd] = meanAndSd(m);
      expect(Math.abs(mean - 1)).toBeLessThan((4 * sd) / Math.sqrt(n));
      const cap = spec.maxMultiplier ?? Infinity;
      let atCap = 0;
      let largest = 0;
      for (const v of m) {
        largest = Math.max(largest, v);
        if (v === cap) atCap++;
      }
      expect(largest).toBe(cap);
      // The share at the cap is binomial around its closed form.
      const p = shareAtCap(spec.sigma, cap);
      expect(Math.abs(atCap / n - p)).toBeLessThan(4 * Math.sqrt((p * (1 - p)) / n));
    });
  }
});

describe("cappedLognormalMean and cappedLognormalScale", () => {
  it("the closed-form mean matches quadrature", () => {
    for (const [sigma, scale, cap] of [
      [0.93, 1, 5],
      [0.5, 1.3, 2],
      [1.5, 2.2, 30],
      [2.5, 1, 1.2],
    ]) {
      expect(cappedLognormalMean(sigma, scale, cap)).toBeCloseTo(
        meanByQuadrature(sigma, scale, cap),
        9,
      );
    }
  });

  it("the scale gives mean 1 to 1e-12, and tends to 1 as the cap grows", () => {
    for (const sigma of [0.3, 0.93, 1.5, 3]) {
      for (const cap of [1.01, 2, 8, 50, 1e4]) {
        const s = cappedLognormalScale(sigma, cap);
        expect(s).toBeGreaterThanOrEqual(1);
        expect(Math.abs(cappedLognormalMean(sigma, s, cap) - 1)).toBeLessThan(1e-12);
      }
    }
    expect(cappedLognormalScale(0.93, 1e6)).toBeCloseTo(1, 12);
  });

  it("rejects a cap at or below 1 or not finite", () => {
    for (const cap of [1, 0.5, -2, Number.NaN, Infinity]) {
      expect(() => cappedLognormalScale(0.9, cap)).toThrow(RangeError);
      expect(() =>
        rateMultipliers(
          3,
          { distribution: "lognormal", sigma: 0.9, maxMultiplier: cap },
          stream(1),
        ),
      ).toThrow(RangeError);
    }
  });
});
