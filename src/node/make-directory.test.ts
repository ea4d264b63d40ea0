import { existsSync, mkdtempSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { UserInputError } from "../core/errors.ts";
import { EXIT_CANNOT_CREATE, makeDirectory } from "./make-directory.ts";

describe("makeDirectory", () => {
  const root = mkdtempSync(join(tmpdir(), "wormscope-mkdir-"));

  it("creates missing levels and accepts an existing directory", () => {
    const deep = join(root, "a", "b", "c");
    makeDirectory(deep);
    expect(statSync(deep).isDirectory()).toBe(true);
    expect(() => makeDirectory(deep)).not.toThrow();
  });

  it("names a file in the way", () => {
    const file = join(root, "plain");
    writeFileSync(file, "x");
    const make = () => makeDirectory(join(file, "out"));
    expect(make).toThrow(UserInputError);
    expect(make).toThrow(/plain is not a directory/);
  });

  // Node 20's recursive mkdir never returns here: procfs answers ENOENT for a child of /proc.
  it.runIf(existsSync("/proc/self"))("ends with an error under /proc instead of spinning", () => {
    let error: unknown;
    try {
      makeDirectory("/proc/wormscope-nope/out");
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(UserInputError);
    expect((error as UserInputError).exitCode).toBe(EXIT_CANNOT_CREATE);
    expect((error as Error).message).toMatch(/cannot create \/proc\/wormscope-nope\/out: ENOENT/);
  });
});
