/**
 * Timestamp parsers for log formats, on bytes, returning epoch seconds (UTC) or NaN. Pure arithmetic:
 * no Date object, no time-zone database, no clock.
 */

const MONTHS = "janfebmaraprmayjunjulaugsepoctnovdec";

/** Days since 1970-01-01 of a proleptic Gregorian date (month 1-12). @see H. Hinnant, days_from_civil */
export function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** Month 1-12 from a three-letter English abbreviation at `b[at]` (any case), or 0. */
export function monthAt(b: Uint8Array, at: number): number {
  const c0 = b[at] | 32;
  const c1 = b[at + 1] | 32;
  const c2 = b[at + 2] | 32;
  for (let m = 0; m < 12; m++) {
    if (
      MONTHS.charCodeAt(m * 3) === c0 &&
      MONTHS.charCodeAt(m * 3 + 1) === c1 &&
      MONTHS.charCodeAt(m * 3 + 2) === c2
    ) {
      return m + 1;
    }
  }
  return 0;
}

function digits(b: Uint8Array, at: number, n: number): number {
  let v = 0;
  for (let k = 0; k < n; k++) {
    const c = b[at + k] - 48;
    if (c < 0 || c > 9) return NaN;
    v = v * 10 + c;
  }
  return v;
}

function epoch(y: number, mo: number, d: number, h: number, mi: number, s: number): number {
  if (!(mo >= 1 && mo <= 12 && d >= 1 && d <= 31 && h <= 23 && mi <= 59 && s <= 60)) return NaN;
  return daysFromCivil(y, mo, d) * 86400 + h * 3600 + mi * 60 + s;
}

// The last CLF date-and-hour prefix parsed ("02/Aug/2001:06") and its epoch seconds: consecutive
// log lines nearly always share it, so the month lookup and calendar arithmetic run once an hour.
const cachedPrefix = new Uint8Array(14);
let cachedPrefixSeconds = NaN;

/**
 * Parses a common-log-format time, `02/Aug/2001:06:01:38 -0400`, in `b[start..end)` (the text
 * between the brackets). The zone offset is applied, so the result is UTC.
 */
export function parseClfTime(b: Uint8Array, start: number, end: number): number {
  if (end - start >= 26 && cachedPrefixSeconds === cachedPrefixSeconds) {
    let same = true;
    for (let k = 0; k < 14; k++) {
      if (b[start + k] !== cachedPrefix[k]) {
        same = false;
        break;
      }
    }
    if (same && b[start + 14] === 58 && b[start + 17] === 58) {
      const mi = digits(b, start + 15, 2);
      const s = digits(b, start + 18, 2);
      if (mi <= 59 && s <= 60) {
        const zoned = applyZone(b, start, end, cachedPrefixSeconds + mi * 60 + s);
        if (zoned === zoned) return zoned;
      }
    }
  }
  const t = parseClfTimeSlow(b, start, end);
  if (t === t && end - start >= 26) {
    cachedPrefix.set(b.subarray(start, start + 14));
    cachedPrefixSeconds = t - digits(b, start + 15, 2) * 60 - digits(b, start + 18, 2);
    return applyZone(b, start, end, t);
  }
  return t === t ? applyZone(b, start, end, t) : t;
}

function applyZone(b: Uint8Array, start: number, end: number, t: number): number {
  if (end - start < 26) return t;
  const sign = b[start + 21];
  if (sign !== 43 && sign !== 45) return t;
  const offsetMinutes = digits(b, start + 22, 2) * 60 + digits(b, start + 24, 2);
  if (offsetMinutes !== offsetMinutes) return t;
  return sign === 43 ? t - offsetMinutes * 60 : t + offsetMinutes * 60;
}

/** {@link parseClfTime} without the cache and without the zone: local time as if UTC. */
function parseClfTimeSlow(b: Uint8Array, start: number, end: number): number {
  if (end - start < 20 || b[start + 2] !== 47 || b[start + 6] !== 47 || b[start + 11] !== 58) {
    return NaN;
  }
  const t = epoch(
    digits(b, start + 7, 4),
    monthAt(b, start + 3),
    digits(b, start + 0, 2),
    digits(b, start + 12, 2),
    digits(b, start + 15, 2),
    digits(b, start + 18, 2),
  );
  return t;
}

/**
 * Parses an Apache error-log time, `Sun Aug 5 16:23:04 2001` (day padded with a space or a zero,
 * seconds possibly with a fraction as in Apache 2.4), in `b[start..end)`. Error logs carry no zone:
 * the time is taken as UTC.
 */
export function parseErrorLogTime(b: Uint8Array, start: number, end: number): number {
  let i = start;
  while (i < end && b[i] !== 32) i++; // weekday
  while (i < end && b[i] === 32) i++;
  const month = monthAt(b, i);
  i += 3;
  while (i < end && b[i] === 32) i++;
  let day = 0;
  while (i < end && b[i] >= 48 && b[i] <= 57 && day < 100) day = day * 10 + b[i++] - 48;
  while (i < end && b[i] === 32) i++;
  if (i + 8 > end || b[i + 2] !== 58 || b[i + 5] !== 58) return NaN;
  const h = digits(b, i, 2);
  const mi = digits(b, i + 3, 2);
  const s = digits(b, i + 6, 2);
  i += 8;
  while (i < end && b[i] !== 32) i++; // fraction of a second
  while (i < end && b[i] === 32) i++;
  if (i + 4 > end) return NaN;
  return epoch(digits(b, i, 4), month, day, h, mi, s);
}

/** Parses W3C extended `date` (`2001-08-01`) and `time` (`12:34:56`, UTC) fields. */
export function parseW3cTime(
  b: Uint8Array,
  dateStart: number,
  dateEnd: number,
  timeStart: number,
  timeEnd: number,
): number {
  if (dateEnd - dateStart !== 10 || timeEnd - timeStart < 8) return NaN;
  if (b[dateStart + 4] !== 45 || b[dateStart + 7] !== 45 || b[timeStart + 2] !== 58) return NaN;
  return epoch(
    digits(b, dateStart, 4),
    digits(b, dateStart + 5, 2),
    digits(b, dateStart + 8, 2),
    digits(b, timeStart, 2),
    digits(b, timeStart + 3, 2),
    digits(b, timeStart + 6, 2),
  );
}
