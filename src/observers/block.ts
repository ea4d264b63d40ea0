/**
 * What one observer block records, sampled from the same Poisson processes as the outbreak and never
 * from a per-probe loop:
 * - first sighting of each host: when a host starts scanning at observer rate a, its first hit comes
 *   after Exp(a); if it stops first, the draw is discarded (memorylessness makes this exact);
 * - per hour, unique sources and probes: a host with exposure E in the hour is seen with probability
 *   1 - e^-E and then sends a zero-truncated Poisson(E) number of probes (a host first seen in the hour
 *   is seen for sure). That count is drawn split at its first probe (src/core/poisson-first-event.ts):
 *   after exposure X ~ Exp(1) (seen iff X < E; truncated to [0, E) when seen for sure), then
 *   Poisson(E - X). The rests of all hosts, and whole hosts with E > 30 (never unseen in double
 *   precision), are pooled into one Poisson draw per hour: one uniform per host at most. For a host
 *   seen before the hour, X = -ln(1 - U): seen iff U < 1 - e^-E (the bound for a whole hour at the
 *   host's rate is kept in its record until the rate changes), and the rests
 *   E - X = E + ln(1 - U) are summed as one logarithm of the product of the (1 - U): no logarithm
 *   per host. The uniforms come from the observer's stream read ahead in blocks
 *   (bufferedRng in src/core/rng.ts: the same numbers, drawn in a tight loop);
 * - per minute, the hour's probes split in proportion to the expected probes of each minute;
 * - address churn: a host that moves becomes a new source; the hour's draw for its old address is
 *   made at the move, so each (host, address) pair is counted on its own.
 */
import { firstEventExposureGivenOne } from "../core/poisson-first-event.ts";
import type { Rng } from "../core/rng.ts";
import type { Samplers } from "../core/samplers.ts";
import type { Population } from "../net/population.ts";
import type { AddressSpace } from "../scan/address-space.ts";
import type { Cidr } from "../net/prefix.ts";
import { targetProbability, type ScanStrategy } from "../scan/strategy.ts";
import type { EngineView } from "../plugin/engine-view.ts";
import type { BlockObserverSpec, Observer, ObserverPlugin } from "../plugin/observer.ts";
import { blockLogRecorder, FIRST, type BlockLogRecorder } from "./block-log.ts";

/** Hourly record of one observer. */
export interface ObserverHour {
  readonly uniqueSources: number;
  readonly probes: number;
  /** Per worm index. */
  readonly uniqueByWorm: number[];
  readonly probesByWorm: number[];
}

/** One block observer's record. */
export interface ObserverResult {
  readonly name: string;
  readonly type: string;
  readonly block: { readonly base: number; readonly bits: number };
  /** First-sighting time (seconds from start) per host, -1 when never seen. */
  readonly firstSeenSeconds: Float64Array;
  /**
   * Distinct source addresses seen: (host, address) pairs, so a host seen under two addresses counts
   * twice, as a real observer counts it.
   */
  readonly uniqueSources: number;
  /** Distinct hosts seen (equal to uniqueSources without address churn). */
  readonly uniqueHosts: number;
  /** Distinct sources seen per worm index (a host taken over by another worm counts for both). */
  readonly uniqueSourcesByWorm: readonly number[];
  /**
   * Per worm index, sources seen in the observer block's own /16, own /8 (not /16) and elsewhere;
   * both engines record it (optional in the type for results made elsewhere).
   */
  readonly localityByWorm?: readonly (readonly [number, number, number])[];
  readonly hours: readonly ObserverHour[];
  /**
   * Per day of the run (24-hour spans from its start): distinct (host, address) pairs seen that day,
   * each counted when it is counted in one of the day's hours.
   */
  readonly dailyUniqueSources?: readonly number[];
  /**
   * First-sighting time (seconds from start) of each distinct (host, address) pair, in the order they
   * were recorded (not sorted): cumulative unique addresses at any time (fast engine; absent
   * elsewhere).
   */
  readonly sourceFirstSeenSeconds?: Float64Array;
  /**
   * Per worm: the first sighting of each (host, address) pair while scanning for that worm (a host
   * taken over by another worm at the same address is a source of both), times in seconds (fast
   * engine; absent elsewhere).
   */
  readonly sourceFirstSeenByWorm?: readonly Float64Array[];
  /** Probes per minute, row-major worm x minute. */
  readonly probesPerMinute: Float64Array;
}

/** Exposure above which a host is certainly seen and its count is pooled. */
const POOL_EXPOSURE = 30;

/** Per-host record layout: one cache line serves every update of a host. */
const RATE = 0;
const EXPOSURE = 1;
const PENDING = 2;
/**
 * 1 - e^-E for a whole hour at the current rate, E = rate x 3600 (NaN until needed): the chance
 * that a host seen before the hour is seen in it. Kept in the record, not beside it, so the hour's
 * pass reads one stream.
 */
const SEEN_BOUND = 3;
/** First sighting under the host's current worm (reset when another worm takes the host over). */
const FIRST_SEEN_NOW = 4;
/** The worm index the host last scanned for (-1: never). */
const WORM = 5;
/** When the host's current rate began (seconds): closeHour reads it here, not in the engine's records. */
const CHANGED = 6;
const STRIDE = 7;
/** {@link BlockObserver.addressDay}: the host was not seen at its current address. */
const UNSEEN_HERE = -2;

export class BlockObserver implements Observer<ObserverResult> {
  /** Interleaved per-host records: rate, exposure this hour, pending sighting, first sighting. */
  private readonly hosts: Float64Array;
  /** Aggregate observer rate per worm index (probes per second reaching the block). */
  private readonly aggregateRate: Float64Array;
  /** Expected probes per minute per worm (row-major worm x minute). */
  readonly expectedPerMinute: Float64Array;
  readonly probesPerMinute: Float64Array;
  readonly hours: ObserverHour[] = [];
  /**
   * Distinct sources seen per worm index: a host seen while scanning for one worm and again after
   * another took it over counts for both.
   */
  readonly uniqueByWorm: number[];
  /** Per worm, sources seen in the block's own /16, own /8 (not /16), elsewhere (row-major x3). */
  readonly localityByWorm: Float64Array;
  readonly block: Cidr;
  /** The first address past the block. */
  private readonly blockEnd: number;
  /** Per worm, hit probability by source /16 (NaN until computed). */
  private readonly hitCache: Float64Array[];
  private readonly population: Population;
  private readonly scans: readonly ScanStrategy[];
  readonly minutes: number;
  private readonly space: AddressSpace;
  /** Distinct (host, address) pairs seen. */
  private pairsSeen = 0;
  private readonly pairTimes: number[] = [];
  private readonly sightingsByWorm: number[][];
  // The current hour's tallies per worm (address moves settle into them before the hour closes).
  private readonly hourUnique: number[];
  private readonly hourProbes: number[];
  private readonly hourPooled: Float64Array;
  /**
   * Per worm, the product of the hour's (1 - U) of hosts seen before the hour (its logarithm is the
   * negative part of their pooled rests), kept above 2^-900 by moving it into {@link hourPooled}.
   */
  private readonly hourRestProduct: Float64Array;
  /** First sighting per host under any worm (-1: never); not read by the hour's pass. */
  private readonly firstSeen: Float64Array;
  /**
   * Per host, at its current address: -2 not seen there, -1 seen but not yet counted in a day, d >= 0
   * last counted on day d of the run. One array for both, so a move writes one line; beside the
   * records, not in them: the hour's pass reads it in host order, which streams.
   */
  private readonly addressDay: Int32Array;
  private readonly dailyUnique: number[] = [];
  /** The samplers' stream itself, for the hour's one uniform per host (a call the JIT can inline). */
  private readonly stream: Rng;
  /** The probes behind the counts, for --logs (null: off; see src/observers/block-log.ts). */
  private readonly log: BlockLogRecorder | null;

  constructor(
    readonly observer: BlockObserverSpec,
    engine: EngineView,
    private readonly samplers: Samplers,
  ) {
    const population = engine.population;
    const scans = engine.worms.map((w) => w.def.scan);
    this.population = population;
    this.scans = scans;
    this.minutes = engine.minutes;
    this.space = engine.space;
    this.stream = samplers.rng;
    const minutes = this.minutes;
    const n = population.size;
    this.block = observer.block;
    this.blockEnd = this.block.base + 2 ** (32 - this.block.bits);
    this.hosts = new Float64Array(n * STRIDE);
    for (let h = 0; h < n; h++) {
      this.hosts[h * STRIDE + PENDING] = Infinity;
      this.hosts[h * STRIDE + SEEN_BOUND] = NaN;
      this.hosts[h * STRIDE + FIRST_SEEN_NOW] = -1;
      this.hosts[h * STRIDE + WORM] = -1;
    }
    this.aggregateRate = new Float64Array(scans.length);
    this.sightingsByWorm = scans.map(() => []);
    this.hourUnique = scans.map(() => 0);
    this.hourProbes = scans.map(() => 0);
    this.hourPooled = new Float64Array(scans.length);
    this.hourRestProduct = new Float64Array(scans.length).fill(1);
    this.firstSeen = new Float64Array(n).fill(-1);
    this.addressDay = new Int32Array(n).fill(UNSEEN_HERE);
    this.hitCache = scans.map(() => new Float64Array(65536).fill(NaN));
    this.uniqueByWorm = scans.map(() => 0);
    this.localityByWorm = new Float64Array(scans.length * 3);
    this.expectedPerMinute = new Float64Array(scans.length * minutes);
    this.probesPerMinute = new Float64Array(scans.length * minutes);
    this.log = blockLogRecorder(observer);
  }

  /** The observer's record. */
  result(): ObserverResult {
    const firstSeenSeconds = this.firstSeenSeconds();
    let hosts = 0;
    for (let h = 0; h < firstSeenSeconds.length; h++) if (firstSeenSeconds[h] >= 0) hosts++;
    const l = this.localityByWorm;
    return {
      name: this.observer.name,
      type: this.observer.type,
      block: this.block,
      firstSeenSeconds,
      uniqueSources: this.pairsSeen,
      uniqueHosts: hosts,
      uniqueSourcesByWorm: [...this.uniqueByWorm],
      localityByWorm: this.uniqueByWorm.map(
        (_, w) => [l[w * 3], l[w * 3 + 1], l[w * 3 + 2]] as const,
      ),
      hours: this.hours,
      sourceFirstSeenSeconds: Float64Array.from(this.pairTimes),
      sourceFirstSeenByWorm: this.sightingsByWorm.map((s) => Float64Array.from(s)),
      dailyUniqueSources: Array.from(
        { length: Math.ceil(this.minutes / 1440) },
        (_, d) => this.dailyUnique[d] ?? 0,
      ),
      probesPerMinute: this.probesPerMinute,
    };
  }

  /** First-sighting time (seconds from start) per host, -1 when never seen. */
  firstSeenSeconds(): Float64Array {
    return this.firstSeen.slice();
  }

  /**
   * Host h changes its probe rate at time t; `since` is when its previous rate began, clipped to the
   * start of the current hour.
   */
  rateChanged(
    h: number,
    address: number,
    worm: number,
    probesPerSecond: number,
    t: number,
    since: number,
  ): void {
    const r = this.hosts;
    const i = h * STRIDE;
    const old = r[i + RATE];
    if (old > 0) {
      // A move restarts the record (CHANGED) without the engine's knowing; without moves the two agree.
      const from = r[i + CHANGED] > since ? r[i + CHANGED] : since;
      r[i + EXPOSURE] += old * (t - from);
      if (this.log !== null) this.log.segment(h, from, t, old);
      this.aggregateRate[r[i + WORM]] -= old;
      if (r[i + PENDING] <= t && r[i + FIRST_SEEN_NOW] < 0) this.markSeen(i, r[i + PENDING]);
      r[i + PENDING] = Infinity;
    }
    if (probesPerSecond > 0 && r[i + WORM] !== worm) {
      r[i + WORM] = worm;
      r[i + FIRST_SEEN_NOW] = -1;
    }
    const rate = probesPerSecond > 0 ? probesPerSecond * this.hitProbability(worm, address) : 0;
    r[i + RATE] = rate;
    r[i + SEEN_BOUND] = NaN;
    r[i + CHANGED] = t;
    if (rate > 0) {
      this.aggregateRate[worm] += rate;
      if (r[i + FIRST_SEEN_NOW] < 0) r[i + PENDING] = t + this.samplers.exponential(rate);
    }
  }

  /**
   * Probability that one probe of host h (worm `worm`) lands in the block. It depends on the source
   * only through its /16 and /8, except when the block holds the source itself: cached per /16.
   */
  private hitProbability(worm: number, address: number): number {
    if (this.holds(address)) {
      return targetProbability(this.scans[worm], address, this.block, this.space);
    }
    const key = address >>> this.space.shift16;
    let q = this.hitCache[worm][key];
    if (Number.isNaN(q)) {
      q = targetProbability(this.scans[worm], address, this.block, this.space);
      this.hitCache[worm][key] = q;
    }
    return q;
  }

  /** Records a sighting at time t of the host whose record starts at i, under its current worm. */
  private markSeen(i: number, t: number): void {
    const r = this.hosts;
    r[i + FIRST_SEEN_NOW] = t;
    const h = i / STRIDE;
    if (this.firstSeen[h] < 0) this.firstSeen[h] = t;
    if (this.addressDay[h] === UNSEEN_HERE) {
      this.addressDay[h] = -1;
      this.pairsSeen++;
      this.pairTimes.push(t);
    }
    const w = r[i + WORM];
    this.uniqueByWorm[w]++;
    this.sightingsByWorm[w].push(t);
    const address = this.population.addresses[h];
    const base = this.block.base;
    const s16 = this.space.shift16;
    const s8 = this.space.shift8;
    const where = address >>> s16 === base >>> s16 ? 0 : address >>> s8 === base >>> s8 ? 1 : 2;
    this.localityByWorm[w * 3 + where]++;
  }

  /** Adds `seconds` of the current aggregate rate to minute `minute`. */
  accumulate(minute: number, seconds: number): void {
    for (let w = 0; w < this.aggregateRate.length; w++) {
      const a = this.aggregateRate[w];
      if (a > 0) this.expectedPerMinute[w * this.minutes + minute] += a * seconds;
    }
  }

  /**
   * Closes the hour [hourStart, hourEnd). `hosts` lists, in ascending order, every host that scanned
   * during the hour (null: pass over all hosts; both give the same result).
   */
  closeHour(hourStart: number, hourEnd: number, hosts: Uint32Array | null): void {
    const worms = this.aggregateRate.length;
    const uniqueByWorm = this.hourUnique;
    const probesByWorm = this.hourProbes;
    const pooled = this.hourPooled;
    const s = this.samplers;
    const r = this.hosts;
    const n = hosts ? hosts.length : this.population.size;
    const log = this.log;
    if (log !== null) {
      log.address = NaN;
      log.end = hourEnd;
    }
    for (let k = 0; k < n; k++) {
      const h = hosts ? hosts[k] : k;
      const i = h * STRIDE;
      const rate = r[i + RATE];
      let e = r[i + EXPOSURE];
      if (rate === 0 && e === 0) continue;
      r[i + EXPOSURE] = 0;
      if (rate > 0) {
        const changed = r[i + CHANGED];
        const since = changed > hourStart ? changed : hourStart;
        e += rate * (hourEnd - since);
        if (r[i + PENDING] <= hourEnd && r[i + FIRST_SEEN_NOW] < 0) {
          this.markSeen(i, r[i + PENDING]);
          r[i + PENDING] = Infinity;
        }
      }
      this.drawHour(h, e, hourStart);
    }
    const hourIndex = this.hours.length;
    for (let w = 0; w < worms; w++) {
      // The rests' sum is a sum of positive terms; rounding cannot take it below 0 by more than ulps.
      const mean = pooled[w] + Math.log(this.hourRestProduct[w]);
      const count = s.poisson(mean > 0 ? mean : 0);
      probesByWorm[w] += count;
      if (log !== null) log.pooled(w, count);
      this.hourRestProduct[w] = 1;
      this.splitIntoMinutes(w, hourIndex, probesByWorm[w]);
    }
    this.hours.push({
      uniqueSources: uniqueByWorm.reduce((a, b) => a + b, 0),
      probes: probesByWorm.reduce((a, b) => a + b, 0),
      uniqueByWorm: [...uniqueByWorm],
      probesByWorm: [...probesByWorm],
    });
    uniqueByWorm.fill(0);
    probesByWorm.fill(0);
    pooled.fill(0);
    if (log !== null) log.closeHour(hourStart, hourEnd);
  }

  /**
   * Host h's draw for the hour starting at `hourStart`, with exposure e at its current address:
   * seen (for sure if first seen in the hour, else with probability 1 - e^-e), then its probes: the
   * first after exposure x (Exp(1), truncated to [0, e) when seen for sure), the rest Poisson(e - x),
   * pooled.
   */
  private drawHour(h: number, e: number, hourStart: number): void {
    const r = this.hosts;
    const i = h * STRIDE;
    const seen = r[i + FIRST_SEEN_NOW];
    const log = this.log;
    if (seen < 0 || e <= 0) {
      if (log !== null) log.drop(h);
      return;
    }
    const w = r[i + WORM];
    if (e > POOL_EXPOSURE) {
      this.hourPooled[w] += e;
      if (log !== null) {
        this.logHost(h, w, e, FIRST.pooled, seen >= hourStart ? seen : NaN, hourStart);
      }
    } else {
      const u = this.stream.next();
      if (seen >= hourStart) {
        const x = firstEventExposureGivenOne(u, e);
        if (e > x) this.hourPooled[w] += e - x;
        if (log !== null) this.logHost(h, w, e - x, FIRST.atTime, seen, hourStart);
      } else {
        // X = -ln(1 - U) < E iff U < 1 - e^-E; the rest E - X = E + ln(1 - U) (1 - U is exact).
        let bound: number;
        if (e === r[i + RATE] * 3600) {
          bound = r[i + SEEN_BOUND];
          if (Number.isNaN(bound)) r[i + SEEN_BOUND] = bound = -Math.expm1(-e);
        } else {
          bound = -Math.expm1(-e);
        }
        if (!(u < bound)) {
          if (log !== null) log.drop(h);
          return;
        }
        if (log !== null) {
          const x = -Math.log(1 - u);
          this.logHost(h, w, e - x, FIRST.atExposure, x, hourStart);
        }
        this.hourPooled[w] += e;
        let p = this.hourRestProduct[w] * (1 - u);
        if (p < 2 ** -900) {
          this.hourPooled[w] += Math.log(p);
          p = 1;
        }
        this.hourRestProduct[w] = p;
      }
      this.hourProbes[w]++;
    }
    this.hourUnique[w]++;
    this.countDay(h, hourStart);
  }

  /** Hands host h's draw to the log recorder (only with logs on). */
  private logHost(
    h: number,
    w: number,
    rest: number,
    kind: number,
    value: number,
    hourStart: number,
  ): void {
    const r = this.hosts;
    const i = h * STRIDE;
    const changed = r[i + CHANGED];
    const address = this.population.addresses[h];
    this.log?.host(
      h,
      address,
      w,
      rest,
      kind,
      value,
      r[i + RATE],
      changed > hourStart ? changed : hourStart,
    );
  }

  /** Host h is counted in the hour starting at `hourStart`: once per day and address. */
  private countDay(h: number, hourStart: number): void {
    const day = Math.floor(hourStart / 86400);
    if (this.addressDay[h] === day) return;
    this.addressDay[h] = day;
    while (this.dailyUnique.length <= day) this.dailyUnique.push(0);
    this.dailyUnique[day]++;
  }

  /**
   * Host h moves to a new address at time t: its exposure so far this hour is drawn now, as its
   * old address's, and it is unseen at the new one.
   */
  addressChanged(h: number, from: number, to: number, t: number): void {
    const r = this.hosts;
    const i = h * STRIDE;
    const rate = r[i + RATE];
    const worm = r[i + WORM];
    const hourStart = Math.floor(t / 3600) * 3600;
    const log = this.log;
    if (log !== null) {
      log.address = from;
      log.end = t;
    }
    if (rate > 0 && this.holds(from) === this.holds(to)) {
      // Same /16, and both addresses in the block or neither: the rate at the block is unchanged
      // (the hit probability depends on the source only through its /16, its /8 and whether the
      // block holds it; see targetProbability).
      const changed = r[i + CHANGED];
      const e = r[i + EXPOSURE] + rate * (t - (changed > hourStart ? changed : hourStart));
      const pending = r[i + PENDING];
      const unseen = r[i + FIRST_SEEN_NOW] < 0;
      if (pending <= t && unseen) this.markSeen(i, pending);
      this.drawHour(h, e, hourStart);
      if (log !== null) log.address = NaN;
      r[i + EXPOSURE] = 0;
      r[i + CHANGED] = t;
      r[i + FIRST_SEEN_NOW] = -1;
      this.addressDay[h] = UNSEEN_HERE;
      // Unseen at the new address: the first sighting there comes after Exp(rate). A sighting still
      // pending is one (memorylessness); otherwise draw one.
      r[i + PENDING] = pending > t && unseen ? pending : t + this.samplers.exponential(rate);
      return;
    }
    if (rate > 0) {
      const changed = r[i + CHANGED];
      this.rateChanged(h, to, worm, 0, t, changed > hourStart ? changed : hourStart);
    }
    this.drawHour(h, r[i + EXPOSURE], hourStart);
    if (log !== null) log.address = NaN;
    r[i + EXPOSURE] = 0;
    r[i + FIRST_SEEN_NOW] = -1;
    this.addressDay[h] = UNSEEN_HERE;
    if (rate > 0) this.rateChanged(h, to, worm, rate / this.hitProbability(worm, from), t, t);
  }

  /** Whether `address` lies in the block. */
  private holds(address: number): boolean {
    return address >= this.block.base && address < this.blockEnd;
  }

  private splitIntoMinutes(worm: number, hourIndex: number, total: number): void {
    const from = Math.min(hourIndex * 60, this.minutes);
    const to = Math.min(from + 60, this.minutes);
    const base = worm * this.minutes;
    let weight = 0;
    for (let m = from; m < to; m++) weight += this.expectedPerMinute[base + m];
    let left = total;
    for (let m = from; m < to && left > 0; m++) {
      const w = this.expectedPerMinute[base + m];
      const k = m === to - 1 ? left : this.samplers.binomial(left, weight > 0 ? w / weight : 0);
      this.probesPerMinute[base + m] = k;
      left -= k;
      weight -= w;
    }
  }
}

function blockObserverPlugin(type: string, description: string): ObserverPlugin<ObserverResult> {
  return {
    type,
    description,
    create(spec, { engine, samplers }) {
      if (!spec.block) throw new RangeError(`observer ${spec.name}: a block is required`);
      return new BlockObserver({ ...spec, block: spec.block }, engine, samplers);
    },
  };
}

/** The `telescope` observer: a darknet block (no hosts answer) that records what reaches it. */
export const observerTelescope = blockObserverPlugin(
  "telescope",
  "a darknet block: first sightings, unique sources and probes per hour and minute",
);

/** The `server` observer: a block with live servers (a site, one web server). */
export const observerServer = blockObserverPlugin(
  "server",
  "a site or one server: sources by variant and by locality (own /16, own /8, elsewhere)",
);
