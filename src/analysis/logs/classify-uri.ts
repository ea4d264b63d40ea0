/**
 * Classifies a request target logged on its own (Zeek's `uri`, Suricata's `http.url`): the path up
 * to the first `?`, the query after it, as the access-log request field is classified.
 */
import type { Verdict } from "../classes.ts";
import { classifyRequest } from "../detect/classify.ts";
import { findByte } from "../bytes.ts";

/** The verdict of target `b[start..end)` (`/default.ida?NNNN...`). */
export function classifyUri(b: Uint8Array, start: number, end: number): Verdict {
  const q = findByte(b, 63, start, end);
  if (q < 0) return classifyRequest(b, start, end, end, end);
  return classifyRequest(b, start, q, q + 1, end);
}

/**
 * A JSON string as bytes: latin1 when every character fits in a byte (what a log holds), else
 * UTF-8. Untrusted text, bounded by the line it came from.
 */
export function stringBytes(s: string): Uint8Array {
  let wide = false;
  for (let k = 0; k < s.length; k++) {
    if (s.charCodeAt(k) > 255) {
      wide = true;
      break;
    }
  }
  if (wide) return new TextEncoder().encode(s);
  const out = new Uint8Array(s.length);
  for (let k = 0; k < s.length; k++) out[k] = s.charCodeAt(k);
  return out;
}
