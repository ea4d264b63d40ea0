/**
 * What an engine runs: a resolved scenario with times as epoch milliseconds and worms as definitions.
 * Built from a validated scenario file by src/scenario; engines never parse untrusted input.
 */
import type { AsTopology } from "../net/as-model.ts";
import type { Population } from "../net/population.ts";
import type { RateStep } from "../defenses/rate-steps.ts";
import type { DefenseSpec } from "../plugin/defense.ts";
import type { ObserverSpec } from "../plugin/observer.ts";
import type { WormDefinition } from "../worms/define-worm.ts";
import type { AddressChurn, RateHeterogeneity } from "./host-traits.ts";

/** A worm released into the population. */
export interface EngineWorm {
  readonly def: WormDefinition;
  /** When the initial infections appear. */
  readonly introducedAtMs: number;
  /** How many susceptible hosts (chosen uniformly) are infected at introduction. */
  readonly initialInfected: number;
  /** When true, the initial hosts wake with the calendar's staggered delay instead of at once. */
  readonly initialWakeStaggered: boolean;
}

/** An observer of a run (its type names a plugin in src/observers/registry.ts). */
export type EngineObserver = ObserverSpec;

/** The full input of an engine run. */
export interface EngineInput {
  readonly seed: number;
  /**
   * Address bits of the space (default 32, IPv4). Smaller spaces (16-31) are the reference engine's
   * scaled-down Internets; population addresses and observer blocks are then in that space.
   */
  readonly addressBits?: number;
  readonly startMs: number;
  readonly endMs: number;
  readonly population: Population;
  readonly worms: readonly EngineWorm[];
  readonly observers: readonly EngineObserver[];
  /** Defenses beyond the patching and reboot schedules (types in src/defenses/registry.ts). */
  readonly defenses?: readonly DefenseSpec[];
  /** The AS-level topology filter deployments are drawn on (needed by filters with a deployment). */
  readonly asTopology?: AsTopology;
  /** Patching hazard for every unpatched host (susceptible, infected or backdoored). */
  readonly patch: readonly RateStep[];
  /** Reboot hazard for infected hosts: memory-resident worms are cured, backdoors persist. */
  readonly reboot: readonly RateStep[];
  /** Per-host probe-rate multipliers (absent or sigma 0: every host at its worm's rate). */
  readonly rateHeterogeneity?: RateHeterogeneity;
  /** Dynamic addresses (absent: every host keeps its address). */
  readonly addressChurn?: AddressChurn;
}

export type { AddressChurn, RateHeterogeneity } from "./host-traits.ts";

export { rateAt, type RateStep } from "../defenses/rate-steps.ts";
export { LOAD16_MAX_BLOCKS } from "../observers/load16.ts";
