/** What an infection process reads of its worm (the fast engine's WormRuntime is one). */
import type { AddressSpace } from "../../scan/address-space.ts";
import type { WormDefinition } from "../../worms/define-worm.ts";
import type { LocalAggregates } from "../fast/local-aggregates.ts";
import type { SusceptibleIndex } from "../fast/susceptible-index.ts";

/**
 * Infects host h with worm `worm` (the engine's transition), reached through locality level `level`
 * (0: uniform, 8: same /8, 16: same /16), which probe filters need to draw the probe's source.
 */
export type Infect = (h: number, worm: number, level: 0 | 8 | 16) => void;

/** A worm as its infection processes see it. */
export interface InfectingWorm {
  readonly index: number;
  readonly def: WormDefinition;
  readonly space: AddressSpace;
  /** The hosts it can infect now, and the OS classes among them it infects. */
  readonly targets: SusceptibleIndex;
  readonly infectsOs: readonly number[];
  readonly acceptScale: number;
  readonly uniformShare: number;
  readonly same8Share: number;
  readonly same16Share: number;
  /** Summed probe rate of its scanning hosts. */
  readonly totalRate: number;
  /** Whether its infected hosts scan now. */
  readonly spreading: boolean;
  /** Per-block aggregates, for strategies with local levels. */
  readonly local: LocalAggregates | null;
}
