/**
 * Scores the early-warning detector (src/models/early-warning.ts) on simulated telescopes (issue 14
 * item 3): jul19-2001, seeds 1..N, two monitors in unused space, a /8 (CAIDA's size) and a /12
 * (2^20 addresses, the size Zou et al. 2003 assume). Each minute the monitor's cumulative distinct
 * sources plus background sources (port-80 scanners that are not the worm: Poisson, B new sources a
 * minute, an assumption) are fed to the detector; reported per monitor: the detection time, the
 * share of vulnerable hosts infected by then, and false alarms on background alone (D days).
 *
 *   npx tsx scripts/score-early-warning.ts [--seeds 20] [--background 1] [--days 30]
 */
import { createRng } from "../src/core/rng.ts";
import { createSamplers } from "../src/core/samplers.ts";
import { detectOutbreak } from "../src/models/early-warning.ts";
import { resolveScenario } from "../src/scenario/resolve.ts";
import { buildModelPopulation, runSimulation } from "../src/scenario/run.ts";
import { flag } from "./script-args.ts";

const seeds = Number(flag("--seeds", "20"));
const background = Number(flag("--background", "1"));
const days = Number(flag("--days", "30"));

const MONITORS = [
  { type: "telescope" as const, name: "mon-8", block: "44.0.0.0/8" },
  { type: "telescope" as const, name: "mon-12", block: "44.0.0.0/12" },
];

const rows: Record<string, { minute: number | null; pct: number | null; k: number }[]> = {};
for (let seed = 1; seed <= seeds; seed++) {
  const scenario = resolveScenario({ extends: "jul19-2001", observers: MONITORS }, { seed });
  const out = runSimulation(scenario, buildModelPopulation(scenario));
  const r = out.result;
  const noise = createSamplers(createRng(seed).fork("early-warning-background"));
  for (const m of MONITORS) {
    const o = r.observers.find((x) => x.name === m.name)!;
    const times = o.sourceFirstSeenSeconds ?? o.firstSeenSeconds;
    const perMinute = new Float64Array(r.minutes);
    for (const t of times) if (t >= 0) perMinute[Math.min(r.minutes - 1, Math.floor(t / 60))]++;
    const y: number[] = [];
    let c = 0;
    for (let i = 0; i < r.minutes; i++) {
      c += perMinute[i] + noise.poisson(background);
      y.push(c);
    }
    const d = detectOutbreak(y, { stepMinutes: 1 });
    let infected = 0;
    if (d.alarmStep !== null) {
      const tEnd = (d.alarmStep + 1) * 60;
      for (const x of r.everTimes) if (x <= tEnd) infected++;
    }
    (rows[m.name] ??= []).push({
      minute: d.alarmStep,
      pct: d.alarmStep === null ? null : (100 * infected) / out.summary.vulnerable,
      k: d.ratePerHour,
    });
  }
  process.stderr.write(`\rseed ${seed}/${seeds}`);
}
process.stderr.write("\n");

const q = (v: number[], p: number) => {
  const s = [...v].sort((a, b) => a - b);
  const i = p * (s.length - 1);
  const lo = Math.floor(i);
  return s.length ? s[lo] + (s[Math.min(lo + 1, s.length - 1)] - s[lo]) * (i - lo) : Number.NaN;
};
console.log(
  `| monitor | detected | detection time UTC, median (5-95%) | % of vulnerable infected at detection, median (5-95%) | K at detection /h, median |`,
);
console.log(`|---|---|---|---|---|`);
for (const m of MONITORS) {
  const rs = rows[m.name];
  const hit = rs.filter((x) => x.minute !== null);
  const mins = hit.map((x) => x.minute!);
  const clock = (min: number) => {
    const t = new Date(Date.parse("2001-07-19T10:00:00Z") + (min + 1) * 60_000);
    return t.toISOString().slice(11, 16);
  };
  const pcts = hit.map((x) => x.pct!);
  console.log(
    `| ${m.block} | ${hit.length}/${rs.length} | ${clock(q(mins, 0.5))} (${clock(q(mins, 0.05))}-${clock(q(mins, 0.95))}) | ${q(pcts, 0.5).toFixed(2)} (${q(pcts, 0.05).toFixed(2)}-${q(pcts, 0.95).toFixed(2)}) | ${q(
      hit.map((x) => x.k),
      0.5,
    ).toFixed(2)} |`,
  );
}

// False alarms: background sources alone, `days` days, at several rates.
const noise = createSamplers(createRng(1).fork("early-warning-false-alarms"));
for (const b of [0.1, background, 10, 100]) {
  let alarms = 0;
  for (let d = 0; d < days; d++) {
    const y: number[] = [];
    let c = 0;
    for (let i = 0; i < 1440; i++) {
      c += noise.poisson(b);
      y.push(c);
    }
    if (detectOutbreak(y, { stepMinutes: 1 }).alarmStep !== null) alarms++;
  }
  console.log(`background alone, ${b} new sources/min: ${alarms} alarms in ${days} days`);
}
