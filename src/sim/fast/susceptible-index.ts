/**
 * Where the susceptible hosts are: per (/16, OS class) segment, a swap-partitioned list whose prefix holds
 * the susceptible hosts, plus Fenwick trees of susceptible counts per /16 for each OS class. Sampling a
 * uniform susceptible host in the whole space, a /8 or a /16 costs O(log 65536).
 */
import { Fenwick } from "../../core/fenwick.ts";
import type { Population } from "../../net/population.ts";
import type { AddressSpace } from "../../scan/address-space.ts";

/** OS classes of a population: codes 0 to the largest code present (at least one class). */
export function osClassCount(population: Population): number {
  let max = 0;
  for (let h = 0; h < population.size; h++) if (population.os[h] > max) max = population.os[h];
  return max + 1;
}
const BLOCKS16 = 65536;

export class SusceptibleIndex {
  /** Host indices ordered by (/16, OS); a segment's susceptible hosts come first. */
  private readonly order: Uint32Array;
  /** Per host: segment at 2h, position in `order` at 2h + 1. */
  private readonly slots: Uint32Array;
  /** Segment g = block16 * this.osClasses + os starts at segmentStart[g]. */
  private readonly segmentStart: Uint32Array;
  private readonly susceptibleInSegment: Uint32Array;
  /** Susceptible counts per /16, one tree per OS class. */
  readonly per16: Fenwick[];
  /** Susceptible counts per /8, per OS class. */
  readonly per8: Float64Array[];
  /** Total susceptible per OS class. */
  readonly totals: Float64Array;

  private readonly shift16: number;
  /** OS classes distinguished (population OS codes 0 to osClasses - 1). */
  readonly osClasses: number;

  constructor(
    private readonly population: Population,
    space: AddressSpace,
  ) {
    this.shift16 = space.shift16;
    this.osClasses = osClassCount(population);
    const n = population.size;
    // Each host's segment and position side by side: one cache line per lookup.
    this.slots = new Uint32Array(n * 2);
    for (let h = 0; h < n; h++) {
      this.slots[2 * h] =
        (population.addresses[h] >>> this.shift16) * this.osClasses + population.os[h];
    }
    const counts = new Uint32Array(BLOCKS16 * this.osClasses + 1);
    for (let h = 0; h < n; h++) counts[this.segmentOf(h) + 1]++;
    for (let g = 1; g < counts.length; g++) counts[g] += counts[g - 1];
    this.segmentStart = counts;
    const fill = counts.slice(0, BLOCKS16 * this.osClasses);
    this.order = new Uint32Array(n);
    for (let h = 0; h < n; h++) {
      const p = fill[this.segmentOf(h)]++;
      this.order[p] = h;
      this.slots[2 * h + 1] = p;
    }
    this.susceptibleInSegment = new Uint32Array(BLOCKS16 * this.osClasses);
    this.per16 = Array.from({ length: this.osClasses }, () => new Fenwick(BLOCKS16));
    this.per8 = Array.from({ length: this.osClasses }, () => new Float64Array(256));
    this.totals = new Float64Array(this.osClasses);
  }

  private segmentOf(h: number): number {
    return this.slots[2 * h];
  }

  private swap(p: number, q: number): void {
    const a = this.order[p];
    const b = this.order[q];
    this.order[p] = b;
    this.order[q] = a;
    this.slots[2 * b + 1] = p;
    this.slots[2 * a + 1] = q;
  }

  /** Whether host h is in the index. */
  has(h: number): boolean {
    const g = this.segmentOf(h);
    return this.slots[2 * h + 1] < this.segmentStart[g] + this.susceptibleInSegment[g];
  }

  /** Marks host h susceptible (it must not be already). */
  add(h: number): void {
    const g = this.segmentOf(h);
    const boundary = this.segmentStart[g] + this.susceptibleInSegment[g];
    this.swap(this.slots[2 * h + 1], boundary);
    this.susceptibleInSegment[g]++;
    this.count(g, 1);
  }

  /** Marks host h not susceptible (it must be susceptible now). */
  remove(h: number): void {
    const g = this.segmentOf(h);
    const last = this.segmentStart[g] + this.susceptibleInSegment[g] - 1;
    this.swap(this.slots[2 * h + 1], last);
    this.susceptibleInSegment[g]--;
    this.count(g, -1);
  }

  /** Counts a host of segment g (block16 * this.osClasses + os) in or out. */
  private count(g: number, delta: number): void {
    const os = g % this.osClasses;
    const block16 = (g - os) / this.osClasses;
    this.per16[os].add(block16, delta);
    this.per8[os][block16 >>> 8] += delta;
    this.totals[os] += delta;
  }

  /** Susceptible hosts of OS class `os` in /16 block `block16`. */
  in16(os: number, block16: number): number {
    return this.susceptibleInSegment[block16 * this.osClasses + os];
  }

  /** The k-th (0-based) susceptible host of class `os` in /16 `block16`. */
  pickIn16(os: number, block16: number, k: number): number {
    return this.order[this.segmentStart[block16 * this.osClasses + os] + k];
  }

  /** A uniform susceptible host of class `os` among /16 blocks [from16, to16), given u in [0,1). */
  pickInRange(os: number, from16: number, to16: number, u: number): number {
    const tree = this.per16[os];
    const below = from16 === 0 ? 0 : tree.prefix(from16);
    const inRange = (to16 === 65536 ? this.totals[os] : tree.prefix(to16)) - below;
    const target = below + Math.min(Math.floor(u * inRange), inRange - 1);
    const block16 = tree.search(target);
    const k = tree.remainder;
    return this.pickIn16(os, block16, Math.min(k, this.in16(os, block16) - 1));
  }
}
