/**
 * The scan-strategy registry: every strategy kind with its plugin. The generic probabilities in
 * strategy.ts and the engines read strategies only through it.
 */
import { scanPluginLocalPreference, type ScanLocalPreference } from "./local-preference.ts";
import type { ScanStrategyPlugin } from "./scan-plugin.ts";
import { scanPluginStaticSeed, type ScanStaticSeed } from "./static-seed.ts";
import { scanPluginUniform, type ScanUniform } from "./uniform.ts";

/** Any built-in scanning strategy. */
export type ScanStrategy = ScanUniform | ScanLocalPreference | ScanStaticSeed;

/** The strategy plugins by kind. */
export const SCAN_STRATEGIES: {
  readonly [K in ScanStrategy["kind"]]: ScanStrategyPlugin<Extract<ScanStrategy, { kind: K }>>;
} = {
  uniform: scanPluginUniform,
  "local-preference": scanPluginLocalPreference,
  "static-seed": scanPluginStaticSeed,
};

/** The plugin of strategy `s`. */
export function scanPlugin(s: ScanStrategy): ScanStrategyPlugin<ScanStrategy> {
  return SCAN_STRATEGIES[s.kind];
}

/** Whether a strategy walks a fixed sequence (infections are scheduled attempts). */
export function walksSequence(s: ScanStrategy): s is ScanStaticSeed {
  return scanPlugin(s).walksSequence;
}
