/**
 * Rows of a host list being read: typed columns per accepted host (grown by doubling, so 10^7 rows
 * take tens of megabytes rather than gigabytes of objects), the error list, and the readers of the
 * optional attribute columns.
 */
import {
  LOCALE_CHINESE,
  LOCALE_ENGLISH,
  LOCALE_OTHER,
  OS_NT4_IIS4,
  OS_WIN2000_IIS5,
} from "./population.ts";
import { quoteField } from "./quote-field.ts";

/** Country recorded for a host whose list gives none. */
export const HOST_LIST_UNKNOWN_COUNTRY = "unknown";

/** Accepted `locale` values. */
export const LOCALES: Readonly<Record<string, number>> = {
  english: LOCALE_ENGLISH,
  chinese: LOCALE_CHINESE,
  other: LOCALE_OTHER,
};
/** Accepted `os` values. */
export const OSES: Readonly<Record<string, number>> = {
  "win2000-iis5": OS_WIN2000_IIS5,
  "nt4-iis4": OS_NT4_IIS4,
};
/** Accepted `patched` values. */
export const PATCHED: Readonly<Record<string, number>> = { "0": 0, "1": 1, false: 0, true: 1 };

/** Rows held before the columns first grow. */
const INITIAL_CAPACITY = 1024;

/**
 * Hosts accepted so far, as typed columns of which the first `length` entries are used, and the
 * errors met: all counted, the first few kept. Countries are interned: a row holds an index into
 * `countryNames`, which lists each distinct country once.
 */
export interface Rows {
  /** Accepted hosts. */
  length: number;
  /** IPv4 address per row, as uint32. */
  addresses: Uint32Array;
  /** Line number of each row in the file (from 1). */
  lines: Uint32Array;
  /** Index into `countryNames` per row. */
  countries: Uint16Array;
  /** The distinct countries met, in the order first met. */
  countryNames: string[];
  /** Index of each name in `countryNames`. */
  countryIds: Map<string, number>;
  /** LOCALE_* per row. */
  locales: Uint8Array;
  /** OS_* per row. */
  oses: Uint8Array;
  /** 1 when patched, else 0, per row. */
  patched: Uint8Array;
  /** The first errors met (at most HOST_LIST_MAX_REPORTED_ERRORS), so memory stays bounded. */
  errors: string[];
  /** Every error met, kept or not. */
  errorCount: number;
}

/** Reports a problem with one field of one line. */
export type At = (line: number, field: string, problem: string) => void;

/** An empty {@link Rows}. */
export function emptyRows(): Rows {
  return {
    length: 0,
    addresses: new Uint32Array(INITIAL_CAPACITY),
    lines: new Uint32Array(INITIAL_CAPACITY),
    countries: new Uint16Array(INITIAL_CAPACITY),
    countryNames: [],
    countryIds: new Map(),
    locales: new Uint8Array(INITIAL_CAPACITY),
    oses: new Uint8Array(INITIAL_CAPACITY),
    patched: new Uint8Array(INITIAL_CAPACITY),
    errors: [],
    errorCount: 0,
  };
}

/** Forgets every row and error (the columns keep their capacity). */
export function clearRows(rows: Rows): void {
  rows.length = 0;
  rows.countryNames = [];
  rows.countryIds = new Map();
  rows.errors = [];
  rows.errorCount = 0;
}

/** Reads a `country` value: 2-letter code (upper-cased), "other" or "unknown"; empty is unknown. */
export function readCountry(value: string, line: number, at: At): string {
  if (value === "") return HOST_LIST_UNKNOWN_COUNTRY;
  const lower = value.toLowerCase();
  if (lower === "other" || lower === HOST_LIST_UNKNOWN_COUNTRY) return lower;
  if (/^[a-z]{2}$/.test(lower)) return value.toUpperCase();
  at(
    line,
    "country",
    `"${quoteField(value)}" is not a 2-letter ISO 3166 code, "other" or "unknown"`,
  );
  return HOST_LIST_UNKNOWN_COUNTRY;
}

/** Reads a value from a fixed vocabulary (case-insensitive); empty gives `fallback`. */
export function readChoice(
  value: string,
  choices: Readonly<Record<string, number>>,
  fallback: number,
  field: string,
  line: number,
  at: At,
): number {
  if (value === "") return fallback;
  const choice = choices[value.toLowerCase()];
  if (choice !== undefined) return choice;
  at(line, field, `"${quoteField(value)}" is not one of ${Object.keys(choices).join(", ")}`);
  return fallback;
}

/** Appends one accepted host. */
export function pushHost(
  rows: Rows,
  addr: number,
  line: number,
  country: string,
  locale: number,
  os: number,
  patched: number,
): void {
  if (rows.length === rows.addresses.length) grow(rows);
  const k = rows.length++;
  rows.addresses[k] = addr;
  rows.lines[k] = line;
  rows.countries[k] = countryId(rows, country);
  rows.locales[k] = locale;
  rows.oses[k] = os;
  rows.patched[k] = patched;
}

function countryId(rows: Rows, country: string): number {
  let id = rows.countryIds.get(country);
  if (id === undefined) {
    id = rows.countryNames.length;
    // readCountry gives at most 26 x 26 codes, "other" and "unknown": far from 65,536.
    if (id > 0xffff) throw new RangeError("host list: more than 65,536 distinct countries");
    rows.countryNames.push(country);
    rows.countryIds.set(country, id);
  }
  return id;
}

/** Doubles the capacity of every column. */
function grow(rows: Rows): void {
  const capacity = rows.addresses.length * 2;
  const larger = <T extends Uint32Array | Uint16Array | Uint8Array>(
    column: T,
    make: (n: number) => T,
  ): T => {
    const next = make(capacity);
    next.set(column);
    return next;
  };
  rows.addresses = larger(rows.addresses, (n) => new Uint32Array(n));
  rows.lines = larger(rows.lines, (n) => new Uint32Array(n));
  rows.countries = larger(rows.countries, (n) => new Uint16Array(n));
  rows.locales = larger(rows.locales, (n) => new Uint8Array(n));
  rows.oses = larger(rows.oses, (n) => new Uint8Array(n));
  rows.patched = larger(rows.patched, (n) => new Uint8Array(n));
}

/**
 * The rows' indices ordered by address, rows of equal address in the order they were read: a stable
 * two-pass radix sort on 16-bit digits, in two Uint32Arrays (a comparison sort of 10^7 indices would
 * box them in a temporary array several times larger).
 */
export function rowsByAddress(rows: Rows): Uint32Array {
  const n = rows.length;
  const addresses = rows.addresses;
  const counts = new Uint32Array(65537);
  let from = new Uint32Array(n);
  let to = new Uint32Array(n);
  for (let i = 0; i < n; i++) from[i] = i;
  for (const shift of [0, 16]) {
    counts.fill(0);
    for (let i = 0; i < n; i++) counts[((addresses[i] >>> shift) & 0xffff) + 1]++;
    for (let d = 1; d <= 65536; d++) counts[d] += counts[d - 1];
    for (let k = 0; k < n; k++) {
      const i = from[k];
      to[counts[(addresses[i] >>> shift) & 0xffff]++] = i;
    }
    [from, to] = [to, from];
  }
  return from;
}
