/** A set of host indices with O(1) add, remove, membership and uniform sampling. */
export class IndexSet {
  private readonly items: Uint32Array;
  private readonly position: Int32Array;
  private count = 0;

  constructor(capacity: number) {
    this.items = new Uint32Array(capacity);
    this.position = new Int32Array(capacity).fill(-1);
  }

  get size(): number {
    return this.count;
  }

  has(i: number): boolean {
    return this.position[i] >= 0;
  }

  add(i: number): void {
    if (this.position[i] >= 0) return;
    this.items[this.count] = i;
    this.position[i] = this.count++;
  }

  delete(i: number): void {
    const p = this.position[i];
    if (p < 0) return;
    const last = this.items[--this.count];
    this.items[p] = last;
    this.position[last] = p;
    this.position[i] = -1;
  }

  /** The member at dense position k (0 <= k < size); order changes as members leave. */
  at(k: number): number {
    return this.items[k];
  }
}
