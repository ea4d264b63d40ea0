/**
 * Node side of scenarios: reading a scenario file, loading a host-list population, and the outputs of
 * `wormscope simulate --out`.
 */
import { readFileSync } from "node:fs";
import { dirname, resolve as resolvePath } from "node:path";
import { UserInputError } from "../core/errors.ts";
import { fsErrorWords } from "./fs-errors.ts";
import { parseHostList } from "../net/host-list.ts";
import type { Population } from "../net/population.ts";
import { parseScenario, type ResolvedScenario } from "../scenario/resolve.ts";
import { buildModelPopulation } from "../scenario/run.ts";
import type { ScenarioFile } from "../scenario/schema.ts";

function readText(path: string, what: string): string {
  try {
    return readFileSync(path, "utf8");
  } catch (error) {
    throw new UserInputError(`${path}: cannot read ${what} (${fsErrorWords(error)})`);
  }
}

/** Reads and validates a scenario file. */
export function readScenarioFile(path: string): ScenarioFile {
  const text = readText(path, "scenario");
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new UserInputError(`${path}: invalid JSON: ${(error as Error).message}`);
  }
  const file = parseScenario(raw, path);
  if (file.population && "hostList" in file.population) {
    // Host lists are relative to the scenario file.
    file.population = { hostList: resolvePath(dirname(path), file.population.hostList) };
  }
  return file;
}

/** The population of a scenario: the model, or its host list read from disk. */
export function loadPopulation(scenario: ResolvedScenario): Population {
  const spec = scenario.population;
  if ("hostList" in spec) {
    return parseHostList(readText(spec.hostList, "host list"), spec.hostList);
  }
  return buildModelPopulation(scenario);
}
