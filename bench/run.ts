/**
 * `npm run bench`: runs the wormscope benchmark (bench/suite.ts) and writes bench/results.json.
 * Flags: --json (print results.json only), --reference-until ISO (horizon of the speed-up comparison),
 * --baseline REF (also time the engine at git commit REF, side by side), --only-baseline (just that),
 * --only traits [--repeats N] (just the host-traits section, default 3 repeats: prints its rows and
 * the JSON of its figures, writes no results.json), --only analyze (just the analyzer section,
 * bench/analyze.ts: prints its block and rows, writes no results.json).
 */
import { runBench } from "./suite.ts";
import { BENCH_CHURN, benchTraits } from "./traits-bench.ts";
import { analyzerRows, traitsRows } from "./table.ts";
import { benchAnalyze } from "./analyze.ts";

const args = process.argv.slice(2);
const at = args.indexOf("--reference-until");
const base = args.indexOf("--baseline");
const only = args.indexOf("--only");
if (only >= 0 && args[only + 1] === "analyze") {
  const analyzer = { available: true as const, ...(await benchAnalyze()) };
  for (const row of analyzerRows(analyzer)) process.stdout.write(row.join("  |  ") + "\n");
} else if (only >= 0) {
  if (args[only + 1] !== "traits") {
    process.stderr.write(
      `bench: --only takes "traits" or "analyze", got ${args[only + 1] ?? "nothing"}\n`,
    );
    process.exit(2);
  }
  const r = args.indexOf("--repeats");
  const repeats = r >= 0 ? Number(args[r + 1]) : 3;
  if (!Number.isInteger(repeats) || repeats < 1) {
    process.stderr.write(`bench: --repeats takes a positive integer, got ${args[r + 1]}\n`);
    process.exit(2);
  }
  const traits = [
    benchTraits("jul19-2001", repeats),
    benchTraits("aug04-2001", repeats, 7 * 24),
    benchTraits("jul19-2001", repeats, undefined, BENCH_CHURN),
    benchTraits("aug04-2001", repeats, 7 * 24, BENCH_CHURN),
  ];
  for (const row of traitsRows(traits)) process.stdout.write(row.join("  |  ") + "\n");
  process.stdout.write(JSON.stringify(traits, null, 2) + "\n");
} else {
  await runBench({
    baseline: base >= 0 ? args[base + 1] : undefined,
    baselineOnly: args.includes("--only-baseline"),
    json: args.includes("--json"),
    referenceUntil: at >= 0 ? args[at + 1] : undefined,
  });
}
