/**
 * Reboots: every infected host reboots at the scheduled per-host hazard. A memory-resident worm
 * (Code Red v1/v2) is cured and the host is susceptible again; a backdoor (Code Red II) persists.
 * @see ../../docs/simulate.md (patching and reboots)
 */
import type { DefensePlugin } from "../plugin/defense.ts";
import type { Process } from "../plugin/process.ts";
import { rateAt, stepChangeTimes, type RateStep } from "./rate-steps.ts";

/** Options of the reboot defense. */
export interface RebootsSpec {
  readonly type: "reboots";
  readonly steps: readonly RateStep[];
}

/** Reboots of infected hosts at a piecewise-constant per-host hazard. */
export const defenseReboots: DefensePlugin = {
  type: "reboots",
  description:
    "infected hosts reboot at a scheduled per-host hazard (memory-resident worms are cured)",
  create(spec, { engine, startMs, endMs }) {
    const steps = (spec as unknown as RebootsSpec).steps;
    let perSecond = 0;
    const process: Process = {
      name: "reboots",
      rate: () => perSecond * engine.infected.size,
      fire: (s) => engine.reboot(engine.infected.at(s.rng.int(engine.infected.size))),
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
