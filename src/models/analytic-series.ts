/**
 * The three analytic models solved for one preset, as named series ready to chart or compare with a
 * stochastic run (which adds one more series of the same shape).
 */
import { solveAawp } from "./aawp.ts";
import { IPV4_ADDRESS_COUNT, logisticMidpointHours, logisticSeries } from "./logistic.ts";
import type { AnalyticPreset } from "./presets-analytic.ts";
import { solveTwoFactor, TWO_FACTOR_DEMO, type TwoFactorParams } from "./two-factor.ts";

/** A named curve of a count over time. */
export interface NamedSeries {
  name: string;
  /** What `values` count, e.g. "infected hosts". */
  unit: string;
  /** Hours since the preset's start. */
  timesHours: Float64Array;
  values: Float64Array;
}

/** Two-factor parameters for a preset: the published demo's shape with time rescaled to its K. */
export function twoFactorParamsFor(preset: AnalyticPreset): TwoFactorParams {
  const scale = preset.ratePerHour / TWO_FACTOR_DEMO.contactRatePerHour;
  return {
    population: preset.vulnerableHosts,
    initialInfected: preset.initialInfected,
    contactRatePerHour: preset.ratePerHour,
    removalRatePerHour: TWO_FACTOR_DEMO.removalRatePerHour * scale,
    patchRatePerHour: TWO_FACTOR_DEMO.patchRatePerHour * scale,
    congestionExponent: TWO_FACTOR_DEMO.congestionExponent,
  };
}

/** AAWP scans per minute per host giving the preset's K: s = K 2^32 / (60 N). */
export function aawpScansPerMinuteFor(preset: AnalyticPreset): number {
  return (preset.ratePerHour * IPV4_ADDRESS_COUNT) / (60 * preset.vulnerableHosts);
}

/**
 * Logistic, two-factor (I + R and I) and AAWP (one-minute steps, linearly interpolated) at
 * `timesHours` (hours since the preset's start, non-decreasing, >= 0).
 */
export function analyticSeries(
  preset: AnalyticPreset,
  timesHours: ArrayLike<number>,
): NamedSeries[] {
  const times = Float64Array.from(timesHours);
  const unit = "infected hosts";
  const n = preset.vulnerableHosts;
  const logistic = logisticSeries(
    {
      ratePerHour: preset.ratePerHour,
      midpointHours: logisticMidpointHours(preset.initialInfected / n, preset.ratePerHour),
      saturation: n,
    },
    times,
  );
  const twoFactor = solveTwoFactor(twoFactorParamsFor(preset), [0, ...times]);
  const lastMinute = Math.ceil(60 * (times.length > 0 ? times[times.length - 1] : 0));
  const aawp = solveAawp(
    {
      vulnerableHosts: n,
      scansPerStep: aawpScansPerMinuteFor(preset),
      initialInfected: preset.initialInfected,
    },
    lastMinute + 1,
  );
  const aawpAt = times.map((t) => {
    const minute = Math.floor(60 * t);
    const f = 60 * t - minute;
    return aawp[minute] * (1 - f) + aawp[minute + 1] * f;
  });
  return [
    { name: "Logistic (random constant spread)", unit, timesHours: times, values: logistic },
    {
      name: "Two-factor: ever infected (I+R)",
      unit,
      timesHours: times,
      values: twoFactor.everInfected.slice(1),
    },
    {
      name: "Two-factor: infectious (I)",
      unit,
      timesHours: times,
      values: twoFactor.infected.slice(1),
    },
    { name: "AAWP (1-minute steps)", unit, timesHours: times, values: aawpAt },
  ];
}
