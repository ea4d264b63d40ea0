/**
 * The fast engine's clock: moves time forward integrating probes and observer exposure, and closes
 * minutes and hours for the series and the observers.
 */
import type { ObserverHooks } from "../../plugin/observer.ts";
import type { Outbreak } from "./outbreak.ts";

/** Observers that implement hook K (called as methods, so the calls can be inlined). */
type With<K extends keyof ObserverHooks> = Required<Pick<ObserverHooks, K>>;

export class Clock {
  hoursClosed = 0;
  /** Scratch bitmap over hosts for {@link closeHour} (all zero between uses). */
  private readonly activeBits: Uint32Array;

  constructor(
    private readonly o: Outbreak,
    private readonly accumulating: readonly With<"accumulate">[],
    private readonly minuteClosing: readonly With<"closeMinute">[],
    private readonly hourClosing: readonly With<"closeHour">[],
  ) {
    this.activeBits = new Uint32Array(Math.ceil(o.population.size / 32));
  }

  /** Moves the clock to `t`, integrating probes and observer exposure over the interval. */
  advanceTo(t: number): void {
    const o = this.o;
    const dt = t - o.t;
    if (dt > 0) {
      o.series.accumulate(o.minute, dt, o.worms);
      const minute = Math.min(o.minute, o.minutes - 1);
      const observers = this.accumulating;
      for (let i = 0; i < observers.length; i++) observers[i].accumulate(minute, dt);
    }
    o.t = t;
  }

  private closeMinuteRecords(): void {
    const o = this.o;
    o.series.closeMinute(o.minute, o.hosts);
    for (const x of this.minuteClosing) x.closeMinute(o.minute, o.t);
  }

  /** Closes the current minute (and hour, every 60 minutes). */
  tickMinute(): void {
    this.closeMinuteRecords();
    this.o.minute++;
    if (this.o.minute % 60 === 0) this.closeHour(this.o.minute * 60);
  }

  private closeHour(hourEnd: number): void {
    const o = this.o;
    const hourStart = (Math.ceil(hourEnd / 3600) - 1) * 3600;
    const hosts = this.hostsThatScanned();
    for (const x of this.hourClosing) x.closeHour(hourStart, hourEnd, hosts);
    const stopped = o.stoppedThisHour;
    for (let i = stopped.size - 1; i >= 0; i--) stopped.delete(stopped.at(i));
    this.hoursClosed++;
  }

  /**
   * The hosts that scanned this hour, in increasing order, or null (every host may have): marked in
   * a bitmap and read back, so no sort and no pass over hosts that did not scan (a pass over every
   * host's records each hour is memory-bound: tens of MB at full scale). Only when nearly every host
   * scanned is the full pass cheaper. The order is the one a full pass gives, so the output does not
   * depend on the choice.
   */
  private hostsThatScanned(): Uint32Array | null {
    const o = this.o;
    const scanning = o.hosts.scanning;
    const stopped = o.stoppedThisHour;
    const active = scanning.size + stopped.size;
    if (active >= o.population.size / 2) return null;
    const bits = this.activeBits;
    for (let i = 0; i < scanning.size; i++) {
      const h = scanning.at(i);
      bits[h >>> 5] |= 1 << (h & 31);
    }
    for (let i = 0; i < stopped.size; i++) {
      const h = stopped.at(i);
      bits[h >>> 5] |= 1 << (h & 31);
    }
    const list = new Uint32Array(active);
    let k = 0;
    for (let word = 0; word < bits.length; word++) {
      let b = bits[word];
      if (b === 0) continue;
      bits[word] = 0;
      while (b !== 0) {
        const low = b & -b;
        list[k++] = word * 32 + (31 - Math.clz32(low));
        b ^= low;
      }
    }
    return list.subarray(0, k);
  }

  /** Closes a partial last minute and hour at the end of the run. */
  finish(): void {
    const o = this.o;
    const end = o.t;
    if (end > o.minute * 60) {
      this.closeMinuteRecords();
      o.minute++;
    }
    if (this.hoursClosed < Math.ceil(end / 3600)) this.closeHour(end);
  }
}
