/**
 * `mkdir -p` that always ends. Node's own recursive mkdir spins for ever when a parent exists but
 * refuses children with ENOENT (any path under /proc, for one), so we walk the path ourselves: find
 * the deepest existing ancestor, check that it is a directory, and create each missing level once.
 * (Reproduced on Node 20.20: `mkdirSync("/proc/x", { recursive: true })` never returns.)
 */
import { mkdirSync, statSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { UserInputError } from "../core/errors.ts";
import { fsErrorReason } from "./fs-errors.ts";

/** Exit status for an output that cannot be created (sysexits EX_CANTCREAT). */
export const EXIT_CANNOT_CREATE = 73;

/** A UserInputError (exit 73) saying `what` could not be created, and why. */
export function cannotCreate(what: string, error: unknown): UserInputError {
  return new UserInputError(`cannot create ${what}: ${fsErrorReason(error)}`, EXIT_CANNOT_CREATE);
}

/** Creates directory `dir` and its missing parents; an existing directory is fine. */
export function makeDirectory(dir: string): void {
  const missing: string[] = [];
  let path = resolve(dir);
  for (;;) {
    let isDirectory: boolean;
    try {
      isDirectory = statSync(path).isDirectory();
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== "ENOENT" && code !== "ENOTDIR") throw cannotCreate(dir, error);
      missing.push(path);
      const parent = dirname(path);
      if (parent === path) throw cannotCreate(dir, error);
      path = parent;
      continue;
    }
    if (!isDirectory) {
      throw new UserInputError(
        `cannot create ${dir}: ${path} is not a directory`,
        EXIT_CANNOT_CREATE,
      );
    }
    break;
  }
  for (const level of missing.reverse()) {
    try {
      mkdirSync(level);
    } catch (error) {
      // Someone else created it meanwhile: fine if it is a directory.
      if ((error as NodeJS.ErrnoException).code === "EEXIST" && isDirectorySafe(level)) continue;
      throw cannotCreate(dir, error);
    }
  }
}

function isDirectorySafe(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}
