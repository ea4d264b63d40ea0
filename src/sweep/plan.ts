/**
 * A sweep's plan: its points (each a complete scenario), its seeds, and its runs in the order they
 * are done. Browser-safe and pure: the same sweep file gives the same plan on any machine.
 *
 * - A point is the base scenario merged with its preset, with each grid (or random) path set to the
 *   point's value, without `seed`. Its hash is the scenario hash of that file.
 * - Seeds: a list is used as given; a count N gives the ensemble seeds of the master seed (the
 *   master seed itself, then seeds forked from it by replicate number, as `simulate --runs N`). Every
 *   point uses the same seeds, so two points differ by their parameters, not by their randomness
 *   (common random numbers).
 * - A run is (point, seed); its key is `pointHash-seed`, so a run is the same whatever sweep, order,
 *   worker or machine computes it, and a run shared by two sweeps is computed once.
 * - Runs are interleaved: every point's first seed, then every point's second seed, and so on, so a
 *   sweep stopped halfway has sampled every point.
 */
import { createRng } from "../core/rng.ts";
import { UserInputError } from "../core/errors.ts";
import { ensembleSeeds } from "../report/ensemble.ts";
import { scenarioHash } from "../scenario/hash.ts";
import { mergeWithPreset, parseScenario, resolveScenario } from "../scenario/resolve.ts";
import type { ScenarioFile } from "../scenario/schema.ts";
import { MAX_SWEEP_POINTS, type RandomRange, type SweepFile } from "./sweep-file.ts";

/** One point of a sweep. */
export interface SweepPoint {
  /** 0-based, in grid order (the last path varies fastest) or draw order. */
  readonly index: number;
  /** The value of each swept path at this point, in the sweep file's path order. */
  readonly values: Readonly<Record<string, unknown>>;
  /** The complete scenario of the point (no seed). */
  readonly scenario: ScenarioFile;
  /** Its scenario hash. */
  readonly hash: string;
}

/** One run: a point at a seed. */
export interface SweepRun {
  readonly key: string;
  readonly point: number;
  /** 0-based index of the seed in the sweep's seed list. */
  readonly replicate: number;
  readonly seed: number;
}

/** What a sweep file expands to. */
export interface SweepPlan {
  readonly name: string;
  readonly masterSeed: number;
  /** The swept paths, in file order. */
  readonly paths: readonly string[];
  readonly points: readonly SweepPoint[];
  readonly seeds: readonly number[];
  /** Every run, interleaved (replicate-major). */
  readonly runs: readonly SweepRun[];
}

/** The key of the run of a point's scenario at a seed. */
export function runKey(pointHash: string, seed: number): string {
  return `${pointHash}-${seed}`;
}

/**
 * A copy of `scenario` with `path` set to `value`. Every step but the last must exist (an index
 * within its array); the last may add a key to an object. Throws naming the path.
 */
export function setPath(
  scenario: ScenarioFile,
  path: string,
  value: unknown,
  where: string,
): ScenarioFile {
  const root = structuredClone(scenario) as Record<string, unknown>;
  const steps = path.split(".");
  let node: unknown = root;
  for (let i = 0; i < steps.length; i++) {
    const step = steps[i];
    const last = i === steps.length - 1;
    const at = steps.slice(0, i).join(".") || "the scenario";
    if (Array.isArray(node)) {
      const k = Number(step);
      if (!/^\d+$/.test(step) || k >= node.length) {
        throw new UserInputError(
          `${where}: ${path}: ${at} is a list of ${node.length}, so "${step}" is not one of its indices (0-${node.length - 1})`,
        );
      }
      if (last) node[k] = value;
      else node = node[k];
    } else if (node !== null && typeof node === "object") {
      const obj = node as Record<string, unknown>;
      if (last) obj[step] = value;
      else if (!(step in obj)) {
        throw new UserInputError(
          `${where}: ${path}: ${at} has no "${step}" (set it in the base scenario first)`,
        );
      } else node = obj[step];
    } else {
      throw new UserInputError(`${where}: ${path}: ${at} is a value, not an object or a list`);
    }
  }
  return root;
}

/** Every combination of the grid's values, the last path varying fastest. */
function gridPoints(grid: Readonly<Record<string, readonly unknown[]>>): Record<string, unknown>[] {
  const paths = Object.keys(grid);
  let total = 1;
  for (const p of paths) total *= grid[p].length;
  if (total > MAX_SWEEP_POINTS) {
    throw new UserInputError(`grid: ${total} points, more than ${MAX_SWEEP_POINTS}`);
  }
  const out: Record<string, unknown>[] = [];
  for (let i = 0; i < total; i++) {
    const values: Record<string, unknown> = {};
    let rest = i;
    for (let j = paths.length - 1; j >= 0; j--) {
      const vs = grid[paths[j]];
      values[paths[j]] = vs[rest % vs.length];
      rest = Math.floor(rest / vs.length);
    }
    out.push(Object.fromEntries(paths.map((p) => [p, values[p]])));
  }
  return out;
}

function rangeBounds(r: RandomRange): { min: number; max: number; log: boolean; integer: boolean } {
  return Array.isArray(r)
    ? { min: r[0], max: r[1], log: false, integer: false }
    : { min: r.min, max: r.max, log: r.scale === "log", integer: r.integer ?? false };
}

/** N points drawn from the ranges on the master seed's "sweep-random" stream. */
function randomPoints(
  random: NonNullable<SweepFile["random"]>,
  masterSeed: number,
  fileName: string,
): Record<string, unknown>[] {
  const rng = createRng(masterSeed).fork("sweep-random");
  const paths = Object.keys(random.ranges);
  const bounds = paths.map((p) => {
    const b = rangeBounds(random.ranges[p]);
    if (!(b.max >= b.min)) {
      throw new UserInputError(`${fileName}: random.ranges.${p}: max must be >= min`);
    }
    if (b.log && !(b.min > 0)) {
      throw new UserInputError(`${fileName}: random.ranges.${p}: a log scale needs min > 0`);
    }
    return b;
  });
  const out: Record<string, unknown>[] = [];
  for (let i = 0; i < random.points; i++) {
    const values: Record<string, unknown> = {};
    paths.forEach((p, j) => {
      const { min, max, log, integer } = bounds[j];
      const u = rng.next();
      let v = log
        ? Math.exp(Math.log(min) + u * (Math.log(max) - Math.log(min)))
        : min + u * (max - min);
      if (integer) v = Math.min(Math.floor(max), Math.max(Math.ceil(min), Math.round(v)));
      values[p] = v;
    });
    out.push(values);
  }
  return out;
}

/** Words for a point's values, for messages: `worms.0.probesPerSecond=6, ...`. */
export function describeValues(values: Readonly<Record<string, unknown>>): string {
  const parts = Object.entries(values).map(([p, v]) => `${p}=${JSON.stringify(v)}`);
  return parts.length ? parts.join(", ") : "(the base scenario)";
}

/**
 * Expands a sweep file over its base scenario (already read: an inline base as written, or the
 * file it names). Every point is checked as a scenario; an error names the sweep file, the point
 * and the scenario field.
 */
export function planSweep(
  file: SweepFile,
  base: ScenarioFile,
  fileName: string,
  defaultName: string,
): SweepPlan {
  const merged = mergeWithPreset(base, `${fileName}: base`);
  const masterSeed = file.seed ?? base.seed ?? 1;
  const { seed: _seed, ...unseeded } = merged;
  const valueSets = file.grid
    ? gridPoints(file.grid)
    : file.random
      ? randomPoints(file.random, masterSeed, fileName)
      : [{}];
  const paths = Object.keys(file.grid ?? file.random?.ranges ?? {});
  const points = valueSets.map((values, index): SweepPoint => {
    const where = `${fileName}: point ${index} (${describeValues(values)})`;
    let scenario: ScenarioFile = unseeded;
    for (const [path, value] of Object.entries(values))
      scenario = setPath(scenario, path, value, where);
    // The same checks as a scenario file, field and cross-field, before any run starts.
    const parsed = parseScenario(scenario, where);
    resolveScenario(parsed, {}, where);
    return { index, values, scenario: parsed, hash: scenarioHash(parsed) };
  });
  const seeds = Array.isArray(file.seeds) ? [...file.seeds] : ensembleSeeds(masterSeed, file.seeds);
  const runs: SweepRun[] = [];
  seeds.forEach((seed, replicate) => {
    for (const p of points)
      runs.push({ key: runKey(p.hash, seed), point: p.index, replicate, seed });
  });
  const keys = new Set(runs.map((r) => r.key));
  if (keys.size !== runs.length) {
    throw new UserInputError(
      `${fileName}: two runs of this sweep are the same run (equal points or repeated seeds): each (point, seed) must differ`,
    );
  }
  return { name: file.name ?? defaultName, masterSeed, paths, points, seeds, runs };
}
