import { describe, expect, it } from "vitest";
import { logisticMidpointHours, logisticValue } from "./logistic.ts";
import { solveTwoFactor, TWO_FACTOR_DEMO } from "./two-factor.ts";

describe("two-factor model (Zou, Gong, Towsley 2002), published demo parameters", () => {
  const times = Array.from({ length: 101 }, (_, i) => i);
  const sol = solveTwoFactor(TWO_FACTOR_DEMO, times);
  const n = TWO_FACTOR_DEMO.population;

  it("I(t) rises, peaks and declines; Q(t) and J(t) grow; S + I + R + Q = N", () => {
    let peak = 0;
    for (let i = 0; i < times.length; i++) if (sol.infected[i] > sol.infected[peak]) peak = i;
    expect(peak).toBeGreaterThan(15);
    expect(peak).toBeLessThan(50);
    expect(sol.infected[100]).toBeLessThan(0.1 * sol.infected[peak]);
    for (let i = 1; i < times.length; i++) {
      expect(sol.patched[i]).toBeGreaterThanOrEqual(sol.patched[i - 1]);
      expect(sol.everInfected[i]).toBeGreaterThanOrEqual(sol.everInfected[i - 1]);
      const total = sol.susceptible[i] + sol.infected[i] + sol.removed[i] + sol.patched[i];
      expect(Math.abs(total - n)).toBeLessThan(1e-6 * n);
    }
    expect(sol.patched[100]).toBeGreaterThan(0.1 * n);
  });

  it("stays below the simple epidemic: J(t) saturates short of N", () => {
    const simple = {
      ratePerHour: 0.8,
      midpointHours: logisticMidpointHours(1 / n, 0.8),
      saturation: n,
    };
    for (const t of [10, 20, 30, 60])
      expect(sol.everInfected[t]).toBeLessThan(logisticValue(simple, t));
    expect(sol.everInfected[100]).toBeLessThan(0.9 * n);
    expect(sol.everInfected[100]).toBeGreaterThan(0.5 * n);
  });

  it("with no removal, patching or congestion it is the logistic", () => {
    const plain = {
      ...TWO_FACTOR_DEMO,
      removalRatePerHour: 0,
      patchRatePerHour: 0,
      congestionExponent: 0,
    };
    const s = solveTwoFactor(plain, times);
    const simple = {
      ratePerHour: 0.8,
      midpointHours: logisticMidpointHours(1 / n, 0.8),
      saturation: n,
    };
    for (const t of [10, 20, 30])
      expect(s.infected[t] / logisticValue(simple, t)).toBeCloseTo(1, 6);
  });
});
