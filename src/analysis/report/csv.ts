/**
 * CSV exports of an analysis: one row per source, one row per hour. Fields go through the shared
 * csvField (src/core/csv-field.ts): quoted per RFC 4180 when needed, and a leading `=`, `+`, `-` or
 * `@` is prefixed with `'` so spreadsheets do not run log content as a formula.
 */
import { CLASS_COUNT, CLASS_NAMES } from "../classes.ts";
import { formatIpv4 } from "../bytes.ts";
import { localityOf } from "../estimate/locality.ts";
import type { Tally } from "../tally/tally.ts";
import { isoTime, type AnalyzeSummary } from "./summary.ts";
import { csvRecord } from "../../core/csv-field.ts";

export { csvField } from "../../core/csv-field.ts";

function row(fields: Array<string | number | null>): string {
  return `${csvRecord(fields)}\n`;
}

/** `sources.csv`: address, first/last seen, requests, one column per class, partial, locality. */
export function sourcesCsv(tally: Tally, serverIp?: number): string {
  const out = [
    row(["address", "firstSeen", "lastSeen", "requests", ...CLASS_NAMES, "partial", "locality"]),
  ];
  const table = tally.sources;
  for (let slot = 0; slot < table.size; slot++) {
    const s = table.get(slot);
    let total = 0;
    for (let c = 0; c < CLASS_COUNT; c++) total += s.requests[c];
    out.push(
      row([
        typeof s.key === "number" ? formatIpv4(s.key) : s.key,
        isoTime(s.firstSeconds),
        isoTime(s.lastSeconds),
        total,
        ...Array.from(s.requests),
        s.partialRequests,
        serverIp === undefined ? null : localityOf(s.key, serverIp),
      ]),
    );
  }
  return out.join("");
}

/** `hourly.csv`: hour (UTC) and requests per class. */
export function hourlyCsv(summary: AnalyzeSummary): string {
  const out = [row(["hour", ...CLASS_NAMES])];
  for (const h of summary.hourly) out.push(row([h.hour, ...CLASS_NAMES.map((c) => h[c])]));
  return out.join("");
}
