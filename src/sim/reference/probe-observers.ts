/**
 * Observers of the reference engine, fed probe by probe: each probe whose target lies in an observer's
 * block is counted (per worm and minute, per hour) and sets its source's first sighting; each source
 * seen for a worm is also counted by where it sits relative to the block (its own /16, its own /8 but
 * not /16, elsewhere). This is what a telescope literally records; the fast engine samples the same
 * quantities from rates.
 *
 * Sources are addresses: under address churn a host seen in two address epochs (between two of its
 * moves) is two sources. Unique sources (whole run, per hour, per worm) and their locality count
 * (host, epoch) pairs, as do the distinct sources of each day of the run (`dailyUniqueSources`);
 * `uniqueHosts` counts hosts and first sightings are per host.
 */
import type { AddressSpace } from "../../scan/address-space.ts";
import { requireBlock } from "../../plugin/observer.ts";
import type { EngineObserver } from "../engine-input.ts";
import type { ObserverHour, ObserverResult } from "../engine-result.ts";

export class ProbeObserver {
  private readonly mask: number;
  private readonly base: number;
  private readonly firstSeen: Float64Array;
  /** Per host and worm, hour index + 1 in which it was last seen (0: never). */
  private readonly seenInHour: Int32Array;
  /** Per host and worm, epoch + 1 in which it was last seen (with seenInHour: the hour's pair). */
  private readonly epochInHour: Uint32Array;
  /** Per host, a bit per worm it was seen scanning for in epoch `seenByEpoch - 1`. */
  private readonly seenBy: Uint8Array;
  private readonly seenByEpoch: Uint32Array;
  /** Per host, epoch + 1 of its last counted (host, epoch) pair (0: never seen). */
  private readonly seenEpoch: Uint32Array;
  private pairs = 0;
  /** Per host, day + 1 and epoch + 1 in which it was last counted for `daily` (0: never). */
  private readonly seenOnDay: Int32Array;
  private readonly epochOnDay: Uint32Array;
  /** Distinct (host, epoch) pairs seen per day of the run (any worm). */
  private readonly daily: number[] = [];
  private readonly uniqueByWorm: number[];
  /** Per worm, sources seen in the block's own /16, own /8 (not /16), elsewhere (row-major x3). */
  private readonly localityByWorm: Float64Array;
  private readonly blockBase: number;
  readonly probesPerMinute: Float64Array;
  private readonly hours: Array<{ unique: number[]; probes: number[] }> = [];

  constructor(
    readonly observer: EngineObserver,
    /** Current host addresses, in the run's space (updated by the engine as hosts move). */
    private readonly addresses: Uint32Array,
    /** Current address epoch of each host (updated by the engine). */
    private readonly epochs: Uint32Array,
    private readonly space: AddressSpace,
    private readonly worms: number,
    private readonly minutes: number,
  ) {
    const block = requireBlock(observer);
    const hosts = addresses.length;
    this.blockBase = block.base;
    const bits = block.bits;
    this.mask = bits === 0 ? 0 : (0xffffffff << (32 - bits)) >>> 0;
    this.base = (block.base & this.mask) >>> 0;
    this.firstSeen = new Float64Array(hosts).fill(-1);
    this.seenInHour = new Int32Array(hosts * worms);
    this.epochInHour = new Uint32Array(hosts * worms);
    this.seenBy = new Uint8Array(hosts);
    this.seenByEpoch = new Uint32Array(hosts);
    this.seenEpoch = new Uint32Array(hosts);
    this.seenOnDay = new Int32Array(hosts);
    this.epochOnDay = new Uint32Array(hosts);
    this.uniqueByWorm = new Array<number>(worms).fill(0);
    this.localityByWorm = new Float64Array(worms * 3);
    this.probesPerMinute = new Float64Array(worms * minutes);
  }

  /** Records a probe from host `source` of worm `worm` to `target` at `tSeconds` (if it lands here). */
  probe(target: number, source: number, worm: number, tSeconds: number, minute: number): void {
    if ((target & this.mask) >>> 0 !== this.base) return;
    if (minute < this.minutes) this.probesPerMinute[worm * this.minutes + minute]++;
    const hour = Math.floor(tSeconds / 3600);
    while (this.hours.length <= hour) this.hours.push(this.emptyHour());
    const record = this.hours[hour];
    record.probes[worm]++;
    const epoch = this.epochs[source] + 1;
    if (this.seenEpoch[source] !== epoch) {
      this.seenEpoch[source] = epoch;
      this.pairs++;
    }
    const day = Math.floor(hour / 24);
    if (this.seenOnDay[source] !== day + 1 || this.epochOnDay[source] !== epoch) {
      this.seenOnDay[source] = day + 1;
      this.epochOnDay[source] = epoch;
      while (this.daily.length <= day) this.daily.push(0);
      this.daily[day]++;
    }
    const key = source * this.worms + worm;
    if (this.seenInHour[key] !== hour + 1 || this.epochInHour[key] !== epoch) {
      this.seenInHour[key] = hour + 1;
      this.epochInHour[key] = epoch;
      record.unique[worm]++;
    }
    if (this.seenByEpoch[source] !== epoch) {
      this.seenByEpoch[source] = epoch;
      this.seenBy[source] = 0;
    }
    if ((this.seenBy[source] & (1 << worm)) === 0) {
      this.seenBy[source] |= 1 << worm;
      this.uniqueByWorm[worm]++;
      this.localityByWorm[worm * 3 + this.locality(this.addresses[source])]++;
    }
    if (this.firstSeen[source] < 0) this.firstSeen[source] = tSeconds;
  }

  private emptyHour(): { unique: number[]; probes: number[] } {
    return {
      unique: new Array<number>(this.worms).fill(0),
      probes: new Array<number>(this.worms).fill(0),
    };
  }

  /** 0: `address` is in the block's own /16; 1: in its own /8, not the /16; 2: elsewhere. */
  private locality(address: number): number {
    const { shift16, shift8 } = this.space;
    if (address >>> shift16 === this.blockBase >>> shift16) return 0;
    return address >>> shift8 === this.blockBase >>> shift8 ? 1 : 2;
  }

  /** The observer's record for a run of `durationSeconds`. */
  result(durationSeconds: number): ObserverResult {
    const hourCount = Math.ceil(durationSeconds / 3600);
    while (this.hours.length < hourCount) this.hours.push(this.emptyHour());
    const sum = (a: number[]): number => a.reduce((s, x) => s + x, 0);
    const hours: ObserverHour[] = this.hours.slice(0, hourCount).map((h) => ({
      uniqueSources: sum(h.unique),
      probes: sum(h.probes),
      uniqueByWorm: h.unique,
      probesByWorm: h.probes,
    }));
    let hosts = 0;
    for (const t of this.firstSeen) if (t >= 0) hosts++;
    return {
      name: this.observer.name,
      type: this.observer.type,
      block: requireBlock(this.observer),
      firstSeenSeconds: this.firstSeen,
      uniqueSources: this.pairs,
      uniqueHosts: hosts,
      uniqueSourcesByWorm: [...this.uniqueByWorm],
      localityByWorm: this.uniqueByWorm.map(
        (_, w) =>
          [
            this.localityByWorm[w * 3],
            this.localityByWorm[w * 3 + 1],
            this.localityByWorm[w * 3 + 2],
          ] as const,
      ),
      hours,
      dailyUniqueSources: Array.from(
        { length: Math.ceil(hourCount / 24) },
        (_, d) => this.daily[d] ?? 0,
      ),
      probesPerMinute: this.probesPerMinute,
    };
  }
}
