/**
 * Local preference (Code Red II): keep the first octet with probability `same8`, the first two
 * octets with `same16`, fully random otherwise; regenerate in excluded blocks and on the host's own
 * address.
 * @see ../../docs/worms/code-red-ii.md
 */
import type { Cidr } from "../net/prefix.ts";
import type { ScanStrategyPlugin } from "./scan-plugin.ts";

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

/** The local-preference strategy's plugin. */
export const scanPluginLocalPreference: ScanStrategyPlugin<ScanLocalPreference> = {
  kind: "local-preference",
  levelWeights: (s) => ({ same16: s.same16, same8: s.same8, uniform: 1 - s.same8 - s.same16 }),
  skipsOwnAddress: (s) => s.skipOwnAddress,
  walksSequence: false,
};
