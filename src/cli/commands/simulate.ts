/**
 * `wormscope simulate`: run a preset or scenario file, print a summary table (or summary.json with
 * --json), and with --out write summary.json, timeseries.csv, the chart (SVG, PNG) and the resolved
 * scenario. Progress and logs go to stderr.
 */
import { isoUtc } from "../../core/time.ts";
import type { Command } from "@commander-js/extra-typings";
import { storeSimulation } from "../../node/simulate-store.ts";
import { runSeries } from "../../node/sweep-run.ts";
import { UserInputError } from "../../core/errors.ts";
import { loadPopulation, readScenarioFile } from "../../node/scenario-files.ts";
import { simulationFiles } from "../../node/simulation-files.ts";
import { makeDirectory } from "../../node/make-directory.ts";
import { writeFilesAtomic } from "../../node/write-file-atomic.ts";
import { presetByName, resolveScenario } from "../../scenario/resolve.ts";
import { EngineRefusedError, runSimulationWith } from "../../scenario/run.ts";
import { createProgress } from "../progress.ts";
import { compareDefenses } from "../../scenario/compare.ts";
import { compareChartSvg } from "../../report/compare-chart.ts";
import { svgToPng } from "../../node/png.ts";
import { parseRuns, parseThreads, simulateEnsemble } from "../simulate-ensemble.ts";
import { parseAddressBits, parseEngine } from "../simulate-engine.ts";
import { printable, summaryTable } from "../summary-table.ts";
import { setBlockLogCapture } from "../../observers/block-log.ts";
import { parseLogOptions } from "../simulate-logs.ts";
import { createObserverLogs } from "../../node/observer-logs.ts";

/** A seed as scenarios accept it: an integer 0..2^53-1 (Number.MAX_SAFE_INTEGER). */
function parseSeed(text: string): number {
  const seed = /^\d{1,16}$/.test(text) ? Number(text) : NaN;
  if (!Number.isSafeInteger(seed)) {
    const shown = text.length > 40 ? `${text.slice(0, 40)}...` : text;
    throw new UserInputError(
      `--seed: expected a whole number from 0 to ${Number.MAX_SAFE_INTEGER}, got "${shown}"`,
    );
  }
  return seed;
}

function parseUntil(text: string): string {
  if (!/^\d{4}-\d{2}-\d{2}T/.test(text) || !Number.isFinite(Date.parse(text))) {
    throw new UserInputError(`--until: expected an ISO 8601 instant such as 2001-07-21T00:00:00Z`);
  }
  return isoUtc(Date.parse(text));
}

/** Runs `run`, turning an engine's refusal into advice in the CLI's own terms. */
function runOrExplain<T>(run: () => T): T {
  try {
    return run();
  } catch (e) {
    if (!(e instanceof EngineRefusedError)) throw e;
    throw new UserInputError(
      `--engine ${e.engine} cannot run scenario "${e.scenarioName}": ${e.reason}; use --engine fast`,
    );
  }
}

/** Registers the command. */
export function register(program: Command): void {
  program
    .command("simulate")
    .description("Simulate an outbreak (default preset: jul19-2001, Code Red v2 on 19 July 2001)")
    .option("--preset <name>", "built-in scenario to run (jul19-2001)")
    .option("--scenario <file>", "scenario JSON file (may extend a preset)")
    .option("--seed <n>", "random seed (same seed, same output)")
    .option("--until <iso>", "end of the simulated period (ISO 8601, UTC)")
    .option("--out <dir>", "write summary.json, timeseries.csv, outbreak.svg/png, scenario.json")
    .option("--json", "print only summary.json to stdout")
    .option(
      "--store <file>",
      "keep the run(s) in a run store (SQLite; see runs list|show|export|report)",
    )
    .option("--runs <n>", "ensemble: N runs with seeds derived from --seed, mean and 5-95% band")
    .option(
      "--threads <n>",
      "worker threads for --runs (default: min(2, cores); at most min(runs, cores)); same output",
    )
    .option(
      "--engine <name>",
      "fast (default) or reference (per-probe; needs --address-bits <= 24)",
    )
    .option("--address-bits <n>", "scale the Internet down to 2^N addresses, 16-32 (default 32)")
    .option(
      "--compare",
      "also run without the scenario's defenses (same seed and population): infections prevented, compare.svg/png",
    )
    .option(
      "--logs <dir>",
      "write what each server and telescope observer would have logged: NAME.access.log (Apache combined), NAME.iis.log (IIS W3C), NAME.pcap, logs.json",
    )
    .option(
      "--logs-format <list>",
      "with --logs: comma-separated apache,iis,pcap (default all three)",
    )
    .option(
      "--background-per-hour <n>",
      "with --logs: mean benign requests per hour per observer (default 200)",
    )
    .option(
      "--logs-max-lines <n>",
      "with --logs: most requests per file; a file stops at the last whole hour that fits (default 1000000)",
    )
    .option(
      "--logs-signature <file>",
      "with --logs: a real 2001 log holding a Code Red line, whose tail the requests carry (default: the tail's public first 24 characters)",
    )
    // commander has printed its message already; bad usage exits 2, help exits 0
    .action((opts) => {
      if (opts.preset && opts.scenario) {
        throw new UserInputError(
          "use --preset or --scenario, not both (a scenario can extend a preset)",
        );
      }
      const file = opts.scenario
        ? readScenarioFile(opts.scenario)
        : { extends: opts.preset ?? "jul19-2001" };
      if (!opts.scenario) presetByName(file.extends as string);
      const scenario = resolveScenario(
        file,
        {
          seed: opts.seed === undefined ? undefined : parseSeed(opts.seed),
          until: opts.until === undefined ? undefined : parseUntil(opts.until),
        },
        opts.scenario ?? "preset",
      );
      const runs = parseRuns(opts.runs);
      const threads = parseThreads(opts.threads);
      const engine = parseEngine(opts.engine);
      const addressBits = parseAddressBits(opts.addressBits, engine);
      if (runs > 1 && (engine !== "fast" || addressBits !== 32)) {
        throw new UserInputError("--runs works with the fast engine at full scale only");
      }
      if (opts.compare && (scenario.defenses ?? []).length === 0) {
        throw new UserInputError(
          "--compare: the scenario lists no defenses (add a defenses array, see docs/defenses.md)",
        );
      }
      if (opts.compare && runs > 1) {
        throw new UserInputError("--compare works with single runs, not --runs");
      }
      if (opts.store && (engine !== "fast" || addressBits !== 32)) {
        throw new UserInputError("--store works with the fast engine at full scale only");
      }
      const logOptions = parseLogOptions(opts, scenario);
      if (logOptions && (runs > 1 || engine !== "fast" || addressBits !== 32)) {
        throw new UserInputError(
          "--logs works with single runs of the fast engine at full scale only",
        );
      }
      // Fail before a long run, not after it, when the output directory cannot be made.
      if (opts.out) makeDirectory(opts.out);
      if (logOptions) makeDirectory(logOptions.dir);
      if (runs > 1) {
        return simulateEnsemble(scenario, {
          runs,
          threads,
          out: opts.out,
          json: opts.json,
          store: opts.store === undefined ? undefined : { path: opts.store, file },
        });
      }
      const progress = createProgress(`simulating ${printable(scenario.name)}`);
      const population = loadPopulation(scenario);
      const logs = logOptions ? createObserverLogs(logOptions) : null;
      let output: ReturnType<typeof runSimulationWith>;
      setBlockLogCapture(logs?.capture ?? null);
      try {
        output = runOrExplain(() =>
          runSimulationWith(scenario, population, {
            engine,
            addressBits,
            onProgress: progress.update,
            clock: () => performance.now(),
          }),
        );
      } catch (e) {
        logs?.abort();
        throw e;
      } finally {
        setBlockLogCapture(null);
      }
      progress.stop();
      if (logs && logOptions) {
        let records;
        try {
          records = logs.finish();
        } catch (e) {
          logs.abort();
          throw e;
        }
        const files = records.flatMap((r) => r.files);
        process.stderr.write(
          files.length > 0
            ? `wrote ${logOptions.dir}/{${[...files, "logs.json"].join(",")}}\n`
            : `--logs: the scenario has no server or telescope observer; wrote ${logOptions.dir}/logs.json only\n`,
        );
      }
      let extra: Record<string, string | Uint8Array> = {};
      if (opts.compare) {
        const others = (scenario.defenses ?? []).length > 1 ? (scenario.defenses ?? []).length : 0;
        process.stderr.write(
          `comparing: the same seed without defenses${others > 0 ? ` and each of the ${others} defenses alone` : ""}\n`,
        );
        const compared = compareDefenses(scenario, population, output, (s, p) =>
          runOrExplain(() =>
            runSimulationWith(s, p, { engine, addressBits, clock: () => performance.now() }),
          ),
        );
        const base = compared.baseline.summary;
        output = {
          ...output,
          summary: {
            ...output.summary,
            defenses: compared.defenses,
            comparison: {
              baselineInfectedEver: base.infectedEver,
              baselineInfectedAtEnd: base.infectedAtEnd,
              baselinePeakNewPerMinute: base.peakNewPerMinute,
              infectionsPrevented: base.infectedEver - output.summary.infectedEver,
            },
          },
        };
        const svg = compareChartSvg(output, compared.baseline);
        extra = { "compare.svg": svg, "compare.png": svgToPng(svg) };
      }
      if (opts.out) {
        writeFilesAtomic(opts.out, { ...simulationFiles(scenario, output), ...extra });
        const names = [
          "summary.json",
          "timeseries.csv",
          "outbreak.svg",
          "outbreak.png",
          "scenario.json",
        ];
        process.stderr.write(
          `wrote ${opts.out}/{${[...names, ...Object.keys(extra)].join(",")}}\n`,
        );
      }
      if (opts.store) {
        const kept = storeSimulation(opts.store, file, scenario, [
          {
            seed: scenario.seed,
            summary: output.summary,
            series: runSeries(output.result),
            engineSeconds: output.summary.wallSeconds,
          },
        ]);
        process.stderr.write(`kept the run in ${opts.store} (sweep ${kept.name})\n`);
      }
      if (opts.json) process.stdout.write(JSON.stringify(output.summary, null, 2) + "\n");
      else process.stdout.write(summaryTable(output.summary) + "\n");
    });
}
