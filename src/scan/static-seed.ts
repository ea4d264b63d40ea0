/**
 * Static-seed scanning (Code Red v1): every instance walks the same pseudo-random address sequence
 * from its start. We never generate the sequence: for each address we need only its position, the
 * number of probes a scanner makes before reaching it. In a pseudo-random sequence over a space of S
 * addresses the first occurrence of a given address is geometric with mean S; we derive it from a hash
 * of (sequence seed, address), so it is a fixed property of the address, the same in every run.
 * - "shared": one sequence consumed by all of a host's threads: position ~ Exp(mean S).
 * - "per-thread": thread i walks its own sequence (seed + i) at 1/threads of the host's rate: the host
 *   first reaches the address after threads x min_i position_i probes.
 * After its first occurrence an address recurs: in a uniform sequence over S addresses the gaps
 * between occurrences are geometric with mean S (exponential in the limit), in one thread's sequence
 * or in the superposition of a host's threads alike. {@link sequenceRecurrence} gives them, again as
 * fixed properties of (sequence seed, address, occurrence).
 * @see ../../docs/sources.md section 2 (CRv1: static seed, V)
 */
import { mix32 } from "../core/rng.ts";
import type { Cidr } from "../net/prefix.ts";
import type { AddressSpace } from "./address-space.ts";
import { UNIFORM_LEVELS, type ScanStrategyPlugin } from "./scan-plugin.ts";

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

/** The static-seed strategy's plugin: in the long run its probes land uniformly. */
export const scanPluginStaticSeed: ScanStrategyPlugin<ScanStaticSeed> = {
  kind: "static-seed",
  levelWeights: () => UNIFORM_LEVELS,
  skipsOwnAddress: () => false,
  walksSequence: true,
};

/** Creates a static-seed strategy (defaults: Code Red v1's, one shared sequence). */
export function scanStaticSeed(
  options: Partial<Omit<ScanStaticSeed, "kind">> = {},
): ScanStaticSeed {
  return Object.freeze({
    kind: "static-seed",
    sequenceSeed: options.sequenceSeed ?? 0x0c0de5ed,
    threadSequences: options.threadSequences ?? "shared",
    excludedBlocks: options.excludedBlocks ?? [],
  });
}

/** A uniform double in (0, 1) from (seed, address), fixed for ever. */
function hashUniform(seed: number, address: number): number {
  const a = mix32((seed ^ mix32(address + 0x9e3779b9)) >>> 0);
  const b = mix32((a + 0x7f4a7c15) >>> 0);
  return ((a >>> 5) * 67108864 + (b >>> 6) + 0.5) / 9007199254740992;
}

/**
 * The number of probes a scanner makes before it first reaches `address` (a host with `threads`
 * threads; "per-thread" mode only depends on it).
 */
export function sequencePosition(
  s: ScanStaticSeed,
  address: number,
  threads: number,
  space: AddressSpace,
): number {
  if (s.threadSequences === "shared")
    return -Math.log(hashUniform(s.sequenceSeed, address)) * space.size;
  let best = Infinity;
  for (let i = 0; i < threads; i++) {
    best = Math.min(best, -Math.log(hashUniform((s.sequenceSeed + i) >>> 0, address)) * space.size);
  }
  return best * threads;
}

/**
 * Probes a scanner makes between occurrence `k - 1` and occurrence `k` (k >= 1) of `address` in the
 * sequence: exponential with mean S, fixed by (sequence seed, address, k). Over a 2^32 space a scan
 * of days never gets there (the mean gap is ~10 years at Code Red's rate); in a scaled-down space it
 * is minutes to hours, and a scanner whose attempt failed tries the address again.
 */
export function sequenceRecurrence(
  s: ScanStaticSeed,
  address: number,
  k: number,
  space: AddressSpace,
): number {
  const seed = mix32((s.sequenceSeed ^ 0x5bd1e995) + Math.imul(k, 0x9e3779b9)) >>> 0;
  return -Math.log(hashUniform(seed, address)) * space.size;
}
