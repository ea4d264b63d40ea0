/**
 * Scale-out on BullMQ (Redis): the sweep command enqueues its missing runs and collects their results
 * into the run store; `wormscope worker` processes, on any number of machines, the runs of every
 * sweep enqueued on the same Redis.
 *
 * - Job id = run key: a run enqueued twice (two coordinators, a restart) is one job, done once.
 * - A worker computes in a worker thread (piscina), so its event loop stays free to renew the job's
 *   lock; a worker killed mid-run stops renewing it, the job is found stalled after the lock
 *   expires and goes back to the queue for another worker.
 * - Results travel as the job's return value and are stored by the coordinator with the store's
 *   insert-or-ignore on the key: a result that arrives twice is stored once. A collected job is
 *   removed from Redis.
 * - Passwords in Redis URLs are never printed ({@link redactRedisUrl}).
 */
import { Job, Queue, Worker } from "bullmq";
import { Redis } from "ioredis";
import { Piscina } from "piscina";
import { UserInputError } from "../core/errors.ts";
import type { Summary } from "../report/summary.ts";
import type { SweepPlan } from "../sweep/plan.ts";
import { WORKER_FILE } from "./ensemble.ts";
import type { FinishedRun, RunStore } from "./run-store.ts";
import type { SweepRunTask } from "./sweep-run.ts";
import { sweepProgress, sweepTask, type SweepOutcome, type SweepProgress } from "./sweep-runner.ts";

/** The BullMQ queue every sweep and worker use. */
export const QUEUE_NAME = "wormscope-runs";

/** Attempts per run before the coordinator reports it failed. */
export const RUN_ATTEMPTS = 3;

/** A Redis URL with its password (and user) replaced by `***`. */
export function redactRedisUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = "***";
    if (u.username) u.username = "***";
    return u.toString();
  } catch {
    return "(an unparsable Redis URL)";
  }
}

/** Checks a --queue value: redis:// or rediss://, host and port. */
export function checkRedisUrl(url: string): string {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new UserInputError(`--queue: not a URL (expected redis://HOST:PORT)`);
  }
  if (u.protocol !== "redis:" && u.protocol !== "rediss:") {
    throw new UserInputError(`--queue: ${redactRedisUrl(url)}: expected redis://HOST:PORT`);
  }
  if (!u.hostname) throw new UserInputError(`--queue: ${redactRedisUrl(url)}: no host`);
  return url;
}

/** A Redis connection for BullMQ (workers need maxRetriesPerRequest null). */
export function redisConnection(url: string): Redis {
  const redis = new Redis(url, { maxRetriesPerRequest: null, lazyConnect: false });
  // Connection errors surface through the commands that fail; do not print the URL.
  redis.on("error", () => {});
  return redis;
}

/** Resolves when Redis answers a PING; a UserInputError (no URL password) when it cannot be reached. */
export async function checkReachable(url: string): Promise<void> {
  const probe = new Redis(url, {
    lazyConnect: true,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
    connectTimeout: 5000,
    enableOfflineQueue: false,
  });
  probe.on("error", () => {});
  try {
    await probe.connect();
    await probe.ping();
  } catch (error) {
    const why =
      error instanceof Error ? error.message.replace(/rediss?:\/\/\S+/g, "(url)") : "error";
    throw new UserInputError(`--queue ${redactRedisUrl(url)}: cannot reach Redis (${why})`);
  } finally {
    probe.disconnect();
  }
}

/** A finished run as JSON (typed arrays as plain arrays), the job's return value. */
interface FinishedRunJson {
  readonly key: string;
  readonly scenarioHash: string;
  readonly scenario: unknown;
  readonly summary: Summary;
  readonly series: {
    infected: number[];
    infectedEver: number[];
    newInfections: number[];
    probes: number[];
  };
  readonly engineSeconds: number;
  readonly runSeconds: number;
}

function toJson(run: FinishedRun): FinishedRunJson {
  const s = run.series;
  return {
    ...run,
    series: {
      infected: Array.from(s.infected),
      infectedEver: Array.from(s.infectedEver),
      newInfections: Array.from(s.newInfections),
      probes: Array.from(s.probes),
    },
  };
}

/** Options of {@link enqueueAndCollect}. */
export interface QueueSweepOptions {
  readonly url: string;
  readonly now: () => number;
  readonly shouldStop?: () => boolean;
  readonly onProgress?: (p: SweepProgress) => void;
  /** Milliseconds between two looks at the pending jobs. */
  readonly pollMs?: number;
}

/**
 * Enqueues the missing runs of `plan` and stores each result as it completes, until every run is
 * stored (or `shouldStop`). Throws when a run failed on every attempt.
 */
export async function enqueueAndCollect(
  plan: SweepPlan,
  store: RunStore,
  options: QueueSweepOptions,
): Promise<SweepOutcome> {
  await checkReachable(options.url);
  const connection = redisConnection(options.url);
  const queue = new Queue<SweepRunTask, FinishedRunJson>(QUEUE_NAME, { connection });
  try {
    const todo = store.missing(plan.runs);
    const alreadyStored = plan.runs.length - todo.length;
    await queue.addBulk(
      todo.map((run) => ({
        name: "run",
        data: sweepTask(plan, run),
        opts: {
          jobId: run.key,
          attempts: RUN_ATTEMPTS,
          backoff: { type: "fixed", delay: 1000 },
          removeOnComplete: false,
          removeOnFail: false,
        },
      })),
    );
    const pending = new Set(todo.map((r) => r.key));
    const t0 = options.now();
    let computed = 0;
    while (pending.size > 0 && !options.shouldStop?.()) {
      const keys = [...pending].slice(0, 200);
      const jobs = await Promise.all(keys.map((k) => Job.fromId(queue, k)));
      for (let i = 0; i < keys.length; i++) {
        const job = jobs[i];
        const key = keys[i];
        if (!job) {
          // Removed by someone else before it was stored here: enqueue it again.
          const run = todo.find((r) => r.key === key);
          if (run) {
            await queue.add("run", sweepTask(plan, run), {
              jobId: key,
              attempts: RUN_ATTEMPTS,
              removeOnComplete: false,
              removeOnFail: false,
            });
          }
          continue;
        }
        if (job.finishedOn && job.returnvalue) {
          const r = job.returnvalue as FinishedRunJson;
          store.saveRun(r, new Date(options.now()).toISOString());
          await job.remove().catch(() => {});
          pending.delete(key);
          computed++;
          const elapsed = (options.now() - t0) / 1000;
          options.onProgress?.(sweepProgress(computed, todo.length, alreadyStored, elapsed));
        } else if (job.finishedOn && job.failedReason && job.attemptsMade >= RUN_ATTEMPTS) {
          throw new UserInputError(
            `run ${key} failed on ${job.attemptsMade} attempts: ${job.failedReason}`,
            1,
          );
        }
      }
      if (pending.size > 0) await new Promise((r) => setTimeout(r, options.pollMs ?? 250));
    }
    return {
      computed,
      alreadyStored,
      total: plan.runs.length,
      interrupted: pending.size > 0,
    };
  } finally {
    await queue.close();
    connection.disconnect();
  }
}

/** Options of {@link runWorker}. */
export interface WorkerOptions {
  readonly url: string;
  /** Runs at once (each in its own worker thread). */
  readonly concurrency: number;
  /** A job's lock, milliseconds: a killed worker's job is retried after about this long. */
  readonly lockMs: number;
  /** Called when a run is done. */
  readonly onRun?: (key: string, seconds: number) => void;
}

/** A running worker: `close()` finishes the runs in progress and stops. */
export interface RunningWorker {
  close(): Promise<void>;
}

/** Starts a worker that processes runs from the queue until closed. */
export async function runWorker(options: WorkerOptions): Promise<RunningWorker> {
  await checkReachable(options.url);
  const connection = redisConnection(options.url);
  const pool = new Piscina<SweepRunTask, FinishedRun>({
    filename: WORKER_FILE,
    minThreads: options.concurrency,
    maxThreads: options.concurrency,
  });
  const worker = new Worker<SweepRunTask, FinishedRunJson>(
    QUEUE_NAME,
    async (job) => {
      const finished = await pool.run(job.data, { name: "runSweepTask" });
      options.onRun?.(job.data.key, finished.runSeconds);
      return toJson(finished);
    },
    {
      connection,
      concurrency: options.concurrency,
      lockDuration: options.lockMs,
      stalledInterval: Math.max(1000, Math.floor(options.lockMs / 2)),
      maxStalledCount: RUN_ATTEMPTS,
    },
  );
  worker.on("error", () => {});
  return {
    async close() {
      await worker.close();
      await pool.destroy();
      connection.disconnect();
    },
  };
}
