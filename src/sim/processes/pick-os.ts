/** Chooses an OS class in proportion to the susceptible hosts of each (shared by the processes). */
import type { Samplers } from "../../core/samplers.ts";

/**
 * One of `classes`, with probability proportional to `count(os)`, or -1 when all counts are 0.
 * Draws one uniform when some count is positive.
 */
export function pickOs(
  classes: readonly number[],
  count: (os: number) => number,
  s: Samplers,
): number {
  let total = 0;
  for (const os of classes) total += count(os);
  if (total <= 0) return -1;
  let u = s.uniform() * total;
  for (const os of classes) {
    const c = count(os);
    if (u < c) return os;
    u -= c;
  }
  return classes[classes.length - 1];
}
