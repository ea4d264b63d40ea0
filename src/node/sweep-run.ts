/**
 * One run of a sweep: a point's scenario at a seed, exactly what `wormscope simulate --scenario
 * FILE --seed SEED` runs for that scenario file (the population from the run's own seed, or its
 * host list), reduced to what the store keeps.
 */
import { performance } from "node:perf_hooks";
import { resolveScenario } from "../scenario/resolve.ts";
import { runSimulation } from "../scenario/run.ts";
import type { ScenarioFile } from "../scenario/schema.ts";
import type { EngineResult } from "../sim/engine-result.ts";
import type { FinishedRun, RunSeries } from "./run-store.ts";
import { loadPopulation } from "./scenario-files.ts";

/** What a run needs: its key, its point's scenario (no seed) and hash, its seed. */
export interface SweepRunTask {
  readonly key: string;
  readonly pointHash: string;
  readonly scenario: ScenarioFile;
  readonly seed: number;
}

/** Per-minute series summed over worms. */
export function runSeries(result: EngineResult): RunSeries {
  const W = result.wormVariants.length;
  const M = result.minutes;
  const infected = new Uint32Array(M);
  const newInfections = new Uint32Array(M);
  const probes = new Float64Array(M);
  for (let w = 0; w < W; w++) {
    for (let m = 0; m < M; m++) {
      infected[m] += result.infectedAtEnd[w * M + m];
      newInfections[m] += result.newInfections[w * M + m];
      probes[m] += result.probes[w * M + m];
    }
  }
  return { infected, infectedEver: Uint32Array.from(result.everAtEnd), newInfections, probes };
}

/** Runs one task on the fast engine at full scale. */
export function runSweepTask(task: SweepRunTask): FinishedRun {
  const t0 = performance.now();
  const file: ScenarioFile = { ...task.scenario, seed: task.seed };
  const scenario = resolveScenario(file, {}, `run ${task.key}`);
  const population = loadPopulation(scenario);
  const out = runSimulation(scenario, population, { clock: () => performance.now() });
  return {
    key: task.key,
    scenarioHash: task.pointHash,
    scenario: task.scenario,
    summary: out.summary,
    series: runSeries(out.result),
    engineSeconds: out.summary.wallSeconds,
    runSeconds: (performance.now() - t0) / 1000,
  };
}
