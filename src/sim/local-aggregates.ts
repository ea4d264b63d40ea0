/**
 * Per-block aggregates that make local-preference scanning exact without a probe loop: for one worm,
 * the summed probe rate of its scanning hosts per /16 and per /8, and Fenwick trees of
 * (rate in block) x (susceptible hosts it can infect in block), from which the infection rate of each
 * locality level and the block of the next infection are sampled.
 */
import { Fenwick } from "../core/fenwick.ts";
import type { AddressSpace } from "../scan/address-space.ts";
import type { SusceptibleIndex } from "./susceptible-index.ts";

export class LocalAggregates {
  readonly rate16 = new Float64Array(65536);
  readonly rate8 = new Float64Array(256);
  readonly weight16 = new Fenwick(65536);
  readonly weight8 = new Fenwick(256);

  constructor(
    private readonly susceptible: SusceptibleIndex,
    private readonly space: AddressSpace,
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

  /** A scanning host at `address` changes its rate by `delta` probes per second. */
  addRate(address: number, delta: number): void {
    const b16 = address >>> this.space.shift16;
    const b8 = address >>> this.space.shift8;
    this.rate16[b16] += delta;
    this.rate8[b8] += delta;
    if (Math.abs(this.rate16[b16]) < 1e-9) this.rate16[b16] = 0;
    if (Math.abs(this.rate8[b8]) < 1e-9) this.rate8[b8] = 0;
    this.refresh(address);
  }

  /** Recomputes the weights of the blocks holding `address` (after a susceptible count changed). */
  refresh(address: number): void {
    const b16 = address >>> this.space.shift16;
    const b8 = address >>> this.space.shift8;
    this.weight16.set(b16, this.rate16[b16] * this.susceptibleIn16(b16));
    this.weight8.set(b8, this.rate8[b8] * this.susceptibleIn8(b8));
  }
}
