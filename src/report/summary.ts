/**
 * summary.json (schema 1): the figures of one run, with what is needed to replay it (version, seed,
 * scenario hash). Documented field by field in docs/simulate.md.
 */
import { observerPlugin } from "../observers/registry.ts";
import { isoUtc } from "../core/time.ts";
import type { EngineResult } from "../sim/engine-result.ts";
import { VERSION } from "../version.ts";
import { observerSummary, type ObserverSummary } from "./observer-summary.ts";
import { sequenceObserverSummary } from "./sequence-observer-summary.ts";
import { variantSummaries, type VariantSummary } from "./variant-summary.ts";

export type { ObserverSummary, VariantSummary };
import type { SequenceObserverSummary } from "./sequence-observer-summary.ts";

/** The summary record of an observer type outside the built-ins: its plugin's `summarize`. */
export interface PluginObserverSummary {
  type: string;
  [field: string]: unknown;
}

/** summary.json. */
export interface Summary {
  schema: 1;
  version: string;
  seed: number;
  scenarioHash: string;
  scenario: string;
  preset: string | null;
  start: string;
  end: string;
  population: { source: string; hosts: number };
  vulnerable: number;
  /** Hosts ever infected. */
  infectedEver: number;
  /** Distinct (host, address) pairs ever infected: what counting infected addresses gives. */
  infectedAddressesEver: number;
  infectedAtEnd: number;
  peakNewPerMinute: number;
  peakAt: string | null;
  timeTo: Record<string, string | null>;
  /** The telescope's unique sources are addresses; uniqueHosts, the hosts behind them. */
  telescope: { block: string; uniqueSources: number; uniqueHosts: number; probes: number } | null;
  observers: Record<string, ObserverSummary | SequenceObserverSummary>;
  /** Observers of types registered from outside the built-ins (only when there are some). */
  pluginObservers?: Record<string, PluginObserverSummary>;
  hourly: Array<{
    hour: string;
    infected: number;
    infectedEver: number;
    newInfections: number;
    probes: number;
  }>;
  variants: Record<string, VariantSummary>;
  /** Per defense in the scenario's `defenses` (only when it lists some): what it did. */
  defenses?: DefenseSummary[];
  /** Infected hosts cleaned and patched by the scenario's `cleanup` (only when it has one). */
  hostsCleaned?: number;
  /** With `simulate --compare`: the same seed's run without the defenses. */
  comparison?: {
    baselineInfectedEver: number;
    baselineInfectedAtEnd: number;
    baselinePeakNewPerMinute: number;
    /** Hosts ever infected without defenses minus with them. */
    infectionsPrevented: number;
  };
  probesTotal: number;
  eventsSampled: number;
  wallSeconds: number;
}

/** What one defense did in a run (summary.json `defenses`). */
export interface DefenseSummary {
  type: string;
  /** Its index in the scenario's `defenses`. */
  index: number;
  /** When it first acted, or null if it never did. */
  engagedAt: string | null;
  /** Probes it dropped (filters; the fast engine's expected count, rounded). */
  probesDropped: number;
  /** Dropped probes that would have infected their target. */
  infectionsBlocked: number;
  /** Hosts whose address it blocked (address blacklists). */
  hostsBlocked: number;
  /** Hosts it patched (patch campaigns). */
  hostsPatched: number;
  /** Connections it held (tarpits; the fast engine's expected count, rounded). */
  connectionsHeld: number;
  /**
   * Hosts ever infected in the same seed's run without any defense minus in this run, with
   * `simulate --compare` (absent otherwise). With several defenses: this defense alone against none.
   */
  infectionsPrevented?: number;
}

/** Hosts cleaned by the scenario's cleanup (the engine's `world` campaign), or null without one. */
export function hostsCleaned(result: EngineResult): number | null {
  const world = (result.defenseOutcomes ?? []).filter((d) => isWorld(result, d.index));
  return world.length === 0 ? null : world.reduce((s, d) => s + d.hostsPatched, 0);
}

/** Whether the engine's defense `index` is part of the world (the scenario's cleanup). */
function isWorld(result: EngineResult, index: number): boolean {
  return result.input.defenses?.[index]?.world === true;
}

/** The defenses section of summary.json from an engine result's outcomes. */
export function defenseSummaries(result: EngineResult): DefenseSummary[] {
  const startMs = result.input.startMs;
  const defenses = (result.defenseOutcomes ?? []).filter((d) => !isWorld(result, d.index));
  return defenses.map((d) => ({
    type: d.type,
    index: d.index,
    engagedAt: d.engagedAtSeconds === null ? null : iso(startMs + d.engagedAtSeconds * 1000),
    probesDropped: Math.round(d.probesDropped),
    infectionsBlocked: d.infectionsBlocked,
    hostsBlocked: d.hostsBlocked,
    hostsPatched: d.hostsPatched,
    connectionsHeld: Math.round(d.connectionsHeld),
  }));
}

/**
 * What a summary records of the scenario behind a run: its identity and its period (the engine
 * result carries everything else). A resolved scenario is one; reports take this shape so that they
 * need not know about scenarios.
 */
export interface SummaryScenario {
  readonly name: string;
  /** The preset it extends, or null. */
  readonly preset: string | null;
  readonly seed: number;
  /** ISO 8601 instants. */
  readonly start: string;
  readonly until: string;
}

/** Fractions of the final ever-infected count reported in `timeTo`. */
export const TIME_TO_FRACTIONS = [0.5, 0.9] as const;

const iso = isoUtc;

/** Sum over worms of a row-major worm x minute array at one minute. */
export function sumOverWorms(a: ArrayLike<number>, worms: number, minutes: number, m: number) {
  let s = 0;
  for (let w = 0; w < worms; w++) s += a[w * minutes + m];
  return s;
}

/** Builds summary.json from a run. `wallSeconds` is the only field that varies between replays. */
export function buildSummary(
  scenario: SummaryScenario,
  hash: string,
  result: EngineResult,
  wallSeconds: number,
): Summary {
  const startMs = result.input.startMs;
  const W = result.wormVariants.length;
  const M = result.minutes;
  let peak = 0;
  let peakMinute = -1;
  const defenses = defenseSummaries(result);
  const cleaned = hostsCleaned(result);
  let probesTotal = 0;
  for (let m = 0; m < M; m++) {
    const n = sumOverWorms(result.newInfections, W, M, m);
    if (n > peak) {
      peak = n;
      peakMinute = m;
    }
    probesTotal += sumOverWorms(result.probes, W, M, m);
  }
  const timeTo: Record<string, string | null> = {};
  for (const f of TIME_TO_FRACTIONS) {
    const k = Math.ceil(f * result.infectedEver);
    timeTo[String(f)] = k > 0 ? iso(startMs + result.everTimes[k - 1] * 1000) : null;
  }
  const hourly: Summary["hourly"] = [];
  for (let h = 0; h * 60 < M; h++) {
    const last = Math.min(M, h * 60 + 60) - 1;
    let newInfections = 0;
    let probes = 0;
    for (let m = h * 60; m <= last; m++) {
      newInfections += sumOverWorms(result.newInfections, W, M, m);
      probes += sumOverWorms(result.probes, W, M, m);
    }
    hourly.push({
      hour: iso(startMs + h * 3_600_000),
      infected: sumOverWorms(result.infectedAtEnd, W, M, last),
      infectedEver: result.everAtEnd[last],
      newInfections,
      probes: Math.round(probes),
    });
  }
  const observers: Summary["observers"] = {};
  const blockObservers: Record<string, ObserverSummary> = {};
  for (const o of result.observers) {
    observers[o.name] = blockObservers[o.name] = observerSummary(o, result);
  }
  for (const s of result.sequences) observers[s.name] = sequenceObserverSummary(s, result);
  const pluginObservers: Record<string, PluginObserverSummary> = {};
  for (const { spec, output } of result.observerOutputs) {
    const plugin = observerPlugin(spec.type);
    if (!(spec.name in observers) && plugin.summarize) {
      pluginObservers[spec.name] = { type: spec.type, ...plugin.summarize(output) };
    }
  }
  const telescopeResult = result.observers.find((o) => o.type === "telescope");
  const telescope = telescopeResult ? blockObservers[telescopeResult.name] : null;
  const variants = variantSummaries(result);
  let vulnerable = 0;
  for (let h = 0; h < result.input.population.size; h++) {
    if (!result.input.population.patched[h]) vulnerable++;
  }
  return {
    schema: 1,
    version: VERSION,
    seed: scenario.seed,
    scenarioHash: hash,
    scenario: scenario.name,
    preset: scenario.preset,
    start: scenario.start,
    end: scenario.until,
    population: { source: result.input.population.source, hosts: result.input.population.size },
    vulnerable,
    infectedEver: result.infectedEver,
    infectedAddressesEver: result.infectedAddressesEver,
    infectedAtEnd: result.infectedNowByWorm.reduce((a, b) => a + b, 0),
    peakNewPerMinute: peak,
    peakAt: peakMinute >= 0 ? iso(startMs + peakMinute * 60_000) : null,
    timeTo,
    telescope: telescope
      ? {
          block: telescope.block,
          uniqueSources: telescope.uniqueSources,
          uniqueHosts: telescope.uniqueHosts,
          probes: telescope.probes,
        }
      : null,
    observers,
    ...(Object.keys(pluginObservers).length > 0 ? { pluginObservers } : {}),
    hourly,
    variants,
    ...(defenses.length > 0 ? { defenses } : {}),
    ...(cleaned !== null ? { hostsCleaned: cleaned } : {}),
    probesTotal: Math.round(probesTotal),
    eventsSampled: result.eventsSampled,
    wallSeconds: Math.round(wallSeconds * 1000) / 1000,
  };
}
