/**
 * What an engine runs: a resolved scenario with times as epoch milliseconds and worms as definitions.
 * Built from a validated scenario file by src/scenario; engines never parse untrusted input.
 */
import type { Population } from "../net/population.ts";
import type { Cidr } from "../net/prefix.ts";
import type { WormDefinition } from "../worms/define-worm.ts";

/** A piecewise-constant hazard: from `fromMs` on, each eligible host has this rate per hour. */
export interface RateStep {
  readonly fromMs: number;
  readonly perHostPerHour: number;
}

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

/** Kinds of observer. */
export type ObserverType = "telescope" | "server" | "load16";

/** Most /16 blocks one load16 observer may cover (a /4). */
export const LOAD16_MAX_BLOCKS = 4096;

/** An observer: an address block that records what reaches it. */
export interface EngineObserver {
  readonly name: string;
  readonly type: ObserverType;
  readonly block: Cidr;
}

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
  /** Patching hazard for every unpatched host (susceptible, infected or backdoored). */
  readonly patch: readonly RateStep[];
  /** Reboot hazard for infected hosts: memory-resident worms are cured, backdoors persist. */
  readonly reboot: readonly RateStep[];
}

/** The hazard in force at `ms` (0 before the first step). */
export function rateAt(steps: readonly RateStep[], ms: number): number {
  let rate = 0;
  for (const s of steps) if (s.fromMs <= ms) rate = s.perHostPerHour;
  return rate;
}
