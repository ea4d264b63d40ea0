/**
 * From a scenario file (possibly extending a preset) to a fully resolved scenario: every default
 * filled in, so the resolved JSON alone replays the run and its hash identifies it.
 */
import { isoUtc } from "../core/time.ts";
import { UserInputError } from "../core/errors.ts";
import { PRESETS, DEFAULT_PRESET } from "./presets.ts";
import {
  OBSERVER_NAME_PATTERN,
  OBSERVER_NAME_RULE,
  ScenarioSchema,
  type AsTopologyEntry,
  type DefenseEntry,
  type ObserverEntry,
  type RateStepEntry,
  type ScenarioFile,
  type WormEntry,
} from "./schema.ts";
import { resolveWorm, type ResolvedWorm } from "./resolve-worm.ts";
import { parseCidr } from "../net/prefix.ts";
import { LOAD16_MAX_BLOCKS } from "../sim/engine-input.ts";

/**
 * Largest block a `server` observer may watch: a /16 (one site). A server is one address or a site;
 * larger blocks are what `telescope` and `load16` observers are for.
 */
export const SERVER_MAX_BLOCK_BITS = 16;

/** A scenario with every field set. */
export interface ResolvedScenario {
  readonly name: string;
  readonly description: string;
  /** The preset it extends, or null. */
  readonly preset: string | null;
  readonly seed: number;
  /** Seed of the population model when it is not `seed` (absent: `seed`). */
  readonly populationSeed?: number;
  readonly start: string;
  readonly until: string;
  readonly population: NonNullable<ScenarioFile["population"]>;
  readonly worms: readonly ResolvedWorm[];
  readonly patching: readonly RateStepEntry[];
  readonly reboots: readonly RateStepEntry[];
  /** Infected hosts cleaned and patched from a time on (absent: none). */
  readonly cleanup?: RateStepEntry;
  readonly observers: readonly ObserverEntry[];
  /** Per-host probe-rate multipliers (absent: homogeneous). */
  readonly rateHeterogeneity?: NonNullable<ScenarioFile["rateHeterogeneity"]>;
  /** Dynamic addresses (absent: none). */
  readonly addressChurn?: NonNullable<ScenarioFile["addressChurn"]>;
  /** Filters, throttles and campaigns, with their defaults filled in (absent: none). */
  readonly defenses?: readonly DefenseEntry[];
  /** The AS topology filters are deployed on (absent: the July 2001 model when one is needed). */
  readonly asTopology?: AsTopologyEntry;
}

/** Overrides applied on top of a scenario, from command-line flags. */
export interface ScenarioOverrides {
  readonly seed?: number;
  readonly until?: string;
}

/**
 * Validates raw JSON (already parsed) as a scenario file. Throws a UserInputError naming the file,
 * the field path and the problem.
 */
export function parseScenario(raw: unknown, fileName: string): ScenarioFile {
  const result = ScenarioSchema.safeParse(raw);
  if (result.success) return result.data;
  const lines = result.error.issues.slice(0, 10).map((issue) => {
    const path = formatPath(issue.path);
    return `${fileName}: ${path || "(top level)"}: ${issue.message}`;
  });
  throw new UserInputError(`invalid scenario\n${lines.join("\n")}`);
}

function formatPath(path: readonly PropertyKey[]): string {
  let out = "";
  for (const p of path) {
    if (typeof p === "number") out += `[${p}]`;
    else out += out ? `.${String(p)}` : String(p);
  }
  return out;
}

function mergeByKey<T>(base: readonly T[], over: readonly T[], key: (t: T) => string): T[] {
  const out = base.map((b) => ({ ...b }));
  for (const o of over) {
    const i = out.findIndex((b) => key(b) === key(o));
    if (i >= 0) out[i] = { ...out[i], ...o };
    else out.push({ ...o });
  }
  return out;
}

/** Looks up a preset by name, with a clear error listing the known ones. */
export function presetByName(name: string): ScenarioFile {
  const preset = Object.hasOwn(PRESETS, name) ? PRESETS[name] : undefined;
  if (!preset) {
    throw new UserInputError(
      `unknown preset "${name}" (known: ${Object.keys(PRESETS).join(", ")})`,
    );
  }
  return preset;
}

/** The preset a file extends: `extends`, or the default preset when it names no population or worms. */
function presetNameOf(file: ScenarioFile): string | null {
  return file.extends ?? (file.worms || file.population ? null : DEFAULT_PRESET);
}

/**
 * A scenario file with its preset merged in (`extends`, or the default preset when the file names
 * no population or worms): the preset's fields, then the file's; worms merge by variant and
 * observers by name. `extends` stays as written. Throws a UserInputError for two observers of one
 * name in the file.
 */
export function mergeWithPreset(file: ScenarioFile, fileName = "scenario"): ScenarioFile {
  const presetName = presetNameOf(file);
  const base: ScenarioFile = presetName ? presetByName(presetName) : {};
  // A file observer named like a preset's replaces it (mergeByKey); two in one file are an error.
  const seen = new Map<string, number>();
  (file.observers ?? []).forEach((o, i) => {
    const first = seen.get(o.name);
    if (first !== undefined) {
      throw new UserInputError(
        `${fileName}: observers[${i}].name: "${o.name}" is already the name of observers[${first}] (observer names must be unique)`,
      );
    }
    seen.set(o.name, i);
  });
  return {
    ...base,
    ...file,
    worms: mergeByKey<WormEntry>(base.worms ?? [], file.worms ?? [], (w) => w.variant),
    observers: mergeByKey<ObserverEntry>(base.observers ?? [], file.observers ?? [], (o) => o.name),
    population: file.population ?? base.population,
  };
}

/**
 * Resolves a scenario file: applies `extends` (default: the default preset when the file names no
 * population or worms), fills defaults, checks cross-field rules, applies overrides.
 */
export function resolveScenario(
  file: ScenarioFile,
  overrides: ScenarioOverrides = {},
  fileName = "scenario",
): ResolvedScenario {
  const presetName = presetNameOf(file);
  const merged = mergeWithPreset(file, fileName);
  const bad = (field: string, problem: string): never => {
    throw new UserInputError(`${fileName}: ${field}: ${problem}`);
  };
  const start = merged.start ?? bad("start", "required (or extend a preset that sets it)");
  const until = overrides.until ?? merged.until ?? bad("until", "required");
  if (!(Date.parse(until) > Date.parse(start))) bad("until", `must be after start (${start})`);
  if (Date.parse(until) - Date.parse(start) > 400 * 86_400_000)
    bad("until", "runs are limited to 400 days");
  const worms = merged.worms ?? [];
  if (worms.length === 0) bad("worms", "at least one worm is required");
  const population = merged.population ?? bad("population", "required");
  const resolvedWorms = worms.map((w, i) => resolveWorm(w, start, `${fileName}: worms[${i}]`));
  const observers = merged.observers ?? [];
  const walksList = resolvedWorms.some((w) => w.definition.scan.kind === "static-seed");
  observers.forEach((o, i) => {
    // The schema checks names in files; this also covers scenarios built in code.
    if (!OBSERVER_NAME_PATTERN.test(o.name)) {
      bad(`observers[${i}].name`, `${OBSERVER_NAME_RULE}, got ${JSON.stringify(o.name)}`);
    }
    if (o.type !== "sequence") checkBlockObserver(o, `${fileName}: observers[${i}].block`);
    if (o.type === "sequence" && !walksList) {
      bad(
        `observers[${i}]`,
        `a sequence observer ("${o.name}") counts the hosts that walk a static-seed list, and no worm here does (add a crv1 worm or remove it)`,
      );
    }
  });
  const defenses = resolveDefenses(merged.defenses ?? [], fileName, walksList);
  return {
    name: merged.name ?? presetName ?? "scenario",
    description: merged.description ?? "",
    preset: presetName,
    seed: overrides.seed ?? merged.seed ?? 1,
    start: isoUtc(Date.parse(start)),
    until: isoUtc(Date.parse(until)),
    population,
    worms: resolvedWorms,
    patching: merged.patching ?? [],
    reboots: merged.reboots ?? [],
    ...(merged.cleanup ? { cleanup: merged.cleanup } : {}),
    observers,
    // Absent fields stay absent, so scenarios without them keep their hashes.
    ...(merged.rateHeterogeneity ? { rateHeterogeneity: merged.rateHeterogeneity } : {}),
    ...(merged.addressChurn ? { addressChurn: merged.addressChurn } : {}),
    ...(merged.populationSeed !== undefined ? { populationSeed: merged.populationSeed } : {}),
    ...(defenses.length > 0 ? { defenses } : {}),
    ...(merged.asTopology ? { asTopology: merged.asTopology } : {}),
  };
}

/** Defaults filled in and the checks the schema cannot make, naming the field. */
function resolveDefenses(
  list: readonly DefenseEntry[],
  fileName: string,
  staticSeedWorm: boolean,
): DefenseEntry[] {
  const bad = (field: string, problem: string): never => {
    throw new UserInputError(`${fileName}: ${field}: ${problem}`);
  };
  const filters = ["address-blacklist", "content-filter", "ingress-filter"];
  list.forEach((d, i) => {
    if (staticSeedWorm && filters.includes(d.type)) {
      bad(
        `defenses[${i}]`,
        `${d.type} is not modelled with static-seed worms (crv1) yet: remove the crv1 worm or the filter`,
      );
    }
  });
  const blacklists = list.filter((d) => d.type === "address-blacklist").length;
  if (blacklists > 1) bad("defenses", `at most one address-blacklist, got ${blacklists}`);
  return list.map((d, i) => {
    if (d.type === "tarpit" && d.block !== undefined) {
      const parsed = parseCidr(d.block);
      if (!parsed.ok) bad(`defenses[${i}].block`, parsed.error);
    }
    if (d.type === "ingress-filter") {
      const parsed = parseCidr(d.block);
      if (!parsed.ok) bad(`defenses[${i}].block`, parsed.error);
      else if (parsed.value.bits > 16) {
        bad(
          `defenses[${i}].block`,
          `an ingress filter acts on whole /16s: give a /16 or larger, got ${d.block}`,
        );
      }
    }
    if (d.type === "patch-campaign") {
      return { ...d, coverage: d.coverage ?? 1, priority: d.priority ?? "any" };
    }
    return d;
  });
}

/** The size limits of block observers, checked here so that the engine never has to refuse them. */
function checkBlockObserver(o: Extract<ObserverEntry, { block: string }>, where: string): void {
  const parsed = parseCidr(o.block.includes("/") ? o.block : `${o.block}/32`);
  if (!parsed.ok) throw new UserInputError(`${where}: ${parsed.error}`);
  const bits = parsed.value.bits;
  if (o.type === "load16") {
    if (bits > 16) {
      throw new UserInputError(
        `${where}: load16 observer "${o.name}": block must be a /16 or larger, got ${o.block}`,
      );
    }
    if (2 ** (16 - bits) > LOAD16_MAX_BLOCKS) {
      throw new UserInputError(
        `${where}: load16 observer "${o.name}": at most ${LOAD16_MAX_BLOCKS} /16s (a /${16 - Math.log2(LOAD16_MAX_BLOCKS)} or smaller), got ${o.block}`,
      );
    }
  }
  if (o.type === "server" && bits < SERVER_MAX_BLOCK_BITS) {
    throw new UserInputError(
      `${where}: server observer "${o.name}": at most a /${SERVER_MAX_BLOCK_BITS} (one address or a site), got ${o.block}; use a telescope observer for larger blocks`,
    );
  }
}
