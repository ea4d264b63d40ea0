/**
 * Zeek's TSV logs (the ASCII writer's default): a header of `#separator \x09`, `#set_separator`,
 * `#empty_field (empty)`, `#unset_field -`, `#path http`, `#open`, `#fields ...`, `#types ...`
 * lines, then one record per line, fields split by the separator, and `#close` at the end. Only
 * `http` and `conn` logs are read; columns are found by name, so added or reordered fields are fine.
 * @see https://docs.zeek.org/en/lts/log-formats.html
 */
import { latin1, startsWithExact } from "../bytes.ts";

const MAX_FIELDS = 64;

/** Which Zeek log a header announced. */
export type ZeekPath = "http" | "conn" | "other";

/** Whether `b[start..end)` is a Zeek header line (`#separator`, `#fields`, ... followed by a space or tab). */
export function isZeekDirective(b: Uint8Array, start: number, end: number): boolean {
  for (const name of ZEEK_DIRECTIVES) {
    if (startsWithExact(b, start, end, name)) {
      const c = b[start + name.length];
      if (c === 9 || c === 32) return true;
    }
  }
  return false;
}

const ZEEK_DIRECTIVES = [
  "#separator",
  "#set_separator",
  "#empty_field",
  "#unset_field",
  "#path",
  "#open",
  "#close",
  "#fields",
  "#types",
];

/** Column positions from the latest `#fields` line; -1 when absent. */
export class ZeekLayout {
  separator = 9;
  unset = "-";
  empty = "(empty)";
  path: ZeekPath = "other";
  ts = -1;
  origHost = -1;
  respPort = -1;
  uri = -1;
  proto = -1;
  connState = -1;
  origBytes = -1;
  history = -1;
  fieldCount = 0;
  /** True once a usable `#fields` line of an http or conn log was read. */
  hasFields = false;
  /** True after the `#fields` line of a log other than http and conn (its records are not read). */
  otherLog = false;

  /** Reads one header line; returns null or why it is unusable. */
  readDirective(b: Uint8Array, start: number, end: number): string | null {
    let nameEnd = start;
    while (nameEnd < end && b[nameEnd] !== 9 && b[nameEnd] !== 32) nameEnd++;
    const name = latin1(b, start, nameEnd);
    // `#separator \x09` is written with a space and the byte escaped; the others use the separator
    const value = latin1(b, nameEnd + 1, end, 8192);
    if (name === "#separator") {
      const m = /^\\x([0-9a-fA-F]{2})$/.exec(value.trim());
      const sep = m !== null ? parseInt(m[1], 16) : value.length === 1 ? value.charCodeAt(0) : -1;
      if (sep < 0 || sep === 10 || sep === 13) return "bad #separator";
      this.separator = sep;
      this.hasFields = false;
    } else if (name === "#unset_field") {
      this.unset = value;
    } else if (name === "#empty_field") {
      this.empty = value;
    } else if (name === "#path") {
      this.path = value === "http" ? "http" : value === "conn" ? "conn" : "other";
    } else if (name === "#fields") {
      return this.readFields(value);
    }
    return null;
  }

  private readFields(value: string): string | null {
    const names = value.split(String.fromCharCode(this.separator));
    const at = (n: string): number => {
      const i = names.indexOf(n);
      return i < MAX_FIELDS ? i : -1;
    };
    this.ts = at("ts");
    this.origHost = at("id.orig_h");
    this.respPort = at("id.resp_p");
    this.uri = at("uri");
    this.proto = at("proto");
    this.connState = at("conn_state");
    this.origBytes = at("orig_bytes");
    this.history = at("history");
    this.fieldCount = Math.min(names.length, MAX_FIELDS);
    this.hasFields = false;
    this.otherLog = false;
    // a log without #path (zeek-cut output keeps the header): tell http and conn by their columns
    if (this.path === "other") {
      if (at("trans_depth") >= 0 && this.uri >= 0) this.path = "http";
      else if (this.connState >= 0 && this.proto >= 0) this.path = "conn";
    }
    if (this.path === "other") {
      this.otherLog = true;
      return null;
    }
    if (this.origHost < 0) return "#fields without id.orig_h";
    if (this.path === "http" && this.uri < 0) return "#fields of an http log without uri";
    if (this.path === "conn" && (this.respPort < 0 || this.connState < 0)) {
      return "#fields of a conn log without id.resp_p or conn_state";
    }
    this.hasFields = true;
    return null;
  }
}

/** Field boundaries of the last line split by {@link splitZeekLine}. */
export const zeekStarts = new Int32Array(MAX_FIELDS);
/** See {@link zeekStarts}. */
export const zeekEnds = new Int32Array(MAX_FIELDS);

/** Splits data line `b[start..end)` on the layout's separator; returns the number of fields. */
export function splitZeekLine(b: Uint8Array, start: number, end: number, sep: number): number {
  let n = 0;
  let i = start;
  while (n < MAX_FIELDS) {
    zeekStarts[n] = i;
    while (i < end && b[i] !== sep) i++;
    zeekEnds[n++] = i;
    if (i >= end) break;
    i++;
  }
  return n;
}

/** Whether field `b[s..e)` is the layout's unset (`-`) or empty (`(empty)`) marker. */
export function isZeekNil(layout: ZeekLayout, b: Uint8Array, s: number, e: number): boolean {
  return (
    (e - s === layout.unset.length && startsWithExact(b, s, e, layout.unset)) ||
    (e - s === layout.empty.length && startsWithExact(b, s, e, layout.empty))
  );
}
