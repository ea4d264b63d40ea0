import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runCli } from "../../test/cli/run-cli.ts";
import type { EnsembleSummaryJson } from "../node/ensemble-files.ts";
import { capThreads, ensembleTable, parseRuns, parseThreads } from "./simulate-ensemble.ts";

const dir = mkdtempSync(join(tmpdir(), "wormscope-ensemble-cli-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("simulate --runs / --threads options", () => {
  it("parses whole numbers and refuses the rest", () => {
    expect(parseRuns(undefined)).toBe(1);
    expect(parseRuns("20")).toBe(20);
    expect(parseThreads("1")).toBe(1);
    expect(parseThreads(undefined)).toBeGreaterThanOrEqual(1);
    expect(parseThreads(undefined)).toBeLessThanOrEqual(2);
    for (const bad of ["0", "-1", "2.5", "x", "", "100001"]) {
      expect(() => parseRuns(bad), bad).toThrow(/--runs/);
    }
    expect(() => parseThreads("0")).toThrow(/--threads/);
  });

  it("caps --threads at min(runs, available cores), saying why", () => {
    expect(capThreads(256, 16, 2)).toEqual({
      threads: 2,
      note: "--threads 256 capped at 2 (2 available core(s))",
    });
    expect(capThreads(8, 3, 16)).toEqual({
      threads: 3,
      note: "--threads 8 capped at 3 (3 run(s))",
    });
    expect(capThreads(4, 4, 4)).toEqual({ threads: 4 });
    expect(capThreads(1, 100, 2)).toEqual({ threads: 1 });
    expect(capThreads(2, 2, 2)).toEqual({ threads: 2 });
    expect(capThreads(3, 5, 1).threads).toBe(1);
  });

  it("renders the ensemble table with a dash for missing figures", () => {
    const text = ensembleTable({
      runs: 3,
      seeds: [1, 2, 3],
      band: { low: 0.05, high: 0.95 },
      metrics: {
        infectedEver: { mean: 1234.5, p5: 1000, p95: 1500, min: 900, max: 1600 },
        "timeTo0.9Hours": { mean: null, p5: null, p95: null, min: null, max: null },
      },
      hourly: [],
    });
    expect(text).toContain("3 runs");
    expect(text).toContain("1,235");
    expect(text).toMatch(/timeTo0\.9Hours.*-/);
  });
});

/** A small ensemble scenario in the test's directory. */
function smallScenario(): string {
  const scenario = join(dir, "small.json");
  writeFileSync(
    scenario,
    JSON.stringify({
      extends: "jul19-2001",
      until: "2001-07-19T16:00:00Z",
      population: { model: "july2001", vulnerableHosts: 20000, excludedPrefix8s: [44, 189, 190] },
      worms: [{ variant: "crv2", probesPerSecond: 200 }],
    }),
  );
  return scenario;
}

describe("wormscope simulate --runs (child process: worker threads load through the tsx shim)", () => {
  it("writes the same files with --threads 1 and --threads 2", () => {
    const scenario = smallScenario();
    const outs = [1, 2].map((threads) => {
      const out = join(dir, `t${threads}`);
      const r = runCli([
        "simulate",
        "--scenario",
        scenario,
        "--runs",
        "4",
        "--threads",
        String(threads),
        "--out",
        out,
      ]);
      expect(r.status, r.stderr).toBe(0);
      expect(r.stderr).toContain("runs completed: 4/4");
      expect(r.stdout).toContain("4 runs");
      return out;
    });
    for (const name of ["timeseries.csv", "outbreak.svg", "scenario.json"]) {
      expect(readFileSync(join(outs[1], name), "utf8"), name).toBe(
        readFileSync(join(outs[0], name), "utf8"),
      );
    }
    const summaries = outs.map((o) =>
      readFileSync(join(o, "summary.json"), "utf8").replace(
        /"wallSeconds": [\d.]+/,
        '"wallSeconds": 0',
      ),
    );
    expect(summaries[1]).toBe(summaries[0]);
    expect((JSON.parse(summaries[0]) as EnsembleSummaryJson).ensemble.runs).toBe(4);
  });

  it("caps --threads 256 for --runs 2 at two threads, with a note on stderr", () => {
    const r = runCli([
      "simulate",
      "--scenario",
      smallScenario(),
      "--runs",
      "2",
      "--threads",
      "256",
      "--json",
    ]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/--threads 256 capped at [12] \(/);
    expect(r.stderr).toMatch(/on [12] thread\(s\)/);
  });

  it("refuses a bad --runs with exit code 2 and writes nothing", () => {
    const out = join(dir, "bad");
    const r = runCli(["simulate", "--runs", "0", "--out", out]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("--runs");
    expect(existsSync(out)).toBe(false);
  });
});
