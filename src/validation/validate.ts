/**
 * Runs every published comparison ({@link MEASUREMENTS}) over seeds 1..N of the fast engine and
 * summarises each as the model's mean and 5-95% band next to the published figure, inside or
 * outside. One population per run (built from the scenario's seed, as ensembles do); seeds vary the
 * engine's draws.
 * @see ../../docs/validation.md
 */
import { PRESETS } from "../scenario/presets.ts";
import { resolveScenario } from "../scenario/resolve.ts";
import type { ScenarioFile } from "../scenario/schema.ts";
import { buildModelPopulation } from "../scenario/run.ts";
import { toEngineInput } from "../scenario/engine-input.ts";
import { runFastEngine } from "../sim/fast-engine.ts";
import {
  MEASUREMENTS,
  VALIDATION_RUNS,
  type Measurement,
  type ValidationRun,
} from "./measurements.ts";

export interface ValidationRow {
  readonly id: string;
  readonly what: string;
  readonly source: string;
  readonly counts: Measurement["counts"];
  readonly role: Measurement["role"];
  readonly published: number;
  readonly criterion: string;
  readonly mean: number;
  readonly p5: number;
  readonly p95: number;
  readonly inside: boolean;
  /** Every seed's value, seeds 1..N. */
  readonly values: readonly number[];
}

export interface ValidationOptions {
  readonly seeds: number;
  /** Runs to do (default: all). */
  readonly runs?: readonly ValidationRun[];
  /**
   * Scenario fields applied to every run (a candidate calibration): worm entries only to runs whose
   * preset has that variant, observers added to the run's own.
   */
  readonly with?: ScenarioFile;
  /** Called after each engine run. */
  readonly onRun?: (run: ValidationRun, seed: number, done: number, total: number) => void;
}

/** The q-quantile (0..1) of sorted values, by linear interpolation. */
export function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  const x = q * (sorted.length - 1);
  const lo = Math.floor(x);
  const hi = Math.min(sorted.length - 1, lo + 1);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (x - lo);
}

function verdict(m: Measurement, mean: number, p5: number, p95: number): [boolean, string] {
  const c = m.comparison;
  switch (c.kind) {
    case "about":
      return [p5 <= m.published && m.published <= p95, "inside 5-95%"];
    case "at-least":
      return [p95 >= m.published, "5-95% reaches it"];
    case "factor":
      return [
        mean >= m.published / c.factor && mean <= m.published * c.factor,
        `mean within x${c.factor}`,
      ];
    case "range":
      return [mean >= c.low && mean <= c.high, `mean in ${c.low.toFixed(1)}-${c.high.toFixed(1)}`];
  }
}

/** A validation run's scenario with the candidate fields applied. */
export function withOverrides(base: ScenarioFile, extra: ScenarioFile | undefined): ScenarioFile {
  if (!extra) return base;
  const { worms, observers, extends: _ignored, ...fields } = extra;
  const variants = new Set((PRESETS[base.extends ?? ""]?.worms ?? []).map((w) => w.variant));
  return {
    ...base,
    ...fields,
    worms: (worms ?? []).filter((w) => variants.has(w.variant)),
    observers: [...(base.observers ?? []), ...(observers ?? [])],
  };
}

/** Runs the comparisons; rows in table order. */
export function runValidation(options: ValidationOptions): ValidationRow[] {
  const runs = options.runs ?? (Object.keys(VALIDATION_RUNS) as ValidationRun[]);
  const values = new Map<string, number[]>();
  const total = runs.length * options.seeds;
  let done = 0;
  for (const run of runs) {
    const scenario = resolveScenario(
      withOverrides(VALIDATION_RUNS[run], options.with),
      {},
      `validation run ${run}`,
    );
    const population = buildModelPopulation(scenario);
    const measurements = MEASUREMENTS.filter((m) => m.run === run);
    for (let seed = 1; seed <= options.seeds; seed++) {
      const input = { ...toEngineInput(scenario, population), seed };
      const result = runFastEngine(input);
      for (const m of measurements) {
        const list = values.get(m.id) ?? [];
        list.push(m.read(result));
        values.set(m.id, list);
      }
      options.onRun?.(run, seed, ++done, total);
    }
  }
  return MEASUREMENTS.filter((m) => runs.includes(m.run)).map((m) => {
    const v = values.get(m.id) ?? [];
    // A ratio is undefined in a seed whose outbreak never started (0 / 0): such seeds are left out
    // of that row only, and the criterion says how many were used.
    const finite = v.filter((x) => Number.isFinite(x));
    const sorted = [...finite].sort((a, b) => a - b);
    const mean = finite.reduce((s, x) => s + x, 0) / finite.length;
    const p5 = quantile(sorted, 0.05);
    const p95 = quantile(sorted, 0.95);
    const [inside, judged] = verdict(m, mean, p5, p95);
    const criterion =
      finite.length < v.length
        ? `${judged} (${finite.length} of ${v.length} seeds: the others have no value)`
        : judged;
    return {
      id: m.id,
      what: m.what,
      source: m.source,
      counts: m.counts,
      role: m.role,
      published: m.published,
      criterion,
      mean,
      p5,
      p95,
      inside,
      values: v,
    };
  });
}

/** The rows as a Markdown table. */
export function validationTable(rows: readonly ValidationRow[], seeds: number): string {
  const n = (x: number) =>
    !Number.isFinite(x)
      ? "n/a"
      : Math.abs(x) >= 100
        ? Math.round(x).toLocaleString("en-US")
        : x.toFixed(2);
  const lines = [
    `| measurement | source | counts | published | model mean (5-95%, ${seeds} seeds) | criterion | verdict | role |`,
    "|---|---|---|---|---|---|---|---|",
  ];
  for (const r of rows) {
    lines.push(
      `| ${r.what} | ${r.source} | ${r.counts} | ${n(r.published)} | ${n(r.mean)} (${n(r.p5)}-${n(r.p95)}) | ${r.criterion} | ${r.inside ? "inside" : "**outside**"} | ${r.role} |`,
    );
  }
  const inside = rows.filter((r) => r.inside).length;
  lines.push("", `${inside} of ${rows.length} inside.`);
  return lines.join("\n");
}
