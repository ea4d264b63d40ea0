import { describe, expect, it } from "vitest";
import { kolmogorovSurvival, ksTwoSample } from "./ks.ts";

// Reference values from SciPy 1.17 (scipy.stats.ks_2samp(method="exact"), scipy.stats.kstwobign.sf).
const x = [
  0.00123, 0.298746, -0.274138, -0.890592, -0.454671, -0.991647, 0.060144, 1.340215, -0.492207,
  -0.620475, 0.489842, 0.356887, 0.105414, -0.930468, -0.029252, 0.695303, -1.344215, -0.457616,
  -1.901223, -1.289538, -1.841735, -0.235091, -1.267446, 0.271264, 0.156751, -0.186931, -2.51676,
  -0.538693, -0.048501, 0.113309,
];
const y = [
  -1.030136, 0.022247, -0.478519, -0.308837, 1.560899, -0.307535, 0.467478, 1.38439, -0.0836,
  0.388298, 0.610464, 0.563782, -0.725056, 0.57614, 1.858823, -1.047145, 1.359383, 0.619354,
  -0.14147, 2.500417, 1.26226, -0.699289, 0.574516, 1.07669, 0.311218,
];

describe("two-sample Kolmogorov-Smirnov test", () => {
  it("matches SciPy's exact p-value (n = 30, m = 25)", () => {
    const r = ksTwoSample(x, y, "exact");
    expect(r.statistic).toBeCloseTo(0.4666666666666667, 12);
    expect(r.pValue).toBeCloseTo(0.0033160341600167085, 10);
    expect(ksTwoSample(y, x).pValue).toBeCloseTo(r.pValue, 12);
  });

  it("gives the textbook exact values for separated samples", () => {
    expect(ksTwoSample([1, 2, 3], [4, 5, 6]).pValue).toBeCloseTo(2 / 20, 12);
    expect(ksTwoSample([1, 2, 3, 4, 5], [6, 7, 8, 9, 10]).pValue).toBeCloseTo(2 / 252, 12);
    const same = ksTwoSample([1, 2, 3], [1, 2, 3]);
    expect(same.statistic).toBe(0);
    expect(same.pValue).toBe(1);
  });

  it("conditions on ties (brute force over the 20 arrangements: 8 have D >= 2/3)", () => {
    const r = ksTwoSample([1, 1, 2], [1, 3, 3], "exact");
    expect(r.statistic).toBeCloseTo(2 / 3, 12);
    expect(r.pValue).toBeCloseTo(8 / 20, 12);
  });

  it("treats infinite values (thresholds never reached) as ties at the top", () => {
    const r = ksTwoSample([1, 2, Infinity, Infinity], [3, 4, Infinity, Infinity]);
    expect(r.statistic).toBeCloseTo(0.5, 12);
    expect(() => ksTwoSample([NaN], [1])).toThrow(RangeError);
  });

  it("Kolmogorov's limit law matches SciPy's kstwobign.sf", () => {
    expect(kolmogorovSurvival(0.5)).toBeCloseTo(0.96394524, 7);
    expect(kolmogorovSurvival(1.0)).toBeCloseTo(0.26999967, 7);
    expect(kolmogorovSurvival(1.3581)).toBeCloseTo(0.04999963, 7);
    expect(kolmogorovSurvival(1.6276)).toBeCloseTo(0.01000154, 7);
  });

  it("the exact and asymptotic p-values agree at n = m = 200 (within 0.001)", () => {
    // Shifted samples on a fine grid: D = 0.175 gives exact p 0.0043 (SciPy: 0.004305).
    const a = Array.from({ length: 200 }, (_, i) => i);
    const b = Array.from({ length: 200 }, (_, i) => i + 34.5);
    const exact = ksTwoSample(a, b, "exact");
    const asymptotic = ksTwoSample(a, b, "asymptotic");
    expect(exact.statistic).toBeCloseTo(0.175, 12);
    expect(exact.pValue).toBeCloseTo(0.004304993380033157, 8);
    expect(Math.abs(exact.pValue - asymptotic.pValue)).toBeLessThan(0.001);
  });
});
