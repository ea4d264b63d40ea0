/**
 * Runs the missing runs of a sweep on this machine and stores each as it finishes. Resumable and
 * idempotent: the runs already in the store are skipped, so running a sweep again computes only
 * what is missing, and a sweep stopped at any point (SIGINT, a crash, a kill) keeps every run it
 * finished (each is one transaction).
 */
import type { SweepPlan, SweepRun } from "../sweep/plan.ts";
import type { RunStore } from "./run-store.ts";
import { runSweepTask, type SweepRunTask } from "./sweep-run.ts";

/** Where a sweep stands, after each run. */
export interface SweepProgress {
  /** Runs computed in this invocation. */
  readonly computed: number;
  /** Runs this invocation has to compute (the missing ones). */
  readonly toCompute: number;
  /** Runs already in the store when it started. */
  readonly alreadyStored: number;
  readonly elapsedSeconds: number;
  /** Estimated seconds to finish, from the mean time per run so far (null before the first). */
  readonly etaSeconds: number | null;
}

/** Options of {@link runSweep}. */
export interface RunSweepOptions {
  /** Checked between runs: true stops the sweep (the runs done so far stay stored). */
  readonly shouldStop?: () => boolean;
  readonly onProgress?: (p: SweepProgress) => void;
  /** Wall clock in milliseconds (for progress only). */
  readonly now: () => number;
}

/** What a sweep invocation did. */
export interface SweepOutcome {
  readonly computed: number;
  readonly alreadyStored: number;
  readonly total: number;
  /** True when it stopped before every run was stored. */
  readonly interrupted: boolean;
}

/** The task of a run of the plan. */
export function sweepTask(plan: SweepPlan, run: SweepRun): SweepRunTask {
  const point = plan.points[run.point];
  return { key: run.key, pointHash: point.hash, scenario: point.scenario, seed: run.seed };
}

/** Runs every missing run of `plan` in plan order, one at a time, storing each. */
export async function runSweep(
  plan: SweepPlan,
  store: RunStore,
  options: RunSweepOptions,
): Promise<SweepOutcome> {
  const todo = store.missing(plan.runs);
  const alreadyStored = plan.runs.length - todo.length;
  const t0 = options.now();
  let computed = 0;
  for (const run of todo) {
    if (options.shouldStop?.()) break;
    const finished = runSweepTask(sweepTask(plan, run));
    store.saveRun(finished, new Date(options.now()).toISOString());
    computed++;
    const elapsedSeconds = (options.now() - t0) / 1000;
    options.onProgress?.({
      computed,
      toCompute: todo.length,
      alreadyStored,
      elapsedSeconds,
      etaSeconds: (elapsedSeconds / computed) * (todo.length - computed),
    });
    // Let signal handlers run between runs.
    await new Promise((resolve) => setImmediate(resolve));
  }
  return {
    computed,
    alreadyStored,
    total: plan.runs.length,
    interrupted: alreadyStored + computed < plan.runs.length,
  };
}
