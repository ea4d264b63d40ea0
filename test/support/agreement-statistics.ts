/**
 * Extra statistics of the agreement suite, besides the infection times and curves: per-worm counts
 * and takeovers for configurations with several worms, and observer records (telescope sources and
 * probes, server sources by locality) for configurations that carry those observers.
 */
import type { EngineResult, ObserverResult } from "../../src/sim/engine-result.ts";
import type { ExtraSample, ExtraStatistics } from "./agreement.ts";

/** Kinds of extra statistics a configuration compares. */
export type ExtraKind = "per-worm" | "observers" | "churn" | "addresses" | "defenses";

/** Name of the suite's telescope and server observers. */
export const TELESCOPE = "telescope";
export const SERVER = "server";

/** Hosts whose ever-infected mask has two or more worm bits: taken over (or reinfected by another). */
export function hostsInfectedByTwoWorms(result: EngineResult): number {
  let n = 0;
  for (const mask of result.everInfected) if ((mask & (mask - 1)) !== 0) n++;
  return n;
}

/**
 * Per worm (by variant): infected now at the end and ever infected; and the hosts ever infected by
 * more than one worm (takeovers when nothing cures a host).
 */
export function perWormStatistics(result: EngineResult): ExtraSample {
  const scalars: Record<string, number> = {};
  result.wormVariants.forEach((v, w) => {
    scalars[`infected now at end, ${v}`] = result.infectedNowByWorm[w];
    scalars[`ever infected, ${v}`] = result.everByWorm[w];
  });
  scalars["hosts infected by two worms"] = hostsInfectedByTwoWorms(result);
  return { scalars, curves: {} };
}

function observer(result: EngineResult, name: string): ObserverResult {
  const o = result.observers.find((x) => x.name === name);
  if (!o) throw new Error(`no observer named ${name}`);
  return o;
}

/**
 * The telescope's unique sources (whole run; per hour) and probes per hour; the server's sources by
 * locality (own /16, own /8 but not /16, elsewhere; summed over worms).
 */
export function observerStatistics(result: EngineResult): ExtraSample {
  const telescope = observer(result, TELESCOPE);
  const server = observer(result, SERVER);
  const locality = server.localityByWorm;
  if (!locality) throw new Error("the engine does not record source locality");
  const sum = (i: number): number => locality.reduce((s, l) => s + l[i], 0);
  return {
    scalars: {
      "telescope unique sources": telescope.uniqueSources,
      "server sources, own /16": sum(0),
      "server sources, own /8 not /16": sum(1),
      "server sources, elsewhere": sum(2),
    },
    curves: {
      "telescope unique sources per hour": telescope.hours.map((h) => h.uniqueSources),
      "telescope probes per hour": telescope.hours.map((h) => h.probes),
    },
  };
}

/**
 * Hosts versus addresses under address churn: the telescope's unique sources ((host, address
 * epoch) pairs) and unique hosts, and the infected (host, epoch) pairs of the run; the telescope's
 * unique sources per hour; and, with a server, its unique sources and hosts and probes per hour.
 */
export function churnStatistics(result: EngineResult): ExtraSample {
  const telescope = observer(result, TELESCOPE);
  const scalars: Record<string, number> = {
    "telescope unique sources": telescope.uniqueSources,
    "telescope unique hosts": telescope.uniqueHosts,
    "infected addresses ever": result.infectedAddressesEver,
  };
  const curves: Record<string, number[]> = {
    "telescope unique sources per hour": telescope.hours.map((h) => h.uniqueSources),
  };
  const server = result.observers.find((x) => x.name === SERVER);
  if (server) {
    // The server's block holds hosts, some of them moving inside it.
    scalars["server unique sources"] = server.uniqueSources;
    scalars["server unique hosts"] = server.uniqueHosts;
    // Sources inside the server's own /8 (its whole block when it is a /8): hosts that move in it.
    scalars["server sources in its /8"] = (server.localityByWorm ?? []).reduce(
      (a, l) => a + l[0] + l[1],
      0,
    );
    curves["server probes per hour"] = server.hours.map((h) => h.probes);
  }
  return { scalars, curves };
}

/** The infected (host, address epoch) pairs of the run alone (configurations without observers). */
export function addressStatistics(result: EngineResult): ExtraSample {
  return { scalars: { "infected addresses ever": result.infectedAddressesEver }, curves: {} };
}

/** Per filter: infections and hosts it blocked, probes it dropped; per campaign: hosts patched. */
export function defenseStatistics(result: EngineResult): ExtraSample {
  const scalars: Record<string, number> = {};
  for (const d of result.defenseOutcomes ?? []) {
    const key = `${d.type}[${d.index}]`;
    if (d.type === "rate-limit") continue;
    if (d.type === "tarpit") {
      scalars[`${key} connections held`] = d.connectionsHeld;
      continue;
    }
    if (d.type === "patch-campaign") {
      scalars[`${key} hosts patched`] = d.hostsPatched;
      continue;
    }
    scalars[`${key} infections blocked`] = d.infectionsBlocked;
    scalars[`${key} probes dropped`] = d.probesDropped;
    if (d.type === "address-blacklist") scalars[`${key} hosts blocked`] = d.hostsBlocked;
  }
  return { scalars, curves: {} };
}

const BY_KIND: Record<ExtraKind, ExtraStatistics> = {
  defenses: defenseStatistics,
  "per-worm": perWormStatistics,
  observers: observerStatistics,
  churn: churnStatistics,
  addresses: addressStatistics,
};

/** The extra statistics of the given kinds, merged. */
export function extraStatistics(kinds: readonly ExtraKind[]): ExtraStatistics {
  return (result) => {
    const parts = kinds.map((k) => BY_KIND[k](result));
    return {
      scalars: Object.assign({}, ...parts.map((p) => p.scalars)) as Record<string, number>,
      curves: Object.assign({}, ...parts.map((p) => p.curves)) as Record<string, number[]>,
    };
  };
}
