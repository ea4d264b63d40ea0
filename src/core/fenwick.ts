/**
 * A Fenwick (binary indexed) tree over non-negative weights: point update, prefix sum and weighted
 * search in O(log n). Weights are kept as float64; callers that need exact sums use integer weights
 * (all integers below 2^53 add exactly).
 */
export class Fenwick {
  private readonly tree: Float64Array;
  private readonly values: Float64Array;
  private readonly topBit: number;
  /** After {@link search}: how far into the found index's weight the target fell. */
  remainder = 0;

  constructor(readonly size: number) {
    this.tree = new Float64Array(size + 1);
    this.values = new Float64Array(size);
    let b = 1;
    while (b * 2 <= size) b *= 2;
    this.topBit = b;
  }

  /** The weight at index i. */
  get(i: number): number {
    return this.values[i];
  }

  /** Adds delta to the weight at index i. */
  add(i: number, delta: number): void {
    this.values[i] += delta;
    for (let j = i + 1; j <= this.size; j += j & -j) this.tree[j] += delta;
  }

  /** Sets the weight at index i. */
  set(i: number, value: number): void {
    this.add(i, value - this.values[i]);
  }

  /** Sum of weights at indices [0, i). */
  prefix(i: number): number {
    let s = 0;
    for (let j = i; j > 0; j -= j & -j) s += this.tree[j];
    return s;
  }

  /** Sum of all weights. */
  total(): number {
    return this.prefix(this.size);
  }

  /**
   * The smallest index i whose prefix sum through i exceeds target (0 <= target < total).
   * Skips zero-weight indices, so a positive-weight index is always returned.
   */
  search(target: number): number {
    let pos = 0;
    const values = this.values;
    for (let step = this.topBit; step > 0; step >>= 1) {
      const next = pos + step;
      if (next <= this.size && this.tree[next] <= target) {
        pos = next;
        target -= this.tree[next];
      }
    }
    this.remainder = target;
    // Guard against float round-off landing on a zero-weight tail.
    while (pos < this.size - 1 && values[pos] === 0) pos++;
    return pos;
  }
}
