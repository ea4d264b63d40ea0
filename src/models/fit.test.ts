import { describe, expect, it } from "vitest";
import { createRng } from "../core/rng.ts";
import { createSamplers } from "../core/samplers.ts";
import { fitTwoFactor } from "./fit-two-factor.ts";
import { fitLogistic } from "./fit.ts";
import { solveTwoFactor, TWO_FACTOR_DEMO } from "./two-factor.ts";

const TRUE_K_PER_HOUR = 1.8;
const HOSTS = 360_000;

/**
 * A random-constant-spread outbreak as a chain binomial: each minute every susceptible host is
 * infected with the probability that makes the expected step follow the logistic flow exactly; every
 * 5 minutes a telescope sees each infected host with probability 0.9 (observation noise).
 */
function simulateOutbreak(seed: number): { timesHours: number[]; observed: number[] } {
  const draw = createSamplers(createRng(seed).fork("random-constant-spread"));
  const growth = Math.expm1(TRUE_K_PER_HOUR / 60);
  let infected = 10;
  const timesHours: number[] = [];
  const observed: number[] = [];
  for (let minute = 0; minute <= 12 * 60; minute++) {
    if (minute % 5 === 0) {
      timesHours.push(minute / 60);
      observed.push(draw.binomial(infected, 0.9));
    }
    const p = (infected * growth) / (HOSTS + infected * growth);
    infected += draw.binomial(HOSTS - infected, p);
  }
  return { timesHours, observed };
}

describe("fitLogistic", () => {
  it("recovers K within 5% from a stochastic outbreak, and the 95% CI covers the truth", () => {
    const { timesHours, observed } = simulateOutbreak(20010719);
    const fit = fitLogistic(timesHours, observed);
    expect(fit.converged).toBe(true);
    expect(Math.abs(fit.ratePerHour.value - TRUE_K_PER_HOUR) / TRUE_K_PER_HOUR).toBeLessThan(0.05);
    expect(fit.ratePerHour.ci95[0]).toBeLessThanOrEqual(TRUE_K_PER_HOUR);
    expect(fit.ratePerHour.ci95[1]).toBeGreaterThanOrEqual(TRUE_K_PER_HOUR);
    expect(Math.abs(fit.saturation.value / (0.9 * HOSTS) - 1)).toBeLessThan(0.01);
  });

  it("covers the truth in most of 20 seeded outbreaks (increments), unlike a fit to levels", () => {
    let covered = 0;
    let coveredByLevels = 0;
    for (let seed = 1; seed <= 20; seed++) {
      const { timesHours, observed } = simulateOutbreak(seed);
      const [lo, hi] = fitLogistic(timesHours, observed).ratePerHour.ci95;
      if (lo <= TRUE_K_PER_HOUR && TRUE_K_PER_HOUR <= hi) covered++;
      const levels = fitLogistic(timesHours, observed, { method: "levels" }).ratePerHour.ci95;
      if (levels[0] <= TRUE_K_PER_HOUR && TRUE_K_PER_HOUR <= levels[1]) coveredByLevels++;
    }
    expect(covered).toBeGreaterThanOrEqual(17);
    expect(coveredByLevels).toBeLessThan(covered);
  });

  it("fits exact data exactly, from poor starting data (no 90% crossing), with N held", () => {
    const times = Array.from({ length: 30 }, (_, i) => i / 4);
    const truth = (t: number) => 1000 / (1 + Math.exp(-2.5 * (t - 6)));
    const values = times.map(truth);
    const fit = fitLogistic(times, values, { method: "levels" });
    expect(fit.ratePerHour.value).toBeCloseTo(2.5, 6);
    expect(fit.midpointHours.value).toBeCloseTo(6, 6);
    const held = fitLogistic(times, values, { saturation: 1000 });
    expect(held.saturation.fixed).toBe(true);
    expect(held.ratePerHour.value).toBeCloseTo(2.5, 6);
  });

  it("refuses too few points", () => {
    expect(() => fitLogistic([0, 1, 2], [1, 2, 3])).toThrow(/at least/);
  });
});

describe("fitLogistic on data that do not grow (issue 15)", () => {
  it("does not report a negative K as converged", () => {
    const ys = [100, 5000, 100, 5000, 100, 4000, 100, 3000];
    const fit = fitLogistic(
      ys.map((_, t) => t),
      ys,
      { method: "levels" },
    );
    expect(fit.ratePerHour.value).toBeLessThan(0);
    expect(fit.converged).toBe(false);
  });
});

describe("fitTwoFactor", () => {
  it("recovers the demo parameters from a noisy two-factor series", () => {
    const times = Array.from({ length: 61 }, (_, i) => i);
    const truth = solveTwoFactor(TWO_FACTOR_DEMO, times).everInfected;
    const draw = createSamplers(createRng(7).fork("two-factor-noise"));
    const observed = Array.from(truth, (j) => draw.poisson(j));
    const fit = fitTwoFactor(times, observed, { population: TWO_FACTOR_DEMO.population });
    expect(fit.contactRatePerHour.value).toBeCloseTo(0.8, 1);
    expect(fit.removalRatePerHour.value).toBeGreaterThan(0.03);
    expect(fit.removalRatePerHour.value).toBeLessThan(0.07);
    const [lo, hi] = fit.contactRatePerHour.ci95;
    expect(lo).toBeLessThanOrEqual(0.8);
    expect(hi).toBeGreaterThanOrEqual(0.8);
  });
});
