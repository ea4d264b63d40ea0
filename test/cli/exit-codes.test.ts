/**
 * Issue 15: every known bad-input path of the CLI, in one table. Bad input exits 2 and an output
 * that cannot be written exits 73; never 70 (internal error), never a stack trace, and stderr names
 * the file, option or field at fault.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runCli } from "./run-cli.ts";

const root = mkdtempSync(join(tmpdir(), "wormscope-exit-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** A short run, so a case that is wrongly accepted still ends quickly. */
const UNTIL = ["--until", "2001-07-19T10:10:00Z"];
const STACK = /\n\s+at .+:\d+:\d+/;
const LOG = '1.2.3.4 - - [19/Jul/2001:10:00:00 +0000] "GET / HTTP/1.0" 200 10\n';
const logistic = (t: number) => Math.round(360_000 / (1 + Math.exp(-1.8 * (t - 7))));

interface Case {
  name: string;
  /** Writes the case's files into `dir` (its own temporary directory) and returns the arguments. */
  args: (dir: string) => string[];
  code: 2 | 73;
  stderr: (dir: string) => RegExp | string;
}

const write = (dir: string, name: string, text: string): string => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};
const scenario = (dir: string, value: unknown): string =>
  write(dir, "scenario.json", JSON.stringify(value));
const fitCsv = (dir: string, rows: ReadonlyArray<readonly [number | string, number | string]>) =>
  write(
    dir,
    "data.csv",
    ["hours,infected", ...rows.map(([t, y]) => `${t},${y}`)].join("\n") + "\n",
  );
const simulateScenario = (observers: unknown[]) => (dir: string) => [
  "simulate",
  "--scenario",
  scenario(dir, { extends: "jul19-2001", observers }),
  ...UNTIL,
];
const telescope = (name: string) => ({ type: "telescope", name, block: "45.0.0.0/8" });

const CASES: Case[] = [
  // simulate: scenario files
  {
    name: "simulate: malformed scenario JSON",
    args: (d) => ["simulate", "--scenario", write(d, "bad.json", "{ not json"), ...UNTIL],
    code: 2,
    stderr: (d) => `${join(d, "bad.json")}:`,
  },
  {
    name: "simulate: scenario with a bad field",
    args: (d) => [
      "simulate",
      "--scenario",
      scenario(d, { extends: "jul19-2001", seed: "one" }),
      ...UNTIL,
    ],
    code: 2,
    stderr: (d) => `${join(d, "scenario.json")}: seed`,
  },
  {
    name: "simulate: missing scenario file",
    args: (d) => ["simulate", "--scenario", join(d, "none.json"), ...UNTIL],
    code: 2,
    stderr: (d) => `${join(d, "none.json")}: cannot read scenario (no such file)`,
  },
  {
    name: "simulate: --scenario /dev/zero",
    args: () => ["simulate", "--scenario", "/dev/zero", ...UNTIL],
    code: 2,
    stderr: () => "/dev/zero: scenario is not a regular file",
  },
  {
    name: "simulate: --scenario a directory",
    args: (d) => ["simulate", "--scenario", d, ...UNTIL],
    code: 2,
    stderr: (d) => `${d}: scenario is not a regular file`,
  },
  {
    name: "simulate: hostList /dev/zero",
    args: (d) => [
      "simulate",
      "--scenario",
      scenario(d, { extends: "jul19-2001", population: { hostList: "/dev/zero" } }),
      ...UNTIL,
    ],
    code: 2,
    stderr: () => "/dev/zero: host list is not a regular file",
  },
  {
    name: "simulate: unknown preset",
    args: () => ["simulate", "--preset", "jul32-2001", ...UNTIL],
    code: 2,
    stderr: () => 'unknown preset "jul32-2001"',
  },
  {
    name: "simulate: --preset constructor",
    args: () => ["simulate", "--preset", "constructor", ...UNTIL],
    code: 2,
    stderr: () => 'unknown preset "constructor"',
  },
  {
    name: "simulate: extends toString",
    args: (d) => ["simulate", "--scenario", scenario(d, { extends: "toString" }), ...UNTIL],
    code: 2,
    stderr: () => 'unknown preset "toString"',
  },
  {
    name: "simulate: duplicate observer names",
    args: simulateScenario([telescope("a"), { type: "telescope", name: "a", block: "46.0.0.0/8" }]),
    code: 2,
    stderr: (d) => `${join(d, "scenario.json")}: observers[1].name: "a" is already the name`,
  },
  {
    name: "simulate: observer name with a comma",
    args: simulateScenario([telescope("a,b")]),
    code: 2,
    stderr: (d) => `${join(d, "scenario.json")}: observers[0].name: observer names use only`,
  },
  {
    name: "simulate: observer name with a formula lead",
    args: simulateScenario([telescope("=1+1")]),
    code: 2,
    stderr: (d) => `${join(d, "scenario.json")}: observers[0].name: observer names use only`,
  },
  {
    name: "simulate: load16 over 0.0.0.0/0",
    args: simulateScenario([{ type: "load16", name: "all", block: "0.0.0.0/0" }]),
    code: 2,
    stderr: (d) => `${join(d, "scenario.json")}: observers[1].block: load16 observer "all"`,
  },
  {
    name: "simulate: server observer over a /8",
    args: simulateScenario([{ type: "server", name: "www", block: "10.0.0.0/8" }]),
    code: 2,
    stderr: (d) => `${join(d, "scenario.json")}: observers[1].block: server observer "www"`,
  },
  // simulate: options
  ...["9007199254740992", "1".repeat(40), "-1", "1.5", "abc"].map((seed): Case => ({
    name: `simulate: --seed ${seed.slice(0, 20)}`,
    args: () => ["simulate", "--seed", seed, ...UNTIL],
    code: 2,
    stderr: () => "--seed",
  })),
  ...["0", "-1", "1.5", "abc"].map((runs): Case => ({
    name: `simulate: --runs ${runs}`,
    args: (d) => ["simulate", "--runs", runs, "--out", join(d, "out"), ...UNTIL],
    code: 2,
    stderr: () => "--runs",
  })),
  ...["yesterday", "2001-13-40T00:00:00Z"].map((until): Case => ({
    name: `simulate: --until ${until}`,
    args: () => ["simulate", "--until", until],
    code: 2,
    stderr: () => "--until",
  })),
  {
    name: "simulate: --engine warp",
    args: () => ["simulate", "--engine", "warp", ...UNTIL],
    code: 2,
    stderr: () => "--engine",
  },
  ...["15", "33", "abc"].map((bits): Case => ({
    name: `simulate: --address-bits ${bits}`,
    args: () => ["simulate", "--address-bits", bits, ...UNTIL],
    code: 2,
    stderr: () => "--address-bits",
  })),
  {
    name: "simulate: --engine reference without --address-bits <= 24",
    args: () => ["simulate", "--engine", "reference", ...UNTIL],
    code: 2,
    stderr: () => "--address-bits",
  },
  {
    name: "simulate: --engine reference on jul12-2001 (sequence observer)",
    args: () => [
      "simulate",
      "--preset",
      "jul12-2001",
      "--engine",
      "reference",
      "--address-bits",
      "20",
      ...UNTIL,
    ],
    code: 2,
    stderr: () => "use --engine fast",
  },
  {
    name: "simulate: unknown option",
    args: () => ["simulate", "--no-such-option"],
    code: 2,
    stderr: () => "--no-such-option",
  },
  // simulate: outputs
  {
    name: "simulate: --out under /proc",
    args: () => ["simulate", "--out", "/proc/wormscope-exit-test/out", ...UNTIL],
    code: 73,
    stderr: () => "/proc/wormscope-exit-test",
  },
  {
    name: "simulate: --out under a regular file",
    args: (d) => ["simulate", "--out", join(write(d, "file", "x"), "out"), ...UNTIL],
    code: 73,
    stderr: (d) => join(d, "file"),
  },
  {
    name: "simulate: --out onto a regular file",
    args: (d) => ["simulate", "--out", write(d, "file", "x"), ...UNTIL],
    code: 73,
    stderr: (d) => join(d, "file"),
  },
  // analyze
  {
    name: "analyze: missing file",
    args: (d) => ["analyze", join(d, "none.log")],
    code: 2,
    stderr: (d) => `cannot read ${join(d, "none.log")}: no such file`,
  },
  {
    name: "analyze: a directory",
    args: (d) => ["analyze", d],
    code: 2,
    stderr: (d) => d,
  },
  {
    name: "analyze: no file",
    args: () => ["analyze"],
    code: 2,
    stderr: () => "missing required argument 'files'",
  },
  {
    name: "analyze: unknown option",
    args: (d) => ["analyze", write(d, "a.log", LOG), "--no-such-option"],
    code: 2,
    stderr: () => "--no-such-option",
  },
  {
    name: "analyze: bad --server-ip",
    args: (d) => ["analyze", write(d, "a.log", LOG), "--server-ip", "300.1.1.1"],
    code: 2,
    stderr: () => "--server-ip",
  },
  ...["abc", "0", "-1"].map((rate): Case => ({
    name: `analyze: --probes-per-second ${rate}`,
    args: (d) => ["analyze", write(d, "a.log", LOG), "--probes-per-second", rate],
    code: 2,
    stderr: () => "--probes-per-second",
  })),
  {
    name: "analyze: --html onto a FIFO",
    args: (d) => {
      execFileSync("mkfifo", [join(d, "fifo")]);
      return ["analyze", write(d, "a.log", LOG), "--html", join(d, "fifo")];
    },
    code: 73,
    stderr: (d) => join(d, "fifo"),
  },
  {
    name: "analyze: --html onto a directory",
    args: (d) => ["analyze", write(d, "a.log", LOG), "--html", d],
    code: 73,
    stderr: (d) => d,
  },
  {
    name: "analyze: --csv onto a regular file",
    args: (d) => ["analyze", write(d, "a.log", LOG), "--csv", write(d, "file", "x")],
    code: 73,
    stderr: (d) => join(d, "file"),
  },
  {
    name: "analyze: --csv under /proc",
    args: (d) => ["analyze", write(d, "a.log", LOG), "--csv", "/proc/wormscope-exit-test/csv"],
    code: 73,
    stderr: () => "/proc/wormscope-exit-test",
  },
  // fit
  {
    name: "fit: missing file",
    args: (d) => ["fit", join(d, "none.csv")],
    code: 2,
    stderr: (d) => join(d, "none.csv"),
  },
  {
    name: "fit: a directory",
    args: (d) => ["fit", d],
    code: 2,
    stderr: (d) => d,
  },
  {
    name: "fit: infected 1e308",
    args: (d) => [
      "fit",
      fitCsv(
        d,
        [0, 1, 2, 3, 4, 5].map((t) => [t, t === 3 ? "1e308" : logistic(t)]),
      ),
    ],
    code: 2,
    stderr: (d) => `${join(d, "data.csv")}:5: infected`,
  },
  {
    name: "fit: hours 1e308",
    args: (d) => [
      "fit",
      fitCsv(
        d,
        [0, 1, 2, 3, 4].map((t) => [t === 4 ? "1e308" : t, logistic(t)]),
      ),
    ],
    code: 2,
    stderr: (d) => `${join(d, "data.csv")}:6: hours`,
  },
  {
    name: "fit: --model two-factor on 5 rows",
    args: (d) => [
      "fit",
      fitCsv(
        d,
        [0, 1, 2, 3, 4].map((t) => [t, logistic(t)]),
      ),
      "--model",
      "two-factor",
    ],
    code: 2,
    stderr: (d) => `${join(d, "data.csv")}: 5 data rows; --model two-factor needs at least 8`,
  },
  {
    name: "fit: a non-outbreak zigzag (K <= 0)",
    args: (d) => [
      "fit",
      fitCsv(
        d,
        [100, 5000, 100, 5000, 100, 4000, 100, 3000].map((y, t) => [t, y]),
      ),
      "--method",
      "levels",
    ],
    code: 2,
    stderr: (d) => `${join(d, "data.csv")}: the logistic fit gives K = -`,
  },
  {
    name: "fit: --model unknown",
    args: (d) => [
      "fit",
      fitCsv(
        d,
        [0, 1, 2, 3, 4].map((t) => [t, logistic(t)]),
      ),
      "--model",
      "sir",
    ],
    code: 2,
    stderr: () => "--model",
  },
  {
    name: "fit: --out under a regular file",
    args: (d) => [
      "fit",
      fitCsv(
        d,
        [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12].map((t) => [t, logistic(t)]),
      ),
      "--out",
      join(write(d, "file", "x"), "out"),
    ],
    code: 73,
    stderr: (d) => join(d, "file"),
  },
  {
    name: "fit: no file",
    args: () => ["fit"],
    code: 2,
    stderr: () => "missing required argument 'file'",
  },
  {
    name: "fit: --method unknown",
    args: (d) => [
      "fit",
      fitCsv(
        d,
        [0, 1, 2, 3, 4].map((t) => [t, logistic(t)]),
      ),
      "--method",
      "x",
    ],
    code: 2,
    stderr: () => "--method",
  },
  {
    name: "fit: --saturation abc",
    args: (d) => [
      "fit",
      fitCsv(
        d,
        [0, 1, 2, 3, 4].map((t) => [t, logistic(t)]),
      ),
      "--saturation",
      "abc",
    ],
    code: 2,
    stderr: () => "--saturation",
  },
  // validate
  ...["0", "1.5", "abc"].map((seeds): Case => ({
    name: `validate: --seeds ${seeds}`,
    args: () => ["validate", "--seeds", seeds],
    code: 2,
    stderr: () => "--seeds",
  })),
  {
    name: "validate: unknown run",
    args: () => ["validate", "--seeds", "1", "--runs", "jul13"],
    code: 2,
    stderr: () => "jul13",
  },
  {
    name: "validate: --with a missing file",
    args: (d) => ["validate", "--seeds", "1", "--with", join(d, "none.json")],
    code: 2,
    stderr: (d) => join(d, "none.json"),
  },
  // model
  {
    name: "model: unknown preset",
    args: () => ["model", "--preset", "jul32-2001", "--runs", "0"],
    code: 2,
    stderr: () => "jul32-2001",
  },
  {
    name: "model: --preset constructor",
    args: () => ["model", "--preset", "constructor", "--runs", "0"],
    code: 2,
    stderr: () => "constructor",
  },
  ...["-1", "1.5", "abc"].map((runs): Case => ({
    name: `model: --runs ${runs}`,
    args: () => ["model", "--runs", runs],
    code: 2,
    stderr: () => "--runs",
  })),
  {
    name: "model: unknown option",
    args: () => ["model", "--no-such-option"],
    code: 2,
    stderr: () => "--no-such-option",
  },
  {
    name: "model: --out under /proc",
    args: () => ["model", "--runs", "0", "--out", "/proc/wormscope-exit-test/out"],
    code: 73,
    stderr: () => "/proc/wormscope-exit-test",
  },
  {
    name: "model: --out under a regular file",
    args: (d) => ["model", "--runs", "0", "--out", join(write(d, "file", "x"), "out")],
    code: 73,
    stderr: (d) => join(d, "file"),
  },
];

describe("wormscope exit codes on bad input (issue 15)", () => {
  it("has distinct case names", () => {
    expect(new Set(CASES.map((c) => c.name)).size).toBe(CASES.length);
  });

  it.each(CASES.map((c, i) => [c.name, c, i] as const))("%s", (_name, c, i) => {
    const dir = join(root, String(i));
    mkdirSync(dir);
    const args = c.args(dir);
    const r = runCli(args, "", 30_000);
    expect(r.signal, `${args.join(" ")}: timed out`).toBeNull();
    expect(r.stderr).not.toMatch(STACK);
    expect(r.stderr).not.toContain("internal error");
    expect(r.status, r.stderr).toBe(c.code);
    const want = c.stderr(dir);
    if (typeof want === "string") expect(r.stderr).toContain(want);
    else expect(r.stderr).toMatch(want);
  });
});
