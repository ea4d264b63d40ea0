/**
 * Apache error-log lines: `[Sun Aug 05 16:23:04 2001] [error] [client 1.2.3.4] message`. A missing
 * opening `[` (seen in real logs) is tolerated. The request path is taken from the message (`File
 * does not exist: /var/www/html/default.ida` and similar); the query never appears in an error log,
 * so a `default.ida` hit is `codeRedUnknown`. A `, referer:` suffix is cut off before classifying.
 */
import { CLASS, type Verdict } from "../classes.ts";
import { classifyRequest } from "../detect/classify.ts";
import { findByte, startsWithCi } from "../bytes.ts";
import { parseErrorLogTime } from "./time.ts";

const WEEKDAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];

/** Whether line `b[start..end)` looks like an Apache error-log line (checks only its start). */
export function looksLikeErrorLog(b: Uint8Array, start: number, end: number): boolean {
  const at = b[start] === 91 ? start + 1 : start;
  if (at + 4 > end || b[at + 3] !== 32) return false;
  for (const day of WEEKDAYS) if (startsWithCi(b, at, end, day)) return true;
  return false;
}

/** What one parsed error line gave; `hostStart < 0` when it names no client. */
export interface ErrorLogFields {
  hostStart: number;
  hostEnd: number;
  timeSeconds: number;
  verdict: Verdict;
}

/** A fresh {@link ErrorLogFields}. */
export function newErrorLogFields(): ErrorLogFields {
  return { hostStart: -1, hostEnd: -1, timeSeconds: NaN, verdict: CLASS.other };
}

/** Parses error line `b[start..end)` into `out`; null on success, else why it is malformed. */
export function parseErrorLogLine(
  b: Uint8Array,
  start: number,
  end: number,
  out: ErrorLogFields,
): string | null {
  const timeStart = b[start] === 91 ? start + 1 : start;
  const timeEnd = findByte(b, 93, timeStart, end);
  if (timeEnd < 0) return "no [time] field";
  const timeSeconds = parseErrorLogTime(b, timeStart, timeEnd);
  if (timeSeconds !== timeSeconds) return "bad time";
  out.timeSeconds = timeSeconds;
  out.hostStart = -1;
  out.verdict = CLASS.other;
  let i = timeEnd + 1;
  let messageStart = i;
  // bracketed fields: [level] [client 1.2.3.4] [pid ...]
  while (i < end) {
    while (i < end && b[i] === 32) i++;
    if (b[i] !== 91) break;
    const close = findByte(b, 93, i, end);
    if (close < 0) break;
    if (startsWithCi(b, i + 1, close, "client ")) {
      out.hostStart = i + 8;
      let hostEnd = close;
      const colon = findByte(b, 58, out.hostStart, close); // Apache 2.4 appends :port
      if (colon > 0 && findByte(b, 46, out.hostStart, close) > 0) hostEnd = colon;
      out.hostEnd = hostEnd;
    }
    i = close + 1;
    messageStart = i;
  }
  if (out.hostStart < 0) return null;
  let messageEnd = end;
  for (let k = messageStart; k + 10 <= end; k++) {
    if (b[k] === 44 && startsWithCi(b, k, end, ", referer:")) {
      messageEnd = k;
      break;
    }
  }
  out.verdict = classifyErrorMessage(b, messageStart, messageEnd);
  return null;
}

/** Classifies the path an error message names: the text after its last `: ` (up to a space). */
function classifyErrorMessage(b: Uint8Array, start: number, end: number): Verdict {
  let pathStart = -1;
  for (let k = end - 2; k >= start; k--) {
    if (b[k] === 58 && b[k + 1] === 32 && b[k + 2] === 47) {
      pathStart = k + 2;
      break;
    }
  }
  if (pathStart < 0) return CLASS.other;
  let pathEnd = findByte(b, 32, pathStart, end);
  if (pathEnd < 0) pathEnd = end;
  return classifyRequest(b, pathStart, pathEnd, pathEnd, pathEnd, false);
}
