/**
 * Reads a sweep file and the scenario it sweeps: an inline `base`, or the scenario file it names
 * (relative to the sweep file). Host lists are relative to the file that names them.
 */
import { basename, dirname, extname, resolve as resolvePath } from "node:path";
import { UserInputError } from "../core/errors.ts";
import { parseScenario } from "../scenario/resolve.ts";
import type { ScenarioFile } from "../scenario/schema.ts";
import { parseSweepFile, type SweepFile } from "../sweep/sweep-file.ts";
import { planSweep, type SweepPlan } from "../sweep/plan.ts";
import {
  SCENARIO_FILE_MAX_BYTES,
  describeJsonError,
  readBoundedText,
  readScenarioFile,
} from "./scenario-files.ts";

/** A sweep file, read and planned. */
export interface ReadSweep {
  readonly file: SweepFile;
  readonly plan: SweepPlan;
}

/** Reads, validates and plans a sweep file; errors name the file, the field and the problem (exit 2). */
export function readSweepFile(path: string): ReadSweep {
  const text = readBoundedText(path, "sweep", SCENARIO_FILE_MAX_BYTES);
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new UserInputError(`${path}: ${describeJsonError(text, error)}`);
  }
  const file = parseSweepFile(raw, path);
  let base: ScenarioFile;
  if (typeof file.base === "string") {
    base = readScenarioFile(resolvePath(dirname(path), file.base));
  } else {
    base = parseScenario(file.base, `${path}: base`);
    if (base.population && "hostList" in base.population) {
      base.population = { hostList: resolvePath(dirname(path), base.population.hostList) };
    }
    if (base.asTopology && "asTable" in base.asTopology) {
      base.asTopology = { asTable: resolvePath(dirname(path), base.asTopology.asTable) };
    }
  }
  const defaultName = basename(path, extname(path)).replace(/[^A-Za-z0-9._-]/g, "_") || "sweep";
  return { file, plan: planSweep(file, base, path, defaultName) };
}
