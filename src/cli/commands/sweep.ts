/**
 * `wormscope sweep SWEEP.json [--store FILE]`: runs a sweep's missing runs on this machine and keeps
 * every run in the run store (default wormscope-runs.sqlite). Resumable: run it again and only the
 * missing runs are computed. SIGINT (Ctrl-C) stops after the current run; the runs finished stay.
 * Progress with an ETA goes to stderr.
 */
import { Command } from "@commander-js/extra-typings";
import { UserInputError } from "../../core/errors.ts";
import { DEFAULT_STORE_FILE, RunStore } from "../../node/run-store.ts";
import { readSweepFile } from "../../node/sweep-files.ts";
import { runSweep, type SweepProgress } from "../../node/sweep-runner.ts";
import { checkRedisUrl, enqueueAndCollect, redactRedisUrl } from "../../node/sweep-queue.ts";
import { describeValues } from "../../sweep/plan.ts";

/** Seconds as m:ss or h:mm:ss. */
export function clockText(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const ss = String(s % 60).padStart(2, "0");
  return h > 0 ? `${h}:${String(m).padStart(2, "0")}:${ss}` : `${m}:${ss}`;
}

function progressLine(name: string, p: SweepProgress): string {
  const total = p.toCompute + p.alreadyStored;
  const rate = p.elapsedSeconds > 0 ? p.computed / p.elapsedSeconds : 0;
  const eta = p.etaSeconds === null ? "" : `, ETA ${clockText(p.etaSeconds)}`;
  return `sweep ${name}: ${p.alreadyStored + p.computed}/${total} runs stored (${p.computed} computed now, ${rate.toFixed(2)} runs/s${eta})`;
}

/** Registers `sweep` on the program. */
export function register(program: Command): void {
  program
    .command("sweep")
    .description("run a parameter sweep (grid or random points x seeds) into the run store")
    .argument("<file>", "the sweep file (JSON; see docs/sweeps.md)")
    .option("--store <file>", "the run store (SQLite)", DEFAULT_STORE_FILE)
    .option("--threads <n>", "worker threads on this machine (results do not depend on it)", "1")
    .option(
      "--queue <url>",
      "enqueue the runs on Redis (redis://HOST:PORT) for `wormscope worker`s and collect them",
    )
    .option("--dry-run", "print the points and the runs to compute, run nothing")
    .action(async (path, opts) => {
      const threads = Number(opts.threads);
      if (!Number.isInteger(threads) || threads < 1 || threads > 256) {
        throw new UserInputError(
          `--threads: an integer from 1 to 256, got ${JSON.stringify(opts.threads)}`,
        );
      }
      const queue = opts.queue === undefined ? undefined : checkRedisUrl(opts.queue);
      const { file, plan } = readSweepFile(path);
      const store = RunStore.open(opts.store);
      let interrupted = false;
      try {
        if (opts.dryRun) {
          const missing = store.missing(plan.runs).length;
          process.stdout.write(
            `sweep ${plan.name}: ${plan.points.length} points x ${plan.seeds.length} seeds = ${plan.runs.length} runs, ${missing} not in ${opts.store}\n` +
              plan.points
                .map((p) => `  point ${p.index}: ${describeValues(p.values)} (${p.hash})\n`)
                .join(""),
          );
          return;
        }
        store.saveSweep(plan, {
          sweep: file,
          points: plan.points.map((p) => p.hash),
          seeds: plan.seeds,
        });
        let stop = false;
        const onSignal = () => {
          if (stop) process.exit(130);
          stop = true;
          process.stderr.write(
            "\nsweep: stopping after the current run (the finished runs are kept; again to quit now)\n",
          );
        };
        process.on("SIGINT", onSignal);
        process.on("SIGTERM", onSignal);
        const tty = process.stderr.isTTY && !process.env.CI;
        let lastLine = 0;
        const onProgress = (p: SweepProgress) => {
          const line = progressLine(plan.name, p);
          if (tty) process.stderr.write(`\r${line}   `);
          else if (p.computed === p.toCompute || Date.now() - lastLine > 10_000) {
            process.stderr.write(line + "\n");
            lastLine = Date.now();
          }
        };
        if (queue) {
          process.stderr.write(
            `sweep ${plan.name}: enqueuing on ${redactRedisUrl(queue)}; start workers with wormscope worker --queue URL\n`,
          );
        }
        const outcome = queue
          ? await enqueueAndCollect(plan, store, {
              url: queue,
              now: Date.now,
              shouldStop: () => stop,
              onProgress,
            })
          : await runSweep(plan, store, {
              shouldStop: () => stop,
              now: Date.now,
              threads,
              onProgress,
            });
        process.off("SIGINT", onSignal);
        process.off("SIGTERM", onSignal);
        if (tty && outcome.computed > 0) process.stderr.write("\n");
        const stored = outcome.alreadyStored + outcome.computed;
        process.stdout.write(
          `sweep ${plan.name}: ${stored} of ${outcome.total} runs in ${opts.store} (${outcome.computed} computed now, ${outcome.alreadyStored} already there)\n`,
        );
        interrupted = outcome.interrupted;
      } finally {
        store.close();
      }
      if (interrupted) {
        throw new UserInputError(
          `sweep ${plan.name}: interrupted; run the same command again to compute the missing runs`,
          130,
        );
      }
    });
}
