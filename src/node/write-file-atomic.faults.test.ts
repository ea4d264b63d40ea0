/**
 * Every failure path of the writer, by injected fault (the real failures, ENOSPC and EACCES, need a
 * small tmpfs or a non-root user, see write-file-atomic.test.ts): each step that can fail leaves no
 * temporary file, no directory the call created, and the previous target intact, with exit 73.
 */
import * as fs from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { UserInputError } from "../core/errors.ts";
import { writeFileAtomic, writeFilesAtomic } from "./write-file-atomic.ts";

const fault = vi.hoisted(() => ({ step: "" }));

vi.mock("node:fs", async (importOriginal) => {
  const real = await importOriginal<typeof import("node:fs")>();
  const failing =
    <A extends unknown[], R>(step: string, original: (...args: A) => R) =>
    (...args: A): R => {
      if (fault.step === step) {
        throw Object.assign(new Error(`injected ${step} failure`), { code: "EIO" });
      }
      return original(...args);
    };
  return {
    ...real,
    openSync: failing("open", real.openSync),
    writeFileSync: failing("write", real.writeFileSync),
    fsyncSync: failing("fsync", real.fsyncSync),
    fchmodSync: failing("fchmod", real.fchmodSync),
    closeSync: failing("close", real.closeSync),
    renameSync: failing("rename", real.renameSync),
  };
});

let dir = "";
beforeEach(() => {
  fault.step = "";
  dir = fs.mkdtempSync(join(tmpdir(), "wormscope-atomic-faults-"));
});
afterEach(() => {
  fault.step = "";
  fs.rmSync(dir, { recursive: true, force: true });
});

function expectCannotCreate(write: () => void, path: string): void {
  let error: unknown;
  try {
    write();
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(UserInputError);
  expect((error as UserInputError).exitCode).toBe(73);
  expect((error as Error).message).toBe(`cannot create ${path}: EIO`);
}

const steps = ["open", "write", "fsync", "fchmod", "close", "rename"];

describe.each(steps)("a failure at %s", (step) => {
  it("writeFileAtomic: no temporary file, old target intact", () => {
    const path = join(dir, "out.html");
    fs.writeFileSync(path, "old");
    fault.step = step;
    expectCannotCreate(() => writeFileAtomic(path, "new"), path);
    fault.step = "";
    expect(fs.readFileSync(path, "utf8")).toBe("old");
    expect(fs.readdirSync(dir)).toEqual(["out.html"]);
  });

  it("writeFilesAtomic into a new directory: nothing left behind", () => {
    const out = join(dir, "csv", "run");
    fault.step = step;
    expectCannotCreate(
      () => writeFilesAtomic(out, { "a.csv": "a", "sub/b.csv": "b" }),
      join(out, "a.csv"),
    );
    fault.step = "";
    expect(fs.readdirSync(dir)).toEqual([]);
  });

  it("writeFilesAtomic into an existing directory: it and its files stay", () => {
    fs.writeFileSync(join(dir, "a.csv"), "old a");
    fault.step = step;
    expectCannotCreate(
      () => writeFilesAtomic(dir, { "a.csv": "a", "b.csv": "b" }),
      join(dir, "a.csv"),
    );
    fault.step = "";
    expect(fs.readdirSync(dir)).toEqual(["a.csv"]);
    expect(fs.readFileSync(join(dir, "a.csv"), "utf8")).toBe("old a");
  });
});
