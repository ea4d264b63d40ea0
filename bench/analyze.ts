/**
 * Benchmark of `wormscope analyze` on a generated 1,000,000-line Apache combined log (~173 MB, ~3%
 * worm lines), side by side with `grep -c default.ida` on the same file(s):
 * - in-process (the library, one core);
 * - the whole process of the compiled CLI (`node bin/wormscope.js analyze --json`, startup and
 *   report included) on the file with `--jobs 1` (one core), and on four copies of it (hard links)
 *   with `--jobs 2` (two worker threads, two cores); dist/ is rebuilt first when stale;
 * - peak memory (max RSS of a child process) on the file and on the file repeated 10 times.
 *
 * The generated log is kept in node_modules/.cache/wormscope-bench/ (named by the generator's
 * source hash, the seed and the line count) and reused by later runs.
 *
 * Run directly: `npx tsx bench/analyze.ts`, or call {@link benchAnalyze} from bench/run.ts.
 */
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import {
  createReadStream,
  createWriteStream,
  existsSync,
  linkSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
} from "node:fs";
import { loadavg } from "node:os";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { once } from "node:events";
import { SyntheticCombinedLog } from "../src/analysis/synthetic/combined-log.ts";
import { analyzeInputs } from "../src/node/analyze-input.ts";
import { summarize } from "../src/analysis/report/summary.ts";

const LINES = 1_000_000;
const SEED = 20010719;
const RUNS = 3;
const CHILD_ENV = "WORMSCOPE_ANALYZE_RSS_CHILD";
/** Copies of the log read with two jobs. */
const COPIES = 4;
const ROOT = fileURLToPath(new URL("..", import.meta.url));
const BIN = join(ROOT, "bin", "wormscope.js");
const CACHE = join(ROOT, "node_modules", ".cache", "wormscope-bench");
const GENERATOR = join(ROOT, "src", "analysis", "synthetic", "combined-log.ts");

function codeRedTail(): string {
  const path = fileURLToPath(
    new URL("../test/data/real-logs/codered-2001-lines.log", import.meta.url),
  );
  const line = readFileSync(path, "latin1").split("\n")[0];
  let i = line.indexOf("?") + 1;
  while (line[i] === "N") i++;
  return line.slice(i, line.indexOf(" HTTP/", i)).trimEnd();
}

async function writeLog(path: string): Promise<void> {
  const gen = new SyntheticCombinedLog({ seed: SEED, codeRedTail: codeRedTail() });
  const out = createWriteStream(path);
  for (let done = 0; done < LINES; done += 10_000) {
    if (!out.write(gen.next(10_000), "latin1")) await once(out, "drain");
  }
  out.end();
  await once(out, "finish");
}

async function repeatFile(source: string, target: string, times: number): Promise<void> {
  const out = createWriteStream(target);
  for (let k = 0; k < times; k++) {
    for await (const chunk of createReadStream(source, { highWaterMark: 1 << 22 })) {
      if (!out.write(chunk)) await once(out, "drain");
    }
  }
  out.end();
  await once(out, "finish");
}

/** The generated log, from the cache when an identical one was generated before. */
async function cachedLog(): Promise<{ path: string; generateSeconds: number; cached: boolean }> {
  const hash = createHash("sha256").update(readFileSync(GENERATOR)).digest("hex").slice(0, 12);
  const path = join(CACHE, `access_log-${LINES}-${SEED}-${hash}`);
  if (existsSync(path)) return { path, generateSeconds: 0, cached: true };
  rmSync(CACHE, { recursive: true, force: true }); // logs of older generators
  mkdirSync(CACHE, { recursive: true });
  const t = process.hrtime.bigint();
  await writeLog(`${path}.part`);
  renameSync(`${path}.part`, path);
  return { path, generateSeconds: seconds(t), cached: false };
}

/** Wall seconds of one run of the compiled CLI (stdout discarded); throws if it fails. */
function cliSeconds(args: readonly string[]): number {
  const t = process.hrtime.bigint();
  const r = spawnSync(process.execPath, [BIN, "analyze", "--json", ...args], {
    stdio: ["ignore", "ignore", "pipe"],
    encoding: "utf8",
  });
  const s = seconds(t);
  if (r.status !== 0) throw new Error(`wormscope analyze exited ${r.status}: ${r.stderr}`);
  return s;
}

/** Median wall seconds of `grep -c default.ida` on `files`, and its output. */
function grepSeconds(files: readonly string[]): { seconds: number; out: string } {
  const times: number[] = [];
  let out = "";
  for (let run = 0; run < RUNS; run++) {
    const t = process.hrtime.bigint();
    out = spawnSync("grep", ["-c", "default.ida", ...files], { encoding: "utf8" }).stdout.trim();
    times.push(seconds(t));
  }
  return { seconds: median(times), out };
}

/** dist/ built from the current sources (rebuilt when stale), or why it could not be. */
async function freshDist(): Promise<string | undefined> {
  // imported here: the RSS children import this file, and esbuild would weigh on their RSS
  const { buildDist, staleDist } = await import("../scripts/build.ts");
  const stale = staleDist();
  if (stale === undefined) return undefined;
  process.stderr.write(`bench: ${stale}: rebuilding dist/\n`);
  try {
    await buildDist();
    return undefined;
  } catch (error) {
    return `npm run build failed: ${error instanceof Error ? error.message : String(error)}`;
  }
}

/** The compiled CLI's figures: one file with one job, {@link COPIES} files with two. */
async function benchCli(log: string, bytes: number): Promise<Record<string, unknown>> {
  const unavailable = await freshDist();
  if (unavailable !== undefined) return { cliAvailable: false, cliReason: unavailable };
  // hard links beside the log (same file system): four names, no extra disk
  const dir = mkdtempSync(join(CACHE, "links-"));
  try {
    return benchCliRuns(log, bytes, dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function benchCliRuns(log: string, bytes: number, dir: string): Record<string, unknown> {
  const copies = Array.from({ length: COPIES }, (_, k) => join(dir, `access_log.${k + 1}`));
  for (const c of copies) linkSync(log, c);
  const one: number[] = [];
  const four: number[] = [];
  const load = loadavg()[0];
  for (let run = 0; run < RUNS; run++) {
    one.push(cliSeconds(["--jobs", "1", log]));
    four.push(cliSeconds(["--jobs", "2", ...copies]));
  }
  const grepOne = grepSeconds([log]);
  const grepFour = grepSeconds(copies);
  const cliOneSeconds = median(one);
  const cliFourSeconds = median(four);
  return {
    cliAvailable: true,
    cliLoadAverage1Min: load,
    cliOneSeconds,
    cliOneSecondsBest: Math.min(...one),
    cliOneMbPerSecond: bytes / 1e6 / cliOneSeconds,
    grepOneSeconds: grepOne.seconds,
    grepOneMbPerSecond: bytes / 1e6 / grepOne.seconds,
    cliOneGrepRatio: cliOneSeconds / grepOne.seconds,
    copies: COPIES,
    cliFourSeconds,
    cliFourSecondsBest: Math.min(...four),
    cliFourMbPerSecond: (COPIES * bytes) / 1e6 / cliFourSeconds,
    grepFourSeconds: grepFour.seconds,
    grepFourMbPerSecond: (COPIES * bytes) / 1e6 / grepFour.seconds,
    cliFourGrepRatio: cliFourSeconds / grepFour.seconds,
    cliFourSpeedup: (COPIES * cliOneSeconds) / cliFourSeconds,
  };
}

function seconds(start: bigint): number {
  return Number(process.hrtime.bigint() - start) / 1e9;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

/** Peak RSS in MB of a child process analysing `path`. */
function childMaxRssMB(path: string): { rssMB: number; lines: number } {
  const self = fileURLToPath(import.meta.url);
  const r = spawnSync(process.execPath, ["--import", "tsx", self], {
    env: { ...process.env, [CHILD_ENV]: path },
    encoding: "utf8",
  });
  const line = r.stdout.trim().split("\n").pop() ?? "";
  if (r.status !== 0 || !line.startsWith("{")) throw new Error(`RSS child failed: ${r.stderr}`);
  return JSON.parse(line) as { rssMB: number; lines: number };
}

/** Runs the benchmark, prints a readable block and returns the figures. */
export async function benchAnalyze(): Promise<Record<string, unknown>> {
  const dir = mkdtempSync(join(tmpdir(), "wormscope-bench-analyze-"));
  try {
    const { path: log, generateSeconds, cached } = await cachedLog();
    let t: bigint;
    const bytes = statSync(log).size;
    const cli = await benchCli(log, bytes);

    const analyzer: number[] = [];
    const analyzerCpu: number[] = [];
    let summary;
    for (let run = 0; run < RUNS; run++) {
      t = process.hrtime.bigint();
      const cpu = process.cpuUsage();
      summary = summarize(await analyzeInputs([log]));
      analyzer.push(seconds(t));
      const used = process.cpuUsage(cpu);
      analyzerCpu.push((used.user + used.system) / 1e6);
    }
    const grep: number[] = [];
    let grepCount = "";
    for (let run = 0; run < RUNS; run++) {
      t = process.hrtime.bigint();
      grepCount = spawnSync("grep", ["-c", "default.ida", log], { encoding: "utf8" }).stdout.trim();
      grep.push(seconds(t));
    }
    const rss1x = childMaxRssMB(log);
    const log10 = join(dir, "access_log.10x");
    await repeatFile(log, log10, 10);
    const rss10x = childMaxRssMB(log10);
    rmSync(log10, { force: true });

    const analyzerSeconds = median(analyzer);
    const grepSeconds = median(grep);
    const figures = {
      lines: LINES,
      megabytes: bytes / 1e6,
      generateSeconds,
      analyzerSeconds,
      analyzerSecondsBest: Math.min(...analyzer),
      mbPerSecond: bytes / 1e6 / analyzerSeconds,
      analyzerCpuSeconds: median(analyzerCpu),
      mbPerCpuSecond: bytes / 1e6 / median(analyzerCpu),
      grepSeconds,
      grepMbPerSecond: bytes / 1e6 / grepSeconds,
      ratio: analyzerSeconds / grepSeconds,
      grepCount: Number(grepCount),
      codeRedRequests: (summary?.requests.crv1v2 ?? 0) + (summary?.requests.crii ?? 0),
      rssMB1x: rss1x.rssMB,
      rssMB10x: rss10x.rssMB,
      lines10x: rss10x.lines,
      ...cli,
    };
    const f = (x: number, d = 2): string => x.toFixed(d);
    process.stdout.write(
      [
        `analyze: ${LINES.toLocaleString("en-US")}-line combined log, ${f(figures.megabytes, 1)} MB (${cached ? "cached" : `generated in ${f(generateSeconds, 1)} s`})`,
        ...cliLines(figures, f),
        `  wormscope analyze  ${f(analyzerSeconds)} s  ${f(figures.mbPerSecond, 0)} MB/s  (median of ${RUNS}, one core, in-process; best ${f(figures.analyzerSecondsBest)} s)`,
        `                     ${f(figures.analyzerCpuSeconds)} s CPU  ${f(figures.mbPerCpuSecond, 0)} MB per CPU-second (wall time suffers when the machine is shared)`,
        `  grep -c default.ida ${f(grepSeconds)} s  ${f(figures.grepMbPerSecond, 0)} MB/s  -> analyze/grep time ratio ${f(figures.ratio, 1)}x`,
        `  Code Red requests found ${figures.codeRedRequests.toLocaleString("en-US")}; grep lines ${figures.grepCount.toLocaleString("en-US")}`,
        `  peak RSS: ${f(rss1x.rssMB, 0)} MB at 1x, ${f(rss10x.rssMB, 0)} MB at 10x (${rss10x.lines.toLocaleString("en-US")} lines)`,
        "",
      ].join("\n"),
    );
    return figures;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function cliLines(r: Record<string, unknown>, f: (x: number, d?: number) => string): string[] {
  if (r.cliAvailable !== true) return [`  compiled CLI: not measured (${String(r.cliReason)})`];
  const n = (k: string): number => Number(r[k]);
  return [
    `  compiled CLI, 1 file, --jobs 1   ${f(n("cliOneSeconds"))} s  ${f(n("cliOneMbPerSecond"), 0)} MB/s  | grep -c ${f(n("grepOneSeconds"))} s  ${f(n("grepOneMbPerSecond"), 0)} MB/s  -> ratio ${f(n("cliOneGrepRatio"), 1)}x  (median of ${RUNS}, whole process)`,
    `  compiled CLI, ${n("copies")} files, --jobs 2  ${f(n("cliFourSeconds"))} s  ${f(n("cliFourMbPerSecond"), 0)} MB/s  | grep -c ${f(n("grepFourSeconds"))} s  ${f(n("grepFourMbPerSecond"), 0)} MB/s  -> ratio ${f(n("cliFourGrepRatio"), 1)}x  (${f(n("cliFourSpeedup"))}x one job; load average ${f(n("cliLoadAverage1Min"))})`,
  ];
}

async function rssChild(path: string): Promise<void> {
  const tally = await analyzeInputs([path]);
  const lines = tally.files[0].lines;
  const rssMB = process.resourceUsage().maxRSS / 1024;
  process.stdout.write(`${JSON.stringify({ rssMB, lines })}\n`);
}

if (process.env[CHILD_ENV] !== undefined) {
  await rssChild(process.env[CHILD_ENV]);
} else if (
  process.argv[1] !== undefined &&
  import.meta.url === pathToFileURL(process.argv[1]).href
) {
  await benchAnalyze();
}
