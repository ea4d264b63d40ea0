/**
 * `wormscope bench [--json]`: the benchmark of bench/suite.ts (the same code as `npm run bench`):
 * full-scale engine times, fast vs reference speed-up, analyzer throughput and ensembles, side by side
 * in one run; writes bench/results.json.
 */
import type { Command } from "@commander-js/extra-typings";

/** Registers the command. */
export function register(program: Command): void {
  program
    .command("bench")
    .description("benchmark the engines, the analyzer and ensembles; writes bench/results.json")
    .option("--json", "print only results.json to stdout")
    .option(
      "--reference-until <iso>",
      "horizon of the fast vs reference comparison (default 2001-07-19T17:00:00Z)",
    )
    .action(async (opts) => {
      const { runBench } = await import("../../../bench/suite.ts");
      await runBench({ json: opts.json ?? false, referenceUntil: opts.referenceUntil });
    });
}
