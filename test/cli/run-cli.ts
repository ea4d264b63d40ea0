/**
 * Runs the wormscope CLI in a child process, as a user would: bin/wormscope.js runs the compiled
 * dist/cli/main.js (vitest's global setup, test/helpers/fresh-dist.ts, rebuilds it when stale).
 */
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";

/** The CLI entry point. */
export const BIN = fileURLToPath(new URL("../../bin/wormscope.js", import.meta.url));

/** The result of a CLI run. */
export interface CliRun {
  status: number | null;
  stdout: string;
  stderr: string;
  /** The signal that ended the child (e.g. SIGTERM when `timeoutMs` ran out), or null. */
  signal: NodeJS.Signals | null;
}

/**
 * Runs `wormscope ...args` with TZ=UTC and no TTY. `timeoutMs` is a guard against a hang (the child
 * is killed and `signal` says so), never a speed assertion.
 */
export function runCli(args: string[], input?: string, timeoutMs?: number): CliRun {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    encoding: "utf8",
    input,
    env: { ...process.env, TZ: "UTC", FORCE_COLOR: "0" },
    maxBuffer: 64 * 1024 * 1024,
    timeout: timeoutMs,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr, signal: r.signal };
}
