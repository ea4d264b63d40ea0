/**
 * `wormscope simulate --runs N [--threads T]`: an ensemble of N runs over worker threads. Prints run
 * 0's summary table and the ensemble table (or summary.json with --json), writes the ensemble files
 * with --out, and reports runs completed on stderr.
 */
import { availableParallelism } from "node:os";
import Table from "cli-table3";
import { UserInputError } from "../core/errors.ts";
import { defaultThreads, runEnsemble } from "../node/ensemble.ts";
import { ensembleFiles, ensembleSummaryJson } from "../node/ensemble-files.ts";
import { loadPopulation } from "../node/scenario-files.ts";
import { writeFilesAtomic } from "../node/write-file-atomic.ts";
import type { EnsembleSummary } from "../report/ensemble.ts";
import type { ResolvedScenario } from "../scenario/resolve.ts";
import type { ScenarioFile } from "../scenario/schema.ts";
import { storeSimulation, withExplicitPopulationSeed } from "../node/simulate-store.ts";
import { printable, summaryTable } from "./summary-table.ts";

/** Most runs one ensemble may ask for. */
export const MAX_RUNS = 100_000;
/** Most worker threads. */
export const MAX_THREADS = 256;

function wholeNumber(flag: string, text: string, max: number): number {
  if (!/^\d{1,9}$/.test(text) || Number(text) < 1 || Number(text) > max) {
    throw new UserInputError(`${flag}: expected a whole number from 1 to ${max}, got "${text}"`);
  }
  return Number(text);
}

/** Parses --runs (default 1). */
export function parseRuns(text: string | undefined): number {
  return text === undefined ? 1 : wholeNumber("--runs", text, MAX_RUNS);
}

/** Parses --threads (default: min(2, available cores)). */
export function parseThreads(text: string | undefined): number {
  return text === undefined ? defaultThreads() : wholeNumber("--threads", text, MAX_THREADS);
}

/**
 * The worker threads an ensemble uses: at most one per run and one per available core (more only
 * cost memory: each thread holds its own copy of the population). `note` says why, when capped.
 */
export function capThreads(
  threads: number,
  runs: number,
  cores: number = availableParallelism(),
): { threads: number; note?: string } {
  const cap = Math.max(1, Math.min(runs, cores));
  if (threads <= cap) return { threads };
  const why = cap === runs && runs <= cores ? `${runs} run(s)` : `${cores} available core(s)`;
  return { threads: cap, note: `--threads ${threads} capped at ${cap} (${why})` };
}

const fmt = (x: number | null): string =>
  x === null ? "-" : Math.abs(x) >= 100 ? Math.round(x).toLocaleString("en-US") : x.toFixed(2);

/** The ensemble figures as a table: metric, mean, 5%, 95%, min, max. */
export function ensembleTable(e: EnsembleSummary): string {
  const table = new Table({
    head: [`${e.runs} runs`, "mean", "5%", "95%", "min", "max"],
    style: { head: [], border: [] },
  });
  for (const [name, s] of Object.entries(e.metrics)) {
    table.push([name, fmt(s.mean), fmt(s.p5), fmt(s.p95), fmt(s.min), fmt(s.max)]);
  }
  return table.toString();
}

/** Runs the ensemble and writes its outputs. */
export async function simulateEnsemble(
  scenario: ResolvedScenario,
  options: {
    runs: number;
    threads: number;
    out?: string;
    json?: boolean;
    /** Keep every run in this run store (`--store`); `file` is the scenario file as given. */
    store?: { path: string; file: ScenarioFile };
  },
): Promise<void> {
  if (options.store) scenario = withExplicitPopulationSeed(scenario);
  const capped = capThreads(options.threads, options.runs);
  if (capped.note) process.stderr.write(`${capped.note}\n`);
  options = { ...options, threads: capped.threads };
  const population = loadPopulation(scenario);
  const t0 = performance.now();
  process.stderr.write(
    `ensemble of ${options.runs} runs of ${printable(scenario.name)} on ${options.threads} thread(s)\n`,
  );
  const output = await runEnsemble(scenario, population, {
    runs: options.runs,
    threads: options.threads,
    keepSeries: options.store !== undefined,
    onRunDone: (done, runs) => {
      // On a terminal one line is rewritten; elsewhere (logs, CI) one line per tenth of the runs.
      if (process.stderr.isTTY) process.stderr.write(`\rruns completed: ${done}/${runs}`);
      else if (done === runs || done % Math.ceil(runs / 10) === 0) {
        process.stderr.write(`runs completed: ${done}/${runs}\n`);
      }
    },
  });
  const wallSeconds = (performance.now() - t0) / 1000;
  if (process.stderr.isTTY) process.stderr.write("\n");
  process.stderr.write(`${options.runs} runs in ${wallSeconds.toFixed(1)} s wall time\n`);
  if (options.out) {
    writeFilesAtomic(options.out, ensembleFiles(scenario, output));
    process.stderr.write(
      `wrote ${options.out}/{summary.json,timeseries.csv,outbreak.svg,outbreak.png,scenario.json}\n`,
    );
  }
  if (options.store) {
    const kept = storeSimulation(
      options.store.path,
      options.store.file,
      scenario,
      output.members.map((m, i) => {
        const s = output.series[i];
        if (!s) throw new Error(`ensemble run ${i} returned no series`);
        return {
          seed: m.seed,
          summary: m.summary,
          series: s.series,
          engineSeconds: s.engineSeconds,
        };
      }),
    );
    process.stderr.write(
      `kept ${kept.stored} new of ${options.runs} runs in ${options.store.path} (sweep ${kept.name})\n`,
    );
  }
  if (options.json) {
    process.stdout.write(JSON.stringify(ensembleSummaryJson(output), null, 2) + "\n");
  } else {
    process.stdout.write(
      `run 0 (seed ${scenario.seed})\n${summaryTable(output.run0.summary)}\n` +
        `${ensembleTable(output.ensemble)}\n`,
    );
  }
}
