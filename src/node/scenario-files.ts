/**
 * Node side of scenarios: reading a scenario file, loading a host-list population, and the outputs of
 * `wormscope simulate --out`.
 */
import { closeSync, fstatSync, openSync, readSync, statSync } from "node:fs";
import { dirname, resolve as resolvePath } from "node:path";
import { UserInputError } from "../core/errors.ts";
import { printable } from "../core/terminal-text.ts";
import { fsErrorWords } from "./fs-errors.ts";
import { parseHostList } from "../net/host-list.ts";
import { parseAsTable } from "../net/as-table.ts";
import { quoteField } from "../net/quote-field.ts";
import type { Population } from "../net/population.ts";
import { parseScenario, type ResolvedScenario } from "../scenario/resolve.ts";
import { buildModelPopulation } from "../scenario/run.ts";
import type { ScenarioFile } from "../scenario/schema.ts";

/** Largest scenario file read, bytes (10 MB): the presets are a few hundred bytes. */
export const SCENARIO_FILE_MAX_BYTES = 10 * 1024 * 1024;

/**
 * Largest host list read, bytes (256 MB): 20 million addresses (the model's most vulnerable hosts)
 * with a country and a locale each, well under Node's longest string.
 */
export const HOST_LIST_MAX_BYTES = 256 * 1024 * 1024;

const megabytes = (bytes: number): string => `${bytes / (1024 * 1024)} MB`;

/**
 * Reads a regular file of at most `maxBytes` as UTF-8. Devices (/dev/zero), FIFOs and directories
 * are refused before they are opened, and a file that grows past the limit while being read is
 * refused too: nothing is read without bound.
 */
export function readBoundedText(path: string, what: string, maxBytes: number): string {
  const tooBig = (): never => {
    throw new UserInputError(
      `${path}: ${what} is larger than ${megabytes(maxBytes)}, the most wormscope reads`,
    );
  };
  const notRegular = (): never => {
    throw new UserInputError(`${path}: ${what} is not a regular file`);
  };
  let fd: number;
  try {
    const stat = statSync(path);
    if (!stat.isFile()) notRegular();
    if (stat.size > maxBytes) tooBig();
    fd = openSync(path, "r");
  } catch (error) {
    if (error instanceof UserInputError) throw error;
    throw new UserInputError(`${path}: cannot read ${what} (${fsErrorWords(error)})`);
  }
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile()) notRegular();
    // One byte more than the file's size, so that its end is seen without growing the buffer.
    let buffer = Buffer.alloc(Math.min(maxBytes + 1, stat.size + 1));
    let length = 0;
    for (;;) {
      if (length === buffer.length) {
        // The file grew since fstat: read on, up to one byte past the limit.
        if (length > maxBytes) tooBig();
        const larger = Buffer.alloc(Math.min(maxBytes + 1, buffer.length * 2));
        buffer.copy(larger);
        buffer = larger;
      }
      const n = readSync(fd, buffer, length, buffer.length - length, null);
      if (n === 0) break;
      length += n;
    }
    return buffer.toString("utf8", 0, length);
  } catch (error) {
    if (error instanceof UserInputError) throw error;
    throw new UserInputError(`${path}: cannot read ${what} (${fsErrorWords(error)})`);
  } finally {
    closeSync(fd);
  }
}

/** Reads and validates a scenario file. */
export function readScenarioFile(path: string): ScenarioFile {
  const text = readBoundedText(path, "scenario", SCENARIO_FILE_MAX_BYTES);
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new UserInputError(`${path}: ${describeJsonError(text, error)}`);
  }
  const file = parseScenario(raw, path);
  if (file.population && "hostList" in file.population) {
    // Host lists are relative to the scenario file.
    file.population = { hostList: resolvePath(dirname(path), file.population.hostList) };
  }
  if (file.asTopology && "asTable" in file.asTopology) {
    // So are AS tables.
    file.asTopology = { asTable: resolvePath(dirname(path), file.asTopology.asTable) };
  }
  return file;
}

/** Largest AS table read: 64 MiB (a full 2001 RouteViews table is about 100,000 rows, ~3 MiB). */
export const AS_TABLE_MAX_BYTES = 64 * 1024 * 1024;

/**
 * A JSON.parse error as words that quote no raw bytes of the file. V8's own message may quote the
 * file (`Unexpected token '\x1b', "..." is not valid JSON`, control characters and all); this gives
 * the line and column where V8 names a position, at most 40 characters from there with control
 * characters removed ({@link quoteField}), and an unexpected character as `U+XXXX` when it is a
 * control character.
 */
export function describeJsonError(text: string, error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const position = /at position (\d+)/.exec(message);
  const token = /^Unexpected token '([\s\S])'/.exec(message);
  let reason = message
    .replace(/^Unexpected token '[\s\S]'[\s\S]*$/, "Unexpected token")
    .replace(/,? (?:\.\.\.)?"[\s\S]*"(?:\.\.\.)? is not valid JSON$/, "")
    .replace(/ in JSON at position \d+(?: \(line \d+ column \d+\))?/, "")
    .replace(/ at position \d+/, "");
  if (token) {
    const c = token[1];
    const code = c.charCodeAt(0);
    const shown = code >= 0x20 && !(code >= 0x7f && code <= 0x9f) && code !== 0x2028;
    reason += shown ? ` "${c}"` : ` U+${code.toString(16).toUpperCase().padStart(4, "0")}`;
  }
  // V8's words, with the file's bytes taken out above; cut and cleaned in case a V8 quotes otherwise.
  reason = printable(reason).slice(0, 120);
  if (!position) return `invalid JSON: ${reason}`;
  const at = Math.min(Number(position[1]), text.length);
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf("\n"); i >= 0 && i < at; i = text.indexOf("\n", i + 1)) {
    line++;
    lineStart = i + 1;
  }
  const near = quoteField(text.slice(at, at + 41));
  return (
    `invalid JSON at line ${line}, column ${at - lineStart + 1}: ${reason}` +
    (near === "" ? "" : ` near "${near}"`)
  );
}

/**
 * The population of a scenario: the model, or its host list read from disk; with the AS table the
 * scenario names (asTopology.asTable) read and attached.
 */
export function loadPopulation(scenario: ResolvedScenario): Population {
  const spec = scenario.population;
  const population =
    "hostList" in spec
      ? parseHostList(
          readBoundedText(spec.hostList, "host list", HOST_LIST_MAX_BYTES),
          spec.hostList,
        )
      : buildModelPopulation(scenario);
  const as = scenario.asTopology;
  if (!as || !("asTable" in as)) return population;
  const text = readBoundedText(as.asTable, "AS table", AS_TABLE_MAX_BYTES);
  return { ...population, asTopology: parseAsTable(text, as.asTable) };
}
