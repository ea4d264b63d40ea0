/**
 * `wormscope analyze` over several files at once: each file is read by a worker thread into its own
 * tally, and the tallies are merged in the order the files were given, whatever order the workers
 * finish in. The merged tally is the one a sequential read gives (see analysis/tally/tally-merge.ts),
 * so the report does not depend on the number of jobs. Standard input (`-`) is read by the main
 * thread, alongside the workers.
 */
import { availableParallelism } from "node:os";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import { Tally } from "../analysis/tally/tally.ts";
import { mergeTallies, snapshotTally, type TallySnapshot } from "../analysis/tally/tally-merge.ts";
import { analyzeInput, checkInputs } from "./analyze-input.ts";
import { errorFromWorker, type AnalyzeTask, type WorkerReply } from "./analyze-messages.ts";

/**
 * The file each worker thread loads. From source (this file is .ts, run through tsx) it is the shim
 * that registers tsx in the thread; in the compiled build (scripts/build.ts) this code sits in a file
 * one directory below dist/, and the worker is the compiled dist/node/analyze-worker.js.
 */
export const ANALYZE_WORKER_FILE = fileURLToPath(
  import.meta.url.endsWith(".ts")
    ? new URL("./analyze-worker-shim.js", import.meta.url)
    : new URL("../node/analyze-worker.js", import.meta.url),
);

/** Options of {@link analyzeFiles}. */
export interface AnalyzeFilesOptions {
  /**
   * Files read at once (>= 1); default {@link defaultJobs}. At 1 every file is read in this thread,
   * in order. Never more than the number of files. Does not change the result.
   */
  readonly jobs?: number;
  /**
   * Called when input `index` (into the paths) starts (`bytesRead` 0), as it is read (compressed
   * bytes for gzip), and once with `done` at its end.
   */
  readonly onProgress?: (index: number, bytesRead: number, done: boolean) => void;
}

/** Default jobs: one per file, at most one per core (`os.availableParallelism()`). */
export function defaultJobs(files: number): number {
  return Math.max(1, Math.min(files, availableParallelism()));
}

/**
 * Reads every input into one tally: checks them all first (a missing or unreadable file is a
 * {@link UserInputError}, exit 2, before anything is read), then reads them, `jobs` at a time.
 */
export async function analyzeFiles(
  paths: readonly string[],
  options: AnalyzeFilesOptions = {},
): Promise<Tally> {
  checkInputs(paths);
  const onProgress = options.onProgress;
  const files = paths.flatMap((p, i) => (p === "-" ? [] : [i]));
  const jobs = Math.min(options.jobs ?? defaultJobs(paths.length), files.length);
  if (jobs <= 1) {
    const tally = new Tally();
    for (let i = 0; i < paths.length; i++) await readHere(tally, paths, i, onProgress);
    return tally;
  }
  const snapshots: Array<TallySnapshot | undefined> = Array.from(paths, () => undefined);
  const queue = [...files];
  const workers: Worker[] = [];
  const runWorker = (): Promise<void> =>
    new Promise((resolve, reject) => {
      const worker = new Worker(ANALYZE_WORKER_FILE);
      workers.push(worker);
      let busy = false;
      const next = (): void => {
        const index = queue.shift();
        busy = index !== undefined;
        if (index === undefined) return resolve();
        onProgress?.(index, 0, false);
        worker.postMessage({ index, path: paths[index] } satisfies AnalyzeTask);
      };
      worker.on("message", (reply: WorkerReply) => {
        if (reply.type === "progress") onProgress?.(reply.index, reply.bytesRead, false);
        else if (reply.type === "error") reject(errorFromWorker(reply.error));
        else {
          snapshots[reply.index] = reply.snapshot;
          onProgress?.(reply.index, reply.bytesRead, true);
          next();
        }
      });
      worker.on("error", (error) => reject(new Error(`analyze worker: ${error.message}`)));
      worker.on("exit", (code) => {
        if (busy) reject(new Error(`analyze worker exited with code ${code} while reading`));
      });
      next();
    });
  const stdin = paths.indexOf("-");
  const work: Array<Promise<void>> = Array.from({ length: jobs }, runWorker);
  if (stdin >= 0) {
    work.push(
      (async () => {
        const tally = new Tally();
        await readHere(tally, paths, stdin, onProgress);
        snapshots[stdin] = snapshotTally(tally);
      })(),
    );
  }
  try {
    await Promise.all(work);
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
  return mergeTallies(snapshots.map((s) => s as TallySnapshot));
}

/** Reads input `index` in this thread, reporting its progress. */
async function readHere(
  tally: Tally,
  paths: readonly string[],
  index: number,
  onProgress: AnalyzeFilesOptions["onProgress"],
): Promise<void> {
  let bytes = 0;
  onProgress?.(index, 0, false);
  await analyzeInput(tally, paths[index], (n) => onProgress?.(index, (bytes = n), false));
  onProgress?.(index, bytes, true);
}
