/**
 * Reads a time series of infected hosts from CSV: a header naming a time column (`time`, ISO 8601;
 * or `hours`, `minutes`, `seconds`, numeric) and an `infected` column; other columns are ignored,
 * blank lines and lines starting with `#` are skipped. Every bad row is reported as
 * `FILE:LINE: field: problem`.
 */
import { readFileSync } from "node:fs";
import { UserInputError } from "../core/errors.ts";
import { quoteField } from "../net/quote-field.ts";

/** The series, with times in hours from the first row. */
export interface InfectedSeries {
  timesHours: Float64Array;
  infected: Float64Array;
  /** Epoch milliseconds of the first row when times were ISO 8601 (UTC unless an offset is given). */
  startMs?: number;
  timeColumn: "time" | "hours" | "minutes" | "seconds";
}

const HOURS_PER_UNIT = { hours: 1, minutes: 1 / 60, seconds: 1 / 3600 } as const;
const MAX_REPORTED = 20;
/** Largest infected count: every IPv4 address. Larger values (1e308, say) overflow the fit. */
const MAX_INFECTED = 2 ** 32;
/** Largest numeric time, in hours from 0 (about 11,400 years): beyond it the fit overflows. */
const MAX_HOURS = 1e8;

/** Parses CSV `text`; `fileName` only labels errors. Throws one UserInputError listing bad rows. */
export function parseInfectedCsv(text: string, fileName: string, minRows = 5): InfectedSeries {
  const errors: string[] = [];
  const fail = (line: number, field: string, problem: string) =>
    errors.push(`${fileName}:${line}: ${field}: ${problem}`);
  const lines = text.split(/\r?\n/);
  let header: string[] | undefined;
  let timeIndex = -1;
  let infectedIndex = -1;
  let timeColumn: InfectedSeries["timeColumn"] = "time";
  const times: number[] = [];
  const infected: number[] = [];
  for (let n = 0; n < lines.length && errors.length < MAX_REPORTED; n++) {
    const raw = lines[n].trim();
    if (raw === "" || raw.startsWith("#")) continue;
    const fields = raw.split(",").map((f) => f.trim().replace(/^"(.*)"$/, "$1"));
    if (!header) {
      header = fields.map((f) => f.toLowerCase());
      timeColumn =
        (["time", "hours", "minutes", "seconds"] as const).find((c) => header?.includes(c)) ??
        "time";
      timeIndex = header.indexOf(timeColumn);
      infectedIndex = header.indexOf("infected");
      if (timeIndex < 0) fail(n + 1, "header", "no time column (time, hours, minutes or seconds)");
      if (infectedIndex < 0) fail(n + 1, "header", "no infected column");
      if (errors.length > 0) break;
      continue;
    }
    if (fields.length !== header.length) {
      fail(n + 1, "row", `expected ${header.length} fields, got ${fields.length}`);
      continue;
    }
    const t = parseTime(fields[timeIndex], timeColumn);
    const y = Number(fields[infectedIndex]);
    if (
      t !== undefined &&
      timeColumn !== "time" &&
      Math.abs(t * HOURS_PER_UNIT[timeColumn]) > MAX_HOURS
    )
      fail(
        n + 1,
        timeColumn,
        `${t} is out of range (at most ${MAX_HOURS.toExponential()} hours from 0)`,
      );
    else if (t === undefined)
      fail(
        n + 1,
        timeColumn,
        `not ${timeColumn === "time" ? "an ISO 8601 time" : "a number"}: "${quoteField(fields[timeIndex])}"`,
      );
    else if (times.length > 0 && !(t > times[times.length - 1]))
      fail(n + 1, timeColumn, "not after the previous row");
    if (fields[infectedIndex] === "" || !Number.isFinite(y))
      fail(n + 1, "infected", `not a number: "${quoteField(fields[infectedIndex])}"`);
    else if (y < 0) fail(n + 1, "infected", `negative: ${y}`);
    else if (y > MAX_INFECTED)
      fail(n + 1, "infected", `${y} is more than 2^32 hosts (the whole IPv4 address space)`);
    if (t !== undefined) times.push(t);
    infected.push(y);
  }
  if (errors.length === 0 && !header) errors.push(`${fileName}: no header line`);
  if (errors.length === 0 && times.length < minRows) {
    errors.push(`${fileName}: ${times.length} data rows, at least ${minRows} needed`);
  }
  if (errors.length > 0) throw new UserInputError(errors.join("\n"));
  const first = times[0];
  const perHour = timeColumn === "time" ? 1 : HOURS_PER_UNIT[timeColumn];
  return {
    timesHours: Float64Array.from(times, (t) =>
      timeColumn === "time" ? (t - first) / 3_600_000 : t * perHour,
    ),
    infected: Float64Array.from(infected),
    ...(timeColumn === "time" ? { startMs: first } : {}),
    timeColumn,
  };
}

/** Epoch-ms for ISO 8601 (no offset means UTC), or the plain number for numeric columns. */
function parseTime(field: string, column: InfectedSeries["timeColumn"]): number | undefined {
  if (field === "") return undefined;
  if (column !== "time") {
    const x = Number(field);
    return Number.isFinite(x) ? x : undefined;
  }
  if (!/^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?)?(Z|[+-]\d{2}:?\d{2})?$/i.test(field)) {
    return undefined;
  }
  const noZone = /[T ]\d{2}:\d{2}/.test(field) && !/(Z|[+-]\d{2}:?\d{2})$/i.test(field);
  const ms = Date.parse((noZone ? `${field}Z` : field).replace(" ", "T"));
  return Number.isFinite(ms) ? ms : undefined;
}

/** Reads and parses `path`; an unreadable file is a UserInputError too. */
export function readInfectedCsv(path: string): InfectedSeries {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? "unreadable";
    throw new UserInputError(`${path}: cannot read (${code})`);
  }
  return parseInfectedCsv(text, path);
}
