import { describe, expect, it } from "vitest";
import { AAWP_CODE_RED_V2, aawpEarlyGrowthPerStep, hitProbability, solveAawp } from "./aawp.ts";
import { logisticRatePerHour } from "./logistic.ts";

describe("AAWP (Chen, Gao, Kwiat 2003), Code Red v2 example", () => {
  const minutesPerDay = 24 * 60;
  const n = solveAawp(AAWP_CODE_RED_V2, minutesPerDay);

  it("reaches 99% of M = 360,000 within a day, and never exceeds M", () => {
    const reached = n.findIndex((x) => x >= 0.99 * 360_000);
    expect(reached).toBeGreaterThan(0);
    expect(reached).toBeLessThan(minutesPerDay);
    expect(Math.max(...n)).toBeLessThanOrEqual(360_000);
    expect(n[minutesPerDay]).toBeGreaterThan(359_990);
  });

  it("grows early at the logistic K of s = 358 scans/min, within 2%", () => {
    // K = r N / 2^32 with r = 358/60 probes/s: 1.8004 per hour. The one-minute map grows by
    // ln(1 + s M / 2^32) per step, 1.5% below K; the measured growth must match both.
    const k = logisticRatePerHour(358 / 60, 360_000);
    expect(k).toBeCloseTo(1.8, 2);
    const measuredPerHour = Math.log(n[180] / n[120]); // over 60 one-minute steps
    expect(Math.abs(measuredPerHour - k) / k).toBeLessThan(0.02);
    expect(measuredPerHour).toBeCloseTo(60 * aawpEarlyGrowthPerStep(AAWP_CODE_RED_V2), 3);
  });

  it("computes 1 - (1 - 2^-32)^x without cancellation", () => {
    expect(hitProbability(1)).toBeCloseTo(2 ** -32 / 1, 20);
    expect(hitProbability(1) / 2 ** -32).toBeCloseTo(1, 9);
    expect(hitProbability(2 ** 32)).toBeCloseTo(1 - Math.exp(-1), 9);
  });

  it("declines with death and patching", () => {
    const m = solveAawp(
      { ...AAWP_CODE_RED_V2, deathRatePerStep: 0.001, patchRatePerStep: 0.001 },
      3 * minutesPerDay,
    );
    let peak = 0;
    for (const x of m) peak = Math.max(peak, x);
    expect(m[3 * minutesPerDay]).toBeLessThan(0.5 * peak);
  });
});
