import { spawnSync } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { BIN } from "./run-cli.ts";

describe("bin/wormscope.js", () => {
  it("without dist/, says to run the build, in one line, and exits 2", () => {
    const dir = mkdtempSync(join(tmpdir(), "wormscope-bin-"));
    try {
      mkdirSync(join(dir, "bin"));
      copyFileSync(BIN, join(dir, "bin", "wormscope.js"));
      const r = spawnSync(process.execPath, [join(dir, "bin", "wormscope.js"), "--help"], {
        encoding: "utf8",
      });
      expect(r.status).toBe(2);
      expect(r.stdout).toBe("");
      expect(r.stderr).toBe("wormscope: dist/cli/main.js is missing: run `npm run build` first\n");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
