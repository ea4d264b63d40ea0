/**
 * Patching: every unpatched host (susceptible, infected or backdoored) is patched at the scheduled
 * per-host hazard; a patched host is immune, and an infected one is rebooted clean.
 * @see ../../docs/simulate.md (patching and reboots)
 */
import { hazardDefense } from "./hazard-defense.ts";
import type { RateStep } from "./rate-steps.ts";

/** Options of the patching defense. */
export interface PatchingSpec {
  readonly type: "patching";
  readonly steps: readonly RateStep[];
}

/** Patching at a piecewise-constant per-host hazard. */
export const defensePatching = hazardDefense({
  type: "patching",
  description: "unpatched hosts are patched at a scheduled per-host hazard (immune afterwards)",
  hosts: (engine) => engine.unpatched,
  act: (engine, h) => engine.patch(h),
});
