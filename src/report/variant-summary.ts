/**
 * Per-variant figures of summary.json: infections, probes, flood packets, where the variant's probes
 * land relative to their source (probeLocality), and for worms introduced during the run the
 * infections 24 and 48 hours after introduction and the dense /16 blocks they saturated.
 */
import { addressSpace, localBlock } from "../scan/address-space.ts";
import { targetProbability } from "../scan/strategy.ts";
import { PATCHED } from "../plugin/host-states.ts";
import type { EngineResult } from "../sim/engine-result.ts";

/** A /16 with at least this many hosts the variant can infect counts as dense. */
export const DENSE_BLOCK16_MIN_HOSTS = 100;
/** A dense /16 is saturated when at least this share of those hosts were ever infected. */
export const SATURATED_SHARE = 0.9;

/** Per-variant figures. */
export interface VariantSummary {
  infectedEver: number;
  infectedAtEnd: number;
  probesTotal: number;
  floodPackets: number;
  /** Share of probes landing in the source's own /16, own /8 (not /16), or elsewhere. */
  probeLocality: { same16: number; same8: number; other: number };
  /** Hosts this variant infected within 24 h and 48 h of its introduction (if inside the run). */
  infectedAfterHours: Record<string, number>;
  /**
   * Dense /16s (>= 100 hosts available to the variant: unpatched, an OS it infects, not patched
   * before it reached them) and how many it saturated (>= 90% of them ever infected).
   */
  dense16: { minHosts: number; blocks: number; saturated: number; share: number };
}

function probeLocality(result: EngineResult, w: number) {
  const space = addressSpace(result.input.addressBits ?? 32);
  const scan = result.input.worms[w].def.scan;
  const source = result.input.population.addresses[0] ?? 0;
  const same16 = targetProbability(scan, source, localBlock(source, 16, space), space);
  const in8 = targetProbability(scan, source, localBlock(source, 8, space), space);
  const round = (x: number) => Math.round(x * 1e6) / 1e6;
  return { same16: round(same16), same8: round(in8 - same16), other: round(1 - in8) };
}

function dense16(result: EngineResult, w: number) {
  const p = result.input.population;
  const crashes = result.input.worms[w].def.crashesOs;
  const shift16 = (result.input.addressBits ?? 32) - 16;
  const hosts = new Uint32Array(65536);
  const infected = new Uint32Array(65536);
  for (let h = 0; h < p.size; h++) {
    if (crashes.includes(p.os[h]) || p.patched[h]) continue;
    const ever = (result.everInfected[h] & (1 << w)) !== 0;
    // Hosts patched before this worm reached them were never available to it.
    if (!ever && result.hostState[h] === PATCHED) continue;
    const c = p.addresses[h] >>> shift16;
    hosts[c]++;
    if (ever) infected[c]++;
  }
  let blocks = 0;
  let saturated = 0;
  for (let c = 0; c < 65536; c++) {
    if (hosts[c] < DENSE_BLOCK16_MIN_HOSTS) continue;
    blocks++;
    if (infected[c] >= SATURATED_SHARE * hosts[c]) saturated++;
  }
  const share = blocks > 0 ? Math.round((saturated / blocks) * 1e4) / 1e4 : 0;
  return { minHosts: DENSE_BLOCK16_MIN_HOSTS, blocks, saturated, share };
}

/** Builds the per-variant summaries. */
export function variantSummaries(result: EngineResult): Record<string, VariantSummary> {
  const M = result.minutes;
  const out: Record<string, VariantSummary> = {};
  result.wormVariants.forEach((v, w) => {
    let probes = 0;
    let flood = 0;
    for (let m = 0; m < M; m++) {
      probes += result.probes[w * M + m];
      flood += result.floodPackets[w * M + m];
    }
    const introMinute = Math.round(
      (result.input.worms[w].introducedAtMs - result.input.startMs) / 60_000,
    );
    const infectedAfterHours: Record<string, number> = {};
    for (const hours of [24, 48]) {
      const last = introMinute + hours * 60;
      if (introMinute < 0 || last > M) continue;
      let n = 0;
      for (let m = Math.max(0, introMinute); m < last; m++) n += result.newInfections[w * M + m];
      infectedAfterHours[String(hours)] = n;
    }
    out[v] = {
      infectedEver: result.everByWorm[w],
      infectedAtEnd: result.infectedNowByWorm[w],
      probesTotal: Math.round(probes),
      floodPackets: Math.round(flood),
      probeLocality: probeLocality(result, w),
      infectedAfterHours,
      dense16: dense16(result, w),
    };
  });
  return out;
}
