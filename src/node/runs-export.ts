/**
 * A sweep's runs as one table: membership (sweep, point, replicate, seed, key), the point's value of
 * every swept path (a column named by the path), and the run's figures and timing. Written as CSV or
 * as Parquet (hyparquet-writer), which pandas, R (arrow), DuckDB and Polars read directly.
 */
import { parquetWriteBuffer } from "hyparquet-writer";
import type { RunStore, SweepExportRow } from "./run-store.ts";

/** The figure columns of an export, after the membership and the swept paths. */
export const EXPORT_FIGURES = [
  "vulnerable",
  "infected_ever",
  "infected_addresses_ever",
  "infected_at_end",
  "peak_new_per_minute",
  "peak_at",
  "time_to_50",
  "time_to_90",
  "telescope_sources",
  "telescope_hosts",
  "probes_total",
  "events_sampled",
  "version",
  "scenario_hash",
  "engine_seconds",
  "run_seconds",
  "finished_at",
] as const;

type Cell = string | number | null;

/** An export as named columns. */
export interface ExportTable {
  readonly columns: readonly string[];
  readonly rows: readonly Cell[][];
}

/** The table of a sweep's stored runs. */
export function sweepTable(store: RunStore, sweep: string): ExportTable {
  const paths = store.sweepPaths(sweep);
  const rows = store.sweepRows(sweep).map((r: SweepExportRow): Cell[] => {
    const values = JSON.parse(r.values) as Record<string, unknown>;
    const params = paths.map((p) => {
      const v = values[p];
      return typeof v === "number" || typeof v === "string"
        ? v
        : v === undefined
          ? null
          : JSON.stringify(v);
    });
    return [
      r.sweep,
      r.point,
      r.replicate,
      r.seed,
      r.key,
      ...params,
      ...EXPORT_FIGURES.map((c) => r[c]),
    ];
  });
  return {
    columns: ["sweep", "point", "replicate", "seed", "key", ...paths, ...EXPORT_FIGURES],
    rows,
  };
}

function csvCell(v: Cell): string {
  if (v === null) return "";
  const s = String(v);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** CSV text of a table (RFC 4180, header first, empty cells for nulls). */
export function tableCsv(t: ExportTable): string {
  return (
    [t.columns, ...t.rows].map((row) => row.map((c) => csvCell(c)).join(",")).join("\n") + "\n"
  );
}

/** Parquet bytes of a table: numeric columns as DOUBLE (INT64 for integers), others as UTF-8 strings. */
export function tableParquet(t: ExportTable): Uint8Array {
  const columnData = t.columns.map((name, j) => {
    const data = t.rows.map((r) => r[j]);
    const present = data.filter((v) => v !== null);
    const numeric = present.length > 0 && present.every((v) => typeof v === "number");
    if (numeric) {
      const integer = present.every((v) => Number.isSafeInteger(v));
      return integer
        ? { name, data: data.map((v) => (v === null ? null : BigInt(v))), type: "INT64" as const }
        : { name, data, type: "DOUBLE" as const };
    }
    return {
      name,
      data: data.map((v) => (v === null ? null : String(v))),
      type: "STRING" as const,
    };
  });
  return new Uint8Array(parquetWriteBuffer({ columnData }));
}
