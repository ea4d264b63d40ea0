/**
 * Rows of a host list being read: parallel arrays per accepted host, the error list, and the readers
 * of the optional attribute columns.
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

/** Hosts accepted so far (parallel arrays) and the errors met: all counted, the first few kept. */
export interface Rows {
  addresses: number[];
  lines: number[];
  countries: string[];
  locales: number[];
  oses: number[];
  patched: number[];
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
    addresses: [],
    lines: [],
    countries: [],
    locales: [],
    oses: [],
    patched: [],
    errors: [],
    errorCount: 0,
  };
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
  rows.addresses.push(addr);
  rows.lines.push(line);
  rows.countries.push(country);
  rows.locales.push(locale);
  rows.oses.push(os);
  rows.patched.push(patched);
}
