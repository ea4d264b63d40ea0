/** summary.json record of a `sequence` observer: distinct hosts that reached its list position. */
import { isoUtc } from "../core/time.ts";
import type { EngineResult } from "../sim/engine-result.ts";

/** A sequence observer's summary. */
export interface SequenceObserverSummary {
  type: "sequence";
  position: number;
  /** Per static-seed variant: distinct infected hosts whose scan reached the position by the end. */
  reached: Record<string, number>;
  hourly: Array<{ hour: string; reached: number }>;
}

/** Builds the summary of a sequence observer from the static-seed worms of a run. */
export function sequenceObserverSummary(
  o: { name: string; position: number },
  result: EngineResult,
): SequenceObserverSummary {
  const reached: Record<string, number> = {};
  const endSeconds = (result.input.endMs - result.input.startMs) / 1000;
  const hourly: SequenceObserverSummary["hourly"] = [];
  result.sequenceReach.forEach((reach, w) => {
    if (reach) reached[result.wormVariants[w]] = reach(o.position, endSeconds);
  });
  for (let h = 1; (h - 1) * 3600 < endSeconds; h++) {
    const t = Math.min(h * 3600, endSeconds);
    let n = 0;
    for (const reach of result.sequenceReach) if (reach) n += reach(o.position, t);
    hourly.push({ hour: isoUtc(result.input.startMs + (h - 1) * 3_600_000), reached: n });
  }
  return { type: "sequence", position: o.position, reached, hourly };
}
