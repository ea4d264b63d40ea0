/**
 * Where sources sit relative to the server's address: in its /16, in its /8 (but not its /16), or
 * elsewhere. Non-IPv4 sources (IPv6, names) are `unknown`.
 */

/** Locality of one source. */
export type Locality = "same16" | "same8" | "elsewhere" | "unknown";

/** Locality of source `key` relative to `serverIp` (uint32). */
export function localityOf(key: number | string, serverIp: number): Locality {
  if (typeof key !== "number") return "unknown";
  if (key >>> 16 === serverIp >>> 16) return "same16";
  if (key >>> 24 === serverIp >>> 24) return "same8";
  return "elsewhere";
}

/** Source counts by locality. */
export interface LocalityCounts {
  same16: number;
  same8: number;
  elsewhere: number;
  unknown: number;
}

/** Zero counts. */
export function emptyLocalityCounts(): LocalityCounts {
  return { same16: 0, same8: 0, elsewhere: 0, unknown: 0 };
}
