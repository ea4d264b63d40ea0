/** Uniform scanning (Code Red v2): every address equally likely, except the excluded blocks. */
import type { Cidr } from "../net/prefix.ts";
import { UNIFORM_LEVELS, type ScanStrategyPlugin } from "./scan-plugin.ts";

/** Uniform over IPv4 (Code Red v2): every address equally likely, except the excluded blocks. */
export interface ScanUniform {
  readonly kind: "uniform";
  /** Blocks the worm regenerates targets in (never probes). */
  readonly excludedBlocks: readonly Cidr[];
}

/** Creates a uniform strategy. */
export function scanUniform(options: { excludedBlocks?: readonly Cidr[] } = {}): ScanUniform {
  return Object.freeze({ kind: "uniform", excludedBlocks: options.excludedBlocks ?? [] });
}

/** The uniform strategy's plugin. */
export const scanPluginUniform: ScanStrategyPlugin<ScanUniform> = {
  kind: "uniform",
  levelWeights: () => UNIFORM_LEVELS,
  skipsOwnAddress: () => false,
  walksSequence: false,
};
