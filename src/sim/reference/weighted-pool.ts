/**
 * The scanning threads of one worm when hosts probe at different rates (rate heterogeneity,
 * src/sim/host-traits.ts): host h's threads each probe at perThreadRate x m[h], so the host of the
 * next probe of the superposed Poisson process is drawn in proportion to threads x m[h], by a search
 * in a Fenwick tree over hosts (O(log n) per probe).
 */
import { Fenwick } from "../../core/fenwick.ts";
import type { Rng } from "../../core/rng.ts";
import type { ScanPool } from "./thread-pool.ts";

export class WeightedPool implements ScanPool {
  private tree: Fenwick;
  private readonly member: Uint8Array;
  private count = 0;
  /** The tree's total, recomputed after a change (-1: stale). */
  private sum = 0;

  constructor(
    private readonly capacity: number,
    readonly perThreadRate: number,
    /** Rate multiplier per host. */
    private readonly multipliers: Float64Array,
  ) {
    this.tree = new Fenwick(capacity);
    this.member = new Uint8Array(capacity);
  }

  /** Probes per second of the whole pool (exactly 0 when no host scans). */
  get probesPerSecond(): number {
    return this.count === 0 ? 0 : this.total() * this.perThreadRate;
  }

  private total(): number {
    if (this.sum < 0) this.sum = this.tree.total();
    return this.sum;
  }

  has(h: number): boolean {
    return this.member[h] === 1;
  }

  add(h: number, threads: number): void {
    if (this.member[h] === 1) return;
    this.member[h] = 1;
    this.count++;
    this.tree.set(h, threads * this.multipliers[h]);
    this.sum = -1;
  }

  delete(h: number): void {
    if (this.member[h] === 0) return;
    this.member[h] = 0;
    // A fresh tree when the pool empties, so float round-off of many updates never accumulates.
    if (--this.count === 0) this.tree = new Fenwick(this.capacity);
    else this.tree.set(h, 0);
    this.sum = -1;
  }

  pick(rng: Rng): number {
    for (;;) {
      const h = this.tree.search(rng.next() * this.total());
      // Round-off can only land on a host outside the pool at a weight boundary: draw again.
      if (this.member[h] === 1) return h;
    }
  }
}
