/**
 * The run store: one SQLite file (better-sqlite3) holding runs, the scenarios behind them (once, by
 * hash), their summaries (JSON, with the key figures as columns), their per-minute series, and the
 * sweeps they belong to. A run is stored in one transaction, keyed by its run key, and a run that
 * arrives twice is stored once (the first copy stays). Schema: docs/sweeps.md.
 */
import Database from "better-sqlite3";
import { UserInputError } from "../core/errors.ts";
import { canonicalJson } from "../scenario/hash.ts";
import type { Summary } from "../report/summary.ts";
import type { SweepPlan, SweepRun } from "../sweep/plan.ts";
import { fsErrorWords } from "./fs-errors.ts";

/** Default store file, in the working directory. */
export const DEFAULT_STORE_FILE = "wormscope-runs.sqlite";

/** Version of the store's tables (meta.schema). */
export const STORE_SCHEMA = 1;

const SCHEMA_SQL = `
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS scenarios (hash TEXT PRIMARY KEY, json TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS sweeps (
  name TEXT PRIMARY KEY, json TEXT NOT NULL, master_seed INTEGER NOT NULL,
  paths TEXT NOT NULL, points INTEGER NOT NULL, seeds INTEGER NOT NULL, runs INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS sweep_points (
  sweep TEXT NOT NULL REFERENCES sweeps(name), point INTEGER NOT NULL,
  scenario_hash TEXT NOT NULL REFERENCES scenarios(hash), "values" TEXT NOT NULL,
  PRIMARY KEY (sweep, point)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS sweep_runs (
  sweep TEXT NOT NULL REFERENCES sweeps(name), run_key TEXT NOT NULL, point INTEGER NOT NULL,
  replicate INTEGER NOT NULL, seed INTEGER NOT NULL, "order" INTEGER NOT NULL,
  PRIMARY KEY (sweep, run_key)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS runs (
  key TEXT PRIMARY KEY, scenario_hash TEXT NOT NULL REFERENCES scenarios(hash),
  seed INTEGER NOT NULL, version TEXT NOT NULL, scenario TEXT NOT NULL,
  vulnerable INTEGER NOT NULL, infected_ever INTEGER NOT NULL,
  infected_addresses_ever INTEGER NOT NULL, infected_at_end INTEGER NOT NULL,
  peak_new_per_minute INTEGER NOT NULL, peak_at TEXT, time_to_50 TEXT, time_to_90 TEXT,
  telescope_sources INTEGER, telescope_hosts INTEGER, probes_total REAL NOT NULL,
  events_sampled INTEGER NOT NULL, summary TEXT NOT NULL,
  engine_seconds REAL NOT NULL, run_seconds REAL NOT NULL, finished_at TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS series (
  run_key TEXT NOT NULL REFERENCES runs(key), minute INTEGER NOT NULL,
  infected INTEGER NOT NULL, infected_ever INTEGER NOT NULL, new_infections INTEGER NOT NULL,
  probes REAL NOT NULL, PRIMARY KEY (run_key, minute)) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS sweep_runs_order ON sweep_runs (sweep, "order");
`;

/** The timing columns: the only ones that differ between two computations of one run. */
export const TIMING_COLUMNS = ["engine_seconds", "run_seconds", "finished_at"] as const;

/** Per-minute series of one run (all worms summed). */
export interface RunSeries {
  readonly infected: ArrayLike<number>;
  readonly infectedEver: ArrayLike<number>;
  readonly newInfections: ArrayLike<number>;
  readonly probes: ArrayLike<number>;
}

/** One finished run, as the runner hands it to the store. */
export interface FinishedRun {
  readonly key: string;
  readonly scenarioHash: string;
  /** The run's complete scenario file (seed included), stored once by hash. */
  readonly scenario: unknown;
  readonly summary: Summary;
  readonly series: RunSeries;
  readonly engineSeconds: number;
  readonly runSeconds: number;
}

/** A stored run's row (summary as parsed JSON). */
export interface StoredRunRow {
  readonly key: string;
  readonly scenario_hash: string;
  readonly seed: number;
  readonly version: string;
  readonly scenario: string;
  readonly vulnerable: number;
  readonly infected_ever: number;
  readonly infected_addresses_ever: number;
  readonly infected_at_end: number;
  readonly peak_new_per_minute: number;
  readonly peak_at: string | null;
  readonly time_to_50: string | null;
  readonly time_to_90: string | null;
  readonly telescope_sources: number | null;
  readonly telescope_hosts: number | null;
  readonly probes_total: number;
  readonly events_sampled: number;
  readonly summary: string;
  readonly engine_seconds: number;
  readonly run_seconds: number;
  readonly finished_at: string;
}

/** One row of a sweep's export: its membership, its point's values and the run's figures. */
export interface SweepExportRow extends StoredRunRow {
  readonly sweep: string;
  readonly point: number;
  readonly replicate: number;
  readonly values: string;
}

/** A sweep in the store with its progress. */
export interface SweepListing {
  readonly name: string;
  readonly points: number;
  readonly seeds: number;
  readonly runs: number;
  readonly done: number;
}

/** The summary as stored: summary.json without its wall time (kept in the timing columns). */
export function storedSummary(summary: Summary): Omit<Summary, "wallSeconds"> {
  const { wallSeconds: _wall, ...rest } = summary;
  return rest;
}

/** The run store over one SQLite file. */
export class RunStore {
  private constructor(
    private readonly db: Database.Database,
    readonly path: string,
  ) {}

  /** Opens (creating when absent) the store at `path`: exit 73 when it cannot be written, 2 when it is not a store. */
  static open(path: string): RunStore {
    let db: Database.Database;
    try {
      db = new Database(path);
    } catch (error) {
      throw new UserInputError(`${path}: cannot open the run store (${fsErrorWords(error)})`, 73);
    }
    try {
      db.pragma("journal_mode = WAL");
      db.pragma("synchronous = NORMAL");
      db.pragma("foreign_keys = ON");
      db.exec(SCHEMA_SQL);
      const row = db.prepare("SELECT value FROM meta WHERE key = 'schema'").get() as
        { value: string } | undefined;
      if (!row)
        db.prepare("INSERT INTO meta (key, value) VALUES ('schema', ?)").run(String(STORE_SCHEMA));
      else if (row.value !== String(STORE_SCHEMA)) {
        throw new UserInputError(
          `${path}: run store schema ${row.value}, this wormscope reads schema ${STORE_SCHEMA}`,
        );
      }
    } catch (error) {
      db.close();
      if (error instanceof UserInputError) throw error;
      const message = error instanceof Error ? error.message : String(error);
      const code = /readonly|read-only|permission|disk|full/i.test(message) ? 73 : 2;
      throw new UserInputError(
        `${path}: not a usable wormscope run store (${message.replace(/\s+/g, " ")})`,
        code,
      );
    }
    return new RunStore(db, path);
  }

  close(): void {
    this.db.close();
  }

  /**
   * Records a sweep, its points and its runs (idempotent). A sweep of the same name with a
   * different plan is refused: the name would then mean two things.
   */
  saveSweep(plan: SweepPlan, sweepJson: unknown): void {
    const json = canonicalJson(sweepJson);
    const existing = this.db.prepare("SELECT json FROM sweeps WHERE name = ?").get(plan.name) as
      { json: string } | undefined;
    if (existing && existing.json !== json) {
      throw new UserInputError(
        `${this.path}: the store already holds a different sweep named "${plan.name}" (rename it with "name", or use another --store)`,
      );
    }
    if (existing) return;
    const tx = this.db.transaction(() => {
      this.db
        .prepare(
          "INSERT INTO sweeps (name, json, master_seed, paths, points, seeds, runs) VALUES (?, ?, ?, ?, ?, ?, ?)",
        )
        .run(
          plan.name,
          json,
          plan.masterSeed,
          JSON.stringify(plan.paths),
          plan.points.length,
          plan.seeds.length,
          plan.runs.length,
        );
      const scenario = this.db.prepare(
        "INSERT OR IGNORE INTO scenarios (hash, json) VALUES (?, ?)",
      );
      const point = this.db.prepare(
        'INSERT INTO sweep_points (sweep, point, scenario_hash, "values") VALUES (?, ?, ?, ?)',
      );
      for (const p of plan.points) {
        scenario.run(p.hash, canonicalJson(p.scenario));
        point.run(plan.name, p.index, p.hash, JSON.stringify(p.values));
      }
      const run = this.db.prepare(
        'INSERT INTO sweep_runs (sweep, run_key, point, replicate, seed, "order") VALUES (?, ?, ?, ?, ?, ?)',
      );
      plan.runs.forEach((r, i) => run.run(plan.name, r.key, r.point, r.replicate, r.seed, i));
    });
    tx();
  }

  /** The runs of `runs` not yet in the store, in the given order. */
  missing(runs: readonly SweepRun[]): SweepRun[] {
    const has = this.db.prepare("SELECT 1 FROM runs WHERE key = ?").pluck();
    return runs.filter((r) => has.get(r.key) === undefined);
  }

  /** Whether a run is stored. */
  has(key: string): boolean {
    return this.db.prepare("SELECT 1 FROM runs WHERE key = ?").get(key) !== undefined;
  }

  /** Stores a finished run and its series in one transaction; false when it was already there. */
  saveRun(run: FinishedRun, finishedAt: string): boolean {
    const s = run.summary;
    const tx = this.db.transaction((): boolean => {
      this.db
        .prepare("INSERT OR IGNORE INTO scenarios (hash, json) VALUES (?, ?)")
        .run(run.scenarioHash, canonicalJson(run.scenario));
      const inserted = this.db
        .prepare(
          `INSERT OR IGNORE INTO runs (key, scenario_hash, seed, version, scenario, vulnerable,
             infected_ever, infected_addresses_ever, infected_at_end, peak_new_per_minute, peak_at,
             time_to_50, time_to_90, telescope_sources, telescope_hosts, probes_total,
             events_sampled, summary, engine_seconds, run_seconds, finished_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(
          run.key,
          run.scenarioHash,
          s.seed,
          s.version,
          s.scenario,
          s.vulnerable,
          s.infectedEver,
          s.infectedAddressesEver,
          s.infectedAtEnd,
          s.peakNewPerMinute,
          s.peakAt,
          s.timeTo["0.5"] ?? null,
          s.timeTo["0.9"] ?? null,
          s.telescope?.uniqueSources ?? null,
          s.telescope?.uniqueHosts ?? null,
          s.probesTotal,
          s.eventsSampled,
          JSON.stringify(storedSummary(s)),
          run.engineSeconds,
          run.runSeconds,
          finishedAt,
        );
      if (inserted.changes === 0) return false;
      const row = this.db.prepare(
        "INSERT INTO series (run_key, minute, infected, infected_ever, new_infections, probes) VALUES (?, ?, ?, ?, ?, ?)",
      );
      const { infected, infectedEver, newInfections, probes } = run.series;
      for (let m = 0; m < infected.length; m++) {
        row.run(run.key, m, infected[m], infectedEver[m], newInfections[m], probes[m]);
      }
      return true;
    });
    return tx();
  }

  /** Every sweep with its count of stored runs. */
  sweeps(): SweepListing[] {
    return this.db
      .prepare(
        `SELECT s.name, s.points, s.seeds, s.runs,
           (SELECT COUNT(*) FROM sweep_runs m JOIN runs r ON r.key = m.run_key WHERE m.sweep = s.name) AS done
         FROM sweeps s ORDER BY s.name`,
      )
      .all() as SweepListing[];
  }

  /** Whether the store holds a sweep of this name. */
  hasSweep(name: string): boolean {
    return this.db.prepare("SELECT 1 FROM sweeps WHERE name = ?").get(name) !== undefined;
  }

  /** The swept paths of a sweep. */
  sweepPaths(name: string): string[] {
    const row = this.db.prepare("SELECT paths FROM sweeps WHERE name = ?").get(name) as
      { paths: string } | undefined;
    if (!row) throw new UserInputError(`${this.path}: no sweep named "${name}"`);
    return JSON.parse(row.paths) as string[];
  }

  /** A stored run by key, or undefined. */
  run(key: string): StoredRunRow | undefined {
    return this.db.prepare("SELECT * FROM runs WHERE key = ?").get(key) as StoredRunRow | undefined;
  }

  /** A stored scenario file by hash. */
  scenario(hash: string): Record<string, unknown> {
    const row = this.db.prepare("SELECT json FROM scenarios WHERE hash = ?").get(hash) as
      { json: string } | undefined;
    if (!row) throw new UserInputError(`${this.path}: no scenario with hash "${hash}"`);
    return JSON.parse(row.json) as Record<string, unknown>;
  }

  /** A run's per-minute series. */
  series(key: string): {
    minute: number;
    infected: number;
    infected_ever: number;
    new_infections: number;
    probes: number;
  }[] {
    return this.db
      .prepare(
        "SELECT minute, infected, infected_ever, new_infections, probes FROM series WHERE run_key = ? ORDER BY minute",
      )
      .all(key) as never;
  }

  /** The stored runs of a sweep, in point then replicate order. */
  sweepRows(name: string): SweepExportRow[] {
    if (!this.hasSweep(name)) throw new UserInputError(`${this.path}: no sweep named "${name}"`);
    return this.db
      .prepare(
        `SELECT m.sweep, m.point, m.replicate, p."values" AS "values", r.*
         FROM sweep_runs m JOIN runs r ON r.key = m.run_key
         JOIN sweep_points p ON p.sweep = m.sweep AND p.point = m.point
         WHERE m.sweep = ? ORDER BY m.point, m.replicate`,
      )
      .all(name) as SweepExportRow[];
  }

  /**
   * The store's content without the timing columns, as canonical text: two stores that computed
   * the same runs give the same text whatever order, interruptions or machines computed them.
   */
  contentDigestText(): string {
    const tables = ["meta", "scenarios", "sweeps", "sweep_points", "sweep_runs", "series"];
    const parts = tables.map((t) => {
      const rows = this.db.prepare(`SELECT * FROM ${t}`).all() as Record<string, unknown>[];
      return `${t}\n${rows
        .map((r) => canonicalJson(r))
        .sort()
        .join("\n")}`;
    });
    const runs = (this.db.prepare("SELECT * FROM runs").all() as Record<string, unknown>[]).map(
      (r) => {
        const copy = { ...r };
        for (const c of TIMING_COLUMNS) delete copy[c];
        return canonicalJson(copy);
      },
    );
    return [...parts, `runs\n${runs.sort().join("\n")}`].join("\n\n");
  }
}
