/**
 * What identifies a Code Red request line. The library holds no worm payload: the fixed tail after the
 * N/X run is checked by its length and a 32-bit FNV-1a hash, plus its public first 24 characters (the
 * part every advisory and Snort rule quotes) so a partial tail can still be recognised.
 *
 * @see CERT Advisory CA-2001-19 and CA-2001-23; Snort sid 1243 ("WEB-IIS ISAPI .ida attempt").
 */

/** Length of the N (CRv1/v2) or X (CRII) run in an unaltered Code Red request. */
export const CODE_RED_RUN_CHARS = 224;

/**
 * Shortest run of N or X that still counts as clearly Code Red when the tail is missing or altered
 * (servers and proxies truncate long URIs). Shorter runs are counted as `idaOther`.
 */
export const CODE_RED_MIN_PARTIAL_RUN_CHARS = 16;

/** The first characters of the Code Red tail, as quoted in public advisories. */
export const CODE_RED_TAIL_PREFIX = "%u9090%u6858%ucbd3%u7801";

/** Length in characters of the whole Code Red tail, from the end of the run to the closing `=a`. */
export const CODE_RED_TAIL_CHARS = 138;

/** FNV-1a 32-bit hash of the whole Code Red tail (its bytes, latin1). */
export const CODE_RED_TAIL_FNV1A = 0x4863d5fd;

/** FNV-1a 32-bit hash of bytes `b[start..end)`. */
export function fnv1a32(b: Uint8Array, start: number, end: number): number {
  let h = 0x811c9dc5;
  for (let i = start; i < end; i++) {
    h ^= b[i];
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}
