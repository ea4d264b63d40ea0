/**
 * Field access on parsed JSON records (untrusted values: every read checks the type), and the one
 * place a JSON request enters the tally.
 */
import { CLASS, type Verdict } from "../classes.ts";
import type { FileTally } from "../tally/file-tally.ts";
import type { Tally } from "../tally/tally.ts";
import { stringBytes } from "./classify-uri.ts";
import { sourceKey } from "./source-key.ts";

/** A parsed JSON object; values are untrusted. */
export type JsonObject = Record<string, unknown>;

/** A string field, or undefined. */
export function str(o: JsonObject, key: string): string | undefined {
  const v = o[key];
  return typeof v === "string" ? v : undefined;
}

/** A nested object field, or undefined. */
export function obj(o: JsonObject, key: string): JsonObject | undefined {
  const v = o[key];
  return typeof v === "object" && v !== null && !Array.isArray(v) ? (v as JsonObject) : undefined;
}

/** Records one request from JSON source text `host` at `time` classified as `verdict`. */
export function recordJsonRequest(
  tally: Tally,
  file: FileTally,
  host: string,
  time: number,
  verdict: Verdict,
  n: number,
  line: { b: Uint8Array; start: number; end: number },
): void {
  const hb = stringBytes(host);
  tally.record(file, sourceKey(hb, 0, hb.length), time, verdict);
  if ((verdict & 7) !== CLASS.other) {
    file.addClassSample(verdict & 7, n, line.b, line.start, line.end);
  }
}
