/**
 * What the fast engine asks of a static-seed infection process: `StaticSeedAttempts` (one rate
 * for every scanner, fixed addresses) or `StaticSeedWalks` (per-host rates, address churn).
 */
import type { EventQueue } from "../../core/event-queue.ts";
import type { Samplers } from "../../core/samplers.ts";
import type { WormDefinition } from "../../worms/define-worm.ts";
import type { HostEvent } from "../fast/events.ts";

type Queue = EventQueue<HostEvent>;

export interface StaticSeedProcess {
  /** Host h became a target at time t. */
  enter(h: number, t: number, queue: Queue): void;
  /** Host `scanner` starts scanning at time t at `rate` probes per second: a new episode. */
  episodeStarted(
    scanner: number,
    t: number,
    isTarget: (h: number) => boolean,
    queue: Queue,
    rate: number,
  ): void;
  /** The episode of `scanner` ends at time t. */
  episodeEnded(scanner: number, t: number): void;
  /** A scheduled attempt fires at time t; true when it infects its host. */
  attempt(
    a: HostEvent,
    t: number,
    isTarget: (h: number) => boolean,
    success: number,
    s: Samplers,
    queue: Queue,
  ): boolean;
  /** Host h moved from address `from` to `to` at time t. */
  moved(h: number, from: number, to: number, t: number, queue: Queue): void;
  /** Scanning episodes so far. */
  readonly episodes: number;
  /** Distinct sources whose scan reached `reachSeconds` (at the worm's rate) by time t. */
  reachedBy(reachSeconds: number, t: number): number;
}

/**
 * What both processes assume of a static-seed worm (RangeError otherwise): the fixed-rate model and
 * the same threads on every host, so a scanner's pace along the list is its probe rate.
 */
export function checkStaticSeedWorm(def: WormDefinition): void {
  if (def.rateModel.kind !== "fixed") {
    throw new RangeError(`${def.variant}: static-seed scanning needs the fixed-rate model`);
  }
  if (def.threadsChineseLocale !== def.threads) {
    throw new RangeError(
      `${def.variant}: static-seed scanning needs the same threads on every host`,
    );
  }
}
