/**
 * Runs the missing runs of a sweep on this machine and stores each as it finishes. Resumable and
 * idempotent: the runs already in the store are skipped, so running a sweep again computes only
 * what is missing, and a sweep stopped at any point (SIGINT, a crash, a kill) keeps every run it
 * finished (each is one transaction).
 */
import { Piscina } from "piscina";
import type { SweepPlan, SweepRun } from "../sweep/plan.ts";
import { WORKER_FILE } from "./ensemble.ts";
import type { FinishedRun, RunStore } from "./run-store.ts";
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
  /**
   * Worker threads (default 1: in this thread). With more, up to that many runs are in flight and
   * each is stored when it finishes; the store's content does not depend on the count.
   */
  readonly threads?: number;
}

/** What a sweep invocation did. */
export interface SweepOutcome {
  readonly computed: number;
  readonly alreadyStored: number;
  readonly total: number;
  /** True when it stopped before every run was stored. */
  readonly interrupted: boolean;
}

/** Where a sweep stands after `computed` of `toCompute` runs in `elapsedSeconds` (ETA from the mean so far). */
export function sweepProgress(
  computed: number,
  toCompute: number,
  alreadyStored: number,
  elapsedSeconds: number,
): SweepProgress {
  const etaSeconds = computed > 0 ? (elapsedSeconds / computed) * (toCompute - computed) : null;
  return { computed, toCompute, alreadyStored, elapsedSeconds, etaSeconds };
}

/** The task of a run of the plan. */
export function sweepTask(plan: SweepPlan, run: SweepRun): SweepRunTask {
  const point = plan.points[run.point];
  return { key: run.key, pointHash: point.hash, scenario: point.scenario, seed: run.seed };
}

/** Runs every missing run of `plan` in plan order, storing each as it finishes. */
export async function runSweep(
  plan: SweepPlan,
  store: RunStore,
  options: RunSweepOptions,
): Promise<SweepOutcome> {
  const todo = store.missing(plan.runs);
  const alreadyStored = plan.runs.length - todo.length;
  const threads = options.threads ?? 1;
  if (!Number.isInteger(threads) || threads < 1) {
    throw new RangeError(`threads must be >= 1, got ${threads}`);
  }
  const t0 = options.now();
  let computed = 0;
  const stored = (finished: FinishedRun) => {
    store.saveRun(finished, new Date(options.now()).toISOString());
    computed++;
    options.onProgress?.(
      sweepProgress(computed, todo.length, alreadyStored, (options.now() - t0) / 1000),
    );
  };
  if (threads === 1) {
    for (const run of todo) {
      if (options.shouldStop?.()) break;
      stored(runSweepTask(sweepTask(plan, run)));
      // Let signal handlers run between runs.
      await new Promise((resolve) => setImmediate(resolve));
    }
  } else {
    const pool = new Piscina<SweepRunTask, FinishedRun>({
      filename: WORKER_FILE,
      minThreads: threads,
      maxThreads: threads,
    });
    try {
      let next = 0;
      const lane = async (): Promise<void> => {
        while (next < todo.length && !options.shouldStop?.()) {
          const run = todo[next++];
          stored(await pool.run(sweepTask(plan, run), { name: "runSweepTask" }));
        }
      };
      await Promise.all(Array.from({ length: threads }, lane));
    } finally {
      await pool.destroy();
    }
  }
  return {
    computed,
    alreadyStored,
    total: plan.runs.length,
    interrupted: alreadyStored + computed < plan.runs.length,
  };
}
