/**
 * The one safe writer for every output file: readers see the old file or the new one, never half of
 * one, and the writer never replaces or writes through anything but a regular file.
 *
 * How a file is written:
 * 1. `lstat` the target. A missing target is fine, and so is an existing regular file. Anything else
 *    is refused with exit 73 before any byte is written: a character or block device (`/dev/null`,
 *    `/dev/full`), a FIFO, a socket, a directory, and a symbolic link. Renaming over a device or
 *    FIFO would replace the node with a plain file (as root, `/dev/full` became a regular file), and
 *    a symbolic link is refused rather than followed, because following it writes wherever the link
 *    points, which whoever planted it chose: give the real file's path instead.
 * 2. Create a temporary file beside the target (same directory, so the rename stays on one
 *    filesystem) under a random name (`<target>.tmp-<32 hex digits>`, from `crypto.randomBytes`),
 *    opened with O_CREAT|O_EXCL (`"wx"`) and mode 0600: an existing name, including a symbolic link
 *    planted there, makes the open fail instead of being followed or reused.
 * 3. Write, fsync, set the final mode (`0o666 & ~umask`, what a plain write of a new file gives),
 *    close.
 * 4. `lstat` the target again (it may have changed meanwhile), then rename the temporary file over
 *    it.
 *
 * Every failure removes the temporary file (only one this call created) and throws a
 * UserInputError (exit 73) naming the file and the reason; the previous target, if any, is intact.
 * Someone who can write to the target's directory can still swap the target between the last check
 * and the rename, but they could as well delete it themselves: the rename only ever replaces a
 * directory entry and never writes through a link or into a device.
 */
import { randomBytes } from "node:crypto";
import {
  closeSync,
  fchmodSync,
  fsyncSync,
  lstatSync,
  openSync,
  renameSync,
  unlinkSync,
  writeFileSync,
  type Stats,
} from "node:fs";
import { dirname, join } from "node:path";
import { UserInputError } from "../core/errors.ts";
import {
  cannotCreate,
  cannotCreateBecause,
  makeDirectory,
  removeDirectories,
} from "./make-directory.ts";

/**
 * Writes `data` to `path` atomically (see the module comment): a temporary file created exclusively
 * under a random name beside `path`, fsynced, then renamed over it. Refuses, with exit 73, a target
 * that exists and is not a regular file: a device, FIFO, socket or directory, and a symbolic link
 * (refused, not followed: that is the safe choice). On failure the temporary file is removed, the
 * previous `path`, if any, is left untouched, and a UserInputError (exit 73) names the file and the
 * reason.
 */
export function writeFileAtomic(path: string, data: string | Uint8Array): void {
  checkTarget(path);
  const tmp = stage(path, data);
  try {
    checkTarget(path);
    renameSync(tmp, path);
  } catch (error) {
    removeQuietly(tmp);
    throw asCannotCreate(path, error);
  }
}

/**
 * Writes a set of outputs into `dir` (created if missing), each as `writeFileAtomic` does; `files`
 * maps a file name (relative to `dir`) to its contents. Every target is checked and every file fully
 * written to its temporary name before the first rename, so a failure while writing (ENOSPC, a
 * refused target) leaves none of the targets changed, no temporary file, and none of the
 * directories this call created (directories that existed before are left alone).
 */
export function writeFilesAtomic(
  dir: string,
  files: Readonly<Record<string, string | Uint8Array>>,
): void {
  const created: string[] = [];
  const staged: Array<[tmp: string, target: string]> = [];
  let target = dir;
  try {
    created.push(...makeDirectory(dir));
    for (const [name, data] of Object.entries(files)) {
      target = join(dir, name);
      created.push(...makeDirectory(dirname(target)));
      checkTarget(target);
      staged.push([stage(target, data), target]);
    }
  } catch (error) {
    for (const [tmp] of staged) removeQuietly(tmp);
    removeDirectories(created);
    throw asCannotCreate(target, error);
  }
  for (const [index, [tmp, target]] of staged.entries()) {
    try {
      checkTarget(target);
      renameSync(tmp, target);
    } catch (error) {
      for (const [left] of staged.slice(index)) removeQuietly(left);
      removeDirectories(created); // only those still empty: none, once a rename has succeeded
      throw asCannotCreate(target, error);
    }
  }
}

/** Refuses (exit 73) a target that exists and is not a regular file; a missing one is fine. */
function checkTarget(path: string): void {
  let stats: Stats;
  try {
    stats = lstatSync(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return;
    throw cannotCreate(path, error);
  }
  if (stats.isFile()) return;
  throw cannotCreateBecause(path, `${kindOf(stats)}, not a regular file`);
}

/** "is a character device", ... for what `lstat` found. */
function kindOf(stats: Stats): string {
  if (stats.isSymbolicLink()) return "is a symbolic link (not followed)";
  if (stats.isCharacterDevice()) return "is a character device";
  if (stats.isBlockDevice()) return "is a block device";
  if (stats.isFIFO()) return "is a FIFO (named pipe)";
  if (stats.isSocket()) return "is a socket";
  if (stats.isDirectory()) return "is a directory";
  return "is a special file";
}

/** The temporary name for `target`: beside it, random, never a name anyone can guess. */
function temporaryName(target: string): string {
  return `${target}.tmp-${randomBytes(16).toString("hex")}`;
}

/**
 * Writes `data` to a new temporary file beside `target` and returns its name: created exclusively
 * (O_CREAT|O_EXCL, mode 0600), written, fsynced, given the final mode, closed. On failure the
 * temporary file, if this call created it, is removed and the error rethrown as exit 73.
 */
function stage(target: string, data: string | Uint8Array): string {
  const tmp = temporaryName(target);
  let fd: number;
  try {
    fd = openSync(tmp, "wx", 0o600);
  } catch (error) {
    // Not ours (EEXIST would be someone else's file or link): nothing to remove.
    throw cannotCreate(target, error);
  }
  try {
    writeFileSync(fd, data);
    fsyncSync(fd);
    fchmodSync(fd, 0o666 & ~process.umask());
  } catch (error) {
    closeQuietly(fd);
    removeQuietly(tmp);
    throw cannotCreate(target, error);
  }
  try {
    closeSync(fd);
  } catch (error) {
    removeQuietly(tmp);
    throw cannotCreate(target, error);
  }
  return tmp;
}

function asCannotCreate(path: string, error: unknown): UserInputError {
  return error instanceof UserInputError ? error : cannotCreate(path, error);
}

function closeQuietly(fd: number): void {
  try {
    closeSync(fd);
  } catch {
    // Best effort: the original error is the one worth reporting.
  }
}

function removeQuietly(path: string): void {
  try {
    unlinkSync(path);
  } catch {
    // Best effort: the original error is the one worth reporting.
  }
}
