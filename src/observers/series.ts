/**
 * The `series` observer, always on: global truth counters per minute and per worm: new infections, probes sent (the integral of the
 * scanning rate), flood packets, and snapshots of infected-now and ever-infected at each minute's end.
 */
import type { WormView } from "../plugin/engine-view.ts";

/** What the recorder needs to read at a minute's end. */
export interface MinuteSnapshotSource {
  readonly everCount: number;
}

export class SeriesRecorder {
  /** Row-major worm x minute. */
  readonly newInfections: Uint32Array;
  readonly probes: Float64Array;
  readonly floodPackets: Float64Array;
  readonly infectedAtEnd: Uint32Array;
  /** Distinct hosts ever infected (any worm) at each minute's end. */
  readonly everAtEnd: Uint32Array;
  /** Distinct hosts ever infected by each worm, running total. */
  readonly everByWorm: Float64Array;
  /** Hosts infected now, per worm; kept by the engine. */
  readonly infectedNow: Float64Array;

  constructor(
    readonly worms: number,
    readonly minutes: number,
  ) {
    this.newInfections = new Uint32Array(worms * minutes);
    this.probes = new Float64Array(worms * minutes);
    this.floodPackets = new Float64Array(worms * minutes);
    this.infectedAtEnd = new Uint32Array(worms * minutes);
    this.everAtEnd = new Uint32Array(minutes);
    this.everByWorm = new Float64Array(worms);
    this.infectedNow = new Float64Array(worms);
  }

  newInfection(minute: number, worm: number): void {
    if (minute < this.minutes) this.newInfections[worm * this.minutes + minute]++;
  }

  accumulate(minute: number, seconds: number, worms: readonly WormView[]): void {
    if (minute >= this.minutes) return;
    for (const w of worms) {
      const i = w.index * this.minutes + minute;
      this.probes[i] += w.totalRate * seconds;
      this.floodPackets[i] += w.floodingHosts * w.def.floodPacketsPerSecond * seconds;
    }
  }

  closeMinute(minute: number, source: MinuteSnapshotSource): void {
    if (minute >= this.minutes) return;
    for (let w = 0; w < this.worms; w++) {
      this.infectedAtEnd[w * this.minutes + minute] = this.infectedNow[w];
    }
    this.everAtEnd[minute] = source.everCount;
  }
}
