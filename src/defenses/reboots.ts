/**
 * Reboots: every infected host reboots at the scheduled per-host hazard. A memory-resident worm
 * (Code Red v1/v2) is cured and the host is susceptible again; a backdoor (Code Red II) persists.
 * @see ../../docs/simulate.md (patching and reboots)
 */
import { hazardDefense } from "./hazard-defense.ts";
import type { RateStep } from "./rate-steps.ts";

/** Options of the reboot defense. */
export interface RebootsSpec {
  readonly type: "reboots";
  readonly steps: readonly RateStep[];
}

/** Reboots of infected hosts at a piecewise-constant per-host hazard. */
export const defenseReboots = hazardDefense({
  type: "reboots",
  description:
    "infected hosts reboot at a scheduled per-host hazard (memory-resident worms are cured)",
  hosts: (engine) => engine.infected,
  act: (engine, h) => engine.reboot(h),
});
