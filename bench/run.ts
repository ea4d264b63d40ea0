/**
 * `npm run bench`: runs the wormscope benchmark (bench/suite.ts) and writes bench/results.json.
 * Flags: --json (print results.json only), --reference-until ISO (horizon of the speed-up comparison).
 */
import { runBench } from "./suite.ts";

const args = process.argv.slice(2);
const at = args.indexOf("--reference-until");
await runBench({
  json: args.includes("--json"),
  referenceUntil: at >= 0 ? args[at + 1] : undefined,
});
