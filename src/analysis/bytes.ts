/**
 * Byte helpers for parsing logs as latin1 bytes, so invalid UTF-8 and raw exploit bytes stay intact.
 */

/** Lower-cases an ASCII letter byte; other bytes are returned unchanged. */
export function lowerByte(c: number): number {
  return c >= 65 && c <= 90 ? c | 32 : c;
}

/** Whether `b[at..]` starts with `lowerAscii`, ignoring ASCII case; false outside `[0, end)`. */
export function startsWithCi(b: Uint8Array, at: number, end: number, lowerAscii: string): boolean {
  if (at < 0 || at + lowerAscii.length > end) return false;
  for (let k = 0; k < lowerAscii.length; k++) {
    if (lowerByte(b[at + k]) !== lowerAscii.charCodeAt(k)) return false;
  }
  return true;
}

/** Whether `b[at..]` starts with `text` exactly (byte for char code); false past `end`. */
export function startsWithExact(b: Uint8Array, at: number, end: number, text: string): boolean {
  if (at < 0 || at + text.length > end) return false;
  for (let k = 0; k < text.length; k++) if (b[at + k] !== text.charCodeAt(k)) return false;
  return true;
}

/** First index of byte `c` in `b[from..end)`, or -1. A plain loop: fast for short distances. */
export function findByte(b: Uint8Array, c: number, from: number, end: number): number {
  for (let i = from; i < end; i++) if (b[i] === c) return i;
  return -1;
}

/**
 * Parses a dotted-quad IPv4 address in `b[start..end)` to an unsigned 32-bit integer, or returns -1.
 * A `::ffff:` prefix (IPv4-mapped IPv6, as IIS logs it) is accepted.
 */
export function parseIpv4(b: Uint8Array, start: number, end: number): number {
  if (end - start > 7 && startsWithCi(b, start, end, "::ffff:")) start += 7;
  let value = 0;
  let octet = 0;
  let digits = 0;
  let dots = 0;
  for (let i = start; i < end; i++) {
    const c = b[i];
    if (c >= 48 && c <= 57) {
      octet = octet * 10 + (c - 48);
      if (++digits > 3 || octet > 255) return -1;
    } else if (c === 46) {
      if (digits === 0 || ++dots > 3) return -1;
      value = value * 256 + octet;
      octet = 0;
      digits = 0;
    } else {
      return -1;
    }
  }
  if (dots !== 3 || digits === 0) return -1;
  return value * 256 + octet;
}

/** Formats an unsigned 32-bit IPv4 address as a dotted quad. */
export function formatIpv4(ip: number): string {
  return `${ip >>> 24}.${(ip >>> 16) & 255}.${(ip >>> 8) & 255}.${ip & 255}`;
}

/** Decodes `b[start..end)` as latin1 (one char per byte), at most `maxChars` characters. */
export function latin1(b: Uint8Array, start: number, end: number, maxChars = Infinity): string {
  const stop = Math.min(end, start + maxChars);
  let s = "";
  for (let i = start; i < stop; i += 4096) {
    s += String.fromCharCode(...b.subarray(i, Math.min(stop, i + 4096)));
  }
  return s;
}

/** Parses unsigned decimal digits in `b[start..end)`; -1 if empty, not all digits, or too long. */
export function parseUint(b: Uint8Array, start: number, end: number): number {
  if (start >= end || end - start > 15) return -1;
  let v = 0;
  for (let i = start; i < end; i++) {
    const c = b[i] - 48;
    if (c < 0 || c > 9) return -1;
    v = v * 10 + c;
  }
  return v;
}

/** Writes v as 4 bytes at b[at] (network order unless `little`). */
export function writeUint32(b: Uint8Array, at: number, v: number, little = false): void {
  if (little) {
    b[at] = v & 255;
    b[at + 1] = (v >>> 8) & 255;
    b[at + 2] = (v >>> 16) & 255;
    b[at + 3] = v >>> 24;
  } else {
    b[at] = v >>> 24;
    b[at + 1] = (v >>> 16) & 255;
    b[at + 2] = (v >>> 8) & 255;
    b[at + 3] = v & 255;
  }
}

/** Writes v as 2 bytes at b[at] (network order unless `little`). */
export function writeUint16(b: Uint8Array, at: number, v: number, little = false): void {
  b[at + (little ? 1 : 0)] = (v >>> 8) & 255;
  b[at + (little ? 0 : 1)] = v & 255;
}
