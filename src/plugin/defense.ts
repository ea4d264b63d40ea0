/**
 * The defense contract: what intervenes. A defense is created once per run from its spec and
 * contributes processes (events at rates, e.g. patching hosts) whose rates it may change at
 * scheduled instants. Patching and reboots are the first two defenses; filters, throttles and
 * tarpits will add a factor on probes between address sets through the same contract.
 */
import type { Rng } from "../core/rng.ts";
import type { AsTopology } from "../net/as-model.ts";
import type { EngineControl } from "./engine-view.ts";
import type { Process } from "./process.ts";

/** A defense as the engine input names it. */
export interface DefenseSpec {
  readonly type: string;
  /** Type-specific options (validated by the scenario schema). */
  readonly [option: string]: unknown;
}

/** A live defense. */
export interface Defense {
  /** Its processes, in a fixed order. */
  readonly processes: readonly Process[];
  /** Instants (seconds from the start) at which its rates change; the engine calls refresh then. */
  readonly changeTimes: readonly number[];
  /** Re-reads its rates at time t (called at the start and at each change time). */
  refresh(t: number): void;
  /** What it did (campaigns: when it started, hosts it patched), for the run's defense outcomes. */
  outcome?(): { readonly engagedAtSeconds: number | null; readonly hostsPatched: number };
}

/** What a defense gets when it is created. */
export interface DefenseContext {
  readonly engine: EngineControl;
  /** Epoch milliseconds of the run's start and end. */
  readonly startMs: number;
  readonly endMs: number;
  /** The context filters are built from (its stream is the defense's own); null for schedules. */
  readonly filter: FilterContext | null;
}

/** A defense type: one file under src/defenses/, listed in its registry. */
export interface DefensePlugin extends DefenseFactories {
  readonly type: string;
  /** One line for docs. */
  readonly description: string;
  /** Its processes in the fast engine (filters and caps have none: the engines apply them). */
  create(spec: DefenseSpec, context: DefenseContext): Defense;
}

/**
 * What a filter or a host-trait defense is built from: the same inputs in both engines, so both
 * build identical filters (the same deployment draws, the same covered hosts).
 */
export interface FilterContext {
  /** Epoch milliseconds of the run's start and end. */
  readonly startMs: number;
  readonly endMs: number;
  /** Per worm index: seconds from the start at which it is introduced. */
  readonly wormIntroducedSeconds: readonly number[];
  /** The AS-level model (or a loaded table) deployments are drawn on; null when none was given. */
  readonly asTopology: AsTopology | null;
  /** The defense's own stream (`defense:INDEX`), the same in both engines. */
  readonly rng: Rng;
  /** Hosts of the population. */
  readonly hosts: number;
}

/**
 * A defense that drops probes between /16 blocks: address blacklists, content filters, ingress
 * filters. The unit is the /16 (the AS model's unit, see src/net/as-model.ts), so a probe's fate
 * depends only on its worm, its source /16, whether its sender is blocked, its destination /16 and
 * the time. Inside one /16 nothing is ever dropped (every filter here keeps that: a /16 lies in one
 * network), which the fast engine relies on for same-/16 probes.
 */
export interface ProbeFilter {
  /** Instants (seconds from the start) at which {@link passes} changes. */
  readonly changeTimes: readonly number[];
  /**
   * Address blacklists: seconds after a host's infection (at its current address) at which its
   * address is blocked, if it is still infected then; null for filters that block no host.
   */
  readonly blockAfterSeconds: number | null;
  /** When the filter first acts (seconds from the start), or null before it is known. */
  engagedAt(): number | null;
  /** Whether a probe of worm `worm` from /16 `from16` to /16 `to16` is delivered at time t. */
  passes(worm: number, from16: number, blocked: boolean, to16: number, t: number): boolean;
  /**
   * Of the probes worm `worm` sends from /16 `from16` at time t, the share dropped among those aimed
   * uniformly over the space (`level` 0) or uniformly over the source's /8 (`level` 8).
   */
  dropShare(worm: number, from16: number, blocked: boolean, level: 0 | 8, t: number): number;
  /**
   * Of the probes of worm `worm` aimed uniformly over the space from unblocked senders spread
   * uniformly over it, the share dropped before they reach /16 `to16` at time t: how well the
   * filter shields that block (the dashboard's defended layer). Absent: the filter shields no
   * destination (an address blacklist stops senders, not destinations).
   */
  inboundDropShare?(worm: number, to16: number, t: number): number;
}

/** A per-host cap on the probe rate (throttles): covered hosts send at most `perSecond`. */
export interface RateCap {
  readonly perSecond: number;
  /** 1 for each covered host. */
  readonly covered: Uint8Array;
  /** When the cap starts (seconds from the start). */
  readonly fromSeconds: number;
}

/** Plugin factories both engines call (a plugin implements those its kind needs). */
export interface DefenseFactories extends TarpitFactory {
  /** The probe filter of a spec (filters only). */
  filter?(spec: DefenseSpec, context: FilterContext): ProbeFilter;
  /** The rate cap of a spec (throttles only). */
  rateCap?(spec: DefenseSpec, context: FilterContext): RateCap;
}

/**
 * A tarpit (LaBrea): unused addresses that answer a connection and then hold it, so a scanning
 * thread that reaches one waits `holdSeconds` instead of the SYN timeout. Under the thread-limited
 * rate model that slows the scanner; under the fixed-rate model the probe rate is fixed by
 * assumption and only the held connections are counted.
 */
export interface Tarpit {
  readonly holdSeconds: number;
  /**
   * The share of a probe distribution's unused destinations that are tarpitted, for probes aimed
   * uniformly over the space (`level` 0), over the source's /8 (8) or its /16 (16), from /16
   * `from16`.
   */
  share(from16: number, level: 0 | 8 | 16): number;
  /** Whether an unused address (of a 2^spaceBits space) is tarpitted (the reference engine's test). */
  holds(address: number, spaceBits: number): boolean;
}

/** Factories for tarpits (see {@link DefenseFactories}). */
export interface TarpitFactory {
  tarpit?(spec: DefenseSpec, context: FilterContext): Tarpit;
}
