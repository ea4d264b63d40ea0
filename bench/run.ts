/**
 * `npm run bench`: runs the wormscope benchmark (bench/suite.ts) and writes bench/results.json.
 * Flags: --json (print results.json only), --reference-until ISO (horizon of the speed-up comparison),
 * --baseline REF (also time the engine at git commit REF, side by side), --only-baseline (just that).
 */
import { runBench } from "./suite.ts";

const args = process.argv.slice(2);
const at = args.indexOf("--reference-until");
const base = args.indexOf("--baseline");
await runBench({
  baseline: base >= 0 ? args[base + 1] : undefined,
  baselineOnly: args.includes("--only-baseline"),
  json: args.includes("--json"),
  referenceUntil: at >= 0 ? args[at + 1] : undefined,
});
