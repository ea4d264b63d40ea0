/**
 * The per-source table, stored as parallel typed arrays indexed by a dense slot number (one slot
 * per distinct source) so that recording a request touches few cache lines.
 */
import { CLASS_COUNT } from "../classes.ts";
import { Uint32Index } from "./uint32-index.ts";
import type { SourceRecord } from "./source-record.ts";

/** All sources seen in a run, IPv4 (uint32) or textual. */
export class SourceTable {
  private readonly ipv4 = new Uint32Index();
  private readonly names = new Map<string, number>();
  /** The key of each slot. */
  readonly keys: Array<number | string> = [];
  private requests = new Uint32Array(1024 * CLASS_COUNT);
  /** [first, last] seen per slot, epoch seconds (NaN until known). */
  private times = new Float64Array(1024 * 2).fill(NaN);
  private partial = new Uint32Array(1024);

  /** Number of distinct sources. */
  get size(): number {
    return this.keys.length;
  }

  /** The slot of `key`, added if new. */
  slotOf(key: number | string): number {
    let slot: number;
    if (typeof key === "number") {
      slot = this.ipv4.getOrAdd(key, this.keys.length);
    } else {
      const found = this.names.get(key);
      if (found !== undefined) return found;
      slot = this.keys.length;
      this.names.set(key, slot);
    }
    if (slot === this.keys.length) this.add(key);
    return slot;
  }

  /** Counts a request of class `cls` (partial Code Red if `partial`) at `timeSeconds` (or NaN). */
  record(slot: number, cls: number, partial: boolean, timeSeconds: number): void {
    this.requests[slot * CLASS_COUNT + cls]++;
    if (partial) this.partial[slot]++;
    if (timeSeconds === timeSeconds) {
      const t = this.times;
      const at = slot * 2;
      if (!(timeSeconds >= t[at])) t[at] = timeSeconds;
      if (!(timeSeconds <= t[at + 1])) t[at + 1] = timeSeconds;
    }
  }

  /** A snapshot of one slot as a plain record. */
  get(slot: number): SourceRecord {
    return {
      key: this.keys[slot],
      requests: this.requests.slice(slot * CLASS_COUNT, (slot + 1) * CLASS_COUNT),
      partialRequests: this.partial[slot],
      firstSeconds: this.times[slot * 2],
      lastSeconds: this.times[slot * 2 + 1],
    };
  }

  /** Requests of class `cls` from `slot`. */
  requestsOf(slot: number, cls: number): number {
    return this.requests[slot * CLASS_COUNT + cls];
  }

  private add(key: number | string): void {
    const slot = this.keys.length;
    this.keys.push(key);
    if (slot >= this.partial.length) {
      const capacity = this.partial.length * 2;
      const requests = new Uint32Array(capacity * CLASS_COUNT);
      requests.set(this.requests);
      this.requests = requests;
      const times = new Float64Array(capacity * 2).fill(NaN);
      times.set(this.times);
      this.times = times;
      const partial = new Uint32Array(capacity);
      partial.set(this.partial);
      this.partial = partial;
    }
  }
}
