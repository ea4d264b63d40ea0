/**
 * The scanning threads of one worm in the reference engine. Every thread of every scanning host is an
 * independent Poisson process of `perThreadRate` probes per second, so the next probe of the worm
 * comes from a thread chosen uniformly among all scanning threads. Threads are kept in slots of
 * g = gcd(thread counts) threads each (a 300-thread host has one slot, a 600-thread host two), so one
 * uniform slot draw picks a thread's host exactly.
 */
import type { Rng } from "../../core/rng.ts";

function gcd(a: number, b: number): number {
  return b === 0 ? a : gcd(b, a % b);
}

/** The scanning hosts of one worm, and how the host of the next probe is drawn. */
export interface ScanPool {
  /** Probes per second of one thread (before any host's rate multiplier). */
  readonly perThreadRate: number;
  /** Probes per second of the whole pool. */
  readonly probesPerSecond: number;
  has(h: number): boolean;
  /** Host h starts scanning with `threads` threads (no-op if scanning). */
  add(h: number, threads: number): void;
  /** Host h stops scanning (no-op when it does not scan). */
  delete(h: number): void;
  /** The host whose thread sends the next probe (the pool must not be empty). */
  pick(rng: Rng): number;
}

/** The homogeneous pool: every thread at one rate, the sending thread uniform (one draw). */
export class ThreadPool implements ScanPool {
  private readonly threadsPerSlot: number;
  private readonly maxSlots: number;
  /** Host of each occupied slot, densely packed. */
  private readonly slotHost: Uint32Array;
  /** Per host, its slots' positions in `slotHost` (maxSlots entries each, -1 unused). */
  private readonly slotsOf: Int32Array;
  private readonly slotCount: Uint8Array;
  private slots = 0;

  constructor(
    capacity: number,
    /** Probes per second of one thread. */
    readonly perThreadRate: number,
    /** The thread counts hosts may have. */
    threadCounts: readonly number[],
  ) {
    this.threadsPerSlot = threadCounts.reduce(gcd);
    this.maxSlots = Math.max(...threadCounts) / this.threadsPerSlot;
    if (this.maxSlots > 255) throw new RangeError("thread counts too far apart for the slot table");
    this.slotHost = new Uint32Array(capacity * this.maxSlots);
    this.slotsOf = new Int32Array(capacity * this.maxSlots).fill(-1);
    this.slotCount = new Uint8Array(capacity);
  }

  /** Threads of the scanning hosts. */
  get threads(): number {
    return this.slots * this.threadsPerSlot;
  }

  /** Probes per second of the whole pool. */
  get probesPerSecond(): number {
    return this.slots * this.threadsPerSlot * this.perThreadRate;
  }

  has(h: number): boolean {
    return this.slotCount[h] > 0;
  }

  /** Host h starts scanning with `threads` threads (a multiple of the slot size; no-op if scanning). */
  add(h: number, threads: number): void {
    if (this.slotCount[h] > 0) return;
    const k = threads / this.threadsPerSlot;
    for (let i = 0; i < k; i++) {
      this.slotHost[this.slots] = h;
      this.slotsOf[h * this.maxSlots + i] = this.slots++;
    }
    this.slotCount[h] = k;
  }

  /** Host h stops scanning (no-op when it does not scan). */
  delete(h: number): void {
    const k = this.slotCount[h];
    for (let i = 0; i < k; i++) {
      const p = this.slotsOf[h * this.maxSlots + i];
      const lastHost = this.slotHost[--this.slots];
      if (p !== this.slots) {
        // Move the last slot into p and repoint its owner's entry.
        this.slotHost[p] = lastHost;
        const base = lastHost * this.maxSlots;
        for (let j = 0; j < this.slotCount[lastHost]; j++) {
          if (this.slotsOf[base + j] === this.slots) this.slotsOf[base + j] = p;
        }
      }
      // The entries of h still to process may point at the moved slot: repoint them too.
      for (let j = i + 1; j < k; j++) {
        if (this.slotsOf[h * this.maxSlots + j] === this.slots)
          this.slotsOf[h * this.maxSlots + j] = p;
      }
      this.slotsOf[h * this.maxSlots + i] = -1;
    }
    this.slotCount[h] = 0;
  }

  /** The host whose thread sends the next probe (the pool must not be empty). */
  pick(rng: Rng): number {
    return this.slotHost[rng.int(this.slots)];
  }
}
