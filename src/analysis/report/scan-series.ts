/**
 * The series `wormscope watch` reads from logs and captures: the distinct sources that have
 * scanned (a Code Red request, or a TCP SYN to port 80) by the end of each step, from the first
 * step with a scan to the step of the last one. Early in an outbreak it grows as e^{K t}, as a
 * telescope's cumulative unique sources do (src/models/early-warning.ts).
 */
import { isoTime } from "./summary.ts";

/** Most steps a series may have (a year of minutes is 525,600). */
export const MAX_SCAN_SERIES_STEPS = 2_000_000;

/** Cumulative distinct scanning sources per step. */
export interface ScanSeries {
  /** End of each step (ISO 8601, UTC). */
  readonly times: string[];
  readonly values: number[];
  readonly stepMinutes: number;
}

/**
 * Builds the series from each source's first scan time (epoch seconds) and the last scan time.
 * Returns null when no source has a timed scan; throws a RangeError when the span needs more
 * than {@link MAX_SCAN_SERIES_STEPS} steps (a longer step is the remedy).
 */
export function scanSourceSeries(
  firstScanSeconds: Iterable<number>,
  lastScanSeconds: number,
  stepMinutes: number,
): ScanSeries | null {
  const step = stepMinutes * 60;
  let first = Infinity;
  const firsts: number[] = [];
  for (const t of firstScanSeconds) {
    firsts.push(t);
    if (t < first) first = t;
  }
  if (firsts.length === 0 || !Number.isFinite(first)) return null;
  const start = Math.floor(first / step) * step;
  const steps = Math.floor((Math.max(lastScanSeconds, first) - start) / step) + 1;
  if (steps > MAX_SCAN_SERIES_STEPS) {
    throw new RangeError(
      `the scans span ${steps.toLocaleString("en-US")} steps of ${stepMinutes} min, more than ${MAX_SCAN_SERIES_STEPS.toLocaleString("en-US")}: give a longer --step-minutes`,
    );
  }
  const values = new Array<number>(steps).fill(0);
  for (const t of firsts) values[Math.floor((t - start) / step)]++;
  for (let k = 1; k < steps; k++) values[k] += values[k - 1];
  const times = values.map((_, k) => isoTime(start + (k + 1) * step) ?? "");
  return { times, values, stepMinutes };
}
