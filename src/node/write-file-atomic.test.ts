import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { writeFileAtomic, writeFilesAtomic } from "./write-file-atomic.ts";

let dir = "";
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "wormscope-atomic-"));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe("writeFileAtomic", () => {
  it("writes text and bytes, replaces an existing file, leaves no temporary file", () => {
    const path = join(dir, "out.json");
    writeFileAtomic(path, "old");
    writeFileAtomic(path, "new");
    expect(readFileSync(path, "utf8")).toBe("new");
    writeFileAtomic(join(dir, "b.bin"), new Uint8Array([1, 2, 3]));
    expect(Array.from(readFileSync(join(dir, "b.bin")))).toEqual([1, 2, 3]);
    expect(readdirSync(dir).sort()).toEqual(["b.bin", "out.json"]);
  });

  it("keeps the old target intact when the write fails", () => {
    const path = join(dir, "out.txt");
    writeFileSync(path, "intact");
    squat(join(dir, `out.txt.tmp-${process.pid}`));
    expect(() => writeFileAtomic(path, "half")).toThrow();
    expect(readFileSync(path, "utf8")).toBe("intact");
  });
});

describe("writeFilesAtomic", () => {
  it("creates the directory and writes every file, no temporary left", () => {
    const out = join(dir, "run", "a");
    writeFilesAtomic(out, { "fit.json": "{}", "charts/fit.svg": "<svg/>" });
    expect(readFileSync(join(out, "fit.json"), "utf8")).toBe("{}");
    expect(readFileSync(join(out, "charts", "fit.svg"), "utf8")).toBe("<svg/>");
    expect(readdirSync(out).sort()).toEqual(["charts", "fit.json"]);
  });

  it("changes no target when one file fails to stage", () => {
    writeFileSync(join(dir, "a.txt"), "old a");
    squat(join(dir, `b.txt.tmp-${process.pid}`));
    expect(() => writeFilesAtomic(dir, { "a.txt": "new a", "b.txt": "new b" })).toThrow();
    expect(readFileSync(join(dir, "a.txt"), "utf8")).toBe("old a");
    expect(readdirSync(dir).sort()).toEqual(["a.txt", `b.txt.tmp-${process.pid}`]);
  });
});

/** A non-empty directory on a temporary name: writing there fails (EISDIR) before any rename. */
function squat(path: string): void {
  mkdirSync(join(path, "keep"), { recursive: true });
}
