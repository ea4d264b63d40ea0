/** The summary.json record of one observer: totals, hourly counts by variant, source locality. */
import { isoUtc } from "../core/time.ts";
import { formatCidr } from "../net/prefix.ts";
import type { Population } from "../net/population.ts";
import type { EngineResult, ObserverResult } from "../sim/engine-result.ts";

/** Hourly record of an observer. */
export interface ObserverHourSummary {
  hour: string;
  uniqueSources: number;
  probes: number;
  byVariant: Record<string, { uniqueSources: number; probes: number }>;
}

/** Share of an observer's unique sources in its own /16, its own /8 (not /16), or elsewhere. */
export interface SourceLocality {
  same16: number;
  same8: number;
  other: number;
}

/** An observer's summary. */
export interface ObserverSummary {
  type: "telescope" | "server" | "load16";
  block: string;
  /** Distinct source addresses ((host, address) pairs). */
  uniqueSources: number;
  /** Distinct hosts behind them (equal without address churn). */
  uniqueHosts: number;
  probes: number;
  byVariant: Record<
    string,
    { uniqueSources: number; probes: number; sourceLocality?: SourceLocality | null }
  >;
  sourceLocality: SourceLocality | null;
  hourly: ObserverHourSummary[];
  /** load16 observers: the /16s of the block that received most probes (expected counts). */
  top16?: Array<{ block: string; probes: number }>;
}

function sourceLocality(o: ObserverResult, population: Population, addressBits: number) {
  const shift16 = addressBits - 16;
  const shift8 = addressBits - 8;
  const base = o.block.base;
  let same16 = 0;
  let same8 = 0;
  let total = 0;
  for (let h = 0; h < population.size; h++) {
    if (o.firstSeenSeconds[h] < 0) continue;
    const a = population.addresses[h];
    total++;
    if (a >>> shift16 === base >>> shift16) same16++;
    else if (a >>> shift8 === base >>> shift8) same8++;
  }
  if (total === 0) return null;
  return { same16: same16 / total, same8: same8 / total, other: (total - same16 - same8) / total };
}

/**
 * A block as IPv4 CIDR text. In a scaled-down space (the reference engine's) the block is shown as
 * the IPv4 block it stands for, with the scale: "44.0.0.0/8 (20-bit space)".
 */
export function formatBlock(block: { base: number; bits: number }, addressBits: number): string {
  if (addressBits >= 32) return formatCidr(block);
  const drop = 32 - addressBits;
  const ipv4 = { base: (block.base * 2 ** drop) >>> 0, bits: block.bits - drop };
  return `${formatCidr(ipv4)} (${addressBits}-bit space)`;
}

/** Builds an observer's summary. */
export function observerSummary(o: ObserverResult, result: EngineResult): ObserverSummary {
  const variants = result.wormVariants;
  const startMs = result.input.startMs;
  const byVariant: ObserverSummary["byVariant"] = {};
  for (const v of variants) byVariant[v] = { uniqueSources: 0, probes: 0 };
  let probes = 0;
  const hourly = o.hours.map((hr, i) => {
    probes += hr.probes;
    const hv: ObserverHourSummary["byVariant"] = {};
    variants.forEach((v, w) => {
      hv[v] = { uniqueSources: hr.uniqueByWorm[w], probes: hr.probesByWorm[w] };
      byVariant[v].probes += hr.probesByWorm[w];
    });
    return {
      hour: isoUtc(startMs + i * 3_600_000),
      uniqueSources: hr.uniqueSources,
      probes: hr.probes,
      byVariant: hv,
    };
  });
  variants.forEach((v, w) => {
    byVariant[v].uniqueSources = o.uniqueSourcesByWorm[w];
    const l = o.localityByWorm?.[w];
    if (l) {
      const total = l[0] + l[1] + l[2];
      byVariant[v].sourceLocality =
        total > 0 ? { same16: l[0] / total, same8: l[1] / total, other: l[2] / total } : null;
    }
  });
  const summary: ObserverSummary = {
    type: o.type as ObserverSummary["type"],
    block: formatBlock(o.block, result.input.addressBits ?? 32),
    uniqueSources: o.uniqueSources,
    uniqueHosts: o.uniqueHosts,
    probes,
    byVariant,
    sourceLocality: sourceLocality(o, result.input.population, result.input.addressBits ?? 32),
    hourly,
  };
  const load = result.loads.find((l) => l.name === o.name);
  if (load) {
    const totals = new Float64Array(load.count16);
    for (let m = 0; m < result.minutes; m++) {
      for (let i = 0; i < load.count16; i++) totals[i] += load.perMinute[m * load.count16 + i];
    }
    summary.top16 = Array.from(totals, (p, i) => ({ i, p }))
      .sort((a, b) => b.p - a.p || a.i - b.i)
      .slice(0, 10)
      .map(({ i, p }) => ({
        block: formatBlock(
          {
            base: ((load.first16 + i) * 2 ** ((result.input.addressBits ?? 32) - 16)) >>> 0,
            bits: 16 + 32 - (result.input.addressBits ?? 32),
          },
          result.input.addressBits ?? 32,
        ),
        probes: Math.round(p),
      }));
  }
  return summary;
}
