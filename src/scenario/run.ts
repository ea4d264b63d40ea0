/**
 * The simulate entry points of the library: resolved scenario + population -> engine result and
 * summary, on the fast or the reference engine, at full scale or on a scaled-down Internet.
 * Browser-safe: the caller supplies the population (use {@link buildModelPopulation} for the model;
 * Node code loads host lists).
 */
import { createRng } from "../core/rng.ts";
import { UserInputError } from "../core/errors.ts";
import { populationJuly2001 } from "../net/internet-2001.ts";
import type { Population } from "../net/population.ts";
import { runReferenceEngine, unsupportedByReference } from "../sim/reference/reference-engine.ts";
import { scaledEngineInput } from "./engine-input.ts";
import { scenarioHash } from "./hash.ts";
import type { ResolvedScenario } from "./resolve.ts";
import {
  createSimulation,
  simulationOutput,
  type SimulationOptions,
  type SimulationOutput,
} from "./simulation.ts";

export type { SimulationOptions, SimulationOutput };

/**
 * Builds the model population of a scenario from its `populationSeed`, or its `seed` (throws if it
 * names a host list).
 */
export function buildModelPopulation(scenario: ResolvedScenario): Population {
  const spec = scenario.population;
  if (!("model" in spec)) {
    throw new UserInputError("this scenario names a host list: load it with the Node entry point");
  }
  const { model: _model, ...options } = spec;
  const seed = scenario.populationSeed ?? scenario.seed;
  return populationJuly2001(options, createRng(seed).fork("population"));
}

/** The engines a scenario can run on: the event-driven fast engine, or the per-probe reference. */
export type EngineName = "fast" | "reference";

/** Options of {@link runSimulationWith}: the engine and the size of the Internet it runs on. */
export interface EngineSimulationOptions extends SimulationOptions {
  readonly engine: EngineName;
  /** The Internet has 2^addressBits addresses (16 to 32; the reference engine needs 24 or fewer). */
  readonly addressBits: number;
}

/** Thrown when the chosen engine cannot run a scenario (e.g. reference engine with observers). */
export class EngineRefusedError extends UserInputError {
  constructor(
    readonly engine: EngineName,
    readonly scenarioName: string,
    readonly reason: string,
  ) {
    super(`the ${engine} engine cannot run scenario "${scenarioName}": ${reason}`);
    this.name = "EngineRefusedError";
  }
}

/** Runs a resolved scenario on the fast engine over the full IPv4 space. */
export function runSimulation(
  scenario: ResolvedScenario,
  population: Population,
  options: SimulationOptions = {},
): SimulationOutput {
  return runSimulationWith(scenario, population, { ...options, engine: "fast", addressBits: 32 });
}

/**
 * Runs a resolved scenario with the chosen engine on a 2^addressBits Internet (the population kept
 * proportionally, /8 and /16 structure intact; see scaleEngineInput). The scaled input depends only
 * on the scenario seed (stream "scale"), so both engines see the same hosts. Throws
 * {@link EngineRefusedError} before running when the engine cannot run the scenario.
 */
export function runSimulationWith(
  scenario: ResolvedScenario,
  population: Population,
  options: EngineSimulationOptions,
): SimulationOutput {
  if (options.engine === "fast") return createSimulation(scenario, population, options).finish();
  const input = scaledEngineInput(scenario, population, options.addressBits);
  const why = unsupportedByReference(input);
  if (why !== null) throw new EngineRefusedError("reference", scenario.name, why);
  const t0 = options.clock?.() ?? 0;
  const result = runReferenceEngine(input, { onProgress: options.onProgress });
  const seconds = options.clock ? (options.clock() - t0) / 1000 : 0;
  return simulationOutput(scenario, scenarioHash(scenario), result, seconds);
}
