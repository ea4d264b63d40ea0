/**
 * Marks of Nimda (2001-09-18) and its relatives in a request: use of Code Red II's `root.exe`
 * backdoor, `cmd.exe` requests, and `..` directory traversals with encoded or overlong-UTF-8 slashes.
 *
 * @see CERT Advisory CA-2001-26 (Nimda); Snort sid 1256 ("CodeRed v2 root.exe access").
 */
import { lowerByte, startsWithCi } from "../bytes.ts";

/** Encodings seen after `..%` in Nimda-family traversals (lower case, without the `%`). */
export const TRAVERSAL_AFTER_PERCENT = ["255c", "25c", "252f", "35c", "5c", "2f", "c0", "c1", "e0"];

/**
 * Whether `b[start..end)` holds a Nimda-family mark: `root.exe`, `cmd.exe` (any case), or `..`
 * followed by `%` + one of {@link TRAVERSAL_AFTER_PERCENT}, by a raw 0xC0/0xC1 byte, or by an
 * nginx-style `\x` escape of one.
 */
export function hasNimdaMark(b: Uint8Array, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    const c = b[i];
    if (c === 46) {
      if (
        i + 3 < end &&
        lowerByte(b[i + 1]) === 101 &&
        lowerByte(b[i + 2]) === 120 &&
        lowerByte(b[i + 3]) === 101 &&
        (startsWithCi(b, i - 4, i, "root") || startsWithCi(b, i - 3, i, "cmd"))
      ) {
        return true;
      }
      if (i + 2 < end && b[i + 1] === 46 && isTraversalMark(b, i + 2, end)) return true;
    }
  }
  return false;
}

function isTraversalMark(b: Uint8Array, at: number, end: number): boolean {
  const c = b[at];
  if (c === 0xc0 || c === 0xc1) return true;
  if (c === 92) return startsWithCi(b, at + 1, end, "xc0") || startsWithCi(b, at + 1, end, "xc1");
  if (c !== 37) return false;
  for (const tail of TRAVERSAL_AFTER_PERCENT) if (startsWithCi(b, at + 1, end, tail)) return true;
  return false;
}
