/**
 * The per-source table, stored in one Float64Array with a fixed stride per source (request counts
 * per class, partial count, first and last time), indexed by a dense slot number, so recording a
 * request touches one or two cache lines.
 */
import { CLASS, CLASS_COUNT } from "../classes.ts";
import { Uint32Index } from "./uint32-index.ts";
import type { SourceRecord } from "./source-record.ts";

const PARTIAL = CLASS_COUNT;
const FIRST = CLASS_COUNT + 1;
const LAST = CLASS_COUNT + 2;
/** Hours (UTC, per file) with a Code Red request of any variant. */
const HOURS = CLASS_COUNT + 3;
/** The last such hour: file ordinal x 2^24 + hours since the epoch. */
const LAST_HOUR = CLASS_COUNT + 4;
const STRIDE = CLASS_COUNT + 5;
const HOURS_PER_FILE = 2 ** 24;

/** A {@link SourceTable} as plain data: the keys in slot order and their cells. */
export interface SourceTableSnapshot {
  readonly keys: ReadonlyArray<number | string>;
  readonly cells: Float64Array;
}

/** All sources seen in a run, IPv4 (uint32) or textual. */
export class SourceTable {
  private readonly ipv4 = new Uint32Index();
  private readonly names = new Map<string, number>();
  /** The key of each slot. */
  readonly keys: Array<number | string> = [];
  private cells = SourceTable.block(1024);

  private static block(slots: number): Float64Array {
    const cells = new Float64Array(slots * STRIDE);
    for (let at = 0; at < cells.length; at += STRIDE) {
      cells[at + FIRST] = NaN;
      cells[at + LAST] = NaN;
      cells[at + LAST_HOUR] = -1;
    }
    return cells;
  }

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

  /**
   * Counts a request of class `cls` (partial Code Red if `partial`) at `timeSeconds` (or NaN), read
   * from the file of ordinal `file` (the order it was opened in its tally). A Code Red request in an
   * hour other than the source's last Code Red hour of that file counts one more hour: the distinct
   * hours per file of a time-ordered log, summed over files.
   */
  record(slot: number, cls: number, partial: boolean, timeSeconds: number, file = 0): void {
    const c = this.cells;
    const at = slot * STRIDE;
    c[at + cls]++;
    if (partial) c[at + PARTIAL]++;
    if (timeSeconds === timeSeconds) {
      if (!(timeSeconds >= c[at + FIRST])) c[at + FIRST] = timeSeconds;
      if (!(timeSeconds <= c[at + LAST])) c[at + LAST] = timeSeconds;
      if (cls <= CLASS.codeRedUnknown) {
        const hour = file * HOURS_PER_FILE + Math.floor(timeSeconds / 3600);
        if (hour !== c[at + LAST_HOUR]) {
          c[at + LAST_HOUR] = hour;
          c[at + HOURS]++;
        }
      }
    }
  }

  /**
   * Distinct hours (per file, summed over files) in which `slot` sent a Code Red request of any
   * variant; requests without a time count none.
   */
  codeRedHoursOf(slot: number): number {
    return this.cells[slot * STRIDE + HOURS];
  }

  /** A snapshot of one slot as a plain record. */
  get(slot: number): SourceRecord {
    const at = slot * STRIDE;
    return {
      key: this.keys[slot],
      requests: Uint32Array.from(this.cells.subarray(at, at + CLASS_COUNT)),
      partialRequests: this.cells[at + PARTIAL],
      firstSeconds: this.cells[at + FIRST],
      lastSeconds: this.cells[at + LAST],
    };
  }

  /** Requests of class `cls` from `slot`. */
  requestsOf(slot: number, cls: number): number {
    return this.cells[slot * STRIDE + cls];
  }

  /** The table as plain data, keys in slot order (structured-cloneable, for another thread). */
  snapshot(): SourceTableSnapshot {
    return { keys: this.keys.slice(), cells: this.cells.slice(0, this.keys.length * STRIDE) };
  }

  /**
   * Adds the counts and times of another table's snapshot, its sources taken in its slot order: a
   * source new here gets the next slot, as if its requests had been recorded here in that order.
   */
  addSnapshot(other: SourceTableSnapshot): void {
    const from = other.cells;
    for (let s = 0; s < other.keys.length; s++) {
      const at = this.slotOf(other.keys[s]) * STRIDE;
      const c = this.cells;
      const src = s * STRIDE;
      for (let k = 0; k <= PARTIAL; k++) c[at + k] += from[src + k];
      const first = from[src + FIRST];
      const last = from[src + LAST];
      if (first === first && !(first >= c[at + FIRST])) c[at + FIRST] = first;
      if (last === last && !(last <= c[at + LAST])) c[at + LAST] = last;
      // the hours are per file, and a snapshot holds other files: they add up
      c[at + HOURS] += from[src + HOURS];
    }
  }

  private add(key: number | string): void {
    const slot = this.keys.length;
    this.keys.push(key);
    if ((slot + 1) * STRIDE > this.cells.length) {
      const grown = SourceTable.block((this.cells.length / STRIDE) * 2);
      grown.set(this.cells);
      this.cells = grown;
    }
  }
}
