/** `wormscope watch`: early warning on simulate's own time series, and a bad row named by its line. */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runCli } from "./run-cli.ts";

const dir = mkdtempSync(join(tmpdir(), "wormscope-watch-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("wormscope watch", () => {
  it("detects the outbreak in simulate's timeseries.csv, and names the line of a bad row", () => {
    const out = join(dir, "sim");
    expect(runCli(["simulate", "--out", out]).status).toBe(0);
    const r = runCli(["watch", join(out, "timeseries.csv"), "--json"]);
    expect(r.status, r.stderr).toBe(0);
    const w = JSON.parse(r.stdout) as {
      detected: boolean;
      detectedAt: string;
      column: string;
      rate95: [number, number];
    };
    expect(w.column).toBe("telescope_uniqueSourcesSoFar");
    expect(w.detected).toBe(true);
    expect(Date.parse(w.detectedAt)).toBeLessThan(Date.parse("2001-07-19T17:00:00Z"));
    expect(w.rate95[0]).toBeGreaterThan(0.3);
    const bad = join(dir, "bad.csv");
    writeFileSync(bad, "time,count\n2001-07-19T10:00:00Z,1\n2001-07-19T10:01:00Z,x\n");
    const b = runCli(["watch", bad]);
    expect(b.status).toBe(2);
    expect(b.stderr).toContain("line 3: count: not a count");
  });
});
