/**
 * Per-host clocks for piecewise-constant hazards: the time at which a host with an Exp(1) budget
 * exhausts the cumulative hazard. The reference engine draws one such clock per host (patching) or per
 * infection (reboots) instead of sampling events from aggregates, as the fast engine does.
 */
import type { RateStep } from "../engine-input.ts";

/** A hazard schedule in run seconds: from `fromSeconds` on, `perSecond` per host. */
export interface HazardStep {
  readonly fromSeconds: number;
  readonly perSecond: number;
}

/** Converts engine rate steps (epoch ms, per hour) into run seconds and per-second rates, in order. */
export function hazardSteps(steps: readonly RateStep[], startMs: number): HazardStep[] {
  return [...steps]
    .sort((a, b) => a.fromMs - b.fromMs)
    .map((s) => ({ fromSeconds: (s.fromMs - startMs) / 1000, perSecond: s.perHostPerHour / 3600 }));
}

/**
 * The first time t >= `fromSeconds` at which the hazard integrated from `fromSeconds` reaches
 * `budget` (an Exp(1) draw makes t the host's event time), or Infinity when it never does.
 * The rate before the first step is 0; when several steps share a start, the last one wins.
 */
export function hazardTime(
  steps: readonly HazardStep[],
  fromSeconds: number,
  budget: number,
): number {
  let t = fromSeconds;
  let left = budget;
  let rate = 0;
  let i = 0;
  while (i < steps.length && steps[i].fromSeconds <= t) rate = steps[i++].perSecond;
  for (;;) {
    const until = i < steps.length ? steps[i].fromSeconds : Infinity;
    if (rate > 0 && t + left / rate <= until) return t + left / rate;
    if (until === Infinity) return Infinity;
    left -= rate * (until - t);
    t = until;
    while (i < steps.length && steps[i].fromSeconds <= t) rate = steps[i++].perSecond;
  }
}
