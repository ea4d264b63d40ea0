/**
 * `mkdir -p` that always ends. Node's own recursive mkdir spins for ever when a parent exists but
 * refuses children with ENOENT (any path under /proc, for one), so we walk the path ourselves: find
 * the deepest existing ancestor, check that it is a directory, and create each missing level once.
 * (Reproduced on Node 20.20: `mkdirSync("/proc/x", { recursive: true })` never returns.)
 */
import { mkdirSync, rmdirSync, statSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { UserInputError } from "../core/errors.ts";
import { fsErrorReason } from "./fs-errors.ts";

/** Exit status for an output that cannot be created (sysexits EX_CANTCREAT). */
export const EXIT_CANNOT_CREATE = 73;

/** A UserInputError (exit 73) saying `what` could not be created, and why. */
export function cannotCreate(what: string, error: unknown): UserInputError {
  return cannotCreateBecause(what, fsErrorReason(error));
}

/** A UserInputError (exit 73): "cannot create `what`: `reason`". */
export function cannotCreateBecause(what: string, reason: string): UserInputError {
  return new UserInputError(`cannot create ${what}: ${reason}`, EXIT_CANNOT_CREATE);
}

/**
 * Creates directory `dir` and its missing parents; an existing directory is fine. Returns the
 * directories it created itself, outermost first (empty when `dir` already existed), so that a
 * caller whose write then fails can remove exactly those and leave pre-existing ones alone.
 */
export function makeDirectory(dir: string): string[] {
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
    if (!isDirectory) throw cannotCreateBecause(dir, `${path} is not a directory`);
    break;
  }
  const created: string[] = [];
  for (const level of missing.reverse()) {
    try {
      mkdirSync(level);
      created.push(level);
    } catch (error) {
      // Someone else created it meanwhile: fine if it is a directory (and not ours to remove).
      if ((error as NodeJS.ErrnoException).code === "EEXIST" && isDirectorySafe(level)) continue;
      removeDirectories(created);
      throw cannotCreate(dir, error);
    }
  }
  return created;
}

/**
 * Removes directories that `makeDirectory` returned, innermost first, each only if it is empty
 * (rmdir): anything someone put there meanwhile stays. Best effort, never throws.
 */
export function removeDirectories(created: readonly string[]): void {
  for (const level of [...created].reverse()) {
    try {
      rmdirSync(level);
    } catch {
      // Not empty, or already gone: leave it.
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
