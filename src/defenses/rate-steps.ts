/** Piecewise-constant hazards: the schedule form of patching and reboots. */

/** A piecewise-constant hazard: from `fromMs` on, each eligible host has this rate per hour. */
export interface RateStep {
  readonly fromMs: number;
  readonly perHostPerHour: number;
}

/** The hazard in force at `ms` (0 before the first step). */
export function rateAt(steps: readonly RateStep[], ms: number): number {
  let rate = 0;
  for (const s of steps) if (s.fromMs <= ms) rate = s.perHostPerHour;
  return rate;
}

/** The instants (seconds from `startMs`) strictly inside the run at which the hazard changes. */
export function stepChangeTimes(
  steps: readonly RateStep[],
  startMs: number,
  endMs: number,
): number[] {
  const duration = (endMs - startMs) / 1000;
  const times: number[] = [];
  for (const s of steps) {
    const at = (s.fromMs - startMs) / 1000;
    if (at > 0 && at < duration) times.push(at);
  }
  return times;
}
