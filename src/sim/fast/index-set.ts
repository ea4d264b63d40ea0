/**
 * A set of host indices with O(1) add, remove, membership and uniform sampling. Several sets may
 * share one positions array with a stride, so that a host's positions in all of them sit in one
 * cache line.
 */
export class IndexSet {
  private readonly items: Uint32Array;
  private readonly position: Float64Array;
  private count = 0;

  constructor(
    capacity: number,
    positions?: Float64Array,
    private readonly stride = 1,
    private readonly slot = 0,
  ) {
    this.items = new Uint32Array(capacity);
    this.position = positions ?? new Float64Array(capacity).fill(-1);
  }

  get size(): number {
    return this.count;
  }

  has(i: number): boolean {
    return this.position[i * this.stride + this.slot] >= 0;
  }

  add(i: number): void {
    const k = i * this.stride + this.slot;
    if (this.position[k] >= 0) return;
    this.items[this.count] = i;
    this.position[k] = this.count++;
  }

  delete(i: number): void {
    const k = i * this.stride + this.slot;
    const p = this.position[k];
    if (p < 0) return;
    const last = this.items[--this.count];
    this.items[p] = last;
    this.position[last * this.stride + this.slot] = p;
    this.position[k] = -1;
  }

  /** The member at dense position k (0 <= k < size); order changes as members leave. */
  at(k: number): number {
    return this.items[k];
  }
}
