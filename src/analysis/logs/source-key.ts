/**
 * Turns a host field into a source key: the IPv4 address as uint32, or the text for anything else.
 */
import { latin1, parseIpv4 } from "../bytes.ts";

/** Longest host text kept as a key, in characters. */
export const MAX_HOST_CHARS = 64;

/** The source key of host field `b[start..end)`. */
export function sourceKey(b: Uint8Array, start: number, end: number): number | string {
  const ip = parseIpv4(b, start, end);
  return ip >= 0 ? ip : latin1(b, start, end, MAX_HOST_CHARS);
}
