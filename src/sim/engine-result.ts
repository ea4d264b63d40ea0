/**
 * The outcome of an engine run, in plain typed arrays: per-minute series per worm, ever-infected times,
 * observer records and counters. Reports (summary.json, CSV, charts) are built from this.
 */
import type { ObserverHour, ObserverResult } from "../observers/block.ts";
import type { Load16Output, Load16Result } from "../observers/load16.ts";
import type { SequenceResult } from "../observers/sequence.ts";
import type { SeriesRecorder } from "../observers/series.ts";
import type { ObserverSpec } from "../plugin/observer.ts";
import type { WormVariant } from "../worms/define-worm.ts";
import type { EngineInput } from "./engine-input.ts";

export type { ObserverHour, ObserverResult, Load16Result, SequenceResult };

/** One observer's output as its plugin produced it. */
export interface ObserverOutput {
  readonly spec: ObserverSpec;
  readonly output: unknown;
}

/** Everything a run produced. */
/** What one filter or cap defense did in a run (both engines). */
export interface DefenseOutcome {
  /** Its type and index in the input's `defenses`. */
  readonly type: string;
  readonly index: number;
  /** When it first acted (seconds from the start), or null if it never did. */
  readonly engagedAtSeconds: number | null;
  /**
   * Probes it dropped. The fast engine counts them as it counts probes (the integral of the drop
   * rate); the reference engine counts each one.
   */
  readonly probesDropped: number;
  /** Probes it dropped that would have infected their target. */
  readonly infectionsBlocked: number;
  /** Hosts whose address it blocked (address blacklists). */
  readonly hostsBlocked: number;
  /** Hosts it patched (patch campaigns; 0 for the others). */
  readonly hostsPatched: number;
  /**
   * Connections it held (tarpits: probes that reached a tarpitted unused address; fast engine: the
   * integral of their rate; 0 for the others).
   */
  readonly connectionsHeld: number;
}

/** A defense outcome's counts before it did anything (each defense type fills its own). */
export const NO_DEFENSE_COUNTS = Object.freeze({
  probesDropped: 0,
  infectionsBlocked: 0,
  hostsBlocked: 0,
  hostsPatched: 0,
  connectionsHeld: 0,
});

export interface EngineResult {
  readonly input: EngineInput;
  readonly minutes: number;
  readonly wormVariants: readonly string[];
  /** Row-major worm x minute. */
  readonly newInfections: Uint32Array;
  readonly probes: Float64Array;
  readonly floodPackets: Float64Array;
  readonly infectedAtEnd: Uint32Array;
  readonly everAtEnd: Uint32Array;
  /** Times (seconds from start) at which each ever-infected host was first infected, ascending. */
  readonly everTimes: Float64Array;
  readonly everByWorm: readonly number[];
  readonly infectedEver: number;
  /**
   * Distinct (host, address) pairs in which the host was infected: what counting infected addresses
   * gives (equal to infectedEver without address churn).
   */
  readonly infectedAddressesEver: number;
  readonly infectedNowByWorm: readonly number[];
  /** Every observer's output, in input order (what each plugin's `result()` returned). */
  readonly observerOutputs: readonly ObserverOutput[];
  /** The block records (telescope, server, load16 observers), in input order. */
  readonly observers: readonly ObserverResult[];
  readonly loads: readonly Load16Result[];
  readonly sequences: readonly SequenceResult[];
  readonly eventsSampled: number;
  /** Per filter or cap defense (in input order): what it did; absent when the run has none. */
  readonly defenseOutcomes?: readonly DefenseOutcome[];
  /** Final host states (SUSCEPTIBLE, INFECTED, PATCHED, BACKDOORED) and worm per host. */
  readonly hostState: Uint8Array;
  readonly wormOf: Uint8Array;
  /** Bit w set when worm w ever infected the host. */
  readonly everInfected: Uint32Array;
}

/** The fields of a result that come from the per-minute series and the ever-infected times. */
export function seriesFields(
  s: SeriesRecorder,
  wormVariants: readonly WormVariant[],
  everTimes: Float64Array,
  everCount: number,
) {
  return {
    minutes: s.minutes,
    wormVariants,
    newInfections: s.newInfections,
    probes: s.probes,
    floodPackets: s.floodPackets,
    infectedAtEnd: s.infectedAtEnd,
    everAtEnd: s.everAtEnd,
    everTimes: everTimes.subarray(0, everCount),
    everByWorm: Array.from(s.everByWorm),
    infectedEver: everCount,
    infectedNowByWorm: Array.from(s.infectedNow),
  };
}

/** The observer fields of a result, sorted out of the plugins' outputs by observer type. */
export function engineObserverRecords(outputs: readonly ObserverOutput[]) {
  const observers: ObserverResult[] = [];
  const loads: Load16Result[] = [];
  const sequences: SequenceResult[] = [];
  for (const { spec, output } of outputs) {
    if (spec.type === "telescope" || spec.type === "server")
      observers.push(output as ObserverResult);
    else if (spec.type === "load16") {
      observers.push((output as Load16Output).block);
      loads.push((output as Load16Output).load);
    } else if (spec.type === "sequence") sequences.push(output as SequenceResult);
  }
  return { observerOutputs: outputs, observers, loads, sequences };
}
