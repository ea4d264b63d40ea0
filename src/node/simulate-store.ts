/**
 * `simulate --store FILE` (and `--runs N --store FILE`): keeps each run of a simulation in the run
 * store, as a sweep of one point, so that `runs list|show|export|report` see it. An ensemble's runs
 * share one population (built from the ensemble's seed): their stored scenario names it as
 * `populationSeed`, so each stored run replays alone with `simulate --scenario`.
 */
import { ensembleSeeds } from "../report/ensemble.ts";
import type { Summary } from "../report/summary.ts";
import { scenarioHash } from "../scenario/hash.ts";
import { mergeWithPreset, parseScenario, type ResolvedScenario } from "../scenario/resolve.ts";
import type { ScenarioFile } from "../scenario/schema.ts";
import { runKey, type SweepPlan } from "../sweep/plan.ts";
import { RunStore, type RunSeries } from "./run-store.ts";

/** One run to keep. */
export interface SimulatedRun {
  readonly seed: number;
  readonly summary: Summary;
  readonly series: RunSeries;
  readonly engineSeconds: number;
}

/**
 * The scenario an ensemble runs with when its runs are stored: the population seed made explicit
 * (the population is the same; only the scenario hash in the summaries changes).
 */
export function withExplicitPopulationSeed(scenario: ResolvedScenario): ResolvedScenario {
  return { ...scenario, populationSeed: scenario.populationSeed ?? scenario.seed };
}

/** Stores the runs of a simulation of `file` (resolved as `scenario`); returns the sweep's name. */
export function storeSimulation(
  path: string,
  file: ScenarioFile,
  scenario: ResolvedScenario,
  runs: readonly SimulatedRun[],
): { name: string; stored: number } {
  const { seed: _seed, ...merged } = mergeWithPreset(file);
  const point = parseScenario(
    {
      ...merged,
      until: scenario.until,
      ...(scenario.populationSeed !== undefined ? { populationSeed: scenario.populationSeed } : {}),
    },
    "scenario",
  );
  const hash = scenarioHash(point);
  const seeds = ensembleSeeds(scenario.seed, runs.length);
  const safe = scenario.name.replace(/[^A-Za-z0-9._-]/g, "_").slice(0, 40);
  const name = `simulate-${safe}-${hash.slice(0, 8)}-${scenario.seed}x${runs.length}`;
  const plan: SweepPlan = {
    name,
    masterSeed: scenario.seed,
    paths: [],
    points: [{ index: 0, values: {}, scenario: point, hash }],
    seeds,
    runs: seeds.map((seed, replicate) => ({ key: runKey(hash, seed), point: 0, replicate, seed })),
  };
  const store = RunStore.open(path);
  try {
    store.saveSweep(plan, { simulate: point, seeds });
    let stored = 0;
    runs.forEach((r, i) => {
      const fresh = store.saveRun(
        {
          key: plan.runs[i].key,
          scenarioHash: hash,
          scenario: point,
          summary: r.summary,
          series: r.series,
          engineSeconds: r.engineSeconds,
          runSeconds: r.engineSeconds,
        },
        new Date().toISOString(),
      );
      if (fresh) stored++;
    });
    return { name, stored };
  } finally {
    store.close();
  }
}
