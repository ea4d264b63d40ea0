/**
 * Runs a preset over seeds 1..N, each with its own population (unlike an ensemble, which shares one),
 * and prints mean and 5-95% of the headline figures. Usage: tsx scripts/seed-sweep.ts [preset] [N]
 */
import { resolveScenario } from "../src/scenario/resolve.ts";
import { buildModelPopulation, runSimulation } from "../src/scenario/run.ts";

const preset = process.argv[2] ?? "jul19-2001";
const runs = Number(process.argv[3] ?? 20);
const rows: Record<string, number[]> = {};
const add = (k: string, v: number) => (rows[k] ??= []).push(v);
for (let seed = 1; seed <= runs; seed++) {
  const scenario = resolveScenario({ extends: preset, seed });
  const { summary: s } = runSimulation(scenario, buildModelPopulation(scenario));
  const startMs = Date.parse(s.start);
  add("telescopeUniqueSources", s.telescope?.uniqueSources ?? NaN);
  add("infectedEver", s.infectedEver);
  add("peakNewPerMinute", s.peakNewPerMinute);
  for (const f of ["0.5", "0.9"]) {
    const t = s.timeTo[f];
    add(`hoursTo${f}`, t ? (Date.parse(t) - startMs) / 3_600_000 : NaN);
  }
  process.stderr.write(
    `seed ${seed}: ${s.telescope?.uniqueSources} sources, peak ${s.peakNewPerMinute}\n`,
  );
}
const q = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  const i = (s.length - 1) * p;
  return s[Math.floor(i)] + (s[Math.ceil(i)] - s[Math.floor(i)]) * (i - Math.floor(i));
};
console.log(`${preset}, seeds 1-${runs} (each with its own population):`);
for (const [k, xs] of Object.entries(rows)) {
  const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
  console.log(
    `  ${k}: mean ${mean.toFixed(2)}, 5% ${q(xs, 0.05).toFixed(2)}, 95% ${q(xs, 0.95).toFixed(2)}`,
  );
}
