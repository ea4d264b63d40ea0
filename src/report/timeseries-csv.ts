/**
 * timeseries.csv: one row per simulated minute, global truth and every observer, after one comment
 * line that says how to replay the run.
 */
import { csvRecord } from "../core/csv-field.ts";
import { isoUtc } from "../core/time.ts";
import type { EngineResult } from "../sim/engine-result.ts";
import { sumOverWorms, type Summary } from "./summary.ts";

/** What a CSV records to replay its run (a run's summary has it). */
export type CsvProvenance = Pick<Summary, "version" | "seed" | "scenarioHash">;

/** The first line of a simulation CSV: `# wormscope VERSION seed N scenario HASH`. */
export function provenanceLine(p: CsvProvenance): string {
  return `# wormscope ${p.version} seed ${p.seed} scenario ${p.scenarioHash}`;
}

/**
 * Renders the per-minute CSV: the {@link provenanceLine}, then RFC 4180 records (header first, LF
 * line ends; every cell through the shared csvField, so an unsafe observer or variant name is quoted
 * and defused). Readers skip the first line as a comment (`wormscope fit` does; pandas with
 * `comment="#"`).
 */
export function timeseriesCsv(result: EngineResult, provenance: CsvProvenance): string {
  const W = result.wormVariants.length;
  const M = result.minutes;
  const header = ["time", "infected", "infectedEver", "newInfections", "probes"];
  if (W > 1) {
    for (const v of result.wormVariants) header.push(`infected_${v}`, `new_${v}`, `probes_${v}`);
  }
  for (const o of result.observers) header.push(`${o.name}_probes`, `${o.name}_uniqueSourcesSoFar`);
  const seenSoFar = result.observers.map((o) => {
    const perMinute = new Uint32Array(M + 1);
    // Source addresses ((host, address) pairs), as a real observer counts them.
    for (const t of o.sourceFirstSeenSeconds ?? o.firstSeenSeconds) {
      if (t >= 0) perMinute[Math.min(M, Math.floor(t / 60))]++;
    }
    return perMinute;
  });
  const cumulative = result.observers.map(() => 0);
  const lines = [provenanceLine(provenance), csvRecord(header)];
  for (let m = 0; m < M; m++) {
    const row: (string | number)[] = [
      isoUtc(result.input.startMs + m * 60_000),
      sumOverWorms(result.infectedAtEnd, W, M, m),
      result.everAtEnd[m],
      sumOverWorms(result.newInfections, W, M, m),
      Math.round(sumOverWorms(result.probes, W, M, m)),
    ];
    if (W > 1) {
      for (let w = 0; w < W; w++) {
        const i = w * M + m;
        row.push(result.infectedAtEnd[i], result.newInfections[i], Math.round(result.probes[i]));
      }
    }
    result.observers.forEach((o, k) => {
      cumulative[k] += seenSoFar[k][m];
      row.push(sumOverWorms(o.probesPerMinute, W, M, m), cumulative[k]);
    });
    lines.push(csvRecord(row));
  }
  return lines.join("\n") + "\n";
}
