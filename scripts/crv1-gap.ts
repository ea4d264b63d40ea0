/**
 * Code Red v1's gap, measured: what the static-seed model gives by 2001-07-18 14:00 UTC against the
 * ~12,000 eEye's client counted, the arithmetic bound behind it, and what the list would have had to
 * do to reach 12,000. Nothing here changes the preset; the faster runs are counterfactuals.
 * Usage: tsx scripts/crv1-gap.ts [seed]
 */
import { resolveScenario } from "../src/scenario/resolve.ts";
import { buildModelPopulation, runSimulation } from "../src/scenario/run.ts";
import type { WormEntry } from "../src/scenario/schema.ts";

const EEYE_COUNT = 12_000;
const AT = "2001-07-18T14:00:00Z";
const seed = Number(process.argv[2] ?? 1);

const base = resolveScenario({ extends: "jul12-2001", seed, until: AT });
const pop = buildModelPopulation(base);
const crv1 = base.worms[0].definition;
const seconds = (Date.parse(AT) - Date.parse(base.worms[0].introducedAt)) / 1000;

/** The bound, from the preset run's `vulnerable` (the hosts unpatched at the start). */
function printBound(vulnerable: number): void {
  const density = vulnerable / 2 ** 32;
  const listCovered = crv1.probesPerSecond * seconds;
  console.log(
    `seed ${seed}; ${vulnerable} unpatched vulnerable hosts; density ${density.toExponential(3)} per address`,
  );
  console.log(
    `bound: the leader covers ${crv1.probesPerSecond} x ${seconds} s = ${listCovered.toExponential(3)} list positions,` +
      ` which hold ${(listCovered * density).toFixed(0)} vulnerable hosts`,
  );
  console.log(
    `to hold ${EEYE_COUNT} the list must advance ${(EEYE_COUNT / density / seconds).toFixed(0)} positions/s` +
      ` (${(EEYE_COUNT / density / seconds / crv1.probesPerSecond).toFixed(1)} x the lab rate)`,
  );
}

function dayEndTotals(hourly: readonly { hour: string; infectedEver: number }[]): number[] {
  const totals: number[] = [];
  for (const h of hourly) if (h.hour.endsWith("T23:00:00Z")) totals.push(h.infectedEver);
  return totals;
}

const rows: [string, Partial<WormEntry>][] = [
  ["lab rate, shared sequence (the preset)", {}],
  ["lab rate, per-thread sequences", { threadSequences: "per-thread" }],
  ["counterfactual: 1,000 hosts seeded at the start", { initialInfected: 1000 }],
  ["counterfactual: 4 x lab rate", { probesPerSecond: crv1.probesPerSecond * 4 }],
  ["counterfactual: 17 x lab rate", { probesPerSecond: crv1.probesPerSecond * 17 }],
];
const table = [
  "| run | infected by 07-18 14:00 | x of 12,000 | day totals (12th-17th) | day 2 added | day 6 added | ratio | list observer / infected |",
  "|---|---|---|---|---|---|---|---|",
];
for (const [label, override] of rows) {
  const s = resolveScenario({
    extends: "jul12-2001",
    seed,
    until: AT,
    worms: [{ variant: "crv1", ...override }],
  });
  const { summary } = runSimulation(s, pop);
  if (table.length === 2) printBound(summary.vulnerable);
  const days = dayEndTotals(summary.hourly);
  const day2 = days[1] - days[0];
  const day6 = days[5] - days[4];
  const obs = summary.observers["early-in-list"];
  const reached = obs?.type === "sequence" ? (obs.reached.crv1 ?? 0) : NaN;
  table.push(
    `| ${label} | ${summary.infectedEver} | ${(summary.infectedEver / EEYE_COUNT).toFixed(3)} | ${days.join(", ")} | ${day2} | ${day6} | ${(day6 / day2).toFixed(2)} | ${reached} / ${summary.infectedEver} |`,
  );
}
console.log(`\n${table.join("\n")}`);
