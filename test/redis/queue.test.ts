/**
 * Scale-out on Redis (BullMQ), as a user runs it: one redis-server (Debian's, started once for this
 * file on a free loopback port, persistence off), `wormscope sweep --queue` and two `wormscope
 * worker`s as child processes. One worker is SIGKILLed mid-sweep: every run must still be stored
 * exactly once, and the store's content (timing columns aside) must equal the same sweep computed
 * locally. scripts/ensure-redis.sh installs redis-server when it is absent (npm test runs it).
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { RunStore } from "../../src/node/run-store.ts";
import { BIN, runCli } from "../cli/run-cli.ts";

const dir = mkdtempSync(join(tmpdir(), "wormscope-queue-"));
let redis: ChildProcess | undefined;
let url = "";
const children: ChildProcess[] = [];

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

beforeAll(async () => {
  const which = spawnSync("redis-server", ["--version"], { encoding: "utf8" });
  if (which.status !== 0) {
    throw new Error("redis-server is not installed: run scripts/ensure-redis.sh (npm test does)");
  }
  const port = await freePort();
  redis = spawn(
    "redis-server",
    ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
    { stdio: "ignore" },
  );
  url = `redis://127.0.0.1:${port}`;
  for (let i = 0; i < 500; i++) {
    const ping = spawnSync("redis-cli", ["-p", String(port), "ping"], { encoding: "utf8" });
    if (ping.stdout.trim() === "PONG") return;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error("redis-server did not answer");
});

afterAll(() => {
  for (const c of children) c.kill("SIGKILL");
  redis?.kill("SIGTERM");
  rmSync(dir, { recursive: true, force: true });
});

const SWEEP = {
  name: "queue-4x3",
  base: {
    extends: "jul19-2001",
    until: "2001-07-19T18:00:00Z",
    population: { model: "july2001", vulnerableHosts: 20_000, excludedPrefix8s: [44, 189, 190] },
  },
  grid: {
    "worms.0.probesPerSecond": [6, 8, 10, 14],
    "patching.0.perHostPerHour": [0, 0.01, 0.05],
  },
  seeds: 5,
};

function worker(): ChildProcess {
  const c = spawn(process.execPath, [BIN, "worker", "--queue", url, "--lock-seconds", "2"], {
    env: { ...process.env, TZ: "UTC" },
    stdio: ["ignore", "ignore", "pipe"],
  });
  children.push(c);
  return c;
}

function digest(store: string): string {
  const s = RunStore.open(store);
  try {
    return s.contentDigestText();
  } finally {
    s.close();
  }
}

describe("wormscope sweep --queue with two workers", () => {
  it("loses nothing when a worker is SIGKILLed mid-sweep, and stores what a local run stores", async () => {
    const sweepFile = join(dir, "queue.json");
    writeFileSync(sweepFile, JSON.stringify(SWEEP));
    const local = join(dir, "local.sqlite");
    const l = runCli(["sweep", sweepFile, "--store", local], undefined, 600_000);
    expect(l.status, l.stderr).toBe(0);

    const queued = join(dir, "queued.sqlite");
    const victim = worker();
    let victimLog = "";
    victim.stderr?.on("data", (d: Buffer) => (victimLog += d.toString()));
    const survivor = worker();
    const sweep = spawn(
      process.execPath,
      [BIN, "sweep", sweepFile, "--store", queued, "--queue", url],
      {
        env: { ...process.env, TZ: "UTC" },
        stdio: ["ignore", "pipe", "pipe"],
      },
    );
    children.push(sweep);
    let out = "";
    let err = "";
    sweep.stdout.on("data", (d: Buffer) => (out += d.toString()));
    sweep.stderr.on("data", (d: Buffer) => (err += d.toString()));
    const done = new Promise<number | null>((resolve) => sweep.on("exit", (code) => resolve(code)));
    // Kill the first worker once it has finished a few runs (it is then mid-sweep).
    for (let i = 0; i < 6000 && (victimLog.match(/done in/g) ?? []).length < 3; i++) {
      await new Promise((r) => setTimeout(r, 10));
    }
    victim.kill("SIGKILL");
    const code = await done;
    expect(code, err).toBe(0);
    expect(out).toContain("60 of 60 runs");
    expect(err).not.toContain(url.replace("redis://", "redis://:"));
    survivor.kill("SIGTERM");
    const db = new Database(queued, { readonly: true });
    const n = db.prepare("SELECT COUNT(*) AS n, COUNT(DISTINCT key) AS k FROM runs").get() as {
      n: number;
      k: number;
    };
    db.close();
    expect(n).toEqual({ n: 60, k: 60 });
    expect(digest(queued)).toBe(digest(local));
    // Run again: nothing to enqueue, nothing computed.
    const again = runCli(
      ["sweep", sweepFile, "--store", queued, "--queue", url],
      undefined,
      60_000,
    );
    expect(again.status, again.stderr).toBe(0);
    expect(again.stdout).toContain("(0 computed now, 60 already there)");
  });

  it("never prints a password from the URL", () => {
    const r = runCli(["worker", "--queue", "redis://user:s3cret@127.0.0.1:1"], undefined, 60_000);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("cannot reach Redis");
    expect(r.stderr + r.stdout).not.toContain("s3cret");
    const bad = runCli(["sweep", "x.json", "--queue", "http://h:1"]);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain("expected redis://HOST:PORT");
  });
});
