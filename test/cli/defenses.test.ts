import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { Summary } from "../../src/report/summary.ts";
import { runCli } from "./run-cli.ts";

/** The small test scenario (20,000 hosts, 6 hours) with `defenses` and other fields added. */
function scenarioWith(extra: Record<string, unknown>): string {
  const dir = mkdtempSync(join(tmpdir(), "wormscope-defenses-"));
  const file = join(dir, "scenario.json");
  const base = {
    extends: "jul19-2001",
    seed: 7,
    until: "2001-07-19T16:00:00Z",
    population: { model: "july2001", vulnerableHosts: 20000, excludedPrefix8s: [44, 189, 190] },
    worms: [{ variant: "crv2", probesPerSecond: 60 }],
    observers: [{ type: "telescope", name: "site", block: "130.107.0.0/16" }],
  };
  writeFileSync(file, JSON.stringify({ ...base, ...extra }));
  return file;
}

describe("wormscope simulate with defenses", () => {
  it("bad defense input exits 2 naming the field", () => {
    const cases: [unknown, RegExp][] = [
      [{ type: "quarantine" }, /defenses\[0\]\.type: Invalid discriminator value/],
      [
        { type: "content-filter", reactionMinutes: -1, deployment: "all" },
        /defenses\[0\]\.reactionMinutes: Too small/,
      ],
      [
        { type: "rate-limit", newConnectionsPerSecond: 1, coverage: 1.5 },
        /defenses\[0\]\.coverage: Too big/,
      ],
      [
        { type: "address-blacklist", reactionMinutes: 5, deployment: { topAses: 0 } },
        /defenses\[0\]\.deployment\.topAses: Too small/,
      ],
      [
        { type: "ingress-filter", block: "10.1.2.0/24", from: "2001-07-19T12:00:00Z" },
        /defenses\[0\]\.block: an ingress filter acts on whole \/16s/,
      ],
      [
        { type: "patch-campaign", from: "2001-07-19T12:00:00Z" },
        /defenses\[0\]: give exactly one of perHostPerHour and halfLifeHours/,
      ],
    ];
    for (const [defense, message] of cases) {
      const r = runCli(["simulate", "--scenario", scenarioWith({ defenses: [defense] }), "--json"]);
      expect({ status: r.status, stdout: r.stdout }).toEqual({ status: 2, stdout: "" });
      expect(r.stderr).toMatch(message);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    }
    const missing = scenarioWith({
      asTopology: { asTable: "no-such-table.csv" },
      defenses: [{ type: "content-filter", reactionMinutes: 5, deployment: { topAses: 5 } }],
    });
    const r = runCli(["simulate", "--scenario", missing, "--json"]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/no-such-table\.csv: cannot read AS table/);
  });

  it("--compare runs without the defenses on the same seed and draws both curves", () => {
    const file = scenarioWith({
      defenses: [
        { type: "content-filter", reactionMinutes: 150, deployment: "all" },
        { type: "address-blacklist", reactionMinutes: 60, deployment: { customerNetworks: 0.5 } },
      ],
    });
    const dir = join(mkdtempSync(join(tmpdir(), "wormscope-compare-")), "run");
    const r = runCli(["simulate", "--scenario", file, "--compare", "--out", dir]);
    expect(r.status, r.stderr).toBe(0);
    for (const f of ["compare.svg", "compare.png", "summary.json"]) {
      expect(existsSync(join(dir, f)), f).toBe(true);
    }
    const s = JSON.parse(readFileSync(join(dir, "summary.json"), "utf8")) as Summary;
    const plain = runCli(["simulate", "--scenario", scenarioWith({}), "--json"]);
    const baseline = (JSON.parse(plain.stdout) as Summary).infectedEver;
    expect(s.comparison?.baselineInfectedEver).toBe(baseline);
    expect(s.comparison?.infectionsPrevented).toBe(baseline - s.infectedEver);
    expect(s.infectedEver).toBeLessThan(baseline);
    const [filter, blacklist] = s.defenses ?? [];
    expect(filter.type).toBe("content-filter");
    expect(filter.engagedAt).toBe("2001-07-19T12:30:00Z");
    expect(filter.probesDropped).toBeGreaterThan(0);
    expect(blacklist.hostsBlocked).toBeGreaterThan(0);
    // Each defense alone against none: each prevents some infections, at most all of them.
    for (const d of [filter, blacklist]) {
      expect(d.infectionsPrevented).toBeGreaterThan(0);
      expect(d.infectionsPrevented).toBeLessThanOrEqual(baseline);
    }
    expect(readFileSync(join(dir, "compare.svg"), "utf8")).toContain(
      "content-filter engages 12:30",
    );
    const again = runCli(["simulate", "--scenario", file, "--json"]);
    const t = (x: string) => x.replace(/"wallSeconds": [0-9.e-]+/, "");
    const first = JSON.parse(again.stdout) as Summary;
    expect(first.infectedEver).toBe(s.infectedEver);
    expect(t(runCli(["simulate", "--scenario", file, "--json"]).stdout)).toBe(t(again.stdout));
  });

  it("--compare without defenses exits 2", () => {
    const r = runCli(["simulate", "--scenario", scenarioWith({}), "--compare"]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/--compare: the scenario lists no defenses/);
  });
});
