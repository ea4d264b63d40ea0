/**
 * Code Red v1 calibration grid (issue 10): runs jul12-2001 over a grid of per-host rate dispersions
 * (sigma) and introduction times, several seeds each, with a server observer on one /16, and prints
 * per point the model against eEye's ~11,900 (18 July 14:00 UTC) and Ken Eichman's daily table
 * (unique sources per day and cumulative, 13-18 July), with the squared log error over those targets.
 *
 *   npx tsx scripts/calibrate-crv1.ts [--sigmas 0.9,1.0,1.1] [--intro 2001-07-13T00:00Z,...]
 *     [--churn 0,0.5:0.04] [--seeds 20]
 *
 * --churn lists address-churn settings as dynamicShare:perHostPerHour (0: none).
 *
 * It fits on Code Red v1 data only; predictions for other days are for scripts of their own.
 * @see ../docs/calibration.md
 */
import { resolveScenario } from "../src/scenario/resolve.ts";
import { buildModelPopulation } from "../src/scenario/run.ts";
import { toEngineInput } from "../src/scenario/engine-input.ts";
import { runFastEngine } from "../src/sim/fast-engine.ts";
import type { ScenarioFile } from "../src/scenario/schema.ts";

/** eEye's client count, 18 July ~14:00 UTC (seed article; ../shared/docs/codered-facts.md section 1). */
const EEYE = { at: "2001-07-18T14:00:00Z", count: 11_900 };
/** Eichman's /16, 13-18 July (../shared/docs/codered-facts.md section 4b). */
const EICHMAN_DAILY = [27, 1_076, 3_498, 6_137, 7_189, 8_247];
const EICHMAN_CUMULATIVE = [27, 1_079, 3_641, 7_146, 10_212, 13_866];
const EICHMAN_PROBES = [611, 36_273, 215_020, 316_828, 316_359, 294_345];
const FIRST_DAY = "2001-07-13T00:00:00Z";

function flag(name: string, fallback: string): string {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : fallback;
}

const sigmas = flag("--sigmas", "0.9,1.0,1.1,1.2").split(",").map(Number);
const intros = flag("--intro", "2001-07-12T12:00:00Z,2001-07-13T00:00:00Z").split(",");
const seeds = Number(flag("--seeds", "5"));
const churns = flag("--churn", "0")
  .split(",")
  .map((c) => {
    if (c === "0") return null;
    const [dynamicShare, perHostPerHour] = c.split(":").map(Number);
    return { dynamicShare, perHostPerHour };
  });

interface Figures {
  eeye: number;
  daily: number[];
  cumulative: number[];
  probes: number[];
}

type Churn = (typeof churns)[number];

function run(sigma: number, intro: string, churn: Churn, seed: number): Figures {
  const file: ScenarioFile = {
    extends: "jul12-2001",
    seed,
    start: intro < "2001-07-12T00:00:00Z" ? intro : "2001-07-12T00:00:00Z",
    worms: [{ variant: "crv1", introducedAt: intro, initialInfected: 1 }],
    observers: [{ type: "server", name: "one-16", block: "134.243.0.0/16" }],
    ...(sigma > 0 ? { rateHeterogeneity: { distribution: "lognormal", sigma } } : {}),
    ...(churn ? { addressChurn: churn } : {}),
  };
  const scenario = resolveScenario(file);
  const input = toEngineInput(scenario, buildModelPopulation(scenario));
  const r = runFastEngine(input);
  const hourOf = (iso: string) => (Date.parse(iso) - input.startMs) / 3_600_000;
  const seq = r.sequences[0];
  const eeye = seq.reachedByHour[hourOf(EEYE.at) - 1] ?? 0;
  const o = r.observers.find((x) => x.name === "one-16");
  if (!o) throw new Error("observer missing");
  const day0 = Math.round(hourOf(FIRST_DAY) / 24);
  const days = o.dailyUniqueSources ?? [];
  const daily = EICHMAN_DAILY.map((_, d) => days[day0 + d] ?? 0);
  const cumulative = EICHMAN_DAILY.map((_, d) => {
    const end = (hourOf(FIRST_DAY) + 24 * (d + 1)) * 3600;
    let n = 0;
    // Addresses, as Eichman counted them: (host, address) pairs.
    for (const t of o.sourceFirstSeenSeconds ?? o.firstSeenSeconds) if (t >= 0 && t < end) n++;
    return n;
  });
  const probes = EICHMAN_DAILY.map((_, d) => {
    let p = 0;
    for (let h = 0; h < 24; h++) p += o.hours[(day0 + d) * 24 + h]?.probes ?? 0;
    return p;
  });
  return { eeye, daily, cumulative, probes };
}

const logError = (model: number, observed: number) => Math.log(Math.max(model, 1) / observed) ** 2;

console.log(
  "sigma\tintro\tchurn\teEye(mean)\tdaily 13..18 (mean)\tcumulative 13..18 (mean)\tprobes/source/day 14..18\tloss",
);
for (const sigma of sigmas) {
  for (const intro of intros) {
    for (const churn of churns) {
      const all: Figures[] = [];
      for (let seed = 1; seed <= seeds; seed++) all.push(run(sigma, intro, churn, seed));
      const mean = (f: (x: Figures) => number) => all.reduce((s, x) => s + f(x), 0) / all.length;
      const eeye = mean((x) => x.eeye);
      const daily = EICHMAN_DAILY.map((_, d) => mean((x) => x.daily[d]));
      const cumulative = EICHMAN_DAILY.map((_, d) => mean((x) => x.cumulative[d]));
      const perSource = EICHMAN_DAILY.slice(1).map(
        (_, d) => mean((x) => x.probes[d + 1]) / daily[d + 1],
      );
      // The fit targets: eEye, and Eichman's daily and cumulative sources on 14-18 July (13 July's 27 is
      // one hour's worth of a start; it fixes the start, so it is in too).
      let loss = logError(eeye, EEYE.count);
      for (let d = 0; d < EICHMAN_DAILY.length; d++) {
        loss +=
          logError(daily[d], EICHMAN_DAILY[d]) + logError(cumulative[d], EICHMAN_CUMULATIVE[d]);
      }
      const f = (xs: number[]) => xs.map((x) => Math.round(x)).join("/");
      console.log(
        `${sigma}\t${intro}\t${churn ? `${churn.dynamicShare}:${churn.perHostPerHour}` : 0}\t${Math.round(eeye)}\t${f(daily)}\t${f(cumulative)}\t${perSource.map((x) => x.toFixed(1)).join("/")}\t${loss.toFixed(3)}`,
      );
    }
  }
}
console.log(
  `(Eichman: daily ${EICHMAN_DAILY.join("/")}, cumulative ${EICHMAN_CUMULATIVE.join("/")}, probes ${EICHMAN_PROBES.join("/")}; eEye ${EEYE.count})`,
);
