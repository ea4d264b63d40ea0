/**
 * Timestamps of JSON and Zeek records, as epoch seconds (UTC) or NaN: Zeek's `ts` (epoch seconds
 * with a fraction, the TSV and default JSON form) and ISO 8601 (Suricata's `timestamp`,
 * `2001-08-01T00:00:03.000000+0000`, and Zeek JSON written with ISO timestamps). Pure arithmetic.
 */
import { daysFromCivil } from "./time.ts";

/** Largest epoch seconds a JavaScript Date holds (8.64e15 ms). */
const MAX_EPOCH_SECONDS = 8.64e12;

function digitsOf(s: string, at: number, n: number): number {
  let v = 0;
  for (let k = 0; k < n; k++) {
    const c = s.charCodeAt(at + k) - 48;
    if (!(c >= 0 && c <= 9)) return NaN;
    v = v * 10 + c;
  }
  return v;
}

/** Epoch seconds from `996624003.123456` (at most 12 integer and 9 fraction digits), else NaN. */
export function parseEpochText(s: string): number {
  let dot = -1;
  for (let k = 0; k < s.length; k++) {
    const c = s.charCodeAt(k);
    if (c === 46 && dot < 0) dot = k;
    else if (c < 48 || c > 57) return NaN;
  }
  const whole = dot < 0 ? s.length : dot;
  if (whole === 0 || whole > 12 || s.length - whole > 10 || s.length === whole + 1) return NaN;
  return Number(s);
}

/** Epoch seconds from a number (Zeek JSON `ts`), NaN unless finite, non-negative and in range. */
export function epochFromNumber(v: number): number {
  return v >= 0 && v <= MAX_EPOCH_SECONDS ? v : NaN;
}

/**
 * Epoch seconds from ISO 8601 `YYYY-MM-DDTHH:MM:SS[.fraction][Z|+HHMM|+HH:MM]` (no zone: UTC),
 * else NaN.
 */
export function parseIsoTime(s: string): number {
  if (s.length < 19 || s.length > 40) return NaN;
  if (s[4] !== "-" || s[7] !== "-" || (s[10] !== "T" && s[10] !== " ")) return NaN;
  if (s[13] !== ":" || s[16] !== ":") return NaN;
  const year = digitsOf(s, 0, 4);
  const month = digitsOf(s, 5, 2);
  const day = digitsOf(s, 8, 2);
  const h = digitsOf(s, 11, 2);
  const mi = digitsOf(s, 14, 2);
  const sec = digitsOf(s, 17, 2);
  if (!(month >= 1 && month <= 12 && day >= 1 && day <= 31 && h <= 23 && mi <= 59 && sec <= 60)) {
    return NaN;
  }
  let i = 19;
  let fraction = 0;
  if (s[i] === ".") {
    const from = ++i;
    while (i < s.length && i - from < 9 && s.charCodeAt(i) >= 48 && s.charCodeAt(i) <= 57) i++;
    if (i === from) return NaN;
    fraction = digitsOf(s, from, i - from) / 10 ** (i - from);
  }
  let offsetMinutes = 0;
  if (i < s.length) {
    const sign = s[i];
    if (sign === "Z" && i + 1 === s.length) {
      // UTC
    } else if (sign === "+" || sign === "-") {
      const rest = s.slice(i + 1).replace(":", "");
      if (rest.length !== 4 && rest.length !== 2) return NaN;
      const oh = digitsOf(rest, 0, 2);
      const om = rest.length === 4 ? digitsOf(rest, 2, 2) : 0;
      if (!(oh <= 23 && om <= 59)) return NaN;
      offsetMinutes = (sign === "+" ? 1 : -1) * (oh * 60 + om);
    } else {
      return NaN;
    }
  }
  const days = daysFromCivil(year, month, day);
  return days * 86400 + h * 3600 + mi * 60 + sec + fraction - offsetMinutes * 60;
}
