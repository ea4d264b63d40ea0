/**
 * Per-block aggregates that make local-preference scanning exact without a probe loop: for one worm,
 * from the summed probe rate of its scanning hosts per /16 and per /8 ({@link SourceRates}), Fenwick
 * trees of
 * (rate in block) x (susceptible hosts it can infect in block), from which the infection rate of each
 * locality level and the block of the next infection are sampled.
 */
import { Fenwick } from "../../core/fenwick.ts";
import type { AddressSpace } from "../../scan/address-space.ts";
import type { SourceRates } from "./source-rates.ts";
import type { SusceptibleIndex } from "./susceptible-index.ts";

export class LocalAggregates {
  readonly weight16 = new Fenwick(65536);
  readonly weight8 = new Fenwick(256);

  constructor(
    private readonly susceptible: SusceptibleIndex,
    private readonly space: AddressSpace,
    private readonly sources: SourceRates,
    /** OS classes this worm infects. */
    private readonly infectsOs: readonly number[],
  ) {}

  /** Susceptible hosts this worm can infect in a /16. */
  susceptibleIn16(block16: number): number {
    let n = 0;
    for (const os of this.infectsOs) n += this.susceptible.in16(os, block16);
    return n;
  }

  /** Susceptible hosts this worm can infect in a /8. */
  susceptibleIn8(block8: number): number {
    let n = 0;
    for (const os of this.infectsOs) n += this.susceptible.per8[os][block8];
    return n;
  }

  /** Recomputes the weights of the blocks holding `address` (after a susceptible count changed). */
  refresh(address: number): void {
    const b16 = address >>> this.space.shift16;
    const b8 = address >>> this.space.shift8;
    this.weight16.set(b16, this.sources.rate16(b16) * this.susceptibleIn16(b16));
    this.weight8.set(b8, this.sources.rate8(b8) * this.susceptibleIn8(b8));
  }
}
