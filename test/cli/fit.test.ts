/** Issue 15: `wormscope fit` on large, extreme or unsuitable input. */
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runCli } from "./run-cli.ts";

const dir = mkdtempSync(join(tmpdir(), "wormscope-fit-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Writes `hours,infected` rows into the test's directory and returns the file's path. */
function csvFile(name: string, rows: ReadonlyArray<readonly [number | string, number | string]>) {
  const path = join(dir, name);
  writeFileSync(path, ["hours,infected", ...rows.map(([t, y]) => `${t},${y}`)].join("\n") + "\n");
  return path;
}

const logistic = (t: number) => Math.round(360_000 / (1 + Math.exp(-1.8 * (t - 7))));

describe("wormscope fit (issue 15)", () => {
  it("writes a chart under 1 MB for 10^5 rows (series downsampled)", () => {
    const rows = Array.from({ length: 100_000 }, (_, i) => {
      const t = (14 * i) / 100_000;
      return [t.toFixed(5), logistic(t)] as const;
    });
    const out = join(dir, "big-out");
    const r = runCli(["fit", csvFile("big.csv", rows), "--out", out]);
    expect(r.status, r.stderr).toBe(0);
    const svg = statSync(join(out, "fit.svg")).size;
    expect(svg).toBeLessThan(1_000_000);
    expect(readFileSync(join(out, "fit.svg"), "utf8")).toContain("</svg>");
  }, 120_000);

  it("refuses an infected value of 1e308 with exit 2 naming the line", () => {
    const rows = [0, 1, 2, 3, 4, 5].map((t) => [t, t === 3 ? "1e308" : logistic(t)] as const);
    const r = runCli(["fit", csvFile("huge.csv", rows)]);
    expect(r.status, r.stderr).toBe(2);
    expect(r.stderr).toMatch(/huge\.csv:5: infected: .*1e\+308/);
    expect(r.stderr).not.toContain("internal error");
  });

  it("refuses an hours value of 1e308 with exit 2 naming the line", () => {
    const rows = [0, 1, 2, 3, 4].map((t) => [t === 4 ? "1e308" : t, logistic(t)] as const);
    const r = runCli(["fit", csvFile("far.csv", rows)]);
    expect(r.status, r.stderr).toBe(2);
    expect(r.stderr).toMatch(/far\.csv:6: hours: /);
    expect(r.stderr).not.toContain("internal error");
  });

  it("refuses --model two-factor on 5 rows with exit 2 naming the minimum", () => {
    const rows = [0, 1, 2, 3, 4].map((t) => [t, logistic(t)] as const);
    const r = runCli(["fit", csvFile("five.csv", rows), "--model", "two-factor"]);
    expect(r.status, r.stderr).toBe(2);
    expect(r.stderr).toContain("five.csv: 5 data rows; --model two-factor needs at least 8");
  });

  it("refuses a fit with a negative growth rate (non-monotonic data) with exit 2", () => {
    const ys = [100, 5000, 100, 5000, 100, 4000, 100, 3000];
    const path = csvFile(
      "zigzag.csv",
      ys.map((y, t) => [t, y] as const),
    );
    const out = join(dir, "zigzag-out");
    const r = runCli(["fit", path, "--method", "levels", "--out", out]);
    expect(r.status, r.stderr).toBe(2);
    expect(r.stderr).toMatch(/zigzag\.csv: the logistic fit gives K = -[\d.]+ per hour/);
    expect(() => statSync(out)).toThrow();
  });
});
