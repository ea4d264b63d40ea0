/**
 * `wormscope watch FILE...`: early warning from a monitor's counts (Zou et al.'s Kalman trend
 * detector, src/models/early-warning.ts). The input is either
 * - one CSV with a time column first (ISO 8601 instants, or minutes) and one row per step:
 *   `simulate`'s timeseries.csv (column `telescope_uniqueSourcesSoFar`, the default when present),
 *   or any series of cumulative sources or scans per step; or
 * - logs and captures, read as `analyze` reads them (telescope or darknet captures, Zeek conn.log,
 *   firewall logs (netfilter LOG records), web logs, Zeek http.log, Suricata eve.json): the series is the distinct sources that have
 *   scanned (a Code Red request or a TCP SYN to port 80) by the end of each step
 *   (src/analysis/report/scan-series.ts).
 * Prints when an outbreak is detected, the growth rate K with a 95% interval, and a projection of
 * the curve.
 */
import { Command } from "@commander-js/extra-typings";
import { UserInputError } from "../../core/errors.ts";
import { quoteField } from "../../net/quote-field.ts";
import { detectOutbreak, projectCurve } from "../../models/early-warning.ts";
import { readBoundedText } from "../../node/scenario-files.ts";
import { analyzeInputs } from "../../node/analyze-input.ts";
import { scanSourceSeries } from "../../analysis/report/scan-series.ts";

/** Largest input file (a year of minutes is 30 MB of CSV at most). */
const WATCH_MAX_BYTES = 256 * 1024 * 1024;

/** Columns tried, in order, when --column is not given. */
const DEFAULT_COLUMNS = ["telescope_uniqueSourcesSoFar", "uniqueSourcesSoFar", "sources", "count"];

/** The column name given to the series read from logs and captures. */
const SCAN_COLUMN = "scanningSourcesSoFar";

interface Series {
  readonly times: string[];
  readonly values: number[];
  readonly column: string;
  readonly stepMinutes: number;
}

function timeMs(text: string): number | null {
  if (/^-?\d+(\.\d+)?$/.test(text)) return Number(text) * 60_000;
  const ms = Date.parse(text);
  return Number.isFinite(ms) ? ms : null;
}

/** Reads the series of one column of a watch CSV; errors name the file, line and field. */
export function readWatchCsv(path: string, column?: string, stepMinutes?: number): Series {
  const text = readBoundedText(path, "series", WATCH_MAX_BYTES);
  const lines = text.split(/\r?\n/);
  let header: string[] | null = null;
  let col = -1;
  const times: string[] = [];
  const values: number[] = [];
  const ms: number[] = [];
  lines.forEach((line, i) => {
    if (line.trim() === "" || line.startsWith("#")) return;
    const cells = line.split(",").map((c) => c.trim());
    if (!header) {
      header = cells;
      const wanted = column !== undefined ? [column] : DEFAULT_COLUMNS;
      col =
        wanted.map((w) => cells.indexOf(w)).find((k) => k > 0) ??
        (column === undefined && cells.length > 1 ? 1 : -1);
      if (col < 0) {
        throw new UserInputError(
          `${path}: line ${i + 1}: no column ${quoteField(column ?? DEFAULT_COLUMNS.join(" or "))} (columns: ${cells.map((c) => quoteField(c)).join(", ")})`,
        );
      }
      return;
    }
    const t = timeMs(cells[0] ?? "");
    if (t === null) {
      throw new UserInputError(
        `${path}: line ${i + 1}: time: not an ISO 8601 instant or a number of minutes: ${quoteField(cells[0] ?? "")}`,
      );
    }
    const v = Number(cells[col]);
    if (cells[col] === undefined || cells[col] === "" || !Number.isFinite(v) || v < 0) {
      throw new UserInputError(
        `${path}: line ${i + 1}: ${header[col]}: not a count: ${quoteField(cells[col] ?? "")}`,
      );
    }
    if (ms.length > 0 && !(t > ms[ms.length - 1])) {
      throw new UserInputError(`${path}: line ${i + 1}: time: not after the previous row's`);
    }
    times.push(cells[0]);
    values.push(v);
    ms.push(t);
  });
  if (!header || values.length < 2)
    throw new UserInputError(`${path}: fewer than two rows of counts`);
  const step = stepMinutes ?? (ms[1] - ms[0]) / 60_000;
  if (!(step > 0))
    throw new UserInputError(`${path}: cannot tell the step from the first two rows`);
  return { times, values, column: (header as string[])[col], stepMinutes: step };
}

/**
 * The series of logs and captures: distinct scanning sources by the end of each step. Read
 * errors are reported on stderr and the rest is kept, as `analyze` does.
 */
export async function readWatchInputs(paths: readonly string[], stepMinutes = 1): Promise<Series> {
  const tally = await analyzeInputs(paths);
  for (const f of tally.files) {
    if (f.error) process.stderr.write(`wormscope watch: ${f.path}: ${f.error}\n`);
  }
  let series;
  try {
    series = scanSourceSeries(tally.firstScanSeconds.values(), tally.lastScanSeconds, stepMinutes);
  } catch (error) {
    if (error instanceof RangeError)
      throw new UserInputError(`${paths.join(", ")}: ${error.message}`);
    throw error;
  }
  if (!series) {
    const untimed = tally.files.some((f) => f.untimedSyslog);
    throw new UserInputError(
      `${paths.join(", ")}: no timed scan (a Code Red request or a TCP SYN to port 80) to watch` +
        (untimed
          ? " (firewall records with a syslog time without a year are not placed in time: log ISO 8601 times, e.g. rsyslog's RSYSLOG_FileFormat)"
          : ""),
    );
  }
  if (series.values.length < 2) {
    throw new UserInputError(`${paths.join(", ")}: the scans span one step: nothing to watch`);
  }
  return {
    times: series.times.map((t) => t.replace(".000Z", "Z")),
    values: series.values,
    column: SCAN_COLUMN,
    stepMinutes,
  };
}

/** Registers `watch` on the program. */
export function register(program: Command): void {
  program
    .command("watch")
    .description(
      "early warning: detect a worm's exponential trend in a monitor's counts (a CSV series, or logs and captures)",
    )
    .argument(
      "<files...>",
      "one CSV (time first, one row per step: simulate's timeseries.csv works), or logs and captures as analyze reads them",
    )
    .option(
      "--column <name>",
      "the column of counts (default: telescope_uniqueSourcesSoFar, or the second)",
    )
    .option(
      "--step-minutes <m>",
      "minutes per step (CSV default: from the first two rows; logs and captures: 1)",
    )
    .option("--ceiling <n>", "project a logistic curve saturating at N (default: exponential)")
    .option("--json", "print the result as JSON")
    .action(async (files, opts) => {
      const step = opts.stepMinutes === undefined ? undefined : Number(opts.stepMinutes);
      if (step !== undefined && !(step > 0 && step <= 1440)) {
        throw new UserInputError(
          `--step-minutes: a number of minutes from 0 to 1440, got ${JSON.stringify(opts.stepMinutes)}`,
        );
      }
      const ceiling = opts.ceiling === undefined ? undefined : Number(opts.ceiling);
      if (ceiling !== undefined && !(ceiling > 0)) {
        throw new UserInputError(
          `--ceiling: a positive number, got ${JSON.stringify(opts.ceiling)}`,
        );
      }
      const csv = files.filter((f) => /\.csv$/i.test(f));
      if (csv.length > 0 && files.length > 1) {
        throw new UserInputError(
          `a CSV series is watched alone: got ${files.length} files (${csv.join(", ")} and others)`,
        );
      }
      if (csv.length === 0 && opts.column !== undefined) {
        throw new UserInputError("--column applies to a CSV series, not to logs and captures");
      }
      const file = files.join(", ");
      const series =
        csv.length === 1
          ? readWatchCsv(files[0], opts.column, step)
          : await readWatchInputs(files, step ?? 1);
      const result = detectOutbreak(series.values, { stepMinutes: series.stepMinutes });
      const at = result.alarmStep;
      const last = series.values.length - 1;
      // An exponential says nothing past saturation: project it only a few hours.
      const hours = ceiling === undefined ? [1, 2, 4] : [1, 2, 4, 8, 12];
      const projection = projectCurve(
        series.values[at ?? last],
        result.ratePerHour,
        hours,
        ceiling,
      );
      const out = {
        file,
        column: series.column,
        stepMinutes: series.stepMinutes,
        detected: at !== null,
        detectedAt: at === null ? null : series.times[at],
        countAtDetection: at === null ? null : series.values[at],
        ratePerHour: result.ratePerHour,
        rate95: result.rate95,
        projectionFrom: series.times[at ?? last],
        projection: hours.map((h, i) => ({ hours: h, count: projection[i] })),
      };
      if (opts.json) {
        process.stdout.write(JSON.stringify(out, null, 2) + "\n");
        return;
      }
      const n = (v: number) => Math.round(v).toLocaleString("en-US");
      const k = `K = ${result.ratePerHour.toFixed(2)}/h (95% ${result.rate95[0].toFixed(2)}-${result.rate95[1].toFixed(2)})`;
      process.stdout.write(
        (at === null
          ? `no outbreak detected in ${series.values.length} rows of ${series.column}; at the end ${k}\n`
          : `outbreak detected at ${series.times[at]} (${series.column} = ${n(series.values[at])}), ${k}\n`) +
          `projection from ${out.projectionFrom}${ceiling ? ` (logistic to ${n(ceiling)})` : " (exponential; --ceiling N for a logistic)"}: ` +
          out.projection.map((p) => `+${p.hours} h ${n(p.count)}`).join(", ") +
          "\n",
      );
    });
}
