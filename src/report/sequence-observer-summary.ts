/** summary.json record of a `sequence` observer: distinct hosts that reached its list position. */
import { isoUtc } from "../core/time.ts";
import type { EngineResult, SequenceResult } from "../sim/engine-result.ts";

/** A sequence observer's summary. */
export interface SequenceObserverSummary {
  type: "sequence";
  position: number;
  /** Per static-seed variant: distinct infected hosts whose scan reached the position by the end. */
  reached: Record<string, number>;
  hourly: Array<{ hour: string; reached: number }>;
}

/** Builds the summary of a sequence observer from its engine record. */
export function sequenceObserverSummary(
  s: SequenceResult,
  result: EngineResult,
): SequenceObserverSummary {
  const reached: Record<string, number> = {};
  s.reachedByWorm.forEach((n, w) => {
    if (n !== null) reached[result.wormVariants[w]] = n;
  });
  const hourly = s.reachedByHour.map((n, h) => ({
    hour: isoUtc(result.input.startMs + h * 3_600_000),
    reached: n,
  }));
  return { type: "sequence", position: s.position, reached, hourly };
}
