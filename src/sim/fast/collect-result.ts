/** Collects an {@link EngineResult} from a finished fast-engine run. */
import type { Observer } from "../../plugin/observer.ts";
import { engineObserverRecords, seriesFields, type EngineResult } from "../engine-result.ts";
import type { Outbreak } from "./outbreak.ts";

/** The result of a finished run. */
export function collectResult(
  o: Outbreak,
  observers: readonly Observer<unknown>[],
  eventsSampled: number,
): EngineResult {
  const input = o.input;
  const outputs = observers.map((x, i) => ({ spec: input.observers[i], output: x.result() }));
  const variants = o.worms.map((w) => w.def.variant);
  const views = o.hosts.views();
  return {
    input,
    ...seriesFields(o.series, variants, o.hosts.everTimes, o.hosts.everCount),
    ...engineObserverRecords(outputs),
    infectedAddressesEver: o.addressesEver,
    eventsSampled,
    hostState: views.state,
    wormOf: views.worm,
    everInfected: o.hosts.ever,
  };
}
