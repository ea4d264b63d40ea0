/**
 * bench/suite.ts as the compiled CLI sees it (scripts/build.ts bundles this file in its place). The
 * benchmark is development code: it reads test/data and writes bench/results.json in a clone of the
 * repository, and is not in the package. In a clone, `wormscope bench` runs bench/run.ts (the entry of
 * `npm run bench`) through tsx; elsewhere it says where the benchmark lives.
 */
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { UserInputError } from "../src/core/errors.ts";
import type { BenchOptions } from "../bench/suite.ts";

/** Runs the repository's benchmark, if this dist sits in a clone (dist/ is one level up from here). */
export function runBench(options: BenchOptions): Promise<void> {
  const run = fileURLToPath(new URL("../../bench/run.ts", import.meta.url));
  let tsx: string | undefined;
  try {
    tsx = import.meta.resolve("tsx");
  } catch {
    tsx = undefined;
  }
  if (!existsSync(run) || tsx === undefined) {
    throw new UserInputError(
      "bench: the benchmark runs in a clone of the wormscope repository (npm run bench); it is not part of the installed package",
    );
  }
  const args = ["--import", tsx, run];
  if (options.json) args.push("--json");
  if (options.referenceUntil !== undefined) args.push("--reference-until", options.referenceUntil);
  const r = spawnSync(process.execPath, args, { stdio: "inherit" });
  if (r.error) throw r.error;
  process.exitCode = r.status ?? 1;
  return Promise.resolve();
}
