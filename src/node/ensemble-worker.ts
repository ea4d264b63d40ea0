/**
 * The worker-thread side of ensembles and sweeps: runs one member of an ensemble with its own seed
 * and reduces it to an {@link EnsembleMember}, or one run of a sweep (`runSweepTask`, named in
 * piscina's `run(task, { name })`). From source, a worker thread loads it through ensemble-worker-shim.js
 * (which registers tsx so this TypeScript file can be imported); the compiled build loads this file
 * bundled as dist/node/ensemble-worker.js, whose default export is the task function. It can also be
 * called directly, in-process.
 */
import type { Population } from "../net/population.ts";
import { ensembleMember, type EnsembleMember } from "../report/ensemble.ts";
import type { ResolvedScenario } from "../scenario/resolve.ts";
import { runSimulation, type SimulationOutput } from "../scenario/run.ts";
import type { RunSeries } from "./run-store.ts";
import { runSeries } from "./sweep-run.ts";

/** One run of an ensemble, as posted to a worker. */
export interface EnsembleTask {
  /** The ensemble's scenario; the run replaces its seed with `seed`. */
  readonly scenario: ResolvedScenario;
  /** Shared by every run (read-only; SharedArrayBuffer-backed when posted to workers). */
  readonly population: Population;
  readonly index: number;
  readonly seed: number;
  /** Return the full engine output as well (run 0: its files are written). */
  readonly keepOutput: boolean;
  /** Return the per-minute series (probes included) for the run store (`simulate --store`). */
  readonly keepSeries?: boolean;
}

/** What a worker sends back. */
export interface EnsembleTaskResult {
  readonly member: EnsembleMember;
  readonly output: SimulationOutput | null;
  /** Engine time of this run, seconds. */
  readonly engineSeconds: number;
  /** With `keepSeries`: the per-minute series, summed over worms. */
  readonly series: RunSeries | null;
}

/** Runs one member of an ensemble. */
export function runEnsembleTask(task: EnsembleTask): EnsembleTaskResult {
  const scenario = { ...task.scenario, seed: task.seed };
  const output = runSimulation(scenario, task.population, { clock: () => performance.now() });
  return {
    member: ensembleMember(task.index, task.seed, output.result, output.summary),
    output: task.keepOutput ? output : null,
    engineSeconds: output.summary.wallSeconds,
    series: task.keepSeries ? runSeries(output.result) : null,
  };
}

export { runSweepTask } from "./sweep-run.ts";

/** The task function piscina calls in the compiled build (dist/node/ensemble-worker.js). */
export default runEnsembleTask;
