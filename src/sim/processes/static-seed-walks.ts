/**
 * Infections by a static-seed worm (Code Red v1) when scanners walk the shared sequence at different
 * rates (per-host heterogeneity) or hosts change address (churn), exactly and without a probe loop.
 *
 * With one rate for all, host j is reached at a fixed delay after every start, so
 * {@link StaticSeedAttempts} schedules one attempt per host. With per-host rates the earliest visitor
 * of a position is not the earliest starter, so here every scanning episode is a walker over the
 * occurrences of vulnerable addresses in the sequence, in position order: episode e (start s_e, rate
 * r_e) visits the occurrence at position P at s_e + P / r_e. One event per visit: the visit is an
 * infection attempt when the host there can be infected. Cost: one event per probe that meets a
 * vulnerable address (the probes between are never drawn).
 *
 * Occurrences sit in position buckets (small sorted lists), so the next occurrence after a position
 * is found in O(1) on average and a host that moves takes its occurrences out and puts new ones in.
 * Each walker waits at one occurrence (its next); a move redirects the walkers waiting at a removed
 * occurrence, and the walkers of the gap a new occurrence falls in (those not yet past it).
 * @see ../../../docs/simulate.md (static seed)
 */
import type { EventQueue } from "../../core/event-queue.ts";
import type { Samplers } from "../../core/samplers.ts";
import type { AddressSpace } from "../../scan/address-space.ts";
import { sequencePosition, sequenceRecurrence } from "../../scan/static-seed.ts";
import type { ScanStaticSeed } from "../../scan/strategy.ts";
import type { WormDefinition } from "../../worms/define-worm.ts";
import { PRIORITY } from "../../plugin/priorities.ts";
import type { HostEvent } from "../fast/events.ts";
import { checkStaticSeedWorm, type StaticSeedProcess } from "./static-seed-process.ts";

type Queue = EventQueue<HostEvent>;

/** Mean occurrences per bucket. */
const PER_BUCKET = 4;
/** No occurrence / no walker. */
const NONE = -1;
/** A walker past every occurrence waits on this list. */
const END = -2;

export class StaticSeedWalks implements StaticSeedProcess {
  private readonly scan: ScanStaticSeed;
  private readonly threads: number;
  /** The worm's rate (positions are given to observers in seconds at this rate). */
  private readonly baseRate: number;
  /** Occurrences are kept up to this position (no walker gets further in the run). */
  private readonly maxPosition: number;
  private readonly bucketWidth: number;
  private readonly buckets: number[][];
  // Occurrences: position, host (NONE once removed), next occurrence of the same host.
  private readonly occPosition: number[] = [];
  private readonly occHost: number[] = [];
  private readonly occNextOfHost: number[] = [];
  /** Head of each occurrence's list of waiting walkers. */
  private readonly occWaiting: number[] = [];
  private endWaiting = NONE;
  private readonly firstOccOfHost: Int32Array;
  // Walkers (one per episode): start, rate, end, host, the occurrence it waits at, version, list links.
  private readonly starts: number[] = [];
  private readonly rates: number[] = [];
  private readonly ends: number[] = [];
  private readonly hostOfEpisode: number[] = [];
  private readonly waitsAt: number[] = [];
  private readonly version: number[] = [];
  private readonly nextWaiting: number[] = [];
  private readonly prevWaiting: number[] = [];
  private readonly episodeOfHost: Int32Array;
  /** Move times per host that ever moved (for the address a visitor saw). */
  private readonly moves = new Map<number, number[]>();

  constructor(
    readonly worm: number,
    def: WormDefinition,
    addresses: ArrayLike<number>,
    private readonly space: AddressSpace,
    private readonly endSeconds: number,
    /** The fastest probe rate any host of the run can have. */
    maxRate: number,
  ) {
    checkStaticSeedWorm(def);
    this.scan = def.scan as ScanStaticSeed;
    this.threads = def.threads;
    this.baseRate = def.probesPerSecond;
    this.maxPosition = maxRate * endSeconds;
    const n = addresses.length;
    this.firstOccOfHost = new Int32Array(n).fill(NONE);
    this.episodeOfHost = new Int32Array(n).fill(NONE);
    const expected = Math.max(1, (n * this.maxPosition) / space.size);
    const count = Math.max(1, Math.min(1 << 22, Math.ceil(expected / PER_BUCKET)));
    this.bucketWidth = this.maxPosition / count;
    this.buckets = Array.from({ length: count }, () => []);
    for (let h = 0; h < n; h++) this.addOccurrences(h, addresses[h]);
  }

  /** Puts host h's occurrences (at `address`) up to the largest reachable position in place. */
  private addOccurrences(h: number, address: number): number[] {
    const added: number[] = [];
    let p = sequencePosition(this.scan, address, this.threads, this.space);
    for (let k = 1; p < this.maxPosition; k++) {
      const o = this.occPosition.length;
      this.occPosition.push(p);
      this.occHost.push(h);
      this.occNextOfHost.push(this.firstOccOfHost[h]);
      this.occWaiting.push(NONE);
      this.firstOccOfHost[h] = o;
      this.insertSorted(o);
      added.push(o);
      p += sequenceRecurrence(this.scan, address, k, this.space);
    }
    return added;
  }

  private bucketOf(p: number): number {
    return Math.min(this.buckets.length - 1, Math.floor(p / this.bucketWidth));
  }

  /** Whether occurrence a comes before b (position, then index). */
  private before(a: number, b: number): boolean {
    const pa = this.occPosition[a];
    const pb = this.occPosition[b];
    return pa < pb || (pa === pb && a < b);
  }

  private insertSorted(o: number): void {
    const list = this.buckets[this.bucketOf(this.occPosition[o])];
    let i = list.length;
    while (i > 0 && this.before(o, list[i - 1])) i--;
    list.splice(i, 0, o);
  }

  /** The first occurrence strictly after occurrence `o` (o = NONE: from the start), or END. */
  private successor(o: number): number {
    let b = o === NONE ? 0 : this.bucketOf(this.occPosition[o]);
    for (; b < this.buckets.length; b++) {
      const list = this.buckets[b];
      for (let i = 0; i < list.length; i++) {
        if (o === NONE || this.before(o, list[i])) return list[i];
      }
    }
    return END;
  }

  private attach(e: number, o: number): void {
    this.waitsAt[e] = o;
    const head = o === END ? this.endWaiting : this.occWaiting[o];
    this.nextWaiting[e] = head;
    this.prevWaiting[e] = NONE;
    if (head !== NONE) this.prevWaiting[head] = e;
    if (o === END) this.endWaiting = e;
    else this.occWaiting[o] = e;
  }

  private detach(e: number): void {
    const o = this.waitsAt[e];
    if (o === NONE) return;
    const next = this.nextWaiting[e];
    const prev = this.prevWaiting[e];
    if (prev !== NONE) this.nextWaiting[prev] = next;
    else if (o === END) this.endWaiting = next;
    else this.occWaiting[o] = next;
    if (next !== NONE) this.prevWaiting[next] = prev;
    this.waitsAt[e] = NONE;
  }

  /** Walker e waits at occurrence o (END: past them all) and schedules its visit if in the run. */
  private waitAt(e: number, o: number, queue: Queue): void {
    this.version[e]++;
    this.attach(e, o);
    if (o === END) return;
    const at = this.starts[e] + this.occPosition[o] / this.rates[e];
    if (at >= this.endSeconds || at >= this.ends[e]) return;
    queue.push(at, PRIORITY.attempt, {
      kind: "attempt",
      worm: this.worm,
      host: this.occHost[o],
      episode: e,
      version: this.version[e],
    });
  }

  enter(): void {
    // Walkers visit every occurrence, whatever the state of its host.
  }

  episodeStarted(
    scanner: number,
    t: number,
    _isTarget: (h: number) => boolean,
    queue: Queue,
    rate: number,
  ): void {
    const e = this.starts.length;
    this.starts.push(t);
    this.rates.push(rate);
    this.ends.push(Infinity);
    this.hostOfEpisode.push(scanner);
    this.waitsAt.push(NONE);
    this.version.push(0);
    this.nextWaiting.push(NONE);
    this.prevWaiting.push(NONE);
    this.episodeOfHost[scanner] = e;
    this.waitAt(e, this.successor(NONE), queue);
  }

  episodeEnded(scanner: number, t: number): void {
    const e = this.episodeOfHost[scanner];
    if (e >= 0 && this.ends[e] === Infinity) {
      this.ends[e] = t;
      this.detach(e);
    }
    this.episodeOfHost[scanner] = NONE;
  }

  /** Whether a scheduled visit still stands (a move or an end may have superseded it). */
  isCurrent(a: HostEvent): boolean {
    const e = a.episode ?? NONE;
    return e >= 0 && a.version === this.version[e] && this.waitsAt[e] !== NONE;
  }

  attempt(
    a: HostEvent,
    t: number,
    isTarget: (h: number) => boolean,
    success: number,
    s: Samplers,
    queue: Queue,
  ): boolean {
    const e = a.episode ?? NONE;
    if (e < 0 || a.version !== this.version[e] || this.ends[e] <= t) return false;
    const o = this.waitsAt[e];
    this.detach(e);
    const h = this.occHost[o];
    const infects = h >= 0 && isTarget(h) && s.uniform() < success;
    this.waitAt(e, this.successor(o), queue);
    return infects;
  }

  /** Host h moved from `from` to `to` at time t: its occurrences move, and the walkers with them. */
  moved(h: number, _from: number, to: number, t: number, queue: Queue): void {
    const times = this.moves.get(h);
    if (times) times.push(t);
    else this.moves.set(h, [t]);
    // Out: walkers waiting at a removed occurrence go on to the one after it.
    for (let o = this.firstOccOfHost[h]; o !== NONE; o = this.occNextOfHost[o]) {
      const next = this.successor(o);
      for (let e = this.occWaiting[o]; e !== NONE;) {
        const following = this.nextWaiting[e];
        this.detach(e);
        this.waitAt(e, next === END ? END : next, queue);
        e = following;
      }
      const list = this.buckets[this.bucketOf(this.occPosition[o])];
      list.splice(list.indexOf(o), 1);
      this.occHost[o] = NONE;
    }
    this.firstOccOfHost[h] = NONE;
    // In: a walker still before a new occurrence, waiting at the one after it, turns to it.
    for (const o of this.addOccurrences(h, to)) {
      const next = this.successor(o);
      let e = next === END ? this.endWaiting : this.occWaiting[next];
      while (e !== NONE) {
        const following = this.nextWaiting[e];
        if (this.ends[e] > t && this.rates[e] * (t - this.starts[e]) < this.occPosition[o]) {
          this.detach(e);
          this.waitAt(e, o, queue);
        }
        e = following;
      }
    }
  }

  get episodes(): number {
    return this.starts.length;
  }

  /**
   * Distinct (host, address) pairs whose scan reached the position a scanner at the worm's own rate
   * reaches `reachSeconds` after its start, by time t, while still scanning.
   */
  reachedBy(reachSeconds: number, t: number): number {
    const position = reachSeconds * this.baseRate;
    const seen = new Set<number>();
    for (let e = 0; e < this.starts.length; e++) {
      const at = this.starts[e] + position / this.rates[e];
      if (at > t || this.ends[e] <= at) continue;
      const h = this.hostOfEpisode[e];
      seen.add(h * 4096 + movesBefore(this.moves.get(h), at));
    }
    return seen.size;
  }
}

/** Moves of a host before time t (its address epoch at t). */
function movesBefore(times: readonly number[] | undefined, t: number): number {
  if (!times) return 0;
  let k = 0;
  while (k < times.length && times[k] < t) k++;
  return Math.min(k, 4095);
}
