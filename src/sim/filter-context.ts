/**
 * The context both engines build a run's filters and caps from (src/plugin/defense.ts): the same
 * inputs and the same stream per defense, `defense:INDEX` (INDEX in the input's `defenses`), so the
 * fast and the reference engine deploy identical filters and cover identical hosts.
 */
import type { Rng } from "../core/rng.ts";
import type { FilterContext } from "../plugin/defense.ts";
import type { EngineInput } from "./engine-input.ts";

/** The filter context of defense `index` of `input`, with streams from the run's root `root`. */
export function filterContext(input: EngineInput, root: Rng, index: number): FilterContext {
  return {
    startMs: input.startMs,
    endMs: input.endMs,
    wormIntroducedSeconds: input.worms.map((w) => (w.introducedAtMs - input.startMs) / 1000),
    asTopology: input.asTopology ?? null,
    rng: root.fork(`defense:${index}`),
    hosts: input.population.size,
  };
}
