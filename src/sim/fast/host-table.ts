/**
 * The fast engine's host table. Hosts are touched in random order, so memory latency dominates: each
 * host's hot fields sit in one record of 8 doubles (64 bytes, one cache line). The per-worm "ever
 * infected" mask has its own array. States and worms can be mirrored in byte arrays that snapshots
 * view without copying: the mirrors are filled on the first request and kept in step from then on
 * (a run nobody looks at in between pays for neither).
 */
import type { Population } from "../../net/population.ts";
import { PATCHED } from "../../plugin/host-states.ts";
import { IndexSet } from "./index-set.ts";

/** Slots of a host record. */
const RATE = 0;
const SINCE = 1;
/**
 * state (bits 0-1), awake (bit 2), the population's locale code (bits 3-7), worm index (8-15),
 * whether any worm ever infected the host (bit 16: a summary of the mask, so that a first infection,
 * the common case, writes the mask without reading it from another cache line), whether its address
 * is dynamic (bit 17) and whether it was infected at its current address (bit 18; address churn).
 */
const FLAGS = 2;
const VERSION = 3;
const P_INFECTED = 4;
const P_UNPATCHED = 5;
const P_SCANNING = 6;
/** The host's address (a copy, so an update needs no other line). */
const ADDRESS = 7;
const STRIDE = 8;

const STATE_MASK = 3;
const AWAKE_BIT = 1 << 2;
const LOCALE_SHIFT = 3;
const LOCALE_MASK = 31 << LOCALE_SHIFT;
const WORM_SHIFT = 8;
const WORM_MASK = 255 << WORM_SHIFT;
const EVER_ANY_BIT = 1 << 16;
const DYNAMIC_BIT = 1 << 17;
const INFECTED_HERE_BIT = 1 << 18;

/** Most worms in one run: the ever-infected mask is 32 bits per host. */
export const MAX_WORMS = 32;

export class HostTable {
  readonly size: number;
  private readonly rec: Float64Array;
  /** Bit w set when worm w ever infected the host. */
  readonly ever: Uint32Array;
  private readonly state: Uint8Array;
  private readonly worm: Uint8Array;
  /** Whether {@link state} and {@link worm} are kept in step. */
  private mirrored = false;
  /** First-infection times (seconds) of the ever-infected hosts, in order. */
  readonly everTimes: Float64Array;
  everCount = 0;
  readonly infected: IndexSet;
  readonly unpatched: IndexSet;
  readonly scanning: IndexSet;

  constructor(population: Population, worms: number) {
    if (worms > MAX_WORMS) {
      throw new RangeError(`a run has at most ${MAX_WORMS} worms, got ${worms}`);
    }
    const n = population.size;
    this.size = n;
    this.rec = new Float64Array(n * STRIDE);
    this.ever = new Uint32Array(n);
    this.state = new Uint8Array(n);
    this.worm = new Uint8Array(n);
    this.everTimes = new Float64Array(n);
    const rec = this.rec;
    for (let h = 0, i = 0; h < n; h++, i += STRIDE) {
      rec[i + P_INFECTED] = -1;
      rec[i + P_UNPATCHED] = -1;
      rec[i + P_SCANNING] = -1;
      rec[i + ADDRESS] = population.addresses[h];
      const locale = population.locale[h];
      if (locale > 31) throw new RangeError(`host ${h}: locale code ${locale} above 31`);
      rec[i + FLAGS] = locale << LOCALE_SHIFT;
    }
    this.infected = new IndexSet(n, rec, STRIDE, P_INFECTED);
    this.unpatched = new IndexSet(n, rec, STRIDE, P_UNPATCHED);
    this.scanning = new IndexSet(n, rec, STRIDE, P_SCANNING);
    for (let h = 0; h < n; h++) {
      if (population.patched[h]) this.setState(h, PATCHED);
      else this.unpatched.add(h);
    }
  }

  stateOf(h: number): number {
    return this.rec[h * STRIDE + FLAGS] & STATE_MASK;
  }

  wormOf(h: number): number {
    return (this.rec[h * STRIDE + FLAGS] & WORM_MASK) >> WORM_SHIFT;
  }

  awake(h: number): boolean {
    return (this.rec[h * STRIDE + FLAGS] & AWAKE_BIT) !== 0;
  }

  /** The population's locale code of host h (a trait the worms' thread counts depend on). */
  localeOf(h: number): number {
    return (this.rec[h * STRIDE + FLAGS] & LOCALE_MASK) >> LOCALE_SHIFT;
  }

  addressOf(h: number): number {
    return this.rec[h * STRIDE + ADDRESS];
  }

  /** The host now holds `address` (address churn). */
  setAddress(h: number, address: number): void {
    this.rec[h * STRIDE + ADDRESS] = address;
  }

  rateOf(h: number): number {
    return this.rec[h * STRIDE + RATE];
  }

  /** When the host's current rate began (seconds). */
  rateSince(h: number): number {
    return this.rec[h * STRIDE + SINCE];
  }

  /** Sets the host's rate, begun at time t. */
  setRate(h: number, probesPerSecond: number, t: number): void {
    this.rec[h * STRIDE + SINCE] = t;
    this.rec[h * STRIDE + RATE] = probesPerSecond;
  }

  versionOf(h: number): number {
    return this.rec[h * STRIDE + VERSION];
  }

  /** Invalidates the host's scheduled events. */
  bumpVersion(h: number): void {
    this.rec[h * STRIDE + VERSION]++;
  }

  private setFlags(h: number, mask: number, value: number): void {
    const i = h * STRIDE + FLAGS;
    this.rec[i] = (this.rec[i] & ~mask) | value;
  }

  setState(h: number, state: number): void {
    this.setFlags(h, STATE_MASK, state);
    if (this.mirrored) {
      this.state[h] = state;
      if (this.tracking) this.noteChange(h);
    }
  }

  /** Hosts whose state was set since the last {@link takeChanged} (from the first call on). */
  private changed = new Uint32Array(0);
  private changedLength = 0;
  private tracking = false;

  private noteChange(h: number): void {
    if (this.changedLength === this.changed.length) {
      const next = new Uint32Array(Math.max(1024, this.changed.length * 2));
      next.set(this.changed);
      this.changed = next;
    }
    this.changed[this.changedLength++] = h;
  }

  /**
   * The hosts whose state was set since the previous call, in order, a host possibly more than once
   * and possibly set back to the state it had: a view, valid until the engine runs on. The first
   * call starts the record (and mirrors the states, as {@link views} does) and returns no host. A
   * viewer follows these instead of comparing every host; nothing is kept until it asks.
   */
  takeChanged(): Uint32Array {
    if (!this.tracking) {
      this.views();
      this.tracking = true;
    }
    const out = this.changed.subarray(0, this.changedLength);
    this.changedLength = 0;
    return out;
  }

  setWorm(h: number, worm: number): void {
    this.setFlags(h, WORM_MASK, worm << WORM_SHIFT);
    if (this.mirrored) this.worm[h] = worm;
  }

  /**
   * Host states (SUSCEPTIBLE, INFECTED, ...) and worm index per host, one byte each: live views,
   * kept in step with the table from the first call on.
   */
  views(): { readonly state: Uint8Array; readonly worm: Uint8Array } {
    if (!this.mirrored) {
      for (let h = 0; h < this.size; h++) {
        this.state[h] = this.stateOf(h);
        this.worm[h] = this.wormOf(h);
      }
      this.mirrored = true;
    }
    return { state: this.state, worm: this.worm };
  }

  /** Whether host h has a dynamic address (address churn). */
  isDynamic(h: number): boolean {
    return (this.rec[h * STRIDE + FLAGS] & DYNAMIC_BIT) !== 0;
  }

  /** Marks host h's address dynamic. */
  setDynamic(h: number): void {
    this.setFlags(h, DYNAMIC_BIT, DYNAMIC_BIT);
  }

  /** Whether host h was infected during its current address epoch. */
  infectedHere(h: number): boolean {
    return (this.rec[h * STRIDE + FLAGS] & INFECTED_HERE_BIT) !== 0;
  }

  setInfectedHere(h: number, infected: boolean): void {
    this.setFlags(h, INFECTED_HERE_BIT, infected ? INFECTED_HERE_BIT : 0);
  }

  setAwake(h: number, awake: boolean): void {
    this.setFlags(h, AWAKE_BIT, awake ? AWAKE_BIT : 0);
  }

  /**
   * Records that worm `worm` infected host h at time t. Returns 0 when it had before, 1 when it is
   * the worm's first infection of h, 2 when it is h's first infection by any worm.
   */
  markEver(h: number, worm: number, t: number): 0 | 1 | 2 {
    const bit = (1 << worm) >>> 0;
    if ((this.rec[h * STRIDE + FLAGS] & EVER_ANY_BIT) === 0) {
      this.setFlags(h, EVER_ANY_BIT, EVER_ANY_BIT);
      this.ever[h] = bit;
      this.everTimes[this.everCount++] = t;
      return 2;
    }
    const mask = this.ever[h];
    if ((mask & bit) !== 0) return 0;
    this.ever[h] = (mask | bit) >>> 0;
    return 1;
  }
}
