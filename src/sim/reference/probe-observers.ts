/**
 * Observers of the reference engine, fed probe by probe: each probe whose target lies in an observer's
 * block is counted (per worm and minute, per hour) and sets its source's first sighting. This is what a
 * telescope literally records; the fast engine samples the same quantities from rates.
 */
import type { ObserverHour } from "../observer-tracker.ts";
import type { EngineObserver } from "../engine-input.ts";
import type { ObserverResult } from "../engine-result.ts";

export class ProbeObserver {
  private readonly mask: number;
  private readonly base: number;
  private readonly firstSeen: Float64Array;
  /** Hour index + 1 in which the host was last seen (0: never), for unique sources per hour. */
  private readonly seenInHour: Int32Array;
  readonly probesPerMinute: Float64Array;
  private readonly hours: Array<{ unique: number[]; probes: number[] }> = [];

  constructor(
    readonly observer: EngineObserver,
    hosts: number,
    private readonly worms: number,
    private readonly minutes: number,
  ) {
    const bits = observer.block.bits;
    this.mask = bits === 0 ? 0 : (0xffffffff << (32 - bits)) >>> 0;
    this.base = (observer.block.base & this.mask) >>> 0;
    this.firstSeen = new Float64Array(hosts).fill(-1);
    this.seenInHour = new Int32Array(hosts);
    this.probesPerMinute = new Float64Array(worms * minutes);
  }

  /** Records a probe from host `source` of worm `worm` to `target` at `tSeconds` (if it lands here). */
  probe(target: number, source: number, worm: number, tSeconds: number, minute: number): void {
    if ((target & this.mask) >>> 0 !== this.base) return;
    if (minute < this.minutes) this.probesPerMinute[worm * this.minutes + minute]++;
    const hour = Math.floor(tSeconds / 3600);
    while (this.hours.length <= hour) {
      this.hours.push({
        unique: new Array(this.worms).fill(0),
        probes: new Array(this.worms).fill(0),
      });
    }
    const record = this.hours[hour];
    record.probes[worm]++;
    if (this.seenInHour[source] !== hour + 1) {
      this.seenInHour[source] = hour + 1;
      record.unique[worm]++;
    }
    if (this.firstSeen[source] < 0) this.firstSeen[source] = tSeconds;
  }

  /** The observer's record for a run of `durationSeconds`. */
  result(durationSeconds: number): ObserverResult {
    const hourCount = Math.ceil(durationSeconds / 3600);
    while (this.hours.length < hourCount) {
      this.hours.push({
        unique: new Array(this.worms).fill(0),
        probes: new Array(this.worms).fill(0),
      });
    }
    const sum = (a: number[]): number => a.reduce((s, x) => s + x, 0);
    const hours: ObserverHour[] = this.hours.slice(0, hourCount).map((h) => ({
      uniqueSources: sum(h.unique),
      probes: sum(h.probes),
      uniqueByWorm: h.unique,
      probesByWorm: h.probes,
    }));
    let unique = 0;
    for (const t of this.firstSeen) if (t >= 0) unique++;
    return {
      name: this.observer.name,
      type: this.observer.type,
      block: this.observer.block,
      firstSeenSeconds: this.firstSeen,
      uniqueSources: unique,
      hours,
      probesPerMinute: this.probesPerMinute,
    };
  }
}
