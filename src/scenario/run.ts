/**
 * The simulate entry point of the library: resolved scenario + population -> engine result and
 * summary. Browser-safe: the caller supplies the population (use {@link buildModelPopulation} for the
 * model; Node code loads host lists).
 */
import { createRng } from "../core/rng.ts";
import { UserInputError } from "../core/errors.ts";
import { populationJuly2001 } from "../net/internet-2001.ts";
import type { Population } from "../net/population.ts";
import { buildSummary, type Summary } from "../report/summary.ts";
import type { EngineResult } from "../sim/engine-result.ts";
import { runFastEngine } from "../sim/fast-engine.ts";
import { toEngineInput } from "./engine-input.ts";
import { scenarioHash } from "./hash.ts";
import type { ResolvedScenario } from "./resolve.ts";

/** Builds the model population of a scenario (throws if it names a host list). */
export function buildModelPopulation(scenario: ResolvedScenario): Population {
  const spec = scenario.population;
  if (!("model" in spec)) {
    throw new UserInputError("this scenario names a host list: load it with the Node entry point");
  }
  const { model: _model, ...options } = spec;
  return populationJuly2001(options, createRng(scenario.seed).fork("population"));
}

/** What a simulation returns. */
export interface SimulationOutput {
  readonly result: EngineResult;
  readonly summary: Summary;
  readonly scenarioHash: string;
}

/** Runs a resolved scenario. `clock` (e.g. performance.now) times the engine for `wallSeconds`. */
export function runSimulation(
  scenario: ResolvedScenario,
  population: Population,
  options: { onProgress?: (f: number) => void; clock?: () => number } = {},
): SimulationOutput {
  const hash = scenarioHash(scenario);
  const input = toEngineInput(scenario, population);
  const t0 = options.clock?.() ?? 0;
  const result = runFastEngine(input, { onProgress: options.onProgress });
  const seconds = options.clock ? (options.clock() - t0) / 1000 : 0;
  return { result, summary: buildSummary(scenario, hash, result, seconds), scenarioHash: hash };
}
