/**
 * Scanning strategies as data. A strategy says how a worm instance picks its next target address; the
 * fast engine uses the closed-form hit probabilities ({@link targetProbability}), the reference engine
 * draws targets one by one ({@link nextTarget}). Both read the same data, so they cannot drift apart.
 */
import type { Rng } from "../core/rng.ts";
import { IPV4_SPACE, localBlock, scaleBlock, type AddressSpace } from "./address-space.ts";
import { cidrIntersectionSize, type Cidr } from "../net/prefix.ts";
import { scanPlugin, type ScanStrategy } from "./registry.ts";
import type { LevelWeights } from "./scan-plugin.ts";

export type { ScanUniform } from "./uniform.ts";
export type { ScanLocalPreference } from "./local-preference.ts";
export type { ScanStaticSeed } from "./static-seed.ts";
export type { ScanStrategy } from "./registry.ts";
export { scanUniform } from "./uniform.ts";
export { scanLocalPreference } from "./local-preference.ts";

/** The level weights of a strategy: chance a raw draw keeps 16, 8 or 0 leading bits of the source. */
export function levelWeights(s: ScanStrategy): LevelWeights {
  return scanPlugin(s).levelWeights(s);
}

function excludedSize(blocks: readonly Cidr[], space: AddressSpace): number {
  let n = 0;
  for (const b of blocks) n += 2 ** (32 - scaleBlock(b, space).bits);
  return n;
}

/**
 * Probability that one raw draw is rejected (regenerated): the excluded share of the uniform part plus,
 * when the strategy skips its own address, the chance of drawing it.
 */
export function rejectionProbability(s: ScanStrategy, space: AddressSpace = IPV4_SPACE): number {
  const w = levelWeights(s);
  let p = (w.uniform * excludedSize(s.excludedBlocks, space)) / space.size;
  if (scanPlugin(s).skipsOwnAddress(s)) p += ownAddressProbability(w, space);
  return p;
}

function ownAddressProbability(w: LevelWeights, space: AddressSpace): number {
  return w.uniform / space.size + w.same8 / space.size8 + w.same16 / space.size16;
}

/**
 * Probability that one raw draw of strategy `s` hits the source's own address and is drawn again
 * (0 when the strategy does not skip it): the own address's share of every level.
 */
export function ownAddressShare(s: ScanStrategy, space: AddressSpace = IPV4_SPACE): number {
  return scanPlugin(s).skipsOwnAddress(s) ? ownAddressProbability(levelWeights(s), space) : 0;
}

/**
 * Probability that one probe from `source` lands in `block`, after regeneration, in `space` (blocks
 * and addresses in the space's representation; the strategy's excluded blocks are IPv4 blocks and are
 * scaled here). Exact for uniform and local-preference scanning; for the static seed it is the
 * long-run average (uniform).
 */
export function targetProbability(
  s: ScanStrategy,
  source: number,
  block: Cidr,
  space: AddressSpace = IPV4_SPACE,
): number {
  const w = levelWeights(s);
  let allowed = cidrIntersectionSize(block, { base: 0, bits: 32 - space.bits });
  for (const e of s.excludedBlocks) allowed -= cidrIntersectionSize(block, scaleBlock(e, space));
  let p = (w.uniform * allowed) / space.size;
  if (w.same8 > 0) {
    p += (w.same8 * cidrIntersectionSize(block, localBlock(source, 8, space))) / space.size8;
  }
  if (w.same16 > 0) {
    p += (w.same16 * cidrIntersectionSize(block, localBlock(source, 16, space))) / space.size16;
  }
  if (scanPlugin(s).skipsOwnAddress(s) && blockContains(block, source)) {
    p -= ownAddressProbability(w, space);
  }
  return Math.max(0, p) / (1 - rejectionProbability(s, space));
}

function blockContains(block: Cidr, address: number): boolean {
  return cidrIntersectionSize(block, { base: address >>> 0, bits: 32 }) === 1;
}

function isExcluded(excluded: readonly Cidr[], address: number): boolean {
  for (const e of excluded) if (blockContains(e, address)) return true;
  return false;
}

/**
 * Draws one target for a uniform or local-preference scanner at `source`, probe by probe, with
 * regeneration (the reference engine's path). `excluded` are the strategy's excluded blocks already
 * scaled to the space (see {@link scaleBlock}). Static-seed scanning walks a sequence instead.
 */
export function nextTarget(
  s: ScanStrategy,
  rng: Rng,
  source: number,
  space: AddressSpace = IPV4_SPACE,
  excluded: readonly Cidr[] = s.excludedBlocks,
): number {
  const w = levelWeights(s);
  const drop = 32 - space.bits;
  const low16 = space.size16 - 1;
  const low8 = space.size8 - 1;
  const skipOwn = scanPlugin(s).skipsOwnAddress(s);
  for (;;) {
    const u = rng.next();
    const r = rng.nextUint32() >>> drop;
    let t: number;
    if (u < w.same16) t = (source - (source & low16) + (r & low16)) >>> 0;
    else if (u < w.same16 + w.same8) t = (source - (source & low8) + (r & low8)) >>> 0;
    else t = r;
    if (isExcluded(excluded, t)) continue;
    if (skipOwn && t === source >>> 0) continue;
    return t;
  }
}
