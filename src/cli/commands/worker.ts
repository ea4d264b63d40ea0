/**
 * `wormscope worker --queue redis://HOST:PORT [--concurrency N]`: processes the runs that sweeps
 * enqueue on Redis (`wormscope sweep --queue`), on this machine, until stopped (SIGINT or SIGTERM
 * finish the runs in progress; a killed worker's run is retried by another worker).
 */
import { Command } from "@commander-js/extra-typings";
import { UserInputError } from "../../core/errors.ts";
import { QUEUE_NAME, checkRedisUrl, redactRedisUrl, runWorker } from "../../node/sweep-queue.ts";

/** Registers `worker` on the program. */
export function register(program: Command): void {
  program
    .command("worker")
    .description("process the runs that sweeps enqueue on Redis (sweep --queue)")
    .requiredOption("--queue <url>", "the Redis of the sweep (redis://HOST:PORT)")
    .option("--concurrency <n>", "runs at once, each in its own thread", "1")
    .option(
      "--lock-seconds <s>",
      "a run's lock: a killed worker's run is retried after about this long",
      "30",
    )
    .action(async (opts) => {
      const url = checkRedisUrl(opts.queue);
      const concurrency = Number(opts.concurrency);
      if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 256) {
        throw new UserInputError(
          `--concurrency: an integer from 1 to 256, got ${JSON.stringify(opts.concurrency)}`,
        );
      }
      const lockSeconds = Number(opts.lockSeconds);
      if (!(lockSeconds >= 2 && lockSeconds <= 3600)) {
        throw new UserInputError(
          `--lock-seconds: a number from 2 to 3600, got ${JSON.stringify(opts.lockSeconds)}`,
        );
      }
      let runs = 0;
      const worker = await runWorker({
        url,
        concurrency,
        lockMs: lockSeconds * 1000,
        onRun: (key, seconds) => {
          runs++;
          process.stderr.write(
            `worker: run ${key} done in ${seconds.toFixed(2)} s (${runs} so far)\n`,
          );
        },
      });
      process.stderr.write(
        `worker: processing queue ${QUEUE_NAME} on ${redactRedisUrl(url)}, concurrency ${concurrency}\n`,
      );
      await new Promise<void>((resolve) => {
        const stop = () => resolve();
        process.once("SIGINT", stop);
        process.once("SIGTERM", stop);
      });
      process.stderr.write("worker: stopping after the runs in progress\n");
      await worker.close();
      process.stderr.write(`worker: stopped after ${runs} runs\n`);
    });
}
