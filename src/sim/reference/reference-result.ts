/** Packs a finished reference run into the fast engine's {@link EngineResult} shape. */
import type { EngineInput } from "../engine-input.ts";
import type { EngineResult, Load16Result, ObserverResult } from "../engine-result.ts";
import type { ReferenceState } from "./reference-state.ts";

/**
 * The result of a reference run; `eventsSampled` is the number of probes simulated and
 * `sequenceReach` is null for every worm (no static-seed scanning).
 */
export function collectReferenceResult(
  state: ReferenceState,
  input: EngineInput,
  observers: readonly ObserverResult[],
  loads: readonly Load16Result[],
  probesSimulated: number,
): EngineResult {
  const s = state.series;
  return {
    input,
    minutes: s.minutes,
    wormVariants: state.worms.map((w) => w.spec.def.variant),
    newInfections: s.newInfections,
    probes: s.probes,
    floodPackets: s.floodPackets,
    infectedAtEnd: s.infectedAtEnd,
    everAtEnd: s.everAtEnd,
    everTimes: state.everTimes.subarray(0, state.everCount),
    everByWorm: Array.from(s.everByWorm),
    infectedEver: state.everCount,
    infectedNowByWorm: Array.from(s.infectedNow),
    observers,
    loads,
    sequenceReach: state.worms.map(() => null),
    eventsSampled: probesSimulated,
    hostState: state.hostState,
    wormOf: state.wormOf,
    everInfected: state.everInfected,
  };
}
