/**
 * Turns a host field into a source key: the IPv4 address as uint32, or the text for anything else.
 */
import { parseIpv4 } from "../bytes.ts";
import { printable } from "../tally/file-tally.ts";

/** Longest host text kept as a key, in characters. */
export const MAX_HOST_CHARS = 64;

/**
 * The source key of host field `b[start..end)`; a non-IPv4 host is kept as printable text (control
 * and non-ASCII bytes escaped as `\xHH`), cut to {@link MAX_HOST_CHARS} bytes.
 */
export function sourceKey(b: Uint8Array, start: number, end: number): number | string {
  const ip = parseIpv4(b, start, end);
  return ip >= 0 ? ip : printable(b, start, Math.min(end, start + MAX_HOST_CHARS));
}
