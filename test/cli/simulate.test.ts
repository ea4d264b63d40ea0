import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import type { ObserverSummary, Summary } from "../../src/report/summary.ts";
import { BIN, runCli } from "./run-cli.ts";

const scenario = (name: string) =>
  fileURLToPath(new URL(`../data/scenarios/${name}`, import.meta.url));
const withoutTiming = (json: string) =>
  json.replace(/"wallSeconds": [0-9.e-]+/, '"wallSeconds": 0');

describe("wormscope simulate", () => {
  it("prints summary.json with --json, and the same bytes again for the same seed", () => {
    const a = runCli(["simulate", "--scenario", scenario("small.json"), "--json"]);
    expect(a.status, a.stderr).toBe(0);
    const s = JSON.parse(a.stdout) as Summary;
    expect(s.schema).toBe(1);
    expect(s.seed).toBe(7);
    expect(s.scenarioHash).toMatch(/^[0-9a-f]{16}$/);
    expect(s.vulnerable).toBe(20_000);
    expect(s.infectedEver).toBeGreaterThan(0);
    expect((s.observers.site as ObserverSummary).block).toBe("130.107.0.0/16");
    expect(s.hourly).toHaveLength(6);
    const b = runCli(["simulate", "--scenario", scenario("small.json"), "--json"]);
    expect(withoutTiming(b.stdout)).toBe(withoutTiming(a.stdout));
    const c = runCli(["simulate", "--scenario", scenario("small.json"), "--json", "--seed", "8"]);
    expect((JSON.parse(c.stdout) as Summary).infectedEver).not.toBe(s.infectedEver);
  });

  it("writes summary, per-minute CSV, chart and resolved scenario with --out", () => {
    const dir = join(mkdtempSync(join(tmpdir(), "wormscope-")), "run");
    const r = runCli(["simulate", "--scenario", scenario("small.json"), "--out", dir]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain("infected ever");
    for (const f of [
      "summary.json",
      "timeseries.csv",
      "outbreak.svg",
      "outbreak.png",
      "scenario.json",
    ]) {
      expect(existsSync(join(dir, f)), f).toBe(true);
    }
    const csv = readFileSync(join(dir, "timeseries.csv"), "utf8").trim().split("\n");
    const summary = JSON.parse(readFileSync(join(dir, "summary.json"), "utf8")) as Summary;
    expect(csv[0]).toBe(
      `# wormscope ${summary.version} seed ${summary.seed} scenario ${summary.scenarioHash}`,
    );
    expect(csv[1]).toBe(
      "time,infected,infectedEver,newInfections,probes,telescope_probes,telescope_uniqueSourcesSoFar,site_probes,site_uniqueSourcesSoFar",
    );
    expect(csv).toHaveLength(2 + 6 * 60);
    const png = readFileSync(join(dir, "outbreak.png"));
    expect(png.subarray(1, 4).toString()).toBe("PNG");
  });

  it("rejects a bad scenario with the field path, exit 2, no stack trace and no output", () => {
    const dir = join(mkdtempSync(join(tmpdir(), "wormscope-")), "run");
    const r = runCli(["simulate", "--scenario", scenario("bad-field.json"), "--out", dir]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/bad-field\.json: worms\[0\]\.probesPerSecond: /);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(existsSync(dir)).toBe(false);
    const missing = runCli(["simulate", "--scenario", "/nonexistent.json"]);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(/nonexistent\.json: cannot read scenario \(no such file\)/);
    const seed = runCli(["simulate", "--seed", "abc"]);
    expect(seed.status).toBe(2);
    expect(seed.stderr).toMatch(/--seed: expected a whole number/);
    const preset = runCli(["simulate", "--preset", "jul32-2001"]);
    expect(preset.status).toBe(2);
    expect(preset.stderr).toMatch(/unknown preset "jul32-2001"/);
  });

  it("refuses an engine that cannot run the scenario with exit 2 and the reason", () => {
    const r = runCli([
      "simulate",
      "--preset",
      "jul12-2001",
      "--engine",
      "reference",
      "--address-bits",
      "20",
    ]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(
      /--engine reference cannot run scenario "jul12-2001": .*observers.*use --engine fast/,
    );
    expect(r.stderr).not.toMatch(/internal error|\n\s+at /);
  });

  it("stops quietly when the reader closes the pipe early", () => {
    // The summary (~140 KB) is larger than a pipe buffer, so the CLI is still writing when head exits.
    const r = spawnSync(
      "bash",
      [
        "-c",
        `set -o pipefail; "${process.execPath}" "${BIN}" simulate --preset aug04-2001 --address-bits 16 --json | head -c 10 > /dev/null`,
      ],
      { encoding: "utf8", env: { ...process.env, TZ: "UTC" } },
    );
    expect(r.stderr).not.toMatch(/EPIPE|\n\s+at /);
    expect(r.status).toBe(0);
  });

  it("refuses an output directory it cannot create before it runs, with exit 73", () => {
    const r = runCli(["simulate", "--out", "/dev/null/out"]);
    expect(r.status).toBe(73);
    expect(r.stderr).toMatch(/cannot create \/dev\/null\/out: \/dev\/null is not a directory/);
    // Nothing ran: no progress line, no summary.
    expect(r.stderr).not.toMatch(/simulating/);
    expect(r.stdout).toBe("");
  });
});
