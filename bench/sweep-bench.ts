/**
 * Sweep throughput (issue 12): one 60-run sweep (jul19-2001 to 18:00, 4 x 3 grid x 5 seeds) with
 * one local process (`wormscope sweep`, one thread) and with the queue (`sweep --queue` and two
 * `wormscope worker`s on this machine, on a redis-server started here), side by side in one run:
 * runs per second, and the overhead per run of the store and of the queue (wall time per run beyond
 * the run's own computing time, summed over the processes that compute). Both stores must hold the
 * same content. Uses the compiled CLI (bin/wormscope.js); needs redis-server (scripts/ensure-redis.sh).
 *
 *   npx tsx bench/sweep-bench.ts
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import Database from "better-sqlite3";
import { RunStore } from "../src/node/run-store.ts";

const BIN = fileURLToPath(new URL("../bin/wormscope.js", import.meta.url));

/** What the bench reports. */
export interface SweepBench {
  readonly runs: number;
  readonly localSeconds: number;
  readonly localRunsPerSecond: number;
  readonly queueSeconds: number;
  readonly queueRunsPerSecond: number;
  /** queue runs/s over local runs/s. */
  readonly speedup: number;
  /** Mean computing time of one run (the runs' own run_seconds). */
  readonly meanRunSeconds: number;
  /** Local wall time per run minus the mean run time: planning, the store, process start. */
  readonly storeOverheadPerRunSeconds: number;
  /** Two workers' wall time per run minus the mean run time: queue, transport, idle at the end. */
  readonly queueOverheadPerRunSeconds: number;
  readonly identicalContent: boolean;
}

const SWEEP = {
  name: "bench-4x3",
  base: { extends: "jul19-2001", until: "2001-07-19T18:00:00Z" },
  grid: {
    "worms.0.probesPerSecond": [6, 8, 10, 14],
    "patching.0.perHostPerHour": [0, 0.01, 0.05],
  },
  seeds: 5,
};

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const a = s.address();
      const port = typeof a === "object" && a ? a.port : 0;
      s.close(() => resolve(port));
    });
  });
}

function meanRunSeconds(store: string): number {
  const db = new Database(store, { readonly: true });
  const r = db.prepare("SELECT AVG(run_seconds) AS m FROM runs").get() as { m: number };
  db.close();
  return r.m;
}

function digest(store: string): string {
  const s = RunStore.open(store);
  const t = s.contentDigestText();
  s.close();
  return t;
}

function exited(c: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => c.on("exit", (code) => resolve(code)));
}

/** Runs the comparison (needs redis-server on PATH). */
export async function benchSweep(): Promise<SweepBench> {
  const dir = mkdtempSync(join(tmpdir(), "wormscope-sweep-bench-"));
  const children: ChildProcess[] = [];
  try {
    const file = join(dir, "sweep.json");
    writeFileSync(file, JSON.stringify(SWEEP));
    const local = join(dir, "local.sqlite");
    let t = performance.now();
    const l = spawnSync(process.execPath, [BIN, "sweep", file, "--store", local], {
      encoding: "utf8",
    });
    const localSeconds = (performance.now() - t) / 1000;
    if (l.status !== 0) throw new Error(`local sweep failed: ${l.stderr}`);

    const port = await freePort();
    const redis = spawn(
      "redis-server",
      ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
      { stdio: "ignore" },
    );
    children.push(redis);
    for (let i = 0; i < 500; i++) {
      const p = spawnSync("redis-cli", ["-p", String(port), "ping"], { encoding: "utf8" });
      if (p.stdout.trim() === "PONG") break;
      await new Promise((r) => setTimeout(r, 20));
    }
    const url = `redis://127.0.0.1:${port}`;
    const workers = [0, 1].map(() => {
      const w = spawn(process.execPath, [BIN, "worker", "--queue", url], { stdio: "ignore" });
      children.push(w);
      return w;
    });
    // Let the workers connect before the clock starts (their start is not per-run cost).
    await new Promise((r) => setTimeout(r, 1500));
    const queued = join(dir, "queued.sqlite");
    t = performance.now();
    const q = spawn(process.execPath, [BIN, "sweep", file, "--store", queued, "--queue", url], {
      stdio: "ignore",
    });
    const code = await exited(q);
    const queueSeconds = (performance.now() - t) / 1000;
    if (code !== 0) throw new Error(`queued sweep exited ${code}`);
    for (const w of workers) w.kill("SIGTERM");
    await Promise.all(workers.map(exited));

    const runs = 60;
    const mean = (meanRunSeconds(local) + meanRunSeconds(queued)) / 2;
    return {
      runs,
      localSeconds,
      localRunsPerSecond: runs / localSeconds,
      queueSeconds,
      queueRunsPerSecond: runs / queueSeconds,
      speedup: localSeconds / queueSeconds,
      meanRunSeconds: mean,
      storeOverheadPerRunSeconds: localSeconds / runs - meanRunSeconds(local),
      queueOverheadPerRunSeconds: (2 * queueSeconds) / runs - meanRunSeconds(queued),
      identicalContent: digest(local) === digest(queued),
    };
  } finally {
    for (const c of children) c.kill("SIGKILL");
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const r = await benchSweep();
  process.stdout.write(JSON.stringify(r, null, 2) + "\n");
}
