/**
 * The outcome of an engine run, in plain typed arrays: per-minute series per worm, ever-infected times,
 * observer records and counters. Reports (summary.json, CSV, charts) are built from this.
 */
import type { EngineInput } from "./engine-input.ts";
import type { WormVariant } from "../worms/define-worm.ts";
import type { EngineState } from "./engine-state.ts";
import type { SeriesRecorder } from "./series-recorder.ts";

/** Hourly record of one observer. */
export interface ObserverHour {
  readonly uniqueSources: number;
  readonly probes: number;
  /** Per worm index. */
  readonly uniqueByWorm: number[];
  readonly probesByWorm: number[];
}

/** One observer's record. */
export interface ObserverResult {
  readonly name: string;
  readonly type: string;
  readonly block: { readonly base: number; readonly bits: number };
  /** First-sighting time (seconds from start) per host, -1 when never seen. */
  readonly firstSeenSeconds: Float64Array;
  readonly uniqueSources: number;
  /** Distinct sources seen per worm index (a host taken over by another worm counts for both). */
  readonly uniqueSourcesByWorm: readonly number[];
  /**
   * Per worm index, sources seen in the observer block's own /16, own /8 (not /16) and elsewhere;
   * optional (the reference engine does not record it).
   */
  readonly localityByWorm?: readonly (readonly [number, number, number])[];
  readonly hours: readonly ObserverHour[];
  /** Probes per minute, row-major worm x minute. */
  readonly probesPerMinute: Float64Array;
}

/** A load16 observer's record: expected probes per minute landing in each /16 of its block. */
export interface Load16Result {
  readonly name: string;
  readonly first16: number;
  readonly count16: number;
  /** Row-major minute x /16. */
  readonly perMinute: Float64Array;
}

/** Everything a run produced. */
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
  readonly infectedNowByWorm: readonly number[];
  readonly observers: readonly ObserverResult[];
  readonly loads: readonly Load16Result[];
  /**
   * For static-seed worms: distinct hosts whose scan reached sequence position `position` (probes
   * from the start of the sequence) by time t (seconds from start); null for other worms.
   */
  readonly sequenceReach: ReadonlyArray<((position: number, t: number) => number) | null>;
  readonly eventsSampled: number;
  /** Final host states (SUSCEPTIBLE, INFECTED, PATCHED, BACKDOORED) and worm per host. */
  readonly hostState: Uint8Array;
  readonly wormOf: Uint8Array;
  readonly everInfected: Uint8Array;
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

/** Collects the result from a finished state. */
export function collectResult(state: EngineState, input: EngineInput): EngineResult {
  const variants = state.worms.map((w) => w.def.variant);
  return {
    input,
    ...seriesFields(state.series, variants, state.everTimes, state.everCount),
    observers: state.observers.map((o) => {
      const firstSeenSeconds = o.firstSeenSeconds();
      let unique = 0;
      for (let h = 0; h < firstSeenSeconds.length; h++) if (firstSeenSeconds[h] >= 0) unique++;
      return {
        name: o.observer.name,
        type: o.observer.type,
        block: o.block,
        firstSeenSeconds,
        uniqueSources: unique,
        uniqueSourcesByWorm: [...o.uniqueByWorm],
        localityByWorm: o.uniqueByWorm.map(
          (_, w) =>
            [
              o.localityByWorm[w * 3],
              o.localityByWorm[w * 3 + 1],
              o.localityByWorm[w * 3 + 2],
            ] as const,
        ),
        hours: o.hours,
        probesPerMinute: o.probesPerMinute,
      };
    }),
    loads: state.loads.map((l) => ({
      name: l.observer.name,
      first16: l.first16,
      count16: l.count16,
      perMinute: l.perMinute,
    })),
    sequenceReach: state.worms.map((w) => {
      const process = w.static;
      if (!process) return null;
      return (position: number, t: number) =>
        process.reachedBy(position / w.def.probesPerSecond, t);
    }),
    eventsSampled: state.eventsSampled,
    hostState: state.hostStates(),
    wormOf: state.wormOfHosts(),
    everInfected: state.everInfectedHosts(),
  };
}
