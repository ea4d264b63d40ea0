/**
 * The observation window behind an estimate: the time covered by the files in which a class
 * appears, with overlapping file spans merged, and never less than {@link MIN_WINDOW_SECONDS}.
 */
import type { FileTally } from "../tally/file-tally.ts";
import { MIN_WINDOW_SECONDS } from "./assumptions.ts";

/** Seconds covered by the files that have requests of class `cls`. */
export function observationWindowSeconds(files: readonly FileTally[], cls: number): number {
  const spans = files
    .filter((f) => f.requests[cls] > 0 && Number.isFinite(f.firstSeconds))
    .map((f) => [f.firstSeconds, f.lastSeconds] as const)
    .sort((a, b) => a[0] - b[0]);
  let total = 0;
  let start = -Infinity;
  let end = -Infinity;
  for (const [s, e] of spans) {
    if (s > end) {
      if (end > start) total += end - start;
      start = s;
      end = e;
    } else {
      end = Math.max(end, e);
    }
  }
  if (end > start) total += end - start;
  return Math.max(total, MIN_WINDOW_SECONDS);
}
