/**
 * The scan-strategy contract: what the engines need of a strategy. A strategy is data (a frozen
 * object with a `kind`); its plugin says how a raw draw keeps the source's leading bits (the level
 * weights), whether the worm skips its own address, and whether it walks a fixed sequence instead of
 * drawing targets at random. The probabilities in {@link ../scan/strategy.ts} follow from these.
 */
import type { Cidr } from "../net/prefix.ts";

/** Chance that a raw draw keeps 16, 8 or 0 leading bits of the source. */
export interface LevelWeights {
  readonly same16: number;
  readonly same8: number;
  readonly uniform: number;
}

/** The data every strategy has. */
export interface ScanStrategyData {
  readonly kind: string;
  /** Blocks the worm regenerates targets in (never probes). */
  readonly excludedBlocks: readonly Cidr[];
}

/** A scan strategy kind: one file under src/scan/, listed in src/scan/registry.ts. */
export interface ScanStrategyPlugin<S extends ScanStrategyData> {
  readonly kind: S["kind"];
  levelWeights(s: S): LevelWeights;
  /** Regenerates a draw that hits the source's own address. */
  skipsOwnAddress(s: S): boolean;
  /** Walks a fixed sequence (static seed): infections are scheduled attempts, not random events. */
  readonly walksSequence: boolean;
}

/** Level weights of a strategy that draws uniformly over the space. */
export const UNIFORM_LEVELS: LevelWeights = Object.freeze({ same16: 0, same8: 0, uniform: 1 });
