/**
 * The probes behind a block observer's counts, for `wormscope simulate --logs`: which source sent
 * each probe that reached the block, and when. Off unless a capture is set
 * ({@link setBlockLogCapture}); the block observer then hands this recorder, per hour and per seen
 * (host, address), what its own draw decided (src/observers/block.ts):
 * - the first probe: at the host's sighting time when it is first seen in the hour, else at the
 *   exposure X the observer drew (mapped to a time through the host's rate segments in the hour);
 * - its rest exposure (E - X; the whole E for hosts the observer pools whole, E > 30).
 * The observer draws the sum of the rests as one Poisson count; independent Poissons conditioned on
 * their sum are multinomial in proportion to their means, so splitting that count multinomially over
 * the hosts by rest exposure is exact. Each host's share is placed uniformly in its exposure after
 * its first probe (a Poisson process at a piecewise constant rate is uniform in exposure). The split
 * and the times come from the recorder's own stream (the caller forks it, `logs:NAME`), never the
 * engine's or the observer's: a run's summary is the same with and without logs.
 *
 * One approximation: for a host first seen in the hour, the observer draws its first-probe exposure
 * afresh (truncated Exp(1)), independent of its sighting time; the recorder places the first probe at
 * the sighting time and the host's share of the pooled count after it. Both have the right
 * distribution; their coupling within the hour is not the exact one.
 */
import { createSamplers, type Samplers } from "../core/samplers.ts";
import type { Rng } from "../core/rng.ts";
import type { BlockObserverSpec } from "../plugin/observer.ts";

/** One hour of an observer's probes, in no particular order. */
export interface BlockLogHour {
  readonly hourStart: number;
  readonly hourEnd: number;
  /** Seconds from the run's start. */
  readonly times: Float64Array;
  readonly sources: Uint32Array;
  /** Worm index per probe. */
  readonly worms: Uint8Array;
}

/** Where an observer's probes go (a writer of log files, a test). */
export interface BlockLogSink {
  /**
   * Whether the hour's `count` probes are wanted (false: the recorder does not draw them, e.g. once
   * a file is full); called once per hour, in order.
   */
  wantHour(hourStart: number, hourEnd: number, count: number): boolean;
  /** The hour's probes (only when {@link wantHour} said yes). */
  hour(probes: BlockLogHour): void;
}

/** What a capture gives one observer: a sink and the stream for the split and the times. */
export interface BlockLogTarget {
  readonly sink: BlockLogSink;
  readonly rng: Rng;
}

/** Decides, per block observer (telescope, server), whether its probes are recorded and where. */
export type BlockLogCapture = (spec: BlockObserverSpec) => BlockLogTarget | null;

let capture: BlockLogCapture | null = null;

/**
 * Sets the process-wide capture (null: off, the default). Block observers created while it is set
 * record their probes; those created before or after it is cleared do not. Set it around one run.
 */
export function setBlockLogCapture(c: BlockLogCapture | null): void {
  capture = c;
}

/** The recorder of a new block observer, or null when no capture wants it. */
export function blockLogRecorder(spec: BlockObserverSpec): BlockLogRecorder | null {
  const target = capture?.(spec) ?? null;
  return target ? new BlockLogRecorder(target.sink, target.rng) : null;
}

/** How a host's first probe in the hour is known. */
export const FIRST = {
  /** At its sighting time (first seen in the hour). */
  atTime: 0,
  /** At a drawn exposure (seen before the hour). */
  atExposure: 1,
  /** No separate first probe: all its probes come from the pooled count (E > 30). */
  pooled: 2,
} as const;

/** Records the observer's per-host draws of one hour and turns them into probes. */
export class BlockLogRecorder {
  private readonly samplers: Samplers;
  /** Closed rate segments in the current hour per host: [from, to, rate, ...]. */
  private readonly segments = new Map<number, number[]>();
  /** The source address of the next {@link host} call (NaN: the host's current address). */
  address = NaN;
  /** The end of the open segment of the next {@link host} call. */
  end = 0;
  // The hour's seen (host, address) records.
  private sources: number[] = [];
  private worms: number[] = [];
  private rests: number[] = [];
  private firstKind: number[] = [];
  /** Sighting time (atTime, or pooled hosts first seen in the hour; else NaN), or the exposure. */
  private firstValue: number[] = [];
  /** Per record, [start, end) into {@link segBuf} (triples). */
  private segFrom: number[] = [];
  private segTo: number[] = [];
  private segBuf: number[] = [];
  private pooledByWorm: number[] = [];

  constructor(
    private readonly sink: BlockLogSink,
    rng: Rng,
  ) {
    this.samplers = createSamplers(rng);
  }

  /** Host h ran at `rate` (probes per second reaching the block) over [from, to) this hour. */
  segment(h: number, from: number, to: number, rate: number): void {
    if (!(to > from)) return;
    const s = this.segments.get(h);
    if (s) s.push(from, to, rate);
    else this.segments.set(h, [from, to, rate]);
  }

  /** Host h's hour was drawn and it was not seen (or had no exposure). */
  drop(h: number): void {
    this.segments.delete(h);
  }

  /**
   * Host h (at {@link address}, or `current` when that is NaN) was seen in the hour, scanning for
   * worm `worm`, with rest exposure `rest`; its open segment runs from `openFrom` to {@link end} at
   * `openRate` (0: none).
   */
  host(
    h: number,
    current: number,
    worm: number,
    rest: number,
    kind: number,
    value: number,
    openRate: number,
    openFrom: number,
  ): void {
    const closed = this.segments.get(h);
    this.segments.delete(h);
    const buf = this.segBuf;
    const from = buf.length;
    if (closed) for (const v of closed) buf.push(v);
    if (openRate > 0 && this.end > openFrom) buf.push(openFrom, this.end, openRate);
    this.segFrom.push(from);
    this.segTo.push(buf.length);
    this.sources.push(Number.isNaN(this.address) ? current : this.address);
    this.worms.push(worm);
    this.rests.push(rest > 0 ? rest : 0);
    this.firstKind.push(kind);
    this.firstValue.push(value);
  }

  /** The observer's pooled count of worm w for the hour. */
  pooled(w: number, count: number): void {
    while (this.pooledByWorm.length <= w) this.pooledByWorm.push(0);
    this.pooledByWorm[w] += count;
  }

  /** The hour [hourStart, hourEnd) closed: split the pooled counts and hand the probes over. */
  closeHour(hourStart: number, hourEnd: number): void {
    const n = this.sources.length;
    let total = 0;
    for (let k = 0; k < n; k++) if (this.firstKind[k] !== FIRST.pooled) total++;
    for (const c of this.pooledByWorm) total += c;
    if (this.sink.wantHour(hourStart, hourEnd, total)) this.emit(hourStart, hourEnd, total);
    this.sources = [];
    this.worms = [];
    this.rests = [];
    this.firstKind = [];
    this.firstValue = [];
    this.segFrom = [];
    this.segTo = [];
    this.segBuf = [];
    this.pooledByWorm = [];
    this.segments.clear();
  }

  /** Per record, its share of its worm's pooled count (multinomial by rest exposure). */
  split(): Int32Array {
    const n = this.sources.length;
    const shares = new Int32Array(n);
    for (let w = 0; w < this.pooledByWorm.length; w++) {
      let left = this.pooledByWorm[w];
      if (left === 0) continue;
      let weight = 0;
      let last = -1;
      let any = -1;
      for (let k = 0; k < n; k++) {
        if (this.worms[k] !== w) continue;
        weight += this.rests[k];
        if (this.rests[k] > 0) last = k;
        any = k;
      }
      if (last < 0) {
        // Every rest rounded to 0 while the count did not (a mean of a few ulps): keep the count.
        if (any >= 0) shares[any] = left;
        continue;
      }
      for (let k = 0; k < n && left > 0; k++) {
        if (this.worms[k] !== w || !(this.rests[k] > 0)) continue;
        const p = this.rests[k] / weight;
        const x = k === last ? left : this.samplers.binomial(left, p >= 1 ? 1 : p);
        shares[k] = x;
        left -= x;
        weight -= this.rests[k];
      }
    }
    return shares;
  }

  private emit(hourStart: number, hourEnd: number, total: number): void {
    const shares = this.split();
    const times = new Float64Array(total);
    const sources = new Uint32Array(total);
    const worms = new Uint8Array(total);
    let at = 0;
    const put = (t: number, k: number): void => {
      if (at >= total) return;
      times[at] = t < hourStart ? hourStart : t >= hourEnd ? hourEnd - 1e-6 : t;
      sources[at] = this.sources[k];
      worms[at] = this.worms[k];
      at++;
    };
    for (let k = 0; k < this.sources.length; k++) {
      const a = this.segFrom[k];
      const b = this.segTo[k];
      let exposure = 0;
      for (let j = a; j < b; j += 3) {
        exposure += (this.segBuf[j + 1] - this.segBuf[j]) * this.segBuf[j + 2];
      }
      let share = shares[k];
      let after = 0;
      const kind = this.firstKind[k];
      const value = this.firstValue[k];
      if (kind === FIRST.atExposure) {
        put(this.timeAt(a, b, value, hourStart), k);
        after = value;
      } else if (!Number.isNaN(value) && (kind === FIRST.atTime || share > 0)) {
        put(value, k);
        after = this.exposureAt(a, b, value);
        if (kind === FIRST.pooled) share--;
      }
      if (after > exposure) after = exposure;
      for (let j = 0; j < share; j++) {
        const y = after + this.samplers.uniform() * (exposure - after);
        put(this.timeAt(a, b, y, hourStart), k);
      }
    }
    // `at` is `total` unless a pooled count had no seen host of its worm to go to (never seen).
    this.sink.hour({
      hourStart,
      hourEnd,
      times: times.subarray(0, at),
      sources: sources.subarray(0, at),
      worms: worms.subarray(0, at),
    });
  }

  /** The time at which record segments [a, b) reach exposure y. */
  private timeAt(a: number, b: number, y: number, fallback: number): number {
    const s = this.segBuf;
    let left = y;
    for (let j = a; j < b; j += 3) {
      const e = (s[j + 1] - s[j]) * s[j + 2];
      if (left <= e || j + 3 >= b) {
        const t = s[j] + left / s[j + 2];
        return t < s[j + 1] ? t : s[j + 1];
      }
      left -= e;
    }
    return fallback;
  }

  /** The exposure of record segments [a, b) before time t. */
  private exposureAt(a: number, b: number, t: number): number {
    const s = this.segBuf;
    let e = 0;
    for (let j = a; j < b; j += 3) {
      if (t <= s[j]) break;
      e += ((t < s[j + 1] ? t : s[j + 1]) - s[j]) * s[j + 2];
    }
    return e;
  }
}
