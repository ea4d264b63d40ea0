/**
 * Scanning strategies as data. A strategy says how a worm instance picks its next target address; the
 * fast engine uses the closed-form hit probabilities ({@link targetProbability}), the reference engine
 * draws targets one by one ({@link nextTarget}). Both read the same data, so they cannot drift apart.
 */
import type { Rng } from "../core/rng.ts";
import { IPV4_SPACE, localBlock, scaleBlock, type AddressSpace } from "./address-space.ts";
import { cidrIntersectionSize, type Cidr } from "../net/prefix.ts";

/** Uniform over IPv4 (Code Red v2): every address equally likely, except the excluded blocks. */
export interface ScanUniform {
  readonly kind: "uniform";
  /** Blocks the worm regenerates targets in (never probes). */
  readonly excludedBlocks: readonly Cidr[];
}

/**
 * Local preference (Code Red II): keep the first octet with probability `same8`, the first two octets
 * with `same16`, fully random otherwise; regenerate in excluded blocks and on the host's own address.
 */
export interface ScanLocalPreference {
  readonly kind: "local-preference";
  /** Probability the target keeps the source's first octet (random lower 24 bits). */
  readonly same8: number;
  /** Probability the target keeps the source's first two octets (random lower 16 bits). */
  readonly same16: number;
  readonly excludedBlocks: readonly Cidr[];
  /** Regenerate when the target is the host's own address. */
  readonly skipOwnAddress: boolean;
}

/**
 * Static seed (Code Red v1): every instance walks the same pseudo-random address sequence from its
 * start, so a vulnerable address is reached a fixed number of probes after a scanner starts.
 */
export interface ScanStaticSeed {
  readonly kind: "static-seed";
  /** The fixed seed of the shared sequence. */
  readonly sequenceSeed: number;
  /**
   * "shared": all threads of a host consume one sequence; "per-thread": each thread has its own fixed
   * sequence (thread i seeded with sequenceSeed + i).
   */
  readonly threadSequences: "shared" | "per-thread";
  readonly excludedBlocks: readonly Cidr[];
}

/** Any scanning strategy. */
export type ScanStrategy = ScanUniform | ScanLocalPreference | ScanStaticSeed;

/** Creates a uniform strategy. */
export function scanUniform(options: { excludedBlocks?: readonly Cidr[] } = {}): ScanUniform {
  return Object.freeze({ kind: "uniform", excludedBlocks: options.excludedBlocks ?? [] });
}

/** Creates a local-preference strategy (defaults are Code Red II's). */
export function scanLocalPreference(
  options: Partial<Omit<ScanLocalPreference, "kind">> = {},
): ScanLocalPreference {
  const same8 = options.same8 ?? 0.5;
  const same16 = options.same16 ?? 0.375;
  if (same8 < 0 || same16 < 0 || same8 + same16 > 1) {
    throw new RangeError(`local preference needs same8, same16 >= 0 and same8 + same16 <= 1`);
  }
  return Object.freeze({
    kind: "local-preference",
    same8,
    same16,
    excludedBlocks: options.excludedBlocks ?? [],
    skipOwnAddress: options.skipOwnAddress ?? true,
  });
}

/** The level weights of a strategy: chance a raw draw keeps 16, 8 or 0 leading bits of the source. */
export function levelWeights(s: ScanStrategy): { same16: number; same8: number; uniform: number } {
  if (s.kind === "local-preference") {
    return { same16: s.same16, same8: s.same8, uniform: 1 - s.same8 - s.same16 };
  }
  return { same16: 0, same8: 0, uniform: 1 };
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
  if (s.kind === "local-preference" && s.skipOwnAddress) p += ownAddressProbability(w, space);
  return p;
}

function ownAddressProbability(
  w: { uniform: number; same8: number; same16: number },
  space: AddressSpace,
): number {
  return w.uniform / space.size + w.same8 / space.size8 + w.same16 / space.size16;
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
  if (s.kind === "local-preference" && s.skipOwnAddress && blockContains(block, source)) {
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
  s: ScanUniform | ScanLocalPreference,
  rng: Rng,
  source: number,
  space: AddressSpace = IPV4_SPACE,
  excluded: readonly Cidr[] = s.excludedBlocks,
): number {
  const w = levelWeights(s);
  const drop = 32 - space.bits;
  const low16 = space.size16 - 1;
  const low8 = space.size8 - 1;
  for (;;) {
    const u = rng.next();
    const r = rng.nextUint32() >>> drop;
    let t: number;
    if (u < w.same16) t = (source - (source & low16) + (r & low16)) >>> 0;
    else if (u < w.same16 + w.same8) t = (source - (source & low8) + (r & low8)) >>> 0;
    else t = r;
    if (isExcluded(excluded, t)) continue;
    if (s.kind === "local-preference" && s.skipOwnAddress && t === source >>> 0) continue;
    return t;
  }
}
