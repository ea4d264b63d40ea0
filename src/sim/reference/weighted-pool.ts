/**
 * The scanning threads of one worm when hosts probe at different rates (rate heterogeneity,
 * src/sim/host-traits.ts): host h's threads each probe at perThreadRate x m[h], so the host of the
 * next probe of the superposed Poisson process is drawn in proportion to threads x m[h]. Weights
 * change only when a host starts or stops scanning, while millions of probes are drawn between
 * changes, so the draw uses an alias table (Vose's method: one uniform per probe), rebuilt over the
 * scanning hosts at the first draw after a change.
 * @see Vose, "A linear algorithm for generating random numbers with a given distribution", IEEE TSE
 *   17(9), 1991
 */
import type { Rng } from "../../core/rng.ts";
import type { ScanPool } from "./thread-pool.ts";

export class WeightedPool implements ScanPool {
  /** Scanning hosts, densely packed, and their weights (threads x multiplier). */
  private readonly members: Int32Array;
  private readonly weights: Float64Array;
  /** Position of each host in `members` (-1: not scanning). */
  private readonly position: Int32Array;
  private count = 0;
  /** Sum of the weights (-1: stale). */
  private sum = 0;
  /** Alias table over `members` (valid unless `stale`). */
  private readonly prob: Float64Array;
  private readonly alias: Int32Array;
  private readonly small: Int32Array;
  private readonly large: Int32Array;
  private stale = true;

  constructor(
    capacity: number,
    readonly perThreadRate: number,
    /** Rate multiplier per host. */
    private readonly multipliers: Float64Array,
  ) {
    this.members = new Int32Array(capacity);
    this.weights = new Float64Array(capacity);
    this.position = new Int32Array(capacity).fill(-1);
    this.prob = new Float64Array(capacity);
    this.alias = new Int32Array(capacity);
    this.small = new Int32Array(capacity);
    this.large = new Int32Array(capacity);
  }

  /** Probes per second of the whole pool (exactly 0 when no host scans). */
  get probesPerSecond(): number {
    return this.count === 0 ? 0 : this.total() * this.perThreadRate;
  }

  private total(): number {
    if (this.sum < 0) {
      let s = 0;
      for (let i = 0; i < this.count; i++) s += this.weights[i];
      this.sum = s;
    }
    return this.sum;
  }

  has(h: number): boolean {
    return this.position[h] >= 0;
  }

  add(h: number, threads: number): void {
    if (this.position[h] >= 0) return;
    const i = this.count++;
    this.members[i] = h;
    this.weights[i] = threads * this.multipliers[h];
    this.position[h] = i;
    this.changed();
  }

  delete(h: number): void {
    const i = this.position[h];
    if (i < 0) return;
    const last = --this.count;
    if (i !== last) {
      const moved = this.members[last];
      this.members[i] = moved;
      this.weights[i] = this.weights[last];
      this.position[moved] = i;
    }
    this.position[h] = -1;
    this.changed();
  }

  private changed(): void {
    this.sum = -1;
    this.stale = true;
  }

  pick(rng: Rng): number {
    if (this.stale) this.rebuild();
    const u = rng.next() * this.count;
    const i = Math.min(this.count - 1, Math.floor(u));
    return u - i < this.prob[i] ? this.members[i] : this.members[this.alias[i]];
  }

  /** Vose's alias table over the current members. */
  private rebuild(): void {
    const n = this.count;
    const { prob, alias, small, large, weights } = this;
    const scale = n / this.total();
    let s = 0;
    let l = 0;
    for (let i = 0; i < n; i++) {
      prob[i] = weights[i] * scale;
      if (prob[i] < 1) small[s++] = i;
      else large[l++] = i;
    }
    while (s > 0 && l > 0) {
      const a = small[--s];
      const g = large[l - 1];
      alias[a] = g;
      prob[g] = prob[g] + prob[a] - 1;
      if (prob[g] < 1) {
        l--;
        small[s++] = g;
      }
    }
    // What is left is 1 up to round-off.
    while (l > 0) prob[large[--l]] = 1;
    while (s > 0) prob[small[--s]] = 1;
    this.stale = false;
  }
}
