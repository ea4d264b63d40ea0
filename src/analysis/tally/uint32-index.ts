/**
 * An open-addressing hash index from uint32 keys to dense slot numbers. Faster than a Map for IPv4
 * addresses (most are not V8 small integers); key and slot share one array so a probe touches one
 * cache line.
 */

/** Maps uint32 keys to slot numbers chosen by the caller. */
export class Uint32Index {
  /** Pairs [key, slot + 1]; slot + 1 === 0 marks an empty cell. */
  private cells: Uint32Array;
  private mask: number;
  /** Number of keys stored. */
  size = 0;

  constructor(initialCapacity = 1024) {
    let capacity = 16;
    while (capacity < initialCapacity * 2) capacity *= 2;
    this.cells = new Uint32Array(capacity * 2);
    this.mask = capacity - 1;
  }

  /** The slot of `key`, or -1 if absent. */
  get(key: number): number {
    const cells = this.cells;
    const mask = this.mask;
    let i = (Math.imul(key ^ (key >>> 16), 0x45d9f3b) >>> 0) & mask;
    for (;;) {
      const slotPlusOne = cells[i * 2 + 1];
      if (slotPlusOne === 0) return -1;
      if (cells[i * 2] === key) return slotPlusOne - 1;
      i = (i + 1) & mask;
    }
  }

  /** The slot of `key`, adding it with slot `slotIfNew` if absent. */
  getOrAdd(key: number, slotIfNew: number): number {
    const found = this.get(key);
    if (found >= 0) return found;
    if ((this.size + 1) * 2 > this.mask + 1) this.grow();
    this.insert(key, slotIfNew);
    this.size++;
    return slotIfNew;
  }

  private insert(key: number, slot: number): void {
    const cells = this.cells;
    let i = (Math.imul(key ^ (key >>> 16), 0x45d9f3b) >>> 0) & this.mask;
    while (cells[i * 2 + 1] !== 0) i = (i + 1) & this.mask;
    cells[i * 2] = key;
    cells[i * 2 + 1] = slot + 1;
  }

  private grow(): void {
    const old = this.cells;
    this.cells = new Uint32Array(old.length * 2);
    this.mask = old.length - 1;
    for (let i = 0; i < old.length; i += 2) {
      if (old[i + 1] !== 0) this.insert(old[i], old[i + 1] - 1);
    }
  }
}
