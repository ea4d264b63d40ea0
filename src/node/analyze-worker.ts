/**
 * The worker-thread side of `wormscope analyze --jobs N` ({@link analyzeFiles}): reads the files it
 * is sent, one at a time, each into its own tally, and posts back the tally's snapshot, with
 * progress messages on the way. From source a worker thread loads it through analyze-worker-shim.js
 * (which registers tsx); the compiled build loads it as dist/node/analyze-worker.js.
 */
import { parentPort } from "node:worker_threads";
import { Tally } from "../analysis/tally/tally.ts";
import { snapshotTally } from "../analysis/tally/tally-merge.ts";
import { analyzeInput } from "./analyze-input.ts";
import { errorMessage, type AnalyzeTask, type WorkerReply } from "./analyze-messages.ts";

/** Bytes between two progress messages. */
const PROGRESS_EVERY_BYTES = 1 << 22;

const port = parentPort;
if (port !== null) {
  port.on("message", (task: AnalyzeTask) => {
    void run(task).then((reply) => {
      const transfer =
        reply.type === "done" ? [reply.snapshot.sources.cells.buffer as ArrayBuffer] : [];
      port.postMessage(reply, transfer);
    });
  });
}

async function run(task: AnalyzeTask): Promise<WorkerReply> {
  try {
    const tally = new Tally();
    let posted = 0;
    let total = 0;
    await analyzeInput(tally, task.path, (bytesRead) => {
      total = bytesRead;
      if (bytesRead - posted < PROGRESS_EVERY_BYTES) return;
      posted = bytesRead;
      port?.postMessage({ type: "progress", index: task.index, bytesRead } satisfies WorkerReply);
    });
    return { type: "done", index: task.index, bytesRead: total, snapshot: snapshotTally(tally) };
  } catch (error) {
    return { type: "error", index: task.index, error: errorMessage(error) };
  }
}
