/**
 * Apache/NCSA common and combined access-log lines (nginx's default `combined` format is the same):
 * `host ident user [02/Aug/2001:06:01:38 -0400] "GET /path?query HTTP/1.0" 404 326 "referer" "agent"`.
 * Only the request field is classified: text in the referer or user agent is never a request.
 */
import { CLASS, type Verdict } from "../classes.ts";
import { classifyRequest } from "../detect/classify.ts";
import { findByte } from "../bytes.ts";
import { parseClfTime } from "./time.ts";

/** What one parsed access line gave; reused between lines to avoid allocation. */
export interface AccessFields {
  hostStart: number;
  hostEnd: number;
  timeSeconds: number;
  verdict: Verdict;
  /** True when a referer/user-agent section follows status and size (combined format). */
  combined: boolean;
}

/** A fresh {@link AccessFields} to pass to {@link parseAccessLine}. */
export function newAccessFields(): AccessFields {
  return { hostStart: 0, hostEnd: 0, timeSeconds: NaN, verdict: CLASS.other, combined: false };
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/**
 * Parses access line `b[start..end)` into `out`. Returns null on success, else the reason it is
 * malformed.
 */
export function parseAccessLine(
  b: Uint8Array,
  start: number,
  end: number,
  out: AccessFields,
): string | null {
  const hostEnd = findByte(b, 32, start, end);
  if (hostEnd <= start) return "no host field";
  const open = findByte(b, 91, hostEnd, end);
  if (open < 0) return "no [time] field";
  let close = open + 27;
  if (close >= end || b[close] !== 93) close = findByte(b, 93, open, end);
  if (close < 0) return "no [time] field";
  const timeSeconds = parseClfTime(b, open + 1, close);
  if (timeSeconds !== timeSeconds) return "bad time";
  if (close + 2 >= end || b[close + 1] !== 32 || b[close + 2] !== 34) return "no request field";
  const requestStart = close + 3;
  let requestEnd = requestStart;
  for (;;) {
    requestEnd = findByte(b, 34, requestEnd, end);
    if (requestEnd < 0) return "unterminated request field";
    if (requestEnd + 1 === end) break;
    if (b[requestEnd + 1] === 32 && (isDigit(b[requestEnd + 2]) || b[requestEnd + 2] === 45)) break;
    requestEnd++;
  }
  // status and size, then an optional quoted referer: combined
  let i = requestEnd + 2;
  while (i < end && b[i] !== 32) i++;
  i++;
  while (i < end && b[i] !== 32) i++;
  out.combined = i + 1 < end && b[i + 1] === 34;
  out.hostStart = start;
  out.hostEnd = hostEnd;
  out.timeSeconds = timeSeconds;
  out.verdict = classifyRequestField(b, requestStart, requestEnd);
  return null;
}

/**
 * Classifies a request field `METHOD target [HTTP/x.y]` in `b[start..end)`. Spaces inside the target
 * (Code Red lines have two before `HTTP/1.0`) are tolerated.
 */
export function classifyRequestField(b: Uint8Array, start: number, end: number): Verdict {
  const methodEnd = findByte(b, 32, start, end);
  if (methodEnd < 0) return CLASS.other;
  let targetStart = methodEnd + 1;
  while (targetStart < end && b[targetStart] === 32) targetStart++;
  let targetEnd = end;
  for (let k = end - 1; k > targetStart; k--) {
    if (b[k] === 32) {
      if (b[k + 1] === 72 && b[k + 2] === 84 && b[k + 3] === 84 && b[k + 4] === 80) targetEnd = k;
      break;
    }
  }
  while (targetEnd > targetStart && b[targetEnd - 1] === 32) targetEnd--;
  const q = findByte(b, 63, targetStart, targetEnd);
  if (q < 0) return classifyRequest(b, targetStart, targetEnd, targetEnd, targetEnd);
  return classifyRequest(b, targetStart, q, q + 1, targetEnd);
}
