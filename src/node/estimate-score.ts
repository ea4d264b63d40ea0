/**
 * Scores `analyze`'s outbreak estimate against the simulator's truth (the closed loop): one seed of
 * one case simulates a scenario with a `server` observer, writes that server's Apache log
 * (`simulate --logs`), keeps the lines of the case's window (a log rotated at the window's ends),
 * analyses that file as `analyze` does and sets the estimate beside the truth.
 *
 * The truth is taken from the engine itself, stepped minute by minute through the step API: every
 * host's infected intervals (worm, and where the host sits relative to the server: same /16, same
 * /8, elsewhere), clipped to the window. Per group it gives
 * - `meanInfected`: infected host-seconds / window seconds, the time average. This is what the
 *   estimate targets: a host is seen with probability ~ its probes at the server, so the expected
 *   sources are proportional to the host-seconds, for a growing population as for a constant one;
 * - `everInfected`: hosts infected at any time in the window (equal to the mean when the population
 *   is constant over the window);
 * - per worm, the probe rate per infected host (probes in the window / infected host-seconds), to set
 *   beside the rate the estimate assumes.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  estimateOutbreak,
  type OutbreakEstimate,
} from "../analysis/estimate/estimate-from-tally.ts";
import type { GroupEstimate } from "../analysis/estimate/outbreak-size.ts";
import { parseClfTime } from "../analysis/logs/time.ts";
import { formatIpv4 } from "../net/ipv4.ts";
import type { Population } from "../net/population.ts";
import { setBlockLogCapture } from "../observers/block-log.ts";
import {
  CODE_RED_LAB_PROBES_PER_SECOND,
  CRII_THREAD_FACTOR,
  CRII_THREADS,
  CRII_THREADS_CHINESE,
} from "../core/code-red-rate-model.ts";
import { LOCALE_CHINESE } from "../net/population.ts";
import { INFECTED } from "../plugin/host-states.ts";
import { resolveScenario, type ResolvedScenario } from "../scenario/resolve.ts";
import { buildModelPopulation } from "../scenario/run.ts";
import type { ScenarioFile } from "../scenario/schema.ts";
import { createSimulation } from "../scenario/simulation.ts";
import { analyzeInputs } from "./analyze-input.ts";
import { createObserverLogs, PUBLIC_CODE_RED_TAIL } from "./observer-logs.ts";

/** The groups an estimate is scored on: a class, or Code Red II by locality. */
export const SCORE_GROUPS = [
  "crv1v2",
  "crii",
  "crii.same16",
  "crii.same8",
  "crii.elsewhere",
] as const;
export type ScoreGroup = (typeof SCORE_GROUPS)[number];

/** One case of the score: a scenario, where its server sits, and the log's window. */
export interface ScoreCase {
  readonly name: string;
  /** The scenario, without the server (added as observer `server`). */
  readonly scenario: ScenarioFile;
  /** The server's address for a seed's population. */
  serverAddress(population: Population): number;
  /** The window the log is cut to (ISO instants); the whole run when absent. */
  readonly window?: readonly [string, string];
  /** The groups scored (their truth and estimate are reported). */
  readonly groups: readonly ScoreGroup[];
}

/** Truth and estimate of one group in one seed. */
export interface GroupScore {
  readonly meanInfected: number;
  readonly everInfected: number;
  /** The time-averaged estimate (`hostsMean`) and its interval. */
  readonly estimate: number;
  readonly low: number;
  readonly high: number;
  readonly sources: number;
  readonly requests: number;
  readonly sourceHours: number;
  /**
   * The simulator's probe rate of the group's hosts at the mean multiplier (per second, host-time
   * weighted: the worm's rate, doubled for CRII on Chinese-locale systems), and the rate the
   * estimate used for the hourly sightings (fitted, or assumed).
   */
  readonly truthRate: number;
  readonly estimateRate: number;
  /** Whether [low, high] holds `meanInfected`. */
  readonly covered: boolean;
  /** The constant-population estimate (`hosts`), and whether its interval holds `meanInfected`. */
  readonly constantEstimate: number;
  readonly constantCovered: boolean;
}

/** What one seed of one case gave. */
export interface SeedScore {
  readonly seed: number;
  readonly server: string;
  readonly windowSeconds: number;
  readonly groups: Readonly<Partial<Record<ScoreGroup, GroupScore>>>;
  /** Per worm variant present: probes per infected host-second in the window (the simulator's). */
  readonly probesPerHostSecond: Readonly<Record<string, number>>;
  /** The estimate's assumed rates, probes per second at the mean multiplier. */
  readonly assumedProbesPerSecond: { readonly crv1v2: number; readonly crii: number };
  readonly logLines: number;
}

/** The name of the scored server observer. */
const SERVER = "scored-server";
const LOCALITY = ["same16", "same8", "elsewhere"] as const;

/**
 * The lines of a combined log whose time (the analyser's own CLF parser, epoch seconds) lies in
 * [from, to), as one buffer.
 */
function linesInWindow(log: Buffer, from: number, to: number): { text: Buffer; lines: number } {
  const kept: Buffer[] = [];
  let start = 0;
  while (start < log.length) {
    let end = log.indexOf(0x0a, start);
    if (end < 0) end = log.length;
    const open = log.indexOf(0x5b, start); // "["
    const close = open >= 0 && open < end ? log.indexOf(0x5d, open) : -1; // "]"
    if (close > open && close < end) {
      const t = parseClfTime(log, open + 1, close);
      if (t >= from && t < to) kept.push(log.subarray(start, Math.min(end + 1, log.length)));
    }
    start = end + 1;
  }
  return { text: Buffer.concat(kept), lines: kept.length };
}

/** Truth accumulators: per worm, per locality, infected host-seconds and hosts in the window. */
class Truth {
  readonly hostSeconds: Float64Array[];
  /** Host-seconds times the host's thread factor (2 for CRII on a Chinese-locale system, else 1). */
  readonly rateSeconds: Float64Array[];
  readonly ever: Uint32Array[];
  private readonly seen: Uint8Array;

  constructor(
    worms: number,
    hosts: number,
    private readonly w0: number,
    private readonly w1: number,
    private readonly where: Uint8Array,
    private readonly factor: (w: number, h: number) => number,
  ) {
    this.hostSeconds = Array.from({ length: worms }, () => new Float64Array(3));
    this.rateSeconds = Array.from({ length: worms }, () => new Float64Array(3));
    this.ever = Array.from({ length: worms }, () => new Uint32Array(3));
    this.seen = new Uint8Array(hosts);
  }

  /** Host `h` was infected by worm `w` from `a` to `b` (seconds from the start). */
  interval(h: number, w: number, a: number, b: number): void {
    const lo = Math.max(a, this.w0);
    const hi = Math.min(b, this.w1);
    if (hi <= lo) return;
    this.hostSeconds[w][this.where[h]] += hi - lo;
    this.rateSeconds[w][this.where[h]] += (hi - lo) * this.factor(w, h);
    const bit = 1 << w;
    if ((this.seen[h] & bit) === 0) {
      this.seen[h] |= bit;
      this.ever[w][this.where[h]]++;
    }
  }
}

/** Where each host sits relative to `server`: 0 same /16, 1 same /8, 2 elsewhere. */
function localities(population: Population, server: number): Uint8Array {
  const where = new Uint8Array(population.size);
  for (let h = 0; h < population.size; h++) {
    const a = population.addresses[h];
    where[h] = a >>> 16 === server >>> 16 ? 0 : a >>> 24 === server >>> 24 ? 1 : 2;
  }
  return where;
}

/** The server's estimate of one group. */
function estimateOf(est: OutbreakEstimate, g: ScoreGroup): GroupEstimate {
  if (g === "crv1v2") return est.crv1v2;
  if (g === "crii") return est.crii;
  const where = g.slice("crii.".length) as (typeof LOCALITY)[number];
  const part = est.crii.byLocality?.[where];
  if (!part) throw new Error(`no CRII estimate by locality (server address unknown)`);
  return part;
}

/** Runs one seed of `c` and scores its server's estimate. */
export async function scoreSeed(c: ScoreCase, seed: number, stepSeconds = 60): Promise<SeedScore> {
  const base: ResolvedScenario = resolveScenario(c.scenario, { seed });
  const population = buildModelPopulation(base);
  const server = c.serverAddress(population) >>> 0;
  const scenario = resolveScenario(
    { ...c.scenario, observers: [{ type: "server", name: SERVER, block: formatIpv4(server) }] },
    { seed },
  );
  const startMs = Date.parse(scenario.start);
  const endSeconds = (Date.parse(scenario.until) - startMs) / 1000;
  const w0 = c.window ? (Date.parse(c.window[0]) - startMs) / 1000 : 0;
  const w1 = c.window ? (Date.parse(c.window[1]) - startMs) / 1000 : endSeconds;
  if (!(w0 >= 0 && w1 <= endSeconds && w1 > w0)) {
    throw new Error(`${c.name}: window ${c.window?.join(" - ")} is not inside the run`);
  }
  const variants = scenario.worms.map((w) => w.variant);
  const dir = mkdtempSync(join(tmpdir(), "wormscope-score-"));
  try {
    const logs = createObserverLogs({
      dir,
      formats: ["apache"],
      backgroundPerHour: 200,
      maxLines: 50_000_000,
      seed,
      startMs,
      wormIsCrii: variants.map((v) => v === "crii"),
      codeRedTail: PUBLIC_CODE_RED_TAIL,
    });
    const chinese = (w: number, h: number): number =>
      variants[w] === "crii" && population.locale[h] === LOCALE_CHINESE
        ? CRII_THREADS_CHINESE / CRII_THREADS
        : 1;
    const truth = new Truth(
      variants.length,
      population.size,
      w0,
      w1,
      localities(population, server),
      chinese,
    );
    const state = new Uint8Array(population.size);
    const since = new Float64Array(population.size);
    // only the server's log (a preset's telescope would log a /8's probes)
    setBlockLogCapture((spec) => (spec.name === SERVER ? logs.capture(spec) : null));
    let probes: Float64Array;
    let minutes: number;
    try {
      const sim = createSimulation(scenario, population);
      const s0 = sim.snapshot();
      /** Infected hosts per worm as tracked here: checked against the engine's at every step. */
      const counts = new Array<number>(variants.length).fill(0);
      for (let h = 0; h < population.size; h++) {
        if (s0.hostState[h] === INFECTED) {
          state[h] = s0.hostWorm[h] + 1;
          counts[s0.hostWorm[h]]++;
        }
      }
      sim.changedHosts();
      for (let t = stepSeconds; ; t += stepSeconds) {
        const more = sim.runUntil(startMs + Math.min(t, endSeconds) * 1000);
        const s = sim.snapshot();
        // a change in this step is placed at its middle
        const at = s.seconds - stepSeconds / 2;
        for (const h of sim.changedHosts()) {
          const now = s.hostState[h] === INFECTED ? s.hostWorm[h] + 1 : 0;
          if (now === state[h]) continue;
          if (state[h] !== 0) {
            truth.interval(h, state[h] - 1, since[h], at);
            counts[state[h] - 1]--;
          }
          if (now !== 0) counts[now - 1]++;
          state[h] = now;
          since[h] = at;
        }
        for (let w = 0; w < counts.length; w++) {
          if (counts[w] !== s.infectedByWorm[w]) {
            throw new Error(
              `${c.name} seed ${seed}: ${counts[w]} hosts of worm ${w} tracked as infected at ${s.seconds} s, the engine has ${s.infectedByWorm[w]}`,
            );
          }
        }
        if (!more) break;
      }
      for (let h = 0; h < population.size; h++) {
        if (state[h] !== 0) truth.interval(h, state[h] - 1, since[h], endSeconds);
      }
      const out = sim.finish();
      probes = out.result.probes;
      minutes = out.result.minutes;
    } catch (e) {
      logs.abort();
      throw e;
    } finally {
      setBlockLogCapture(null);
    }
    const record = logs.finish().find((r) => r.name === SERVER)!;
    const file = join(dir, record.files[0]);
    const cut = join(dir, "window.log");
    const kept = linesInWindow(readFileSync(file), startMs / 1000 + w0, startMs / 1000 + w1);
    writeFileSync(cut, kept.text);
    const tally = await analyzeInputs([cut]);
    const est = estimateOutbreak(tally, { serverIp: server });
    const windowSeconds = w1 - w0;

    const hostSecondsOf = (g: ScoreGroup): number => sumOver(truth.hostSeconds, variants, g);
    const everOf = (g: ScoreGroup): number => sumOver(truth.ever, variants, g);
    const rateSecondsOf = (g: ScoreGroup): number => sumOver(truth.rateSeconds, variants, g);
    const groups: Partial<Record<ScoreGroup, GroupScore>> = {};
    for (const g of c.groups) {
      const e = estimateOf(est, g);
      const meanInfected = hostSecondsOf(g) / windowSeconds;
      groups[g] = {
        meanInfected,
        everInfected: everOf(g),
        estimate: e.hostsMean,
        low: e.hostsMeanLow,
        high: e.hostsMeanHigh,
        sources: e.sources,
        requests: e.requests,
        sourceHours: e.sourceHours,
        truthRate:
          (CODE_RED_LAB_PROBES_PER_SECOND *
            (g.startsWith("crii") ? CRII_THREAD_FACTOR : 1) *
            rateSecondsOf(g)) /
          Math.max(hostSecondsOf(g), 1e-9),
        estimateRate:
          e.fittedProbesPerSecond ??
          (g === "crii.same16" || g === "crii.same8"
            ? Number(est.assumptions.criiProbesPerSecondNearServer)
            : g.startsWith("crii")
              ? Number(est.assumptions.criiProbesPerSecond)
              : Number(est.assumptions.crv1v2ProbesPerSecond)),
        covered: e.hostsMeanLow <= meanInfected && meanInfected <= e.hostsMeanHigh,
        constantEstimate: e.hosts,
        constantCovered: e.hostsLow <= meanInfected && meanInfected <= e.hostsHigh,
      };
    }
    const probesPerHostSecond: Record<string, number> = {};
    variants.forEach((v, w) => {
      let p = 0;
      for (let m = Math.floor(w0 / 60); m < Math.min(minutes, Math.ceil(w1 / 60)); m++) {
        p += probes[w * minutes + m];
      }
      const hs = truth.hostSeconds[w].reduce((a, b) => a + b, 0);
      probesPerHostSecond[v] = hs > 0 ? p / hs : 0;
    });
    return {
      seed,
      server: formatIpv4(server),
      windowSeconds,
      groups,
      probesPerHostSecond,
      assumedProbesPerSecond: {
        crv1v2: Number(est.assumptions.crv1v2ProbesPerSecond),
        crii: Number(est.assumptions.criiProbesPerSecond),
      },
      logLines: kept.lines,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Sums per-worm, per-locality values over the worms and localities of group `g`. */
function sumOver(values: ArrayLike<number>[], variants: readonly string[], g: ScoreGroup): number {
  let total = 0;
  variants.forEach((v, w) => {
    const isCrii = v === "crii";
    if (g === "crv1v2" ? isCrii : !isCrii) return;
    for (let k = 0; k < 3; k++) {
      if (g === "crv1v2" || g === "crii" || g === `crii.${LOCALITY[k]}`) total += values[w][k];
    }
  });
  return total;
}

/** Coverage, bias and spread of one group over seeds. */
export interface GroupSummary {
  /** Seeds whose truth is not 0. */
  readonly seeds: number;
  /** Share of those seeds whose interval holds the truth (the time-averaged infected hosts). */
  readonly coverage: number;
  /** The same for the constant-population estimate's interval. */
  readonly constantCoverage: number;
  /** Seeds where the outbreak took off: a truth of at least {@link TOOK_OFF_HOSTS} hosts. */
  readonly tookOff: number;
  /** Over the seeds that took off: mean estimate / mean truth - 1. */
  readonly bias: number;
  /** Over the seeds that took off: standard deviation of (estimate - truth) / truth. */
  readonly spread: number;
  readonly meanTruth: number;
  readonly meanEver: number;
  readonly meanEstimate: number;
  readonly meanSources: number;
}

/**
 * Time-averaged infected hosts from which a seed's outbreak counts as taken off, for bias and
 * spread: below it a server expects well under one source, and a relative error says nothing.
 */
export const TOOK_OFF_HOSTS = 1000;

/** Summarises group `g` over `scores` (seeds where the group's truth is 0 are left out). */
export function summarizeGroup(scores: readonly SeedScore[], g: ScoreGroup): GroupSummary {
  const rows = scores
    .map((s) => s.groups[g])
    .filter((r): r is GroupScore => !!r && r.meanInfected > 0);
  const mean = (xs: readonly GroupScore[], f: (r: GroupScore) => number): number =>
    xs.reduce((a, r) => a + f(r), 0) / xs.length;
  const big = rows.filter((r) => r.meanInfected >= TOOK_OFF_HOSTS);
  const rel = big.map((r) => (r.estimate - r.meanInfected) / r.meanInfected);
  const relMean = rel.reduce((a, b) => a + b, 0) / rel.length;
  const spread = Math.sqrt(
    rel.reduce((a, b) => a + (b - relMean) ** 2, 0) / Math.max(1, rel.length - 1),
  );
  return {
    seeds: rows.length,
    coverage: rows.filter((r) => r.covered).length / rows.length,
    constantCoverage: rows.filter((r) => r.constantCovered).length / rows.length,
    tookOff: big.length,
    bias: mean(big, (r) => r.estimate) / mean(big, (r) => r.meanInfected) - 1,
    spread,
    meanTruth: mean(rows, (r) => r.meanInfected),
    meanEver: mean(rows, (r) => r.everInfected),
    meanEstimate: mean(rows, (r) => r.estimate),
    meanSources: mean(rows, (r) => r.sources),
  };
}
