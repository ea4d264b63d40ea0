/**
 * Patching: every unpatched host (susceptible, infected or backdoored) is patched at the scheduled
 * per-host hazard; a patched host is immune, and an infected one is rebooted clean.
 * @see ../../docs/simulate.md (patching and reboots)
 */
import type { DefensePlugin } from "../plugin/defense.ts";
import type { Process } from "../plugin/process.ts";
import { rateAt, stepChangeTimes, type RateStep } from "./rate-steps.ts";

/** Options of the patching defense. */
export interface PatchingSpec {
  readonly type: "patching";
  readonly steps: readonly RateStep[];
}

/** Patching at a piecewise-constant per-host hazard. */
export const defensePatching: DefensePlugin = {
  type: "patching",
  description: "unpatched hosts are patched at a scheduled per-host hazard (immune afterwards)",
  create(spec, { engine, startMs, endMs }) {
    const steps = (spec as unknown as PatchingSpec).steps;
    let perSecond = 0;
    const process: Process = {
      name: "patching",
      rate: () => perSecond * engine.unpatched.size,
      fire: (s) => engine.patch(engine.unpatched.at(s.rng.int(engine.unpatched.size))),
    };
    return {
      processes: [process],
      changeTimes: stepChangeTimes(steps, startMs, endMs),
      refresh(t) {
        perSecond = rateAt(steps, startMs + t * 1000) / 3600;
      },
    };
  },
};
