/**
 * `wormscope analyze FILE...`: find Code Red (and Nimda) in web logs and packet captures, and
 * estimate the outbreak behind them. See docs/detect.md.
 */
import type { Command } from "@commander-js/extra-typings";
import { UserInputError } from "../../core/errors.ts";
import { printable } from "../../core/terminal-text.ts";
import { parseIpv4 } from "../../analysis/bytes.ts";
import { summarize } from "../../analysis/report/summary.ts";
import { hourlyCsv, sourcesCsv } from "../../analysis/report/csv.ts";
import { analyzeWarnings } from "../../analysis/report/warnings.ts";
import { renderAnalyzeHtml } from "../../report/analyze-html.ts";
import { statSync } from "node:fs";
import { analyzeFiles } from "../../node/analyze-parallel.ts";
import { createFilesProgress } from "../progress.ts";
import { renderAnalyzeTable } from "../../node/analyze-table.ts";
import { writeFileAtomic, writeFilesAtomic } from "../../node/write-file-atomic.ts";

function parseServerIp(text: string): number {
  const ip = parseIpv4(new TextEncoder().encode(text), 0, text.length);
  if (ip < 0 || /[^0-9.]/.test(text)) {
    throw new UserInputError(
      `--server-ip: expected an IPv4 address like 192.0.2.10, got "${text}"`,
    );
  }
  return ip;
}

function parseRate(text: string): number {
  const rate = Number(text);
  if (!(rate > 0 && rate < 1e6)) {
    throw new UserInputError(`--probes-per-second: expected a positive number, got "${text}"`);
  }
  return rate;
}

function parseJobs(text: string): number {
  const jobs = Number(text);
  if (!(Number.isInteger(jobs) && jobs >= 1 && jobs <= 1024)) {
    throw new UserInputError(`--jobs: expected a whole number from 1 to 1024, got "${text}"`);
  }
  return jobs;
}

/** The size of each input for progress (0 for standard input, a pipe, or a device). */
function inputSizes(files: readonly string[]): number[] {
  return files.map((path) => {
    if (path === "-") return 0;
    try {
      const s = statSync(path);
      return s.isFile() ? s.size : 0;
    } catch {
      return 0;
    }
  });
}

/** Registers the `analyze` subcommand. */
export function register(program: Command): void {
  program
    .command("analyze")
    .description("Find Code Red in web logs (Apache, nginx, IIS, error logs) and pcap/pcapng files")
    .argument(
      "<files...>",
      "log or capture files; - reads standard input; .gz is read transparently",
    )
    .option("--server-ip <addr>", "IPv4 address of the server that wrote the logs (for locality)")
    .option("--json", "print the report as JSON (schema 1) instead of tables")
    .option("--csv <dir>", "write sources.csv and hourly.csv into this directory")
    .option("--html <file>", "write a self-contained HTML report")
    .option(
      "--probes-per-second <rate>",
      "CRv1/v2 probes per second per host at the mean rate, for the estimate (default: the simulator's lab rate, 13.9)",
    )
    .option(
      "--jobs <n>",
      "files read at once, each by a worker thread (default: one per file, at most one per core); the report is the same for any number",
    )
    // commander has printed its message already; bad usage exits 2, help exits 0
    .action(async (files, options) => {
      const serverIp = options.serverIp === undefined ? undefined : parseServerIp(options.serverIp);
      const probesPerSecond =
        options.probesPerSecond === undefined ? undefined : parseRate(options.probesPerSecond);
      const jobs = options.jobs === undefined ? undefined : parseJobs(options.jobs);
      const progress = createFilesProgress(
        files.map((f) => printable(f === "-" ? "(stdin)" : f)),
        inputSizes(files),
      );
      let tally;
      try {
        tally = await analyzeFiles(files, { jobs, onProgress: progress.update });
      } finally {
        progress.stop();
      }
      const summary = summarize(tally, { serverIp, probesPerSecond });
      if (options.csv !== undefined) {
        writeFilesAtomic(options.csv, {
          "sources.csv": sourcesCsv(tally, serverIp),
          "hourly.csv": hourlyCsv(summary),
        });
      }
      if (options.html !== undefined) writeFileAtomic(options.html, renderAnalyzeHtml(summary));
      process.stdout.write(
        options.json ? `${JSON.stringify(summary, null, 2)}\n` : `${renderAnalyzeTable(summary)}\n`,
      );
      // File names (and so warnings and errors) are user input: no control characters.
      for (const w of analyzeWarnings(summary))
        process.stderr.write(`wormscope: warning: ${printable(w)}\n`);
      const failed = summary.files.filter((f) => f.error !== null);
      for (const f of failed)
        process.stderr.write(`wormscope: ${printable(`${f.path}: ${f.error}`)}\n`);
      if (failed.length > 0) process.exitCode = 1;
    });
}
