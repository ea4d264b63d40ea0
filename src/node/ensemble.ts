/**
 * Ensembles over worker threads (piscina): N runs of one scenario, run i with a seed derived from the
 * scenario seed and i ({@link ensembleSeeds}), aggregated into means and 5-95% bands.
 *
 * Every member of an ensemble runs over the same population, built once from the scenario seed (or
 * read once from its host list): the ensemble shows the spread of the outbreak process, not of the
 * population model. The population is copied once into SharedArrayBuffers, which every worker reads
 * without a copy per run (engines never write to it).
 *
 * Results do not depend on the number of threads: seeds come from the run index, members are sorted
 * by run index before aggregation, and each run's randomness is its own seed's streams.
 */
import { availableParallelism } from "node:os";
import { fileURLToPath } from "node:url";
import { Piscina } from "piscina";
import type { Population } from "../net/population.ts";
import {
  aggregateEnsemble,
  ensembleSeeds,
  type EnsembleBands,
  type EnsembleMember,
  type EnsembleSummary,
} from "../report/ensemble.ts";
import type { ResolvedScenario } from "../scenario/resolve.ts";
import type { SimulationOutput } from "../scenario/run.ts";
import type { EnsembleTask, EnsembleTaskResult } from "./ensemble-worker.ts";
import type { RunSeries } from "./run-store.ts";

/**
 * The file piscina loads in each worker thread. From source (this file is .ts, run through tsx) it is
 * the shim that registers tsx in the thread; in the compiled build (scripts/build.ts) this code sits
 * in a file one directory below dist/, and the worker is the compiled dist/node/ensemble-worker.js.
 */
export const WORKER_FILE = fileURLToPath(
  import.meta.url.endsWith(".ts")
    ? new URL("./ensemble-worker-shim.js", import.meta.url)
    : new URL("../node/ensemble-worker.js", import.meta.url),
);

/** Default worker threads: two, or fewer when the machine has fewer cores. */
export function defaultThreads(): number {
  return Math.min(2, availableParallelism());
}

/** Options of {@link runEnsemble}. */
export interface EnsembleOptions {
  /** Number of runs (>= 1). */
  readonly runs: number;
  /** Worker threads (>= 1); default {@link defaultThreads}. Does not change the results. */
  readonly threads?: number;
  /** Called each time a run finishes, with the count of finished runs. */
  readonly onRunDone?: (runsDone: number, runs: number) => void;
  /** Keep each run's per-minute series (`EnsembleOutput.series`), for the run store. */
  readonly keepSeries?: boolean;
}

/** What an ensemble returns. */
export interface EnsembleOutput {
  /** Run 0 in full (the scenario's own seed): its summary, engine result and files. */
  readonly run0: SimulationOutput;
  readonly members: readonly EnsembleMember[];
  readonly ensemble: EnsembleSummary;
  readonly bands: EnsembleBands;
  /** Sum of the runs' engine times, seconds. */
  readonly engineSeconds: number;
  /** Each run's series and engine time, by run index (with `keepSeries`). */
  readonly series: readonly ({ series: RunSeries; engineSeconds: number } | null)[];
}

function shared<T extends Uint8Array | Uint32Array | Float64Array>(a: T): T {
  const ctor = a.constructor as new (buffer: SharedArrayBuffer) => T;
  const copy = new ctor(new SharedArrayBuffer(a.byteLength));
  copy.set(a);
  return copy;
}

/** A copy of a population whose arrays live in SharedArrayBuffers (posted to workers without a copy). */
export function sharePopulation(population: Population): Population {
  return {
    size: population.size,
    addresses: shared(population.addresses),
    country: shared(population.country),
    countries: [...population.countries],
    locale: shared(population.locale),
    os: shared(population.os),
    patched: shared(population.patched),
    liveAddressesPer16: shared(population.liveAddressesPer16),
    source: population.source,
    ...(population.asTopology ? { asTopology: population.asTopology } : {}),
  };
}

/** Runs an ensemble of `options.runs` runs of `scenario` over `population` on worker threads. */
export async function runEnsemble(
  scenario: ResolvedScenario,
  population: Population,
  options: EnsembleOptions,
): Promise<EnsembleOutput> {
  const threads = options.threads ?? defaultThreads();
  if (!Number.isInteger(threads) || threads < 1) {
    throw new RangeError(`threads must be >= 1, got ${threads}`);
  }
  const seeds = ensembleSeeds(scenario.seed, options.runs);
  const pool = new Piscina<EnsembleTask, EnsembleTaskResult>({
    filename: WORKER_FILE,
    minThreads: threads,
    maxThreads: threads,
  });
  let done = 0;
  try {
    const sharedPopulation = sharePopulation(population);
    const results = await Promise.all(
      seeds.map(async (seed, index) => {
        const task: EnsembleTask = {
          scenario,
          population: sharedPopulation,
          index,
          seed,
          keepOutput: index === 0,
          keepSeries: options.keepSeries ?? false,
        };
        const result = await pool.run(task);
        options.onRunDone?.(++done, seeds.length);
        return result;
      }),
    );
    const run0 = results[0].output;
    if (!run0) throw new Error("ensemble run 0 returned no output");
    const members = results.map((r) => r.member);
    const { summary, bands } = aggregateEnsemble(members);
    let engineSeconds = 0;
    for (const r of results) engineSeconds += r.engineSeconds;
    const series = results.map((r) =>
      r.series ? { series: r.series, engineSeconds: r.engineSeconds } : null,
    );
    return { run0, members, ensemble: summary, bands, engineSeconds, series };
  } finally {
    await pool.destroy();
  }
}
