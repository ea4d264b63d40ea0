/**
 * Writes analysis outputs atomically: each file goes to a temporary name in the same directory and
 * is renamed over the target, so a reader never sees half a report.
 */
import { renameSync, rmSync, writeFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { UserInputError } from "../core/errors.ts";
import { makeDirectory } from "./make-directory.ts";

/** Writes `data` to `path` via a temporary file and a rename; a failure is a UserInputError. */
export function writeOutputAtomic(path: string, data: string): void {
  const tmp = join(dirname(path), `.${basename(path)}.tmp-${process.pid}`);
  try {
    writeFileSync(tmp, data);
    renameSync(tmp, path);
  } catch (error) {
    rmSync(tmp, { force: true });
    const code = (error as NodeJS.ErrnoException).code ?? String(error);
    throw new UserInputError(`cannot write ${path}: ${code}`);
  }
}

/** Writes several named files into `dir` (created if missing), each atomically. */
export function writeOutputsAtomic(dir: string, files: Record<string, string>): void {
  makeDirectory(dir);
  for (const [name, data] of Object.entries(files)) writeOutputAtomic(join(dir, name), data);
}
