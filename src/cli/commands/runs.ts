/**
 * `wormscope runs list|show|export`: what the run store holds. `list` shows every sweep and how many
 * of its runs are stored; `show KEY` prints a run's summary (or its scenario file, to replay it with
 * `simulate`, or its per-minute series); `export SWEEP` writes a sweep's runs as CSV or Parquet.
 */
import { Command, Option } from "@commander-js/extra-typings";
import { UserInputError } from "../../core/errors.ts";
import { DEFAULT_STORE_FILE, RunStore } from "../../node/run-store.ts";
import { sweepTable, tableCsv, tableParquet } from "../../node/runs-export.ts";
import { writeFileAtomic } from "../../node/write-file-atomic.ts";
import { sweepReportHtml, type SweepReportRun } from "../../report/sweep-report.ts";
import { VERSION } from "../../version.ts";
import { existsSync } from "node:fs";

function openExisting(path: string): RunStore {
  if (!existsSync(path)) {
    throw new UserInputError(`${path}: no run store here (run a sweep first, or give --store)`);
  }
  return RunStore.open(path);
}

/** Registers `runs` and its subcommands on the program. */
export function register(program: Command): void {
  const runs = program
    .command("runs")
    .description("list, show and export the runs kept in the run store");
  runs
    .command("list")
    .description("every sweep in the store with its stored runs")
    .option("--store <file>", "the run store (SQLite)", DEFAULT_STORE_FILE)
    .action((opts) => {
      const store = openExisting(opts.store);
      try {
        const sweeps = store.sweeps();
        if (sweeps.length === 0) process.stdout.write(`${opts.store}: no sweeps\n`);
        for (const s of sweeps) {
          process.stdout.write(
            `${s.name}\t${s.points} points x ${s.seeds} seeds\t${s.done}/${s.runs} runs stored\n`,
          );
        }
      } finally {
        store.close();
      }
    });
  runs
    .command("show")
    .description("one run: its summary (JSON), or its scenario, or its per-minute series (CSV)")
    .argument("<key>", "the run key (point hash-seed, as export lists it)")
    .option("--store <file>", "the run store (SQLite)", DEFAULT_STORE_FILE)
    .addOption(
      new Option("--what <part>", "what to print")
        .choices(["summary", "scenario", "series"])
        .default("summary"),
    )
    .action((key, opts) => {
      const store = openExisting(opts.store);
      try {
        const run = store.run(key);
        if (!run) throw new UserInputError(`${opts.store}: no run with key "${key}"`);
        if (opts.what === "summary") {
          process.stdout.write(JSON.stringify(JSON.parse(run.summary), null, 2) + "\n");
        } else if (opts.what === "scenario") {
          const scenario = store.scenario(run.scenario_hash);
          process.stdout.write(JSON.stringify({ ...scenario, seed: run.seed }, null, 2) + "\n");
        } else {
          const rows = store.series(key);
          process.stdout.write(
            "minute,infected,infected_ever,new_infections,probes\n" +
              rows
                .map(
                  (r) =>
                    `${r.minute},${r.infected},${r.infected_ever},${r.new_infections},${r.probes}`,
                )
                .join("\n") +
              "\n",
          );
        }
      } finally {
        store.close();
      }
    });
  runs
    .command("export")
    .description("a sweep's runs as one table (CSV or Parquet)")
    .argument("<sweep>", "the sweep's name (runs list shows them)")
    .option("--store <file>", "the run store (SQLite)", DEFAULT_STORE_FILE)
    .addOption(
      new Option("--format <format>", "file format").choices(["csv", "parquet"]).default("csv"),
    )
    .requiredOption("--out <file>", "the file to write")
    .action((sweep, opts) => {
      const store = openExisting(opts.store);
      try {
        const table = sweepTable(store, sweep);
        writeFileAtomic(opts.out, opts.format === "csv" ? tableCsv(table) : tableParquet(table));
        process.stdout.write(
          `${opts.out}: ${table.rows.length} runs of sweep ${sweep}, ${table.columns.length} columns (${opts.format})\n`,
        );
      } finally {
        store.close();
      }
    });
  runs
    .command("report")
    .description("a sweep's HTML report: curves with bands per grid value, a heat map, a table")
    .argument("<sweep>", "the sweep's name (runs list shows them)")
    .option("--store <file>", "the run store (SQLite)", DEFAULT_STORE_FILE)
    .requiredOption("--out <file>", "the HTML file to write")
    .action((sweep, opts) => {
      const store = openExisting(opts.store);
      try {
        const rows = store.sweepRows(sweep);
        if (rows.length === 0) throw new UserInputError(`sweep "${sweep}" has no stored runs yet`);
        const listing = store.sweeps().find((s) => s.name === sweep);
        const runsIn: SweepReportRun[] = rows.map((r) => ({
          point: r.point,
          values: JSON.parse(r.values) as Record<string, unknown>,
          figure: r.infected_ever,
          everPerMinute: store.series(r.key).map((m) => m.infected_ever),
        }));
        const start = (JSON.parse(rows[0].summary) as { start: string }).start;
        const html = sweepReportHtml({
          sweep,
          paths: store.sweepPaths(sweep),
          figureName: "hosts ever infected",
          startMs: Date.parse(start),
          runs: runsIn,
          plannedRuns: listing?.runs ?? rows.length,
          provenance: `wormscope ${VERSION}; seeds and scenario hashes per run in runs export`,
        });
        writeFileAtomic(opts.out, html);
        process.stdout.write(`${opts.out}: report of ${rows.length} runs of sweep ${sweep}\n`);
      } finally {
        store.close();
      }
    });
}
