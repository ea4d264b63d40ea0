/**
 * Ensembles: the seeds of an ensemble's runs, each run reduced to a compact member, and the
 * aggregation of members into means and 5-95% bands (the `ensemble` object of summary.json).
 * Browser-safe: the Node side (src/node/ensemble.ts) only schedules the runs on worker threads.
 */
import { createRng } from "../core/rng.ts";
import { isoUtc } from "../core/time.ts";
import type { EngineResult } from "../sim/engine-result.ts";
import { sumOverWorms, TIME_TO_FRACTIONS, type Summary } from "./summary.ts";

/** Lower and upper quantiles of the ensemble band. */
export const BAND_LOW_QUANTILE = 0.05;
export const BAND_HIGH_QUANTILE = 0.95;

/**
 * The seeds of an ensemble: run 0 uses the scenario's own seed (so it is the plain run of that seed),
 * run i > 0 a 32-bit seed forked from it by index. They depend only on the scenario seed and the run
 * index, never on worker threads or scheduling order.
 */
export function ensembleSeeds(seed: number, runs: number): number[] {
  if (!Number.isInteger(runs) || runs < 1) throw new RangeError(`runs must be >= 1, got ${runs}`);
  const root = createRng(seed).fork("ensemble");
  return Array.from({ length: runs }, (_, i) => (i === 0 ? seed : root.fork(`run-${i}`).key));
}

/** One run of an ensemble, reduced to what aggregation needs (small enough to pass between threads). */
export interface EnsembleMember {
  /** Run index, 0-based. */
  readonly index: number;
  readonly seed: number;
  readonly summary: Summary;
  /** Infected hosts at the end of each minute, all variants. */
  readonly infectedPerMinute: Uint32Array;
  /** Ever-infected hosts at the end of each minute. */
  readonly everPerMinute: Uint32Array;
  /** New infections in each minute, all variants. */
  readonly newPerMinute: Uint32Array;
}

/** Reduces a finished run to an ensemble member. */
export function ensembleMember(
  index: number,
  seed: number,
  result: EngineResult,
  summary: Summary,
): EnsembleMember {
  const W = result.wormVariants.length;
  const M = result.minutes;
  const infectedPerMinute = new Uint32Array(M);
  const newPerMinute = new Uint32Array(M);
  for (let m = 0; m < M; m++) {
    infectedPerMinute[m] = sumOverWorms(result.infectedAtEnd, W, M, m);
    newPerMinute[m] = sumOverWorms(result.newInfections, W, M, m);
  }
  return {
    index,
    seed,
    summary,
    infectedPerMinute,
    everPerMinute: Uint32Array.from(result.everAtEnd),
    newPerMinute,
  };
}

/**
 * Mean, 5% / 95% quantiles, minimum and maximum of one figure over the runs (null when no run has the
 * figure). The mean can fall outside the band when fewer than 5% of the runs are extreme (an outbreak
 * that dies out early, say).
 */
export interface EnsembleStat {
  mean: number | null;
  p5: number | null;
  p95: number | null;
  min: number | null;
  max: number | null;
}

/** One hour of the ensemble: infected and ever-infected at the end of the hour, over the runs. */
export interface EnsembleHour {
  hour: string;
  infectedMean: number;
  infectedP5: number;
  infectedP95: number;
  infectedEverMean: number;
  infectedEverP5: number;
  infectedEverP95: number;
}

/** The `ensemble` object of summary.json (present when a run has more than one member). */
export interface EnsembleSummary {
  runs: number;
  /** The seed of each run, in run order; run 0 is the run the rest of summary.json describes. */
  seeds: number[];
  /** Quantiles are linear interpolations between order statistics (type 7). */
  band: { low: number; high: number };
  /**
   * By name: infectedEver, infectedAtEnd, peakNewPerMinute, telescopeUniqueSources and
   * timeTo<fraction>Hours (hours from the start to that fraction of the run's final ever-infected).
   */
  metrics: Record<string, EnsembleStat>;
  hourly: EnsembleHour[];
}

/** Per-minute mean and band of one series. */
export interface EnsembleBand {
  readonly mean: Float64Array;
  readonly p5: Float64Array;
  readonly p95: Float64Array;
}

/** Per-minute bands, for the chart and timeseries.csv. */
export interface EnsembleBands {
  readonly minutes: number;
  readonly infected: EnsembleBand;
  readonly infectedEver: EnsembleBand;
  readonly newInfections: EnsembleBand;
}

/** The q-quantile (0..1) of ascending `sorted` by linear interpolation; NaN when empty. */
export function quantile(sorted: ArrayLike<number>, q: number): number {
  const n = sorted.length;
  if (n === 0) return NaN;
  const pos = (n - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.min(n - 1, lo + 1);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
}

const round3 = (x: number): number => Math.round(x * 1000) / 1000;

/** Mean, band and range of `values` (nulls skipped), rounded to 3 decimals. */
export function ensembleStat(values: ReadonlyArray<number | null>): EnsembleStat {
  const xs = values.filter((v): v is number => v !== null).sort((a, b) => a - b);
  if (xs.length === 0) return { mean: null, p5: null, p95: null, min: null, max: null };
  let sum = 0;
  for (const x of xs) sum += x;
  return {
    mean: round3(sum / xs.length),
    p5: round3(quantile(xs, BAND_LOW_QUANTILE)),
    p95: round3(quantile(xs, BAND_HIGH_QUANTILE)),
    min: round3(xs[0]),
    max: round3(xs[xs.length - 1]),
  };
}

function bandOf(series: readonly Uint32Array[], minutes: number): EnsembleBand {
  const mean = new Float64Array(minutes);
  const p5 = new Float64Array(minutes);
  const p95 = new Float64Array(minutes);
  const column = new Float64Array(series.length);
  for (let m = 0; m < minutes; m++) {
    let sum = 0;
    for (let r = 0; r < series.length; r++) {
      column[r] = series[r][m];
      sum += column[r];
    }
    column.sort();
    mean[m] = sum / series.length;
    p5[m] = quantile(column, BAND_LOW_QUANTILE);
    p95[m] = quantile(column, BAND_HIGH_QUANTILE);
  }
  return { mean, p5, p95 };
}

function hoursFromStart(iso: string | null, startMs: number): number | null {
  return iso === null ? null : (Date.parse(iso) - startMs) / 3_600_000;
}

/**
 * Aggregates the members of an ensemble (any order: they are sorted by run index first, so the result
 * does not depend on which thread finished first).
 */
export function aggregateEnsemble(members: readonly EnsembleMember[]): {
  summary: EnsembleSummary;
  bands: EnsembleBands;
} {
  if (members.length === 0) throw new RangeError("an ensemble needs at least one member");
  const runs = [...members].sort((a, b) => a.index - b.index);
  const startMs = Date.parse(runs[0].summary.start);
  const minutes = runs[0].everPerMinute.length;
  if (runs.some((r) => r.everPerMinute.length !== minutes)) {
    throw new RangeError("ensemble members cover different periods");
  }
  const pick = (f: (s: Summary) => number | null): EnsembleStat =>
    ensembleStat(runs.map((r) => f(r.summary)));
  const metrics: Record<string, EnsembleStat> = {
    infectedEver: pick((s) => s.infectedEver),
    infectedAtEnd: pick((s) => s.infectedAtEnd),
    peakNewPerMinute: pick((s) => s.peakNewPerMinute),
    telescopeUniqueSources: pick((s) => s.telescope?.uniqueSources ?? null),
  };
  for (const f of TIME_TO_FRACTIONS) {
    metrics[`timeTo${f}Hours`] = pick((s) => hoursFromStart(s.timeTo[String(f)] ?? null, startMs));
  }
  const bands: EnsembleBands = {
    minutes,
    infected: bandOf(
      runs.map((r) => r.infectedPerMinute),
      minutes,
    ),
    infectedEver: bandOf(
      runs.map((r) => r.everPerMinute),
      minutes,
    ),
    newInfections: bandOf(
      runs.map((r) => r.newPerMinute),
      minutes,
    ),
  };
  const hourly: EnsembleHour[] = [];
  for (let h = 0; h * 60 < minutes; h++) {
    const last = Math.min(minutes, h * 60 + 60) - 1;
    hourly.push({
      hour: isoUtc(startMs + h * 3_600_000),
      infectedMean: round3(bands.infected.mean[last]),
      infectedP5: round3(bands.infected.p5[last]),
      infectedP95: round3(bands.infected.p95[last]),
      infectedEverMean: round3(bands.infectedEver.mean[last]),
      infectedEverP5: round3(bands.infectedEver.p5[last]),
      infectedEverP95: round3(bands.infectedEver.p95[last]),
    });
  }
  const summary: EnsembleSummary = {
    runs: runs.length,
    seeds: runs.map((r) => r.seed),
    band: { low: BAND_LOW_QUANTILE, high: BAND_HIGH_QUANTILE },
    metrics,
    hourly,
  };
  return { summary, bands };
}
