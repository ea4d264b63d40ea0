/**
 * The ensemble columns of timeseries.csv: per minute, the mean and 5% / 95% quantiles over the runs of
 * infected, ever-infected and new infections, appended to run 0's columns.
 */
import { csvRecord } from "../core/csv-field.ts";
import type { EnsembleBands } from "./ensemble.ts";

/** Column names appended, in order. */
export const ENSEMBLE_CSV_COLUMNS = [
  "infected_mean",
  "infected_p5",
  "infected_p95",
  "infectedEver_mean",
  "infectedEver_p5",
  "infectedEver_p95",
  "newInfections_mean",
  "newInfections_p5",
  "newInfections_p95",
] as const;

const fixed3 = (x: number): string => String(Math.round(x * 1000) / 1000);

/**
 * Appends the ensemble columns to a per-minute CSV (leading `#` comment lines, kept as they are, then
 * a header and one row per minute, as written by timeseriesCsv). Throws when the row count does not
 * match the bands.
 */
export function withEnsembleColumns(csv: string, bands: EnsembleBands): string {
  const all = csv.endsWith("\n") ? csv.slice(0, -1).split("\n") : csv.split("\n");
  let comments = 0;
  while (comments < all.length && all[comments].startsWith("#")) comments++;
  const lines = all.slice(comments);
  if (lines.length !== bands.minutes + 1) {
    throw new RangeError(`CSV has ${lines.length - 1} rows, the ensemble ${bands.minutes} minutes`);
  }
  const out = [...all.slice(0, comments), `${lines[0]},${csvRecord(ENSEMBLE_CSV_COLUMNS)}`];
  for (let m = 0; m < bands.minutes; m++) {
    const cells: string[] = [];
    for (const b of [bands.infected, bands.infectedEver, bands.newInfections]) {
      cells.push(fixed3(b.mean[m]), fixed3(b.p5[m]), fixed3(b.p95[m]));
    }
    out.push(`${lines[m + 1]},${csvRecord(cells)}`);
  }
  return out.join("\n") + "\n";
}
