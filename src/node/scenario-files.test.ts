import { mkdtempSync, rmSync, truncateSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { UserInputError } from "../core/errors.ts";
import { resolveScenario } from "../scenario/resolve.ts";
import {
  describeJsonError,
  HOST_LIST_MAX_BYTES,
  loadPopulation,
  readBoundedText,
  readScenarioFile,
  SCENARIO_FILE_MAX_BYTES,
} from "./scenario-files.ts";

const dir = mkdtempSync(join(tmpdir(), "wormscope-scenario-files-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A sparse file of `bytes` zero bytes (no disk used). */
function sparse(name: string, bytes: number): string {
  const path = join(dir, name);
  writeFileSync(path, "");
  truncateSync(path, bytes);
  return path;
}

describe("reading scenario files and host lists with a bound (issue 15)", () => {
  it("documents its limits: 10 MB for a scenario, 256 MB for a host list", () => {
    expect(SCENARIO_FILE_MAX_BYTES).toBe(10 * 1024 * 1024);
    expect(HOST_LIST_MAX_BYTES).toBe(256 * 1024 * 1024);
  });

  it("refuses /dev/zero and a directory as not regular files, before reading", () => {
    expect(() => readScenarioFile("/dev/zero")).toThrow(
      new UserInputError("/dev/zero: scenario is not a regular file"),
    );
    expect(() => readScenarioFile(dir)).toThrow(`${dir}: scenario is not a regular file`);
  });

  it("refuses a scenario file larger than the limit, and reads one at the limit", () => {
    const big = sparse("big.json", SCENARIO_FILE_MAX_BYTES + 1);
    expect(() => readScenarioFile(big)).toThrow(
      new UserInputError(`${big}: scenario is larger than 10 MB, the most wormscope reads`),
    );
    const path = join(dir, "exact.txt");
    writeFileSync(path, "abcd");
    expect(readBoundedText(path, "x", 4)).toBe("abcd");
    expect(() => readBoundedText(path, "x", 3)).toThrow(`${path}: x is larger than`);
  });

  it("still names a missing file", () => {
    expect(() => readScenarioFile(join(dir, "none.json"))).toThrow(
      `${join(dir, "none.json")}: cannot read scenario`,
    );
  });

  it("refuses a host list that is /dev/zero or larger than the limit", () => {
    const scenario = (hostList: string) =>
      resolveScenario({ extends: "jul19-2001", population: { hostList } }, {}, "s.json");
    expect(() => loadPopulation(scenario("/dev/zero"))).toThrow(
      new UserInputError("/dev/zero: host list is not a regular file"),
    );
    const big = sparse("hosts.csv", HOST_LIST_MAX_BYTES + 1);
    expect(() => loadPopulation(scenario(big))).toThrow(
      `${big}: host list is larger than 256 MB, the most wormscope reads`,
    );
  });
});

describe("invalid scenario JSON (issue 15)", () => {
  const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
  const messageOf = (name: string, text: string): string => {
    const path = join(dir, name);
    writeFileSync(path, text);
    try {
      readScenarioFile(path);
    } catch (error) {
      expect(error).toBeInstanceOf(UserInputError);
      return (error as Error).message;
    }
    throw new Error("expected a UserInputError");
  };

  it("quotes no raw bytes of the file: no control characters, at most 40 characters of it", () => {
    const secret = "SECRET".repeat(20);
    const escape = messageOf("escape.json", `\u001b]0;pwned\u0007${secret}`);
    expect(escape).toMatch(/escape\.json: invalid JSON: Unexpected token U\+001B$/);
    const inString = messageOf(
      "string.json",
      `{"extends": "jul19-2001",\n  "name": "\u001b[2J${secret}"}`,
    );
    expect(inString).not.toMatch(CONTROL);
    expect(inString).toContain("string.json: invalid JSON at line 2, column 12:");
    expect(inString).toContain("Bad control character in string literal");
    expect(inString).not.toContain(secret.slice(0, 45));
    const trailing = messageOf("trailing.json", `{}\n\n  ${secret}\u009b31m`);
    expect(trailing).toContain("invalid JSON at line 3, column 3:");
    expect(trailing).not.toMatch(CONTROL);
    expect(trailing.length).toBeLessThan(200);
  });

  it("keeps V8's words and a short excerpt for ordinary mistakes", () => {
    expect(messageOf("colon.json", '{\n  "seed" 1}')).toMatch(
      /colon\.json: invalid JSON at line 2, column 10: Expected ':' after property name near "1}"$/,
    );
    expect(messageOf("end.json", "")).toMatch(
      /end\.json: invalid JSON: Unexpected end of JSON input$/,
    );
    expect(
      describeJsonError("x", new SyntaxError("Unexpected token 'x', \"x\" is not valid JSON")),
    ).toBe('invalid JSON: Unexpected token "x"');
  });
});
