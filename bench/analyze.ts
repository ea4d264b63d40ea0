/**
 * Benchmark of `wormscope analyze` on a generated 1,000,000-line Apache combined log (~173 MB, ~3%
 * worm lines), side by side with `grep -c default.ida` on the same file, plus peak memory (max RSS
 * of a child process) on the file and on the file repeated 10 times.
 *
 * Run directly: `npx tsx bench/analyze.ts`, or call {@link benchAnalyze} from bench/run.ts.
 */
import { spawnSync } from "node:child_process";
import {
  createReadStream,
  createWriteStream,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
} from "node:fs";
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
    const log = join(dir, "access_log");
    let t = process.hrtime.bigint();
    await writeLog(log);
    const generateSeconds = seconds(t);
    const bytes = statSync(log).size;

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
    };
    const f = (x: number, d = 2): string => x.toFixed(d);
    process.stdout.write(
      [
        `analyze: ${LINES.toLocaleString("en-US")}-line combined log, ${f(figures.megabytes, 1)} MB (generated in ${f(generateSeconds, 1)} s)`,
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
