/**
 * Ensemble benchmark: wall time of a `runs`-run jul19-2001 ensemble on `threads` worker threads
 * (population built once outside the timing, worker start-up included), and a check that a smaller
 * ensemble gives byte-identical outputs with 1 and with 2 threads (summary.json minus its timing
 * field, timeseries.csv, chart).
 */
import { ensembleFiles } from "../src/node/ensemble-files.ts";
import { runEnsemble, type EnsembleOutput } from "../src/node/ensemble.ts";
import { resolveScenario } from "../src/scenario/resolve.ts";
import { buildModelPopulation } from "../src/scenario/run.ts";
import type { EnsembleStat } from "../src/report/ensemble.ts";
import { note, peakRssMB, timedAsync } from "./measure.ts";

/** Figures of the ensemble section. */
export interface EnsembleBench {
  preset: string;
  runs: number;
  threads: number;
  wallSeconds: number;
  /** CPU time of the process (all threads) during the ensemble. */
  cpuSeconds: number;
  /** Sum over runs of each run's engine time (inside the workers). */
  engineSecondsTotal: number;
  engineSecondsPerRun: number;
  infectedEver: EnsembleStat;
  telescopeUniqueSources: EnsembleStat;
  peakNewPerMinute: EnsembleStat;
  identity: {
    runs: number;
    wallSeconds1Thread: number;
    wallSeconds2Threads: number;
    identical: boolean;
    differingFiles: string[];
  };
  peakRssMB: number;
}

function comparable(scenario: Parameters<typeof ensembleFiles>[0], out: EnsembleOutput) {
  const files = ensembleFiles(scenario, out);
  delete files["outbreak.png"]; // rendered from outbreak.svg, which is compared
  const summary = String(files["summary.json"]).replace(/"wallSeconds": [\d.]+/, "");
  return { ...files, "summary.json": summary } as Record<string, string>;
}

/** Runs the section. */
export async function benchEnsemble(
  runs = 100,
  threads = 2,
  identityRuns = 6,
): Promise<EnsembleBench> {
  const scenario = resolveScenario({ extends: "jul19-2001" });
  const population = buildModelPopulation(scenario);
  const progress = (label: string) => (done: number, total: number) => {
    if (done % 10 === 0 || done === total) note(`${label}: ${done}/${total} runs`);
  };
  const big = await timedAsync(() =>
    runEnsemble(scenario, population, { runs, threads, onRunDone: progress("ensemble") }),
  );
  const rss = peakRssMB();
  const one = await timedAsync(() =>
    runEnsemble(scenario, population, { runs: identityRuns, threads: 1 }),
  );
  const two = await timedAsync(() =>
    runEnsemble(scenario, population, { runs: identityRuns, threads: 2 }),
  );
  const a = comparable(scenario, one.value);
  const b = comparable(scenario, two.value);
  const differingFiles = Object.keys(a).filter((k) => a[k] !== b[k]);
  const m = big.value.ensemble.metrics;
  return {
    preset: "jul19-2001",
    runs,
    threads,
    wallSeconds: big.seconds,
    cpuSeconds: big.cpuSeconds,
    engineSecondsTotal: big.value.engineSeconds,
    engineSecondsPerRun: big.value.engineSeconds / runs,
    infectedEver: m.infectedEver,
    telescopeUniqueSources: m.telescopeUniqueSources,
    peakNewPerMinute: m.peakNewPerMinute,
    identity: {
      runs: identityRuns,
      wallSeconds1Thread: one.seconds,
      wallSeconds2Threads: two.seconds,
      identical: differingFiles.length === 0,
      differingFiles,
    },
    peakRssMB: rss,
  };
}
