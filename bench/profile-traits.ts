/**
 * One full-scale run for a CPU profile of the host traits' cost (docs/research/issue-10-traits-cost.md):
 * `node --import tsx --cpu-prof bench/profile-traits.ts [off|on|churn] [preset]`. "off": one rate for
 * every host and fixed addresses; "on": the preset's traits; "churn": those with {@link BENCH_CHURN}.
 * aug04-2001 runs 7 days, as in the bench; seed 1.
 */
import { resolveScenario } from "../src/scenario/resolve.ts";
import { buildModelPopulation } from "../src/scenario/run.ts";
import { toEngineInput } from "../src/scenario/engine-input.ts";
import { runFastEngine } from "../src/sim/fast-engine.ts";
import { BENCH_CHURN, TRAITS_OFF } from "./traits-bench.ts";

const mode = process.argv[2] ?? "churn";
const preset = process.argv[3] ?? "aug04-2001";
if (!["off", "on", "churn"].includes(mode)) {
  process.stderr.write(`profile-traits: mode is off, on or churn, got ${mode}\n`);
  process.exit(2);
}
const base = resolveScenario({ extends: preset });
const until = new Date(Date.parse(base.start) + 168 * 3_600_000).toISOString();
const file =
  mode === "off"
    ? { extends: preset, ...TRAITS_OFF }
    : mode === "churn"
      ? { extends: preset, addressChurn: BENCH_CHURN }
      : { extends: preset };
const scenario = resolveScenario(file, preset === "aug04-2001" ? { until } : {});
const input = toEngineInput(scenario, buildModelPopulation(scenario));
const t0 = performance.now();
const r = runFastEngine(input);
const seconds = (performance.now() - t0) / 1000;
process.stdout.write(
  `${preset} ${mode}: ${seconds.toFixed(3)} s, ${r.eventsSampled} events, ` +
    `${r.infectedEver} hosts, ${r.infectedAddressesEver} addresses\n`,
);
