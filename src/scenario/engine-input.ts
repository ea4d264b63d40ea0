/** Turns a resolved scenario and a population into the engine's input. */
import { createRng } from "../core/rng.ts";
import { parseCidr } from "../net/prefix.ts";
import { scaleEngineInput } from "../sim/reference/scale.ts";
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
    ...(scenario.rateHeterogeneity ? { rateHeterogeneity: scenario.rateHeterogeneity } : {}),
    ...(scenario.addressChurn ? { addressChurn: scenario.addressChurn } : {}),
  };
}

/**
 * The engine input of a resolved scenario on a 2^addressBits Internet (32: the full scenario). The
 * scaled input depends only on the scenario seed (stream "scale"), so both engines see the same hosts.
 */
export function scaledEngineInput(
  scenario: ResolvedScenario,
  population: Population,
  addressBits: number,
): EngineInput {
  const full = toEngineInput(scenario, population);
  if (addressBits === 32) return full;
  return scaleEngineInput(full, addressBits, createRng(scenario.seed).fork("scale"));
}
