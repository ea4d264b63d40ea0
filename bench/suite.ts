/**
 * The wormscope benchmark (`npm run bench`, `wormscope bench`): every section measured side by side in
 * one process and one run, printed as a table of figures against their targets, and written to
 * bench/results.json (atomically). Timings depend on the machine and its load: the load average at the
 * start and the end is recorded with them.
 */
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { availableParallelism, cpus, loadavg } from "node:os";
import { fileURLToPath } from "node:url";
import { writeFileAtomic } from "../src/node/write-file-atomic.ts";
import { PRESETS } from "../src/scenario/presets.ts";
import { resolveScenario } from "../src/scenario/resolve.ts";
import { VERSION } from "../src/version.ts";
import { benchBaseline, type BaselineBench } from "./baseline.ts";
import { benchEnsemble, type EnsembleBench } from "./ensemble-bench.ts";
import { benchPreset, type EngineBench } from "./engine-bench.ts";
import { BENCH_CHURN, benchTraits, type TraitsBench } from "./traits-bench.ts";
import { benchDefenses, type DefensesBench } from "./defenses-bench.ts";
import { benchSweep, type SweepBench } from "./sweep-bench.ts";
import { note, peakRssMB } from "./measure.ts";
import { benchSpeedup, SPEEDUP_DEFAULT_UNTIL, type SpeedupBench } from "./speedup-bench.ts";
import { baselineTable, benchTable } from "./table.ts";

/** Options of {@link runBench}. */
export interface BenchOptions {
  /** Print only results.json to stdout (progress still goes to stderr). */
  readonly json?: boolean;
  /** Horizon of the fast-vs-reference comparison (ISO 8601). */
  readonly referenceUntil?: string;
  /** A git ref to time the engine against, side by side (the "before" of a change). */
  readonly baseline?: string;
  /** Run only the baseline comparison (with `baseline`). */
  readonly baselineOnly?: boolean;
  /** Where results.json goes; default bench/results.json. */
  readonly resultsPath?: string;
}

/** Something a section could not measure, and why. */
export interface Unavailable {
  available: false;
  reason: string;
}

/** bench/results.json. */
export interface BenchResults {
  version: string;
  /** When the bench ran (machine clock), ISO 8601. */
  date: string;
  node: string;
  cpu: string;
  cores: number;
  loadAverage1MinAtStart: number;
  loadAverage1MinAtEnd: number;
  benchSeconds: number;
  peakRssMBOverall: number;
  jul19: EngineBench;
  aug04: ({ available: true } & EngineBench) | Unavailable;
  speedup: SpeedupBench;
  /** benchAnalyze()'s figures (bench/analyze.ts). */
  analyzer: ({ available: true } & Record<string, unknown>) | Unavailable;
  ensemble: EnsembleBench;
  /** Heterogeneity and churn on against off (issue 10). */
  traits: TraitsBench[];
  /** Every defense type at once against the plain run (optional in older results files). */
  defenses?: DefensesBench;
  /** One 60-run sweep: one local process against two queue workers (issue 12). */
  sweeps: ({ available: true } & SweepBench) | Unavailable;
  /** This tree against the `--baseline` commit, side by side. */
  baseline: BaselineBench | Unavailable;
}

const ANALYZE_FILE = fileURLToPath(new URL("./analyze.ts", import.meta.url));
const RESULTS_FILE = fileURLToPath(new URL("./results.json", import.meta.url));

/** Runs `f` with stdout diverted to stderr (sections that print their own lines, in --json mode). */
async function quietStdout<T>(on: boolean, f: () => Promise<T>): Promise<T> {
  if (!on) return f();
  const write = process.stdout.write.bind(process.stdout);
  process.stdout.write = process.stderr.write.bind<typeof process.stdout.write>(process.stderr);
  try {
    return await f();
  } finally {
    process.stdout.write = write;
  }
}

async function analyzerSection(json: boolean): Promise<BenchResults["analyzer"]> {
  if (!existsSync(ANALYZE_FILE)) return { available: false, reason: "bench/analyze.ts not found" };
  const mod = (await import(ANALYZE_FILE)) as {
    benchAnalyze?: () => Promise<Record<string, unknown>>;
  };
  if (typeof mod.benchAnalyze !== "function") {
    return { available: false, reason: "bench/analyze.ts exports no benchAnalyze()" };
  }
  const run = mod.benchAnalyze;
  return { available: true, ...(await quietStdout(json, () => run())) };
}

function baselineSection(ref: string): BaselineBench {
  note(`baseline: jul19-2001 and aug04-2001 (preset horizons) here and at ${ref}, alternating`);
  return benchBaseline(ref, ["jul19-2001", "aug04-2001"], 5, 2, note);
}

/** The sweep section, or why it cannot run (no redis-server, no compiled CLI). */
async function sweepSection(): Promise<BenchResults["sweeps"]> {
  if (spawnSync("redis-server", ["--version"]).status !== 0) {
    return { available: false, reason: "redis-server not installed (scripts/ensure-redis.sh)" };
  }
  try {
    return { available: true, ...(await benchSweep()) };
  } catch (error) {
    return { available: false, reason: error instanceof Error ? error.message : String(error) };
  }
}

/** Runs every section (or, with `baselineOnly`, only the baseline), prints the table (or the JSON) and writes results.json; returns the results. */
export async function runBench(options: BenchOptions = {}): Promise<BenchResults | null> {
  const json = options.json ?? false;
  const referenceUntil = options.referenceUntil ?? SPEEDUP_DEFAULT_UNTIL;
  // A bad horizon fails now, not after the first sections.
  resolveScenario({ extends: "jul19-2001" }, { until: referenceUntil }, "--reference-until");
  const loadAtStart = loadavg();
  const t0 = performance.now();
  if (options.baseline !== undefined && options.baselineOnly) {
    const b = baselineSection(options.baseline);
    process.stdout.write(baselineTable(b) + "\n");
    return null;
  }
  note("jul19-2001 at full scale, median of 5");
  const jul19 = benchPreset("jul19-2001", 5);
  let aug04: BenchResults["aug04"];
  if (PRESETS["aug04-2001"]) {
    note("aug04-2001 at full scale for 7 simulated days, median of 3");
    aug04 = { available: true, ...benchPreset("aug04-2001", 3, 7 * 24) };
  } else {
    note("aug04-2001: preset not available");
    aug04 = { available: false, reason: 'preset "aug04-2001" not available' };
  }
  note(
    "host traits: jul19-2001 and aug04-2001 (7 days), heterogeneity and churn off/on, alternating",
  );
  const traits = [
    benchTraits("jul19-2001", 3),
    benchTraits("aug04-2001", 3, 7 * 24),
    benchTraits("jul19-2001", 3, undefined, BENCH_CHURN),
    benchTraits("aug04-2001", 3, 7 * 24, BENCH_CHURN),
  ];
  note("defenses: jul19-2001 plain, with every defense type (prompt, late), alternating");
  const defenses = benchDefenses(5);
  note("speedup: fast vs reference engine on jul19-2001 scaled to 2^24 addresses");
  const speedup = await benchSpeedup(9, referenceUntil);
  note("analyzer");
  const analyzer = await analyzerSection(json);
  note("ensemble: 100 runs of jul19-2001 on 2 threads, then 6 runs on 1 and on 2 threads");
  const ensemble = await benchEnsemble(100, 2, 6);
  note("sweeps: 60 runs, one local process, then the queue with two workers (redis-server)");
  const sweeps = await sweepSection();
  const baseline: BenchResults["baseline"] =
    options.baseline === undefined
      ? { available: false, reason: "pass --baseline REF to time the engine against a commit" }
      : baselineSection(options.baseline);
  const results: BenchResults = {
    version: VERSION,
    date: new Date().toISOString(),
    node: process.version,
    cpu: cpus()[0]?.model ?? "unknown",
    cores: availableParallelism(),
    loadAverage1MinAtStart: loadAtStart[0],
    loadAverage1MinAtEnd: loadavg()[0],
    benchSeconds: (performance.now() - t0) / 1000,
    peakRssMBOverall: peakRssMB(),
    jul19,
    aug04,
    speedup,
    analyzer,
    ensemble,
    traits,
    defenses,
    sweeps,
    baseline,
  };
  writeFileAtomic(options.resultsPath ?? RESULTS_FILE, JSON.stringify(results, null, 2) + "\n");
  if (json) process.stdout.write(JSON.stringify(results, null, 2) + "\n");
  else process.stdout.write(benchTable(results) + "\n");
  note(`wrote ${options.resultsPath ?? RESULTS_FILE}`);
  return results;
}
