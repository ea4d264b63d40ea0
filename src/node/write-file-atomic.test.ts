import { spawnSync } from "node:child_process";
import {
  chmodSync,
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { basename, dirname, join } from "node:path";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { UserInputError } from "../core/errors.ts";
import { EXIT_CANNOT_CREATE } from "./make-directory.ts";
import { writeFileAtomic, writeFilesAtomic } from "./write-file-atomic.ts";

let dir = "";
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "wormscope-atomic-"));
});
afterEach(() => {
  chmodSync(dir, 0o700);
  rmSync(dir, { recursive: true, force: true });
});

/** The error `write` throws; fails the test when it throws none. */
function thrown(write: () => void): UserInputError {
  try {
    write();
  } catch (error) {
    expect(error).toBeInstanceOf(UserInputError);
    expect((error as UserInputError).exitCode).toBe(EXIT_CANNOT_CREATE);
    return error as UserInputError;
  }
  throw new Error("expected the write to fail");
}

const isRoot = process.getuid?.() === 0;

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

  it("gives the file the mode a plain write would (0666 & ~umask)", () => {
    const path = join(dir, "out.txt");
    writeFileAtomic(path, "x");
    expect(statSync(path).mode & 0o777).toBe(0o666 & ~process.umask());
  });

  it("refuses a directory as the target and leaves it alone", () => {
    const path = join(dir, "out.html");
    mkdirSync(join(path, "keep"), { recursive: true });
    const error = thrown(() => writeFileAtomic(path, "x"));
    expect(error.message).toBe(`cannot create ${path}: is a directory, not a regular file`);
    expect(readdirSync(path)).toEqual(["keep"]);
    expect(readdirSync(dir)).toEqual(["out.html"]);
  });

  // As root, a broken writer would replace the real /dev/null (it did, once, while this test was
  // checked against the old writer), so root tests a node made in the temporary directory with the
  // same device numbers (mknod c 1 3); anyone else tests /dev/null itself, which they cannot replace.
  it("refuses /dev/null (as root: a copy of it), which stays a character device (lstat)", (ctx) => {
    let devNull = "/dev/null";
    if (isRoot) {
      devNull = join(dir, "null");
      const made = spawnSync("mknod", ["-m", "666", devNull, "c", "1", "3"], { stdio: "ignore" });
      ctx.skip(made.status !== 0, "running as root and mknod(1) failed: no safe device to test");
    }
    ctx.skip(!existsSync(devNull), "no /dev/null on this system");
    expect(lstatSync(devNull).isCharacterDevice()).toBe(true);
    const error = thrown(() => writeFileAtomic(devNull, "x"));
    expect(error.message).toBe(
      `cannot create ${devNull}: is a character device, not a regular file`,
    );
    expect(lstatSync(devNull).isCharacterDevice()).toBe(true);
    thrown(() => writeFilesAtomic(dirname(devNull), { [basename(devNull)]: "x" }));
    expect(lstatSync(devNull).isCharacterDevice()).toBe(true);
    // No temporary file was left beside it either.
    const left = readdirSync(dirname(devNull)).filter((name) => name.startsWith("null.tmp-"));
    expect(left).toEqual([]);
  });

  it("refuses a symbolic link target and leaves the file it points to untouched", () => {
    const victim = join(dir, "victim.txt");
    writeFileSync(victim, "precious");
    const link = join(dir, "out.html");
    symlinkSync(victim, link);
    const error = thrown(() => writeFileAtomic(link, "attack"));
    expect(error.message).toBe(
      `cannot create ${link}: is a symbolic link (not followed), not a regular file`,
    );
    expect(readFileSync(victim, "utf8")).toBe("precious");
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(readdirSync(dir).sort()).toEqual(["out.html", "victim.txt"]);
  });

  it("refuses a dangling symbolic link target too (creating through it would write elsewhere)", () => {
    const link = join(dir, "out.html");
    const elsewhere = join(dir, "elsewhere.txt");
    symlinkSync(elsewhere, link);
    thrown(() => writeFileAtomic(link, "attack"));
    expect(existsSync(elsewhere)).toBe(false);
  });

  it("cannot be redirected by symbolic links planted at predictable temporary names", () => {
    const victim = join(dir, "victim.txt");
    writeFileSync(victim, "precious");
    const out = join(dir, "out");
    mkdirSync(out);
    const target = join(out, "report.html");
    // Every name the old writer could have used (`<target>.tmp-<pid>` for any pid), and a few more.
    const planted = new Set<string>();
    for (let pid = process.pid - 200; pid <= process.pid + 200; pid++) {
      if (pid > 0) planted.add(`report.html.tmp-${pid}`);
    }
    for (const name of ["report.html.tmp", "report.html.tmp-", ".report.html.tmp"])
      planted.add(name);
    for (const name of planted) symlinkSync(victim, join(out, name));
    writeFileAtomic(target, "report");
    writeFilesAtomic(out, { "report.html": "report again" });
    expect(readFileSync(victim, "utf8")).toBe("precious");
    expect(readFileSync(target, "utf8")).toBe("report again");
    expect(lstatSync(target).isFile()).toBe(true);
    const left = readdirSync(out).filter((name) => name !== "report.html");
    expect(new Set(left)).toEqual(planted);
    for (const name of planted) expect(lstatSync(join(out, name)).isSymbolicLink()).toBe(true);
  });

  it("refuses a FIFO, which stays a FIFO (skipped without mkfifo)", (ctx) => {
    const fifo = join(dir, "out.csv");
    const made = spawnSync("mkfifo", [fifo], { stdio: "ignore" });
    ctx.skip(made.status !== 0, "mkfifo(1) is unavailable or failed: cannot make a FIFO");
    const error = thrown(() => writeFileAtomic(fifo, "x"));
    expect(error.message).toBe(`cannot create ${fifo}: is a FIFO (named pipe), not a regular file`);
    expect(lstatSync(fifo).isFIFO()).toBe(true);
    thrown(() => writeFilesAtomic(dir, { "out.csv": "x" }));
    expect(lstatSync(fifo).isFIFO()).toBe(true);
    expect(readdirSync(dir)).toEqual(["out.csv"]);
  });

  // Root bypasses directory permissions, so a read-only directory does not stop root's writes.
  it("fails with exit 73 in a read-only directory (skipped as root)", (ctx) => {
    ctx.skip(isRoot, "running as root, which bypasses directory permissions");
    const path = join(dir, "out.txt");
    writeFileSync(path, "intact");
    chmodSync(dir, 0o500);
    const error = thrown(() => writeFileAtomic(path, "new"));
    expect(error.message).toBe(`cannot create ${path}: EACCES (permission denied)`);
    chmodSync(dir, 0o700);
    expect(readFileSync(path, "utf8")).toBe("intact");
    expect(readdirSync(dir)).toEqual(["out.txt"]);
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

  it("changes no target and leaves no temporary file when a later target is refused", () => {
    writeFileSync(join(dir, "a.txt"), "old a");
    mkdirSync(join(dir, "b.txt", "keep"), { recursive: true });
    const error = thrown(() => writeFilesAtomic(dir, { "a.txt": "new a", "b.txt": "new b" }));
    expect(error.message).toBe(
      `cannot create ${join(dir, "b.txt")}: is a directory, not a regular file`,
    );
    expect(readFileSync(join(dir, "a.txt"), "utf8")).toBe("old a");
    expect(readdirSync(dir).sort()).toEqual(["a.txt", "b.txt"]);
  });

  it("removes the directories it created when a write fails, and leaves existing ones", () => {
    const existing = join(dir, "existing");
    mkdirSync(existing);
    const out = join(existing, "new", "csv");
    const victim = join(dir, "victim");
    writeFileSync(victim, "v");
    symlinkSync(victim, join(dir, "victim-link"));
    // "sub/x.txt" creates new/, new/csv/ and new/csv/sub/ and is staged; the second file resolves to
    // dir/victim-link, a symbolic link, and is refused: everything this call created goes.
    const files = { "sub/x.txt": "x", "../../../victim-link": "y" };
    const error = thrown(() => writeFilesAtomic(out, files));
    expect(error.message).toMatch(/victim-link: is a symbolic link \(not followed\)/);
    expect(readdirSync(existing)).toEqual([]);
    expect(readFileSync(victim, "utf8")).toBe("v");
    expect(readdirSync(dir).sort()).toEqual(["existing", "victim", "victim-link"]);
  });
});

// ENOSPC on a 64 KiB tmpfs. Mounting needs root (or CAP_SYS_ADMIN); where the mount fails the
// tests are skipped, for that reason.
describe("a full filesystem (ENOSPC, 64 KiB tmpfs)", () => {
  let mountPoint = "";
  let mounted = false;
  const megabyte = new Uint8Array(1 << 20).fill(7);
  const reason = "cannot mount a 64 KiB tmpfs here (needs root or CAP_SYS_ADMIN)";

  beforeAll(() => {
    mountPoint = mkdtempSync(join(tmpdir(), "wormscope-enospc-"));
    const mount = spawnSync("mount", ["-t", "tmpfs", "-o", "size=64k", "tmpfs", mountPoint], {
      stdio: "ignore",
    });
    mounted = mount.status === 0;
  });
  afterAll(() => {
    if (mounted) spawnSync("umount", [mountPoint], { stdio: "ignore" });
    rmSync(mountPoint, { recursive: true, force: true });
  });

  it("writeFileAtomic: exit 73, no temporary file, old file intact", (ctx) => {
    ctx.skip(!mounted, reason);
    const path = join(mountPoint, "report.html");
    writeFileAtomic(path, "old");
    const error = thrown(() => writeFileAtomic(path, megabyte));
    expect(error.message).toBe(`cannot create ${path}: ENOSPC (no space left on device)`);
    expect(readFileSync(path, "utf8")).toBe("old");
    expect(readdirSync(mountPoint)).toEqual(["report.html"]);
    rmSync(path);
  });

  it("writeFilesAtomic into a new directory: exit 73, no empty directory left", (ctx) => {
    ctx.skip(!mounted, reason);
    const out = join(mountPoint, "csv", "run");
    const error = thrown(() => writeFilesAtomic(out, { "a.csv": "a", "b.csv": megabyte }));
    expect(error.message).toBe(
      `cannot create ${join(out, "b.csv")}: ENOSPC (no space left on device)`,
    );
    expect(readdirSync(mountPoint)).toEqual([]);
  });

  it("writeFilesAtomic into an existing directory: it stays, and stays empty", (ctx) => {
    ctx.skip(!mounted, reason);
    const out = join(mountPoint, "mine");
    mkdirSync(out);
    thrown(() => writeFilesAtomic(out, { "sub/a.csv": megabyte }));
    expect(readdirSync(mountPoint)).toEqual(["mine"]);
    expect(readdirSync(out)).toEqual([]);
    rmSync(out, { recursive: true });
  });
});
