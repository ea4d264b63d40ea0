/**
 * W3C extended log lines (IIS): `#Fields:` names the space-separated columns and may change in the
 * middle of a file; `cs-uri-stem` holds the path and `cs-uri-query` the query (`-` when empty).
 */
import { CLASS, type Verdict } from "../classes.ts";
import { classifyRequest } from "../detect/classify.ts";
import { latin1, startsWithCi } from "../bytes.ts";
import { parseW3cTime } from "./time.ts";

const MAX_FIELDS = 64;

/** Column positions from the latest `#Fields:` directive; -1 when a column is absent. */
export class W3cLayout {
  date = -1;
  time = -1;
  clientIp = -1;
  uriStem = -1;
  uriQuery = -1;
  fieldCount = 0;
  /** Date from a `#Date:` directive, for logs without a `date` column. */
  defaultDate = "";

  /** Reads a `#Fields:` directive line; returns false when it names no `cs-uri-stem`. */
  readFields(b: Uint8Array, start: number, end: number): boolean {
    const names = latin1(b, start + "#Fields:".length, end, 4096)
      .trim()
      .split(/ +/)
      .map((n) => n.toLowerCase());
    this.date = names.indexOf("date");
    this.time = names.indexOf("time");
    this.clientIp = names.indexOf("c-ip");
    this.uriStem = names.indexOf("cs-uri-stem");
    this.uriQuery = names.indexOf("cs-uri-query");
    this.fieldCount = Math.min(names.length, MAX_FIELDS);
    return this.uriStem >= 0 && this.uriStem < MAX_FIELDS;
  }
}

/** Whether `b[start..end)` is a W3C directive that starts a W3C log (`#Software`, `#Fields`...). */
export function isW3cDirective(b: Uint8Array, start: number, end: number): boolean {
  return (
    startsWithCi(b, start, end, "#fields:") ||
    startsWithCi(b, start, end, "#software:") ||
    startsWithCi(b, start, end, "#version:") ||
    startsWithCi(b, start, end, "#date:") ||
    startsWithCi(b, start, end, "#remark:") ||
    startsWithCi(b, start, end, "#start-date:") ||
    startsWithCi(b, start, end, "#end-date:")
  );
}

/** What one parsed W3C line gave; `hostStart < 0` when there is no `c-ip` column. */
export interface W3cFields {
  hostStart: number;
  hostEnd: number;
  timeSeconds: number;
  verdict: Verdict;
}

/** A fresh {@link W3cFields}. */
export function newW3cFields(): W3cFields {
  return { hostStart: -1, hostEnd: -1, timeSeconds: NaN, verdict: CLASS.other };
}

const starts = new Int32Array(MAX_FIELDS);
const ends = new Int32Array(MAX_FIELDS);

/** Parses data line `b[start..end)` with `layout` into `out`; null on success, else the reason. */
export function parseW3cLine(
  b: Uint8Array,
  start: number,
  end: number,
  layout: W3cLayout,
  out: W3cFields,
): string | null {
  let n = 0;
  let i = start;
  while (i < end && n < MAX_FIELDS) {
    starts[n] = i;
    while (i < end && b[i] !== 32 && b[i] !== 9) i++;
    ends[n++] = i;
    i++;
  }
  if (n < layout.fieldCount) return `expected ${layout.fieldCount} fields, found ${n}`;
  const stem = layout.uriStem;
  let timeSeconds = NaN;
  if (layout.time >= 0) {
    const t = layout.time;
    if (layout.date >= 0) {
      timeSeconds = parseW3cTime(b, starts[layout.date], ends[layout.date], starts[t], ends[t]);
    } else if (layout.defaultDate.length === 10) {
      timeSeconds = parseDateWithTime(layout.defaultDate, b, starts[t], ends[t]);
    }
    if (timeSeconds !== timeSeconds) return "bad date/time";
  }
  out.timeSeconds = timeSeconds;
  out.hostStart = layout.clientIp >= 0 ? starts[layout.clientIp] : -1;
  out.hostEnd = layout.clientIp >= 0 ? ends[layout.clientIp] : -1;
  let qs = 0;
  let qe = 0;
  if (layout.uriQuery >= 0) {
    qs = starts[layout.uriQuery];
    qe = ends[layout.uriQuery];
    if (qe - qs === 1 && b[qs] === 45) qe = qs;
  }
  out.verdict = classifyRequest(b, starts[stem], ends[stem], qs, qe);
  return null;
}

function parseDateWithTime(date: string, b: Uint8Array, ts: number, te: number): number {
  const joined = new Uint8Array(10 + (te - ts));
  for (let k = 0; k < 10; k++) joined[k] = date.charCodeAt(k);
  joined.set(b.subarray(ts, te), 10);
  return parseW3cTime(joined, 0, 10, 10, joined.length);
}
