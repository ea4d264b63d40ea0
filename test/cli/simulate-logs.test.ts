/**
 * `wormscope simulate --logs DIR` (issue 14, item 1): the files are the same bytes for the same seed,
 * summary.json is the same with and without them, and `wormscope analyze` reads back from each format
 * exactly the worm requests and sources the simulator recorded at the server.
 */
import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import type { ObserverSummary, Summary } from "../../src/report/summary.ts";
import { runCli } from "./run-cli.ts";

const data = (path: string) => fileURLToPath(new URL(`../data/${path}`, import.meta.url));
const withoutTiming = (json: string) =>
  json.replace(/"wallSeconds": [0-9.e-]+/, '"wallSeconds": 0');
const temp = () => mkdtempSync(join(tmpdir(), "wormscope-logs-"));

interface AnalyzeReport {
  requests: Record<string, number>;
  sources: Record<string, number>;
}

function analyze(file: string): AnalyzeReport {
  const r = runCli(["analyze", "--json", file]);
  expect(r.status, r.stderr).toBe(0);
  return JSON.parse(r.stdout) as AnalyzeReport;
}

function simulate(scenario: string, extra: string[]): { summary: string; stderr: string } {
  const out = join(temp(), "run");
  const r = runCli([
    "simulate",
    "--scenario",
    data(`scenarios/${scenario}`),
    "--out",
    out,
    ...extra,
  ]);
  expect(r.status, r.stderr).toBe(0);
  return { summary: readFileSync(join(out, "summary.json"), "utf8"), stderr: r.stderr };
}

describe("wormscope simulate --logs", () => {
  const signature = ["--logs-signature", data("real-logs/codered-2001-lines.log")];
  const a = join(temp(), "logs");
  const b = join(temp(), "logs");
  // A CRv2 outbreak over 20,000 hosts; a server (a /24) and a telescope (a /16) capped at 50,000.
  const cap = ["--logs-max-lines", "50000"];
  let runA: { summary: string; stderr: string };
  beforeAll(() => {
    runA = simulate("logs-small.json", ["--logs", a, ...signature, ...cap]);
  });

  it("writes the same bytes for the same seed, one file per observer and format", () => {
    simulate("logs-small.json", ["--logs", b, ...signature, ...cap]);
    const names = readdirSync(a).sort();
    expect(names).toEqual([
      "logs.json",
      "site.access.log",
      "site.iis.log",
      "site.pcap",
      "telescope.access.log",
      "telescope.iis.log",
      "telescope.pcap",
    ]);
    expect(readdirSync(b).sort()).toEqual(names);
    for (const n of names)
      expect(readFileSync(join(b, n)).equals(readFileSync(join(a, n))), n).toBe(true);
    // The telescope sees more than the cap: its files stop at an hour's end, and say so.
    const manifest = JSON.parse(readFileSync(join(a, "logs.json"), "utf8")) as {
      observers: { name: string; truncated: boolean; completeUntilSeconds: number }[];
    };
    const telescope = manifest.observers.find((o) => o.name === "telescope")!;
    expect(telescope.truncated).toBe(true);
    expect(telescope.completeUntilSeconds % 3600).toBe(0);
    expect(runA.stderr).toMatch(/--logs: observer telescope: the files stop at \d+ s/);
  });

  it("leaves summary.json byte-identical (the logs draw from their own streams)", () => {
    const plain = simulate("logs-small.json", []);
    expect(withoutTiming(runA.summary)).toBe(withoutTiming(plain.summary));
  });

  it("analyze reads back the server's worm requests and sources from all three formats", () => {
    const site = (JSON.parse(runA.summary) as Summary).observers.site as ObserverSummary;
    expect(site.probes).toBeGreaterThan(300);
    for (const f of ["site.access.log", "site.iis.log", "site.pcap"]) {
      const r = analyze(join(a, f));
      expect(r.requests.crv1v2, f).toBe(site.probes);
      expect(r.sources.crv1v2, f).toBe(site.uniqueSources);
      expect(r.requests.crii, f).toBe(0);
      expect(r.requests.other, f).toBeGreaterThan(0);
    }
  });

  it("writes Code Red II as the X request, read back as CRII (public tail prefix: partial)", () => {
    const dir = join(temp(), "logs");
    const run = simulate("logs-crii.json", ["--logs", dir, "--logs-format", "apache,pcap"]);
    expect(readdirSync(dir).sort()).toEqual(["logs.json", "site.access.log", "site.pcap"]);
    const site = (JSON.parse(run.summary) as Summary).observers.site as ObserverSummary;
    expect(site.probes).toBeGreaterThan(100);
    for (const f of ["site.access.log", "site.pcap"]) {
      const r = analyze(join(dir, f)) as AnalyzeReport & { partial: Record<string, number> };
      expect(r.requests.crii, f).toBe(site.probes);
      expect(r.partial.crii, f).toBe(site.probes);
      expect(r.sources.crii, f).toBe(site.uniqueSources);
      expect(r.requests.crv1v2, f).toBe(0);
    }
  });

  it("rejects bad options with exit 2 and an unwritable directory with exit 73", () => {
    const scenario = data("scenarios/logs-small.json");
    const bad = [
      ["--logs", temp(), "--logs-format", "apache,csv"],
      ["--logs", temp(), "--logs-max-lines", "0"],
      ["--logs", temp(), "--background-per-hour", "-3"],
      ["--logs-max-lines", "10"],
      ["--logs", temp(), "--runs", "2"],
      ["--logs", temp(), "--logs-signature", data("real-logs/twiki-2004-access.log")],
    ];
    for (const args of bad) {
      const r = runCli(["simulate", "--scenario", scenario, ...args]);
      expect(r.status, args.join(" ")).toBe(2);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    }
    const r = runCli(["simulate", "--scenario", scenario, "--logs", "/proc/wormscope-logs"]);
    expect(r.status, r.stderr).toBe(73);
  });
});
