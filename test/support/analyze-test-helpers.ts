/**
 * Helpers for the analyze tests: paths of the in-repo real logs, the Code Red tail read from them,
 * and a temporary directory.
 */
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

/** Absolute path of a file in test/data/real-logs. */
export function realLog(name: string): string {
  return fileURLToPath(new URL(`../data/real-logs/${name}`, import.meta.url));
}

/** The two real 2001 Code Red lines. */
export function realCodeRedLines(): string[] {
  return readFileSync(realLog("codered-2001-lines.log"), "latin1").split("\n").filter(Boolean);
}

/** The Code Red tail (after the N run, before the protocol) of the first real line. */
export function realCodeRedTail(): string {
  const line = realCodeRedLines()[0];
  let i = line.indexOf("?") + 1;
  while (line[i] === "N") i++;
  return line.slice(i, line.indexOf(" HTTP/", i)).trimEnd();
}

/** A fresh temporary directory. */
export function tempDir(): string {
  return mkdtempSync(join(tmpdir(), "wormscope-analyze-"));
}
