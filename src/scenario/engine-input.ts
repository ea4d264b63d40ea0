/** Turns a resolved scenario and a population into the engine's input. */
import { createRng } from "../core/rng.ts";
import { UserInputError } from "../core/errors.ts";
import { buildAsModel, type AsTopology } from "../net/as-model.ts";
import { halfLifeHazard } from "../defenses/patch-campaign.ts";
import type { DefenseSpec } from "../plugin/defense.ts";
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

/** Whether a defense of the scenario is deployed on the AS topology. */
function needsAsTopology(scenario: ResolvedScenario): boolean {
  return (scenario.defenses ?? []).some((d) => "deployment" in d);
}

/**
 * The AS topology of a scenario: the loaded table its population carries, or the July 2001 model
 * built from the population seed (stream "as-model"), so an ensemble's runs share it.
 */
export function scenarioAsTopology(scenario: ResolvedScenario, population: Population): AsTopology {
  const spec = scenario.asTopology ?? { model: "as2001" as const };
  if ("asTable" in spec) {
    if (!population.asTopology) {
      throw new UserInputError(
        `asTopology.asTable: the AS table ${spec.asTable} was not loaded (load the scenario with wormscope/node)`,
      );
    }
    return population.asTopology;
  }
  const seed = scenario.populationSeed ?? scenario.seed;
  return buildAsModel(
    {
      ...(spec.asCount !== undefined ? { asCount: spec.asCount } : {}),
      ...(spec.cliqueSize !== undefined ? { cliqueSize: spec.cliqueSize } : {}),
    },
    createRng(seed).fork("as-model"),
  );
}

/** The engine form of a scenario's defenses (times as epoch ms, blocks parsed, hazards per hour). */
function engineDefenses(scenario: ResolvedScenario): DefenseSpec[] {
  return (scenario.defenses ?? []).map((d): DefenseSpec => {
    if (d.type === "ingress-filter") {
      return { type: d.type, block: observerBlock(d.block), fromMs: Date.parse(d.from) };
    }
    if (d.type === "tarpit") {
      return d.block !== undefined
        ? { type: d.type, block: observerBlock(d.block), holdSeconds: d.holdSeconds }
        : { type: d.type, unusedShare: d.unusedShare ?? 0, holdSeconds: d.holdSeconds };
    }
    if (d.type === "patch-campaign") {
      return {
        type: d.type,
        fromMs: Date.parse(d.from),
        perHostPerHour: d.perHostPerHour ?? halfLifeHazard(d.halfLifeHours ?? Infinity),
        coverage: d.coverage ?? 1,
        priority: d.priority ?? "any",
      };
    }
    return { ...d };
  });
}

/**
 * The scenario's cleanup as the engine's infected-first patch campaign, marked `world` (it is not a
 * defense: summaries leave it out). It comes after the defenses, so their indices and random
 * streams (`defense:INDEX`) are those of the same scenario without it.
 */
function cleanupCampaign(scenario: ResolvedScenario): DefenseSpec[] {
  const c = scenario.cleanup;
  if (!c || c.perHostPerHour === 0) return [];
  return [
    {
      type: "patch-campaign",
      fromMs: Date.parse(c.from),
      perHostPerHour: c.perHostPerHour,
      coverage: 1,
      priority: "infected-first",
      world: true,
    },
  ];
}

/** The engine input of a resolved scenario over `population`. */
export function toEngineInput(scenario: ResolvedScenario, population: Population): EngineInput {
  const defenses = [...engineDefenses(scenario), ...cleanupCampaign(scenario)];
  return {
    ...(defenses.length > 0 ? { defenses } : {}),
    ...(needsAsTopology(scenario) ? { asTopology: scenarioAsTopology(scenario, population) } : {}),
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
