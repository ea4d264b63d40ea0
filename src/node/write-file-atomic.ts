/**
 * Atomic file writes: readers see the old file or the new one, never half of one.
 */
import { renameSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { UserInputError } from "../core/errors.ts";
import { cannotCreate, makeDirectory } from "./make-directory.ts";

/**
 * Writes `data` to `path + ".tmp-<pid>"`, then renames it over `path` (atomic on one filesystem).
 * On failure the temporary file is removed, the previous `path`, if any, is left untouched, and a
 * UserInputError (exit 73) names the file and the reason.
 */
export function writeFileAtomic(path: string, data: string | Uint8Array): void {
  const tmp = `${path}.tmp-${process.pid}`;
  try {
    writeFileSync(tmp, data);
    renameSync(tmp, path);
  } catch (error) {
    removeQuietly(tmp);
    throw cannotCreate(path, error);
  }
}

/**
 * Writes a set of outputs into `dir` (created if missing), each atomically; `files` maps a file name
 * (relative to `dir`) to its contents. Every file is fully written to a temporary name before the
 * first rename, so a failure while writing leaves none of the targets changed.
 */
export function writeFilesAtomic(
  dir: string,
  files: Readonly<Record<string, string | Uint8Array>>,
): void {
  makeDirectory(dir);
  const staged: Array<[tmp: string, target: string]> = [];
  try {
    for (const [name, data] of Object.entries(files)) {
      const target = join(dir, name);
      const tmp = `${target}.tmp-${process.pid}`;
      staged.push([tmp, target]);
      makeDirectory(dirname(target));
      writeFileSync(tmp, data);
    }
  } catch (error) {
    for (const [tmp] of staged) removeQuietly(tmp);
    throw error instanceof UserInputError ? error : cannotCreate(staged.at(-1)?.[1] ?? dir, error);
  }
  for (const [tmp, target] of staged) {
    try {
      renameSync(tmp, target);
    } catch (error) {
      for (const [left] of staged) removeQuietly(left);
      throw cannotCreate(target, error);
    }
  }
}

function removeQuietly(path: string): void {
  try {
    rmSync(path, { force: true });
  } catch {
    // Best effort: the original error is the one worth reporting.
  }
}
