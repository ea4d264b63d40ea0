import { describe, expect, it } from "vitest";
import {
  logisticMidpointHours,
  logisticProbesPerSecond,
  logisticRatePerHour,
  logisticSolveRk4,
  logisticValue,
} from "./logistic.ts";

describe("logistic (random constant spread)", () => {
  it("closed form and RK4 agree within 1e-6", () => {
    const k = 1.8;
    const a0 = 1 / 360_000;
    const times = Array.from({ length: 15 }, (_, i) => i);
    const numeric = logisticSolveRk4(k, a0, times);
    const params = { ratePerHour: k, midpointHours: logisticMidpointHours(a0, k) };
    let worst = 0;
    times.forEach(
      (t, i) => (worst = Math.max(worst, Math.abs(numeric[i] - logisticValue(params, t)))),
    );
    expect(worst).toBeLessThan(1e-6);
    expect(numeric[14]).toBeGreaterThan(0.99);
  });

  it("K = r N / 2^32: about 6 probes/s give K = 1.8/h for N = 360,000", () => {
    expect(logisticProbesPerSecond(1.8, 360_000)).toBeCloseTo(5.965, 3);
    expect(logisticRatePerHour(10, 300_000)).toBeCloseTo(2.51, 2); // Staniford et al. quote 2.6
    expect(logisticRatePerHour(logisticProbesPerSecond(1.8, 1e5), 1e5)).toBeCloseTo(1.8, 12);
  });

  it("does not overflow far from the midpoint", () => {
    const p = { ratePerHour: 50, midpointHours: 0, saturation: 10 };
    expect(logisticValue(p, -100)).toBe(0);
    expect(logisticValue(p, 100)).toBe(10);
    expect(logisticValue(p, 0)).toBe(5);
  });
});
