/** Turns a resolved scenario and a population into the engine's input. */
import { parseCidr } from "../net/prefix.ts";
import type { Population } from "../net/population.ts";
import type { EngineInput } from "../sim/engine-input.ts";
import type { ResolvedScenario } from "./resolve.ts";

/** Parses an observer block ("44.0.0.0/8", or one address for a /32). */
export function observerBlock(text: string): { base: number; bits: number } {
  const parsed = parseCidr(text.includes("/") ? text : `${text}/32`);
  if (!parsed.ok) throw new RangeError(`bad block ${text}: ${parsed.error}`);
  return parsed.value;
}

/** The engine input of a resolved scenario over `population`. */
export function toEngineInput(scenario: ResolvedScenario, population: Population): EngineInput {
  return {
    seed: scenario.seed,
    startMs: Date.parse(scenario.start),
    endMs: Date.parse(scenario.until),
    population,
    worms: scenario.worms.map((w) => ({
      def: w.definition,
      introducedAtMs: Date.parse(w.introducedAt),
      initialInfected: w.initialInfected,
      initialWakeStaggered: w.initialWakeStaggered,
    })),
    observers: scenario.observers.map((o) =>
      o.type === "sequence"
        ? { name: o.name, type: o.type, position: o.position }
        : { name: o.name, type: o.type, block: observerBlock(o.block) },
    ),
    patch: scenario.patching.map((s) => ({
      fromMs: Date.parse(s.from),
      perHostPerHour: s.perHostPerHour,
    })),
    reboot: scenario.reboots.map((s) => ({
      fromMs: Date.parse(s.from),
      perHostPerHour: s.perHostPerHour,
    })),
  };
}
