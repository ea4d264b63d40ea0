/**
 * `wormscope sweep` and `wormscope runs`, as a user runs them (compiled CLI, child processes): a 4x3
 * grid x 5 seeds into a fresh store, again (nothing computed), stopped with SIGINT partway and
 * resumed (the store's content, timing columns aside, equals the uninterrupted one), exported as
 * CSV and Parquet (read back with hyparquet, an independent reader), and one stored run against
 * `simulate` of the scenario `runs show` gives for it.
 */
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { parquetReadObjects } from "hyparquet";
import { afterAll, describe, expect, it } from "vitest";
import { RunStore } from "../../src/node/run-store.ts";
import { BIN, runCli } from "./run-cli.ts";
import { rmSync } from "node:fs";

const dir = mkdtempSync(join(tmpdir(), "wormscope-sweep-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const SWEEP = {
  name: "grid-4x3",
  base: {
    extends: "jul19-2001",
    until: "2001-07-19T16:00:00Z",
    population: { model: "july2001", vulnerableHosts: 20_000, excludedPrefix8s: [44, 189, 190] },
  },
  grid: {
    "worms.0.probesPerSecond": [6, 8, 10, 14],
    "patching.0.perHostPerHour": [0, 0.01, 0.05],
  },
  seeds: 5,
};
const sweepFile = join(dir, "grid.json");
writeFileSync(sweepFile, JSON.stringify(SWEEP));

function storedCount(store: string): number {
  try {
    const db = new Database(store, { readonly: true, fileMustExist: true });
    try {
      return (db.prepare("SELECT COUNT(*) AS n FROM runs").get() as { n: number }).n;
    } finally {
      db.close();
    }
  } catch {
    return 0;
  }
}

function digest(store: string): string {
  const s = RunStore.open(store);
  try {
    return s.contentDigestText();
  } finally {
    s.close();
  }
}

describe("wormscope sweep", () => {
  const full = join(dir, "full.sqlite");

  it("runs 60 runs into a new store, and none when run again", () => {
    const first = runCli(["sweep", sweepFile, "--store", full], undefined, 600_000);
    expect(first.status, first.stderr).toBe(0);
    expect(first.stdout).toContain("60 of 60 runs");
    expect(first.stdout).toContain("(60 computed now, 0 already there)");
    expect(first.stderr).toMatch(/runs\/s, ETA/);
    expect(storedCount(full)).toBe(60);
    const again = runCli(["sweep", sweepFile, "--store", full], undefined, 600_000);
    expect(again.status, again.stderr).toBe(0);
    expect(again.stdout).toContain("(0 computed now, 60 already there)");
    const list = runCli(["runs", "list", "--store", full]);
    expect(list.stdout).toBe("grid-4x3\t12 points x 5 seeds\t60/60 runs stored\n");
  });

  it("stopped with SIGINT partway keeps its runs; resumed, it computes only the missing ones", async () => {
    const part = join(dir, "part.sqlite");
    const child = spawn(process.execPath, [BIN, "sweep", sweepFile, "--store", part], {
      env: { ...process.env, TZ: "UTC" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stderr = "";
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    const exited = new Promise<number | null>((resolve) =>
      child.on("exit", (code) => resolve(code)),
    );
    // Wait (polling the store) until some runs are in, then interrupt.
    for (let i = 0; i < 6000 && storedCount(part) < 10; i++) {
      await new Promise((r) => setTimeout(r, 10));
    }
    child.kill("SIGINT");
    const code = await exited;
    const kept = storedCount(part);
    expect(code, stderr).toBe(130);
    expect(stderr).toContain("interrupted; run the same command again");
    expect(kept).toBeGreaterThanOrEqual(10);
    expect(kept).toBeLessThan(60);
    // Interleaved: the runs done first are the first seed of every point.
    const db = new Database(part, { readonly: true });
    const points = db
      .prepare(
        "SELECT COUNT(DISTINCT m.point) AS n FROM sweep_runs m JOIN runs r ON r.key = m.run_key",
      )
      .get() as { n: number };
    db.close();
    expect(points.n).toBe(Math.min(12, kept));
    const resumed = runCli(["sweep", sweepFile, "--store", part], undefined, 600_000);
    expect(resumed.status, resumed.stderr).toBe(0);
    expect(resumed.stdout).toContain(`(${60 - kept} computed now, ${kept} already there)`);
    expect(digest(part)).toBe(digest(full));
  });

  it("exports CSV and Parquet with the same rows; hyparquet reads the Parquet back", async () => {
    const csv = join(dir, "grid.csv");
    const pq = join(dir, "grid.parquet");
    expect(runCli(["runs", "export", "grid-4x3", "--store", full, "--out", csv]).status).toBe(0);
    const r = runCli([
      "runs",
      "export",
      "grid-4x3",
      "--store",
      full,
      "--format",
      "parquet",
      "--out",
      pq,
    ]);
    expect(r.status, r.stderr).toBe(0);
    const lines = readFileSync(csv, "utf8").trimEnd().split("\n");
    const header = lines[0].split(",");
    expect(header.slice(0, 7)).toEqual([
      "sweep",
      "point",
      "replicate",
      "seed",
      "key",
      "worms.0.probesPerSecond",
      "patching.0.perHostPerHour",
    ]);
    expect(lines).toHaveLength(61);
    const buf = readFileSync(pq);
    const file = buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength);
    const rows = (await parquetReadObjects({ file })) as Record<string, unknown>[];
    expect(rows).toHaveLength(60);
    expect(Object.keys(rows[0])).toEqual(header);
    const ever = header.indexOf("infected_ever");
    lines.slice(1).forEach((line, i) => {
      const cells = line.split(",");
      expect(rows[i].key).toBe(cells[4]);
      expect(Number(rows[i].infected_ever)).toBe(Number(cells[ever]));
      expect(Number(rows[i]["worms.0.probesPerSecond"])).toBe(Number(cells[5]));
    });
  });

  it("writes an HTML report with a band per grid value, a heat map and one row per point", () => {
    const html = join(dir, "report.html");
    const r = runCli(["runs", "report", "grid-4x3", "--store", full, "--out", html]);
    expect(r.status, r.stderr).toBe(0);
    const text = readFileSync(html, "utf8");
    expect(text.match(/<svg/g)).toHaveLength(2);
    for (const v of [6, 8, 10, 14]) {
      expect(text).toContain(`worms.0.probesPerSecond = ${v} (15 runs)`);
    }
    expect(text).toContain("mean hosts ever infected");
    expect(text.match(/<tr><td>\d+<\/td>/g)).toHaveLength(12);
    expect(text).toContain("60 of 60 runs stored");
  });

  it("keeps each run's summary as simulate gives it for the run's own scenario", () => {
    const store = RunStore.open(full);
    const key = store.sweepRows("grid-4x3")[17].key;
    store.close();
    const scenario = runCli(["runs", "show", key, "--store", full, "--what", "scenario"]);
    expect(scenario.status, scenario.stderr).toBe(0);
    const scenarioFile = join(dir, "run.json");
    writeFileSync(scenarioFile, scenario.stdout);
    const local = runCli(["simulate", "--scenario", scenarioFile, "--json"]);
    expect(local.status, local.stderr).toBe(0);
    const { wallSeconds: _w, ...expected } = JSON.parse(local.stdout) as Record<string, unknown>;
    const shown = runCli(["runs", "show", key, "--store", full]);
    expect(JSON.parse(shown.stdout)).toEqual(expected);
  });

  it("keeps an ensemble's runs with simulate --runs N --store; each replays alone", () => {
    const store = join(dir, "ensemble.sqlite");
    const r = runCli(
      ["simulate", "--until", "2001-07-19T13:00:00Z", "--runs", "3", "--store", store, "--json"],
      undefined,
      600_000,
    );
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toMatch(
      /kept 3 new of 3 runs in .* \(sweep simulate-jul19-2001-[0-9a-f]{8}-1x3\)/,
    );
    const s = RunStore.open(store);
    const [listing] = s.sweeps();
    const rows = s.sweepRows(listing.name);
    s.close();
    expect(rows.map((x) => x.replicate)).toEqual([0, 1, 2]);
    // Run 2 has its own seed but the ensemble's population (seed 1): its stored scenario says so.
    const scenario = runCli(["runs", "show", rows[2].key, "--store", store, "--what", "scenario"]);
    const file = JSON.parse(scenario.stdout) as { seed: number; populationSeed: number };
    expect(file.populationSeed).toBe(1);
    expect(file.seed).toBe(rows[2].seed);
    const replayFile = join(dir, "replay.json");
    writeFileSync(replayFile, scenario.stdout);
    const replay = runCli(["simulate", "--scenario", replayFile, "--json"]);
    const { wallSeconds: _w, ...expected } = JSON.parse(replay.stdout) as Record<string, unknown>;
    expect(JSON.parse(rows[2].summary)).toEqual(expected);
  });

  it("refuses bad input naming the field, and an unwritable store with exit 73", () => {
    const bad = join(dir, "bad.json");
    writeFileSync(bad, JSON.stringify({ ...SWEEP, grid: { "worms.0.probesPerSecond": [6, -2] } }));
    const r = runCli(["sweep", bad, "--store", join(dir, "bad.sqlite")]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(
      /point 1 \(worms\.0\.probesPerSecond=-2\).*worms\[0\]\.probesPerSecond/,
    );
    const noDir = runCli(["sweep", sweepFile, "--store", join(dir, "no", "such", "dir.sqlite")]);
    expect(noDir.status, noDir.stderr).toBe(73);
    expect(noDir.stderr).toContain("cannot open the run store");
    const renamed = join(dir, "renamed.json");
    writeFileSync(renamed, JSON.stringify({ ...SWEEP, seeds: 6 }));
    const clash = runCli(["sweep", renamed, "--store", full]);
    expect(clash.status).toBe(2);
    expect(clash.stderr).toContain('a different sweep named "grid-4x3"');
  });
});
