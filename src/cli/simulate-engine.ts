/**
 * `wormscope simulate --engine fast|reference --address-bits N`: run a scenario on a scaled-down
 * Internet (the population kept proportionally, /8 and /16 structure intact) with either engine, on
 * the identical scaled input, so the two can be compared and timed side by side.
 */
import { UserInputError } from "../core/errors.ts";
import { createRng } from "../core/rng.ts";
import type { Population } from "../net/population.ts";
import { buildSummary } from "../report/summary.ts";
import { toEngineInput } from "../scenario/engine-input.ts";
import { scenarioHash } from "../scenario/hash.ts";
import type { ResolvedScenario } from "../scenario/resolve.ts";
import { runSimulation, type SimulationOutput } from "../scenario/run.ts";
import { runFastEngine } from "../sim/fast-engine.ts";
import {
  REFERENCE_MAX_ADDRESS_BITS,
  runReferenceEngine,
  unsupportedByReference,
} from "../sim/reference/reference-engine.ts";
import { scaleEngineInput } from "../sim/reference/scale.ts";

/** The engines `simulate` can run. */
export type EngineName = "fast" | "reference";

/** Parses --engine (default fast). */
export function parseEngine(text: string | undefined): EngineName {
  if (text === undefined || text === "fast") return "fast";
  if (text === "reference") return "reference";
  throw new UserInputError(`--engine: expected fast or reference, got "${text}"`);
}

/** Parses --address-bits (16-32; default 32; the reference engine needs 24 or fewer). */
export function parseAddressBits(text: string | undefined, engine: EngineName): number {
  if (text === undefined) {
    if (engine === "fast") return 32;
    throw new UserInputError(
      `--engine reference runs on a scaled-down Internet: add --address-bits 16 to ${REFERENCE_MAX_ADDRESS_BITS} (e.g. 20)`,
    );
  }
  const bits = /^\d{1,2}$/.test(text) ? Number(text) : NaN;
  if (!(bits >= 16 && bits <= 32)) {
    throw new UserInputError(
      `--address-bits: expected a whole number from 16 to 32, got "${text}"`,
    );
  }
  if (engine === "reference" && bits > REFERENCE_MAX_ADDRESS_BITS) {
    throw new UserInputError(
      `--engine reference needs --address-bits ${REFERENCE_MAX_ADDRESS_BITS} or fewer, got ${bits}`,
    );
  }
  return bits;
}

/**
 * Runs a scenario with the chosen engine on a 2^addressBits Internet. The scaled input depends only
 * on the scenario seed (stream "scale"), so both engines see the same hosts.
 */
export function runSimulationWith(
  scenario: ResolvedScenario,
  population: Population,
  options: {
    engine: EngineName;
    addressBits: number;
    onProgress?: (f: number) => void;
    clock?: () => number;
  },
): SimulationOutput {
  if (options.engine === "fast" && options.addressBits === 32) {
    return runSimulation(scenario, population, options);
  }
  const hash = scenarioHash(scenario);
  const full = toEngineInput(scenario, population);
  const input = scaleEngineInput(full, options.addressBits, createRng(scenario.seed).fork("scale"));
  if (options.engine === "reference") {
    const why = unsupportedByReference(input);
    if (why !== null) {
      throw new UserInputError(
        `--engine reference cannot run scenario "${scenario.name}": ${why}; use --engine fast`,
      );
    }
  }
  const run = options.engine === "fast" ? runFastEngine : runReferenceEngine;
  const t0 = options.clock?.() ?? 0;
  const result = run(input, { onProgress: options.onProgress });
  const seconds = options.clock ? (options.clock() - t0) / 1000 : 0;
  return { result, summary: buildSummary(scenario, hash, result, seconds), scenarioHash: hash };
}
