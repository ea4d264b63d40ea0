/**
 * The observer contract: what is recorded. An observer is created once per run from its spec, gets
 * the hooks it implements called by the engine (a host's probe rate changed, a minute or an hour
 * closed) and hands back its result at the end. Observers draw randomness only from the stream the
 * engine forks for them (`observer:NAME`), so adding one never changes the outbreak.
 */
import type { Samplers } from "../core/samplers.ts";
import type { Cidr } from "../net/prefix.ts";
import type { EngineView } from "./engine-view.ts";

/** An observer as the engine input names it. */
export interface ObserverSpec {
  readonly name: string;
  readonly type: string;
  /** The address block it watches (block observers). */
  readonly block?: Cidr;
  /** Sequence observers: probes from the start of the shared sequence to its position. */
  readonly position?: number;
}

/** The hooks an observer may implement; the engine calls only those present. */
export interface ObserverHooks {
  /**
   * Host h (at `address`, scanning for worm `worm`) changes its probe rate at time t; `since` is
   * when its previous rate began, clipped to the start of the current hour.
   */
  rateChanged?(
    h: number,
    address: number,
    worm: number,
    probesPerSecond: number,
    t: number,
    since: number,
  ): void;
  /**
   * Host h moves from address `from` to `to` at time t (address churn, within its /16): from now on
   * its probes come from a new source address. Called after no rate change; the host's rate is
   * unchanged.
   */
  addressChanged?(h: number, from: number, to: number, t: number): void;
  /** `seconds` of the current rates pass inside minute `minute`. */
  accumulate?(minute: number, seconds: number): void;
  /** Minute `minute` closes at time t (seconds). */
  closeMinute?(minute: number, t: number): void;
  /**
   * The hour [hourStart, hourEnd) closes. `hosts` lists in ascending order every host that scanned
   * during it (null: every host may have).
   */
  closeHour?(hourStart: number, hourEnd: number, hosts: Uint32Array | null): void;
}

/** A live observer: hooks, and its result once the run is over. */
export interface Observer<Result> extends ObserverHooks {
  result(): Result;
}

/** What an observer gets when it is created. */
export interface ObserverContext {
  readonly engine: EngineView;
  /** The observer's own random stream. */
  readonly samplers: Samplers;
}

/** An observer type: one file under src/observers/, listed in its registry. */
export interface ObserverPlugin<Result> {
  readonly type: string;
  /** One line for docs and `--help`. */
  readonly description: string;
  /** True when it reads the worms' per-block probe integrals (the engine then keeps them). */
  readonly needsSourceRates?: boolean;
  create(spec: ObserverSpec, context: ObserverContext): Observer<Result>;
  /**
   * Its record in summary.json, from its result (JSON-able). The built-in types' records are built
   * in src/report; a plugin from outside gives its own here, or is left out of the summary.
   */
  summarize?(result: Result): Record<string, unknown>;
}

/** An observer spec with its block (telescope, server, load16). */
export type BlockObserverSpec = ObserverSpec & { readonly block: Cidr };

/** The block of an observer spec (throws RangeError naming the observer when it has none). */
export function requireBlock(spec: ObserverSpec): Cidr {
  if (!spec.block)
    throw new RangeError(`observer ${spec.name} (${spec.type}): a block is required`);
  return spec.block;
}
