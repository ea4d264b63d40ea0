/**
 * `wormscope validate`: runs every published Code Red comparison over N seeds and prints one table
 * (measurement, source, hosts or addresses, published figure, model mean and 5-95% band, inside or
 * outside, fit or prediction). Progress goes to stderr.
 */
import { Command } from "@commander-js/extra-typings";
import { UserInputError } from "../../core/errors.ts";
import { readScenarioFile } from "../../node/scenario-files.ts";
import { VALIDATION_RUNS, type ValidationRun } from "../../validation/measurements.ts";
import { runValidation, validationTable } from "../../validation/validate.ts";

/** Registers `validate` on the program. */
export function register(program: Command): void {
  program
    .command("validate")
    .description("compare the model with every published Code Red measurement (one table)")
    .option("--seeds <n>", "seeds per run (1-1000)", "20")
    .option(
      "--runs <list>",
      `runs to do, comma-separated (${Object.keys(VALIDATION_RUNS).join(",")})`,
    )
    .option(
      "--with <file>",
      "a scenario file whose fields apply to every run (a candidate calibration; worm entries only where the variant runs)",
    )
    .option("--json", "print the rows as JSON")
    .action((opts) => {
      const seeds = Number(opts.seeds);
      if (!Number.isInteger(seeds) || seeds < 1 || seeds > 1000) {
        throw new UserInputError(
          `--seeds: an integer from 1 to 1000, got ${JSON.stringify(opts.seeds)}`,
        );
      }
      const known = Object.keys(VALIDATION_RUNS);
      const runs = opts.runs?.split(",").map((r) => r.trim());
      for (const r of runs ?? []) {
        if (!known.includes(r)) {
          throw new UserInputError(
            `--runs: unknown run ${JSON.stringify(r)} (one of ${known.join(", ")})`,
          );
        }
      }
      const rows = runValidation({
        seeds,
        with: opts.with === undefined ? undefined : readScenarioFile(opts.with),
        runs: runs as ValidationRun[] | undefined,
        onRun: (run, seed, done, total) =>
          process.stderr.write(`\rvalidate: ${run} seed ${seed} (${done}/${total})   `),
      });
      process.stderr.write("\n");
      if (opts.json) process.stdout.write(JSON.stringify({ seeds, rows }, null, 2) + "\n");
      else process.stdout.write(validationTable(rows, seeds) + "\n");
    });
}
