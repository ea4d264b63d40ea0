/**
 * The agreement suite's statistics: run an engine over fixed seeds, reduce each run to its times to
 * 10%, 50% and 90% of the vulnerable population and its infected curves at checkpoints, then compare
 * two engines: two-sample KS tests on each time (alpha 0.01) and each engine's mean curve inside the
 * other's confidence band at every checkpoint. A configuration may add further statistics (per-worm
 * counts, observer records; see agreement-statistics.ts): scalars compared by KS and curves by bands,
 * as one family at the same levels, Bonferroni-split over its members.
 * @see ../../docs/validation.md
 */
import { ksTwoSample, type KsResult } from "../../src/core/stats/ks.ts";
import { normalSurvival } from "../../src/core/stats/normal.ts";
import { normalQuantile } from "../../src/models/student-t.ts";
import type { EngineInput } from "../../src/sim/engine-input.ts";
import type { EngineResult } from "../../src/sim/engine-result.ts";

/** An engine: input in, result out. */
export type Engine = (input: EngineInput) => EngineResult;

/** Fractions of the vulnerable population whose times are compared. */
export const AGREEMENT_FRACTIONS = [0.1, 0.5, 0.9] as const;

/** Statistics a configuration compares besides the infection times and curves. */
export interface ExtraSample {
  /** Compared by KS, by name. */
  readonly scalars: Readonly<Record<string, number>>;
  /** Compared by bands, by name (one value per checkpoint, e.g. per hour). */
  readonly curves: Readonly<Record<string, readonly number[]>>;
}

/** Reduces a run to its extra statistics. */
export type ExtraStatistics = (result: EngineResult) => ExtraSample;

/** No extra statistics. */
export const NO_EXTRAS: ExtraStatistics = () => ({ scalars: {}, curves: {} });

/** What one run contributes to the comparison. */
export interface RunSample extends ExtraSample {
  /** Seconds to reach each of {@link AGREEMENT_FRACTIONS} (Infinity: not reached). */
  readonly thresholdSeconds: readonly number[];
  /** Ever-infected and infected-now shares of the vulnerable population at each checkpoint. */
  readonly ever: readonly number[];
  readonly infected: readonly number[];
}

/** Hosts not patched at the start that at least one worm of the input can infect. */
export function vulnerableHosts(input: EngineInput): number {
  const p = input.population;
  let n = 0;
  for (let h = 0; h < p.size; h++) {
    if (!p.patched[h] && input.worms.some((w) => !w.def.crashesOs.includes(p.os[h]))) n++;
  }
  return n;
}

/** `count` checkpoint minutes spread evenly over a run of `minutes` minutes (ends of minutes). */
export function checkpointMinutes(minutes: number, count = 20): number[] {
  return Array.from({ length: count }, (_, k) => Math.ceil(((k + 1) * minutes) / count) - 1);
}

/** Reduces a run to its {@link RunSample}. */
export function sampleOf(
  result: EngineResult,
  vulnerable: number,
  checkpoints: number[],
  extras: ExtraStatistics = NO_EXTRAS,
): RunSample {
  const thresholdSeconds = AGREEMENT_FRACTIONS.map((f) => {
    const k = Math.ceil(f * vulnerable);
    return k <= result.everTimes.length ? result.everTimes[k - 1] : Infinity;
  });
  const M = result.minutes;
  const W = result.wormVariants.length;
  const infectedAt = (m: number): number => {
    let s = 0;
    for (let w = 0; w < W; w++) s += result.infectedAtEnd[w * M + m];
    return s;
  };
  return {
    thresholdSeconds,
    ever: checkpoints.map((m) => result.everAtEnd[m] / vulnerable),
    infected: checkpoints.map((m) => infectedAt(m) / vulnerable),
    ...extras(result),
  };
}

/** Runs `engine` on `inputOf(seed)` for every seed. */
export function sampleEngine(
  engine: Engine,
  inputOf: (seed: number) => EngineInput,
  seeds: readonly number[],
  extras: ExtraStatistics = NO_EXTRAS,
  checkpointCount = 20,
): RunSample[] {
  return seeds.map((seed) => {
    const input = inputOf(seed);
    const minutes = Math.ceil((input.endMs - input.startMs) / 60000);
    const result = engine(input);
    const checkpoints = checkpointMinutes(minutes, checkpointCount);
    return sampleOf(result, vulnerableHosts(input), checkpoints, extras);
  });
}

/** One KS comparison of the infection times. */
export interface KsRow extends KsResult {
  readonly fraction: number;
  readonly pass: boolean;
}

/** One KS comparison of an extra statistic, at its Bonferroni share of the level. */
export interface ExtraKsRow extends KsResult {
  readonly name: string;
  readonly alpha: number;
  readonly pass: boolean;
}

/** The band comparison of one curve. */
export interface BandRow {
  readonly curve: string;
  /** Largest |mean_a - mean_b| / (allowed difference) over checkpoints; <= 1 passes. */
  readonly worstRatio: number;
  readonly worstCheckpoint: number;
  /** Bonferroni-adjusted two-sided p-value of the largest standardised mean difference. */
  readonly pValue: number;
  readonly pass: boolean;
}

/** The verdict of one comparison. */
export interface AgreementReport {
  readonly ks: readonly KsRow[];
  readonly bands: readonly BandRow[];
  /** The extra statistics (empty when the configuration has none). */
  readonly extraKs: readonly ExtraKsRow[];
  readonly extraBands: readonly BandRow[];
  readonly pass: boolean;
}

/** Criteria of {@link compareSamples}. */
export interface AgreementCriteria {
  /** Level of each KS test on the times, and family-wise level of the extra KS tests (0.01). */
  readonly alpha?: number;
  /**
   * Family-wise confidence of each band over all checkpoints (default 0.99); the extra curves share
   * 1 - confidence among them.
   */
  readonly bandConfidence?: number;
  /** Absolute slack added to every band, as a share of the vulnerable population (default 0.001). */
  readonly bandSlack?: number;
  /** Absolute slack of the extra curves' bands, in their own unit (default 0.5: they are counts). */
  readonly extraBandSlack?: number;
}

function meanAndError(values: number[]): { mean: number; se: number } {
  const n = values.length;
  const mean = values.reduce((s, v) => s + v, 0) / n;
  const variance = values.reduce((s, v) => s + (v - mean) ** 2, 0) / Math.max(1, n - 1);
  return { mean, se: Math.sqrt(variance / n) };
}

function compareBands(
  a: readonly (readonly number[])[],
  b: readonly (readonly number[])[],
  curve: string,
  confidence: number,
  slack: number,
): BandRow {
  const C = a[0].length;
  // Each engine's band is its mean +- z sqrt(2) se, z Bonferroni over C checkpoints: when the engines
  // agree the difference of the two means has standard error ~ sqrt(2) se, so "each mean inside the
  // other's band at every checkpoint" fails by chance with probability <= 1 - confidence.
  const z = normalQuantile(1 - (1 - confidence) / (2 * C)) * Math.SQRT2;
  let worstRatio = 0;
  let worstCheckpoint = 0;
  let worstZ = 0;
  for (let c = 0; c < C; c++) {
    const x = meanAndError(a.map((s) => s[c]));
    const y = meanAndError(b.map((s) => s[c]));
    const diff = Math.abs(x.mean - y.mean);
    const allowed = z * Math.min(x.se, y.se) + slack;
    const ratio = diff === 0 ? 0 : diff / allowed;
    if (ratio > worstRatio) {
      worstRatio = ratio;
      worstCheckpoint = c;
    }
    const se = Math.hypot(x.se, y.se);
    if (se > 0) worstZ = Math.max(worstZ, diff / se);
  }
  // The same Bonferroni level as the band: p < 1 - confidence when the criterion is decisive.
  const pValue = Math.min(1, 2 * C * normalSurvival(worstZ));
  return { curve, worstRatio, worstCheckpoint, pValue, pass: worstRatio <= 1 };
}

/** Compares samples of two engines with the suite's criteria. */
export function compareSamples(
  a: readonly RunSample[],
  b: readonly RunSample[],
  criteria: AgreementCriteria = {},
): AgreementReport {
  const alpha = criteria.alpha ?? 0.01;
  const ks = AGREEMENT_FRACTIONS.map((fraction, i) => {
    const r = ksTwoSample(
      a.map((s) => s.thresholdSeconds[i]),
      b.map((s) => s.thresholdSeconds[i]),
    );
    return { ...r, fraction, pass: r.pValue >= alpha };
  });
  const confidence = criteria.bandConfidence ?? 0.99;
  const slack = criteria.bandSlack ?? 0.001;
  const bands = (["ever", "infected"] as const).map((c) =>
    compareBands(
      a.map((s) => s[c]),
      b.map((s) => s[c]),
      c,
      confidence,
      slack,
    ),
  );
  const scalarNames = Object.keys(a[0].scalars);
  const extraAlpha = alpha / Math.max(1, scalarNames.length);
  const extraKs = scalarNames.map((name) => {
    const r = ksTwoSample(
      a.map((s) => s.scalars[name]),
      b.map((s) => s.scalars[name]),
    );
    return { ...r, name, alpha: extraAlpha, pass: r.pValue >= extraAlpha };
  });
  const curveNames = Object.keys(a[0].curves);
  const extraConfidence = 1 - (1 - confidence) / Math.max(1, curveNames.length);
  const extraBands = curveNames.map((name) =>
    compareBands(
      a.map((s) => s.curves[name]),
      b.map((s) => s.curves[name]),
      name,
      extraConfidence,
      criteria.extraBandSlack ?? 0.5,
    ),
  );
  const pass = [...ks, ...bands, ...extraKs, ...extraBands].every((r) => r.pass);
  return { ks, bands, extraKs, extraBands, pass };
}
