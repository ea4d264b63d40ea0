/**
 * A real host list in place of the July 2001 model: one address per line, or CSV with a header naming
 * an `address` (or `ip`) column and optional `country`, `locale`, `os` and `patched` columns. Blank
 * lines and `#` comments are skipped; every bad row is reported as `FILE:LINE: field: problem`.
 */
import { UserInputError } from "../core/errors.ts";
import { eachCsvRecord, type CsvRecord } from "./csv.ts";
import { parseIpv4 } from "./ipv4.ts";
import { quoteField } from "./quote-field.ts";
import { JULY_2001_DEFAULTS } from "./internet-2001-params.ts";
import {
  HOST_LIST_UNKNOWN_COUNTRY,
  LOCALES,
  OSES,
  PATCHED,
  clearRows,
  emptyRows,
  pushHost,
  readChoice,
  readCountry,
  rowsByAddress,
  type At,
  type Rows,
} from "./host-list-rows.ts";
import { LOCALE_ENGLISH, OS_WIN2000_IIS5, type Population } from "./population.ts";

/** Options of {@link parseHostList}. */
export interface HostListOptions {
  /**
   * Live addresses per /16 per listed host, as in the model. Default 20
   * ({@link JULY_2001_DEFAULTS}.liveAddressesPerVulnerableHost, an assumption).
   */
  readonly liveAddressesPerHost?: number;
  /**
   * Live addresses of every /16 holding a listed host. Default 9,000
   * ({@link JULY_2001_DEFAULTS}.liveAddressesBasePerActive16, calibrated on the ISC survey).
   */
  readonly liveAddressesBasePer16?: number;
}

/** Most bad rows quoted in the error message. */
export const HOST_LIST_MAX_REPORTED_ERRORS = 10;

/**
 * Parses a host list into a {@link Population} sorted by address. Defaults per host: country
 * "unknown", locale English, Windows 2000 with IIS5, not patched. Throws a {@link UserInputError}
 * listing up to 10 bad rows (bad address, bad attribute, duplicate address with both line numbers).
 */
export function parseHostList(
  text: string,
  sourceName: string,
  options: HostListOptions = {},
): Population {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const rows = emptyRows();
  const at = (line: number, field: string, problem: string): void => {
    rows.errorCount++;
    if (rows.errors.length < HOST_LIST_MAX_REPORTED_ERRORS)
      rows.errors.push(`${sourceName}:${line}: ${field}: ${problem}`);
  };
  if (hasHeader(body)) readCsv(body, rows, at);
  else readPlain(body, rows, at);
  const order = rowsByAddress(rows);
  for (let k = 1; k < order.length; k++) {
    const [prev, cur] = [order[k - 1], order[k]];
    if (rows.addresses[prev] === rows.addresses[cur]) {
      at(rows.lines[cur], "address", `duplicate of line ${rows.lines[prev]}`);
    }
  }
  if (rows.errorCount > 0) throw new HostListError(sourceName, rows.errors, rows.errorCount);
  if (order.length === 0) throw new UserInputError(`${sourceName}: no host addresses found`);
  return toPopulation(rows, order, sourceName, options);
}

/**
 * Calls `f(line, number)` for each line of `text` (split at \r\n, \n or \r; numbers from 1) until
 * it returns false, without building an array of every line (a host list may hold 10^7 of them).
 */
function eachLine(text: string, f: (raw: string, lineNumber: number) => boolean | void): void {
  let start = 0;
  for (let n = 1; start <= text.length; n++) {
    let end = start;
    while (end < text.length) {
      const c = text.charCodeAt(end);
      if (c === 10 || c === 13) break;
      end++;
    }
    if (f(text.slice(start, end), n) === false) return;
    if (end >= text.length) return;
    start = text.charCodeAt(end) === 13 && text.charCodeAt(end + 1) === 10 ? end + 2 : end + 1;
  }
}

function hasHeader(text: string): boolean {
  let header = false;
  eachLine(text, (raw) => {
    const line = raw.trim();
    if (line === "" || line.startsWith("#")) return true;
    const names = line.split(",").map((name) => name.trim().replace(/^"|"$/g, "").toLowerCase());
    header = names.includes("address") || names.includes("ip");
    return false;
  });
  return header;
}

function readPlain(text: string, rows: Rows, at: At): void {
  eachLine(text, (raw, lineNumber) => {
    const index = lineNumber - 1;
    const hash = raw.indexOf("#");
    const value = (hash >= 0 ? raw.slice(0, hash) : raw).trim();
    if (value === "") return;
    const parsed = parseIpv4(value);
    if (!parsed.ok) {
      const hint = value.includes(",")
        ? ` (for columns, start with a header line naming "address")`
        : "";
      at(index + 1, "address", parsed.error + hint);
      return;
    }
    pushHost(
      rows,
      parsed.value,
      index + 1,
      HOST_LIST_UNKNOWN_COUNTRY,
      LOCALE_ENGLISH,
      OS_WIN2000_IIS5,
      0,
    );
  });
}

/**
 * Reads the CSV form one record at a time. A CSV fault anywhere means no data row counts: the fault
 * is reported first, then the header's problems, and nothing else (the rows read before it, and
 * their errors, are forgotten).
 */
function readCsv(text: string, rows: Rows, at: At): void {
  let header: CsvHeader | undefined;
  let headerBad = false;
  // Comment lines are blanked first (keeping line numbers) so that quotes in them cannot break CSV.
  const error = eachCsvRecord(text.replace(/^[ \t]*#.*$/gm, ""), (record) => {
    if (isBlank(record)) return;
    if (!header) {
      header = readHeader(record, at);
      headerBad = rows.errorCount > 0;
    } else if (!headerBad) readRecord(record, header, rows, at);
  });
  if (error) {
    clearRows(rows);
    at(error.line, "csv", error.message);
    if (header) readHeader(header.record, at);
  }
}

/** The header of a CSV host list: its record, its column names and where each column is. */
interface CsvHeader {
  readonly record: CsvRecord;
  readonly names: readonly string[];
  readonly address: number;
  readonly country: number;
  readonly locale: number;
  readonly os: number;
  readonly patched: number;
}

function readHeader(record: CsvRecord, at: At): CsvHeader {
  const names = record.fields.map((name) => name.trim().toLowerCase());
  for (const name of names) {
    if (names.indexOf(name) !== names.lastIndexOf(name))
      at(record.line, quoteField(name), "column named twice");
  }
  if (names.includes("address") && names.includes("ip")) {
    at(record.line, "ip", `give either an "address" or an "ip" column, not both`);
  }
  const column = (name: string): number => names.indexOf(name);
  return {
    record,
    names,
    address: column("address") >= 0 ? column("address") : column("ip"),
    country: column("country"),
    locale: column("locale"),
    os: column("os"),
    patched: column("patched"),
  };
}

function readRecord(record: CsvRecord, header: CsvHeader, rows: Rows, at: At): void {
  const { names } = header;
  const line = record.line;
  if (record.fields.length !== names.length) {
    at(line, "row", `${record.fields.length} fields, header has ${names.length}`);
    return;
  }
  const value = (index: number): string => (index >= 0 ? record.fields[index].trim() : "");
  const before = rows.errorCount;
  const addr = parseIpv4(value(header.address));
  if (!addr.ok) at(line, names[header.address], addr.error);
  const country = readCountry(value(header.country), line, at);
  const locale = readChoice(value(header.locale), LOCALES, LOCALE_ENGLISH, "locale", line, at);
  const os = readChoice(value(header.os), OSES, OS_WIN2000_IIS5, "os", line, at);
  const patched = readChoice(value(header.patched), PATCHED, 0, "patched", line, at);
  if (rows.errorCount === before && addr.ok) {
    pushHost(rows, addr.value, line, country, locale, os, patched);
  }
}

function isBlank(record: CsvRecord): boolean {
  return record.fields.length === 1 && record.fields[0].trim() === "";
}

/**
 * Bad rows of a host list: all of them counted (`errorCount`), only the first
 * {@link HOST_LIST_MAX_REPORTED_ERRORS} kept (`errors`), so a list of millions of bad rows does not
 * hold millions of messages.
 */
export class HostListError extends UserInputError {
  constructor(
    sourceName: string,
    readonly errors: readonly string[],
    readonly errorCount: number,
  ) {
    super(errorMessage(sourceName, errors, errorCount));
    this.name = "HostListError";
  }
}

function errorMessage(sourceName: string, errors: readonly string[], count: number): string {
  const shown = errors.slice(0, HOST_LIST_MAX_REPORTED_ERRORS);
  const more = count - shown.length;
  const plural = count === 1 ? "row" : "rows";
  return [
    `${sourceName}: ${count} bad ${plural} in host list:`,
    ...shown,
    ...(more > 0 ? [`... and ${more} more`] : []),
  ].join("\n");
}

function toPopulation(
  rows: Rows,
  order: Uint32Array,
  sourceName: string,
  options: HostListOptions,
): Population {
  const perHost = options.liveAddressesPerHost ?? JULY_2001_DEFAULTS.liveAddressesPerVulnerableHost;
  const base = options.liveAddressesBasePer16 ?? JULY_2001_DEFAULTS.liveAddressesBasePerActive16;
  if (!(perHost >= 0 && base >= 0)) {
    throw new UserInputError("host list: live address options must be numbers >= 0");
  }
  const size = order.length;
  const countries = [...rows.countryNames].sort();
  const countryIndex = new Map(countries.map((code, i) => [code, i]));
  // Row country id -> index in the sorted `countries`.
  const countryOf = Uint16Array.from(rows.countryNames, (code) => countryIndex.get(code) ?? 0);
  const addresses = new Uint32Array(size);
  const country = new Uint8Array(size);
  const locale = new Uint8Array(size);
  const os = new Uint8Array(size);
  const patched = new Uint8Array(size);
  if (countries.length > 256) {
    throw new UserInputError(`${sourceName}: more than 256 distinct countries`);
  }
  const hostsPer16 = new Uint32Array(65536);
  for (let k = 0; k < size; k++) {
    const i = order[k];
    addresses[k] = rows.addresses[i];
    country[k] = countryOf[rows.countries[i]];
    locale[k] = rows.locales[i];
    os[k] = rows.oses[i];
    patched[k] = rows.patched[i];
    hostsPer16[addresses[k] >>> 16]++;
  }
  const liveAddressesPer16 = new Float64Array(65536);
  for (let p = 0; p < 65536; p++) {
    const hosts = hostsPer16[p];
    if (hosts > 0) liveAddressesPer16[p] = Math.min(65536, Math.max(hosts, base + perHost * hosts));
  }
  return {
    size,
    addresses,
    country,
    countries,
    locale,
    os,
    patched,
    liveAddressesPer16,
    source: sourceName,
  };
}
