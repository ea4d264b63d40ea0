/** Issue 15: every user error in `simulate` input is exit 2 with a message naming the file or field. */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runCli } from "./run-cli.ts";

const dir = mkdtempSync(join(tmpdir(), "wormscope-input-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Writes a scenario file into the test's directory and returns its path. */
function scenarioFile(name: string, scenario: unknown): string {
  const path = join(dir, name);
  writeFileSync(path, JSON.stringify(scenario));
  return path;
}

describe("wormscope simulate refuses bad input with exit 2", () => {
  it("an invalid JSON scenario is named without echoing its bytes to the terminal (issue 15)", () => {
    const path = join(dir, "escape.json");
    writeFileSync(path, `{"name": "\u001b]0;pwned\u0007\u001b[2J${"SECRET".repeat(20)}`);
    const r = runCli(["simulate", "--scenario", path]);
    expect(r.status, r.stderr).toBe(2);
    expect(r.stderr).toContain(`${path}: invalid JSON at line 1, column 11:`);
    expect(r.stderr).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/);
    expect(r.stderr).not.toContain("SECRET".repeat(8));
  });

  it("--scenario /dev/zero is refused before it is read (not a regular file)", () => {
    const r = runCli(["simulate", "--scenario", "/dev/zero"]);
    expect(r.status, r.stderr).toBe(2);
    expect(r.stderr).toContain("/dev/zero: scenario is not a regular file");
  });

  it("a population hostList of /dev/zero is refused before it is read", () => {
    const path = scenarioFile("hostlist.json", {
      extends: "jul19-2001",
      population: { hostList: "/dev/zero" },
    });
    const r = runCli(["simulate", "--scenario", path]);
    expect(r.status, r.stderr).toBe(2);
    expect(r.stderr).toContain("/dev/zero: host list is not a regular file");
  });

  it("--preset constructor / toString: unknown preset", () => {
    for (const name of ["constructor", "toString"]) {
      const r = runCli(["simulate", "--preset", name]);
      expect(r.status, r.stderr).toBe(2);
      expect(r.stderr).toContain(`unknown preset "${name}"`);
      expect(r.stderr).not.toContain("start");
    }
  });

  it("a load16 observer over 0.0.0.0/0 names the observer (not an internal error)", () => {
    const path = scenarioFile("load16.json", {
      extends: "jul19-2001",
      observers: [{ type: "load16", name: "all", block: "0.0.0.0/0" }],
    });
    const r = runCli(["simulate", "--scenario", path]);
    expect(r.status, r.stderr).toBe(2);
    expect(r.stderr).toContain(`${path}: observers[1].block: load16 observer "all": at most 4096`);
  });

  it("a server observer over a /8 names the field", () => {
    const path = scenarioFile("server.json", {
      extends: "jul19-2001",
      observers: [{ type: "server", name: "www", block: "10.0.0.0/8" }],
    });
    const r = runCli(["simulate", "--scenario", path]);
    expect(r.status, r.stderr).toBe(2);
    expect(r.stderr).toContain(`${path}: observers[1].block: server observer "www": at most a /16`);
  });

  it("duplicate observer names in one file name the second", () => {
    const path = scenarioFile("dup.json", {
      extends: "jul19-2001",
      observers: [
        { type: "telescope", name: "a", block: "45.0.0.0/8" },
        { type: "telescope", name: "a", block: "46.0.0.0/8" },
      ],
    });
    const r = runCli(["simulate", "--scenario", path]);
    expect(r.status, r.stderr).toBe(2);
    expect(r.stderr).toContain(`${path}: observers[1].name: "a" is already the name`);
  });

  it("an observer name with a comma or a formula lead names the field", () => {
    for (const name of ["a,b", "=1+1"]) {
      const path = scenarioFile("name.json", {
        extends: "jul19-2001",
        observers: [{ type: "telescope", name, block: "45.0.0.0/8" }],
      });
      const r = runCli(["simulate", "--scenario", path]);
      expect(r.status, r.stderr).toBe(2);
      expect(r.stderr).toContain(`${path}: observers[0].name: observer names use only`);
    }
  });

  it("prints no control characters from a scenario name in the summary table", () => {
    const path = scenarioFile("escape.json", {
      extends: "jul19-2001",
      name: "evil\u001b[2J\u001b]0;pwned\u0007\u009b31m name",
      until: "2001-07-19T11:00:00Z",
      population: { model: "july2001", vulnerableHosts: 2000, excludedPrefix8s: [44, 189, 190] },
    });
    const r = runCli(["simulate", "--scenario", path]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain("evil[2J]0;pwned31m name");
    expect(r.stdout + r.stderr).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/);
  });
});

describe("wormscope simulate --seed (issue 15)", () => {
  it("accepts any integer up to 2^53-1, as a scenario does", () => {
    const r = runCli([
      "simulate",
      "--seed",
      "9007199254740991",
      "--until",
      "2001-07-19T10:30:00Z",
      "--json",
    ]);
    expect(r.status, r.stderr).toBe(0);
    expect((JSON.parse(r.stdout) as { seed: number }).seed).toBe(9007199254740991);
  });

  it("refuses 2^53 and beyond with exit 2 naming --seed", () => {
    for (const seed of ["9007199254740992", "1".repeat(40), "-1", "1.5"]) {
      const r = runCli(["simulate", "--seed", seed, "--until", "2001-07-19T10:30:00Z"]);
      expect(r.status, r.stderr).toBe(2);
      expect(r.stderr).toContain("--seed");
    }
  });
});
