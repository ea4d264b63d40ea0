/**
 * `wormscope analyze --jobs N`: files read by worker threads give the report of a sequential read,
 * byte for byte, whichever worker finishes first; errors keep their messages and exit codes.
 */
import { describe, expect, it } from "vitest";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { SyntheticCombinedLog } from "../../src/analysis/synthetic/combined-log.ts";
import { realCodeRedTail, realLog, tempDir } from "../support/analyze-test-helpers.ts";
import { runCli } from "./run-cli.ts";

const STACK = /\n\s+at .+:\d+:\d+/;

function synthetic(seed: number, lines: number, startSeconds?: number): string {
  return new SyntheticCombinedLog({ seed, codeRedTail: realCodeRedTail(), startSeconds }).next(
    lines,
  );
}

/**
 * Several small inputs: the first much larger than the rest, so with two jobs the later files finish
 * before it; overlapping sources and hours between files (the same seed twice, shifted); gzip; the
 * real logs (common, combined, error log); Zeek and Suricata logs.
 */
function inputs(): string[] {
  const dir = tempDir();
  const big = join(dir, "big.log");
  writeFileSync(big, synthetic(7, 40_000), "latin1");
  const a = join(dir, "a.log");
  writeFileSync(a, synthetic(8, 300), "latin1");
  const b = join(dir, "b.log.gz");
  writeFileSync(b, gzipSync(Buffer.from(synthetic(8, 500, 996_624_000), "latin1")));
  const zeek = (name: string): string =>
    new URL(`../data/zeek-suricata/${name}`, import.meta.url).pathname;
  return [
    big,
    realLog("codered-2001-lines.log"),
    a,
    b,
    realLog("twiki-2004-access.log"),
    realLog("apache-error-2001.log"),
    zeek("http.log"),
    zeek("eve.json"),
    zeek("conn.log"),
  ];
}

describe("wormscope analyze --jobs", () => {
  const files = inputs();

  it("prints the same JSON, table and CSV with --jobs 1, 2 and 4", () => {
    const dir = tempDir();
    const runs = [1, 2, 4].map((jobs) => {
      const csv = join(dir, `csv-${jobs}`);
      const json = runCli(["analyze", ...files, "--json", "--jobs", String(jobs), "--csv", csv]);
      const table = runCli(["analyze", ...files, "--jobs", String(jobs)]);
      return {
        json,
        table,
        sources: readFileSync(join(csv, "sources.csv"), "utf8"),
        hourly: readFileSync(join(csv, "hourly.csv"), "utf8"),
      };
    });
    const [one, ...more] = runs;
    expect(one.json.status).toBe(0);
    const summary = JSON.parse(one.json.stdout) as { files: Array<{ path: string }> };
    expect(summary.files.map((f) => f.path)).toEqual(files);
    for (const r of more) {
      expect(r.json.stdout).toBe(one.json.stdout);
      expect(r.json.stderr).toBe(one.json.stderr);
      expect(r.json.status).toBe(one.json.status);
      expect(r.table.stdout).toBe(one.table.stdout);
      expect(r.sources).toBe(one.sources);
      expect(r.hourly).toBe(one.hourly);
    }
  });

  it("does not depend on which file finishes first (the large file first or last)", () => {
    const reversed = [...files].reverse();
    const a = runCli(["analyze", ...reversed, "--json", "--jobs", "1"]);
    const b = runCli(["analyze", ...reversed, "--json", "--jobs", "2"]);
    expect(b.stdout).toBe(a.stdout);
    // and the default (one job per file, at most one per core)
    expect(runCli(["analyze", ...files, "--json"]).stdout).toBe(
      runCli(["analyze", ...files, "--json", "--jobs", "1"]).stdout,
    );
  });

  it("reads standard input in the main thread alongside the workers", () => {
    const text = readFileSync(realLog("twiki-2004-access.log"), "latin1");
    const a = runCli(["analyze", files[2], "-", files[3], "--json", "--jobs", "1"], text);
    const b = runCli(["analyze", files[2], "-", files[3], "--json", "--jobs", "2"], text);
    expect(a.status).toBe(0);
    expect(b.stdout).toBe(a.stdout);
    expect((JSON.parse(b.stdout) as { files: Array<{ path: string }> }).files[1].path).toBe(
      "(stdin)",
    );
  });

  it("keeps exit 1 and the file's message for a truncated gzip read by a worker", () => {
    const dir = tempDir();
    const cut = join(dir, "cut.log.gz");
    const gz = gzipSync(readFileSync(realLog("twiki-2004-access.log")));
    writeFileSync(cut, gz.subarray(0, Math.floor(gz.length * 0.6)));
    const args = ["analyze", files[2], cut, files[3], "--json"];
    const a = runCli([...args, "--jobs", "1"]);
    const b = runCli([...args, "--jobs", "2"]);
    expect(a.status).toBe(1);
    expect(b.status).toBe(1);
    expect(b.stderr).toBe(a.stderr);
    expect(b.stderr).toMatch(/cut\.log\.gz: truncated gzip stream/);
    expect(b.stdout).toBe(a.stdout);
  });

  it("keeps exit 2 naming the file for a missing or unreadable input, and 73 for an output", () => {
    for (const bad of ["/nonexistent/access.log", tempDir()]) {
      const a = runCli(["analyze", files[2], bad, files[3], "--jobs", "1"]);
      const b = runCli(["analyze", files[2], bad, files[3], "--jobs", "2"]);
      expect(b.status).toBe(2);
      expect(b.stderr).toBe(a.stderr);
      expect(b.stderr).toContain(`cannot read ${bad}`);
      expect(b.stderr).not.toMatch(STACK);
      expect(b.stdout).toBe("");
    }
    const dir = tempDir();
    mkdirSync(join(dir, "report.html"));
    const out = runCli([
      "analyze",
      files[2],
      files[3],
      "--jobs",
      "2",
      "--html",
      join(dir, "report.html"),
    ]);
    expect(out.status).toBe(73);
    expect(out.stderr).toContain("report.html");
    expect(out.stderr).not.toMatch(STACK);
    for (const jobs of ["0", "-1", "1.5", "x"]) {
      const r = runCli(["analyze", files[2], "--jobs", jobs]);
      expect(r.status).toBe(2);
      expect(r.stderr).toMatch(/^wormscope: --jobs: expected a whole number/);
    }
  });

  it("prints no progress when stderr is not a terminal", () => {
    const r = runCli(["analyze", files[0], files[2], "--jobs", "2", "--json"]);
    expect(r.status).toBe(0);
    expect(r.stderr).toBe("");
  });
});
