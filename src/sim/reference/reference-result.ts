/** Packs a finished reference run into the fast engine's {@link EngineResult} shape. */
import type { EngineInput } from "../engine-input.ts";
import {
  seriesFields,
  type EngineResult,
  type Load16Result,
  type ObserverResult,
} from "../engine-result.ts";
import type { ReferenceState } from "./reference-state.ts";

/**
 * The result of a reference run; `eventsSampled` is the number of probes simulated.
 */
export function collectReferenceResult(
  state: ReferenceState,
  input: EngineInput,
  observers: readonly ObserverResult[],
  loads: readonly Load16Result[],
  probesSimulated: number,
): EngineResult {
  const variants = state.worms.map((w) => w.spec.def.variant);
  return {
    input,
    ...seriesFields(state.series, variants, state.everTimes, state.everCount),
    infectedAddressesEver: state.infectedAddressesEver,
    observerOutputs: input.observers.map((spec, i) => ({
      spec,
      output:
        spec.type === "load16"
          ? { block: observers[i], load: loads.find((l) => l.name === spec.name) }
          : observers[i],
    })),
    observers,
    loads,
    sequences: [],
    eventsSampled: probesSimulated,
    hostState: state.hostState,
    wormOf: state.wormOf,
    everInfected: Uint32Array.from(state.everInfected),
  };
}
