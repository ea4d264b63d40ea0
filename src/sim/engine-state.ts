/**
 * The mutable state of a fast-engine run: host states, the susceptible index, per-worm runtimes,
 * observers and the per-minute series, with the transitions that keep them consistent.
 */
import type { EventQueue } from "../core/event-queue.ts";
import type { Rng } from "../core/rng.ts";
import { createSamplers, type Samplers } from "../core/samplers.ts";
import { LOCALE_CHINESE, type Population } from "../net/population.ts";
import { addressSpace, type AddressSpace } from "../scan/address-space.ts";
import { calendarPhase, type CalendarPhase } from "../worms/calendar.ts";
import type { WormVariant } from "../worms/define-worm.ts";
import { rateAt, type EngineInput } from "./engine-input.ts";
import { IndexSet } from "./index-set.ts";
import { Load16Tracker } from "./load16-tracker.ts";
import { ObserverTracker } from "./observer-tracker.ts";
import { SeriesRecorder } from "./series-recorder.ts";
import { SusceptibleIndex } from "./susceptible-index.ts";
import { WormRuntime } from "./worm-runtime.ts";

import { BACKDOORED, INFECTED, PATCHED, SUSCEPTIBLE } from "../plugin/host-states.ts";

/** A scheduled event: global (host -1) or about one host (valid while its version is unchanged). */
export interface HostEvent {
  readonly kind: "introduce" | "phase" | "stop" | "schedule" | "lifetime" | "wake" | "attempt";
  readonly worm: number;
  readonly host: number;
  readonly version?: number;
  readonly phase?: CalendarPhase;
  /** For attempts of a static-seed worm: the scanning episode making it. */
  readonly episode?: number;
}

const PRIORITY_HOST = 1;

/** Slots of a host record: probe rate, when it began, packed flags, version, set positions. */
const RATE = 0;
const SINCE = 1;
/** state (bits 0-1), worm (2-3), awake (4), ever-infected worms (5-7). */
const FLAGS = 2;
const VERSION = 3;
const P_INFECTED = 4;
const P_UNPATCHED = 5;
const P_SCANNING = 6;
/** The host's address (a copy, so an update needs no other line). */
const ADDRESS = 7;
/** Flag bit: the host runs a Chinese locale (threads differ). */
const CHINESE = 1 << 8;

export class EngineState {
  readonly population: Population;
  readonly space: AddressSpace;
  /**
   * Per-host records of 8 doubles (64 bytes, one cache line): hosts are touched in random order, so
   * memory latency dominates and everything one update needs sits together. See RATE..ADDRESS.
   */
  readonly rec: Float64Array;
  readonly everTimes: Float64Array;
  everCount = 0;
  /** One index per target class: hosts that some worm can infect now. */
  readonly targetIndexes: SusceptibleIndex[];
  /** Per target class, the variants whose infected hosts are also targets. */
  private readonly targetOver: WormVariant[][];
  readonly worms: WormRuntime[];
  readonly observers: ObserverTracker[];
  readonly loads: Load16Tracker[];
  private readonly localWorms: WormRuntime[];
  private readonly trackSources: boolean;
  readonly infected: IndexSet;
  readonly unpatched: IndexSet;
  readonly scanning: IndexSet;
  /** Scratch bitmap over hosts for {@link closeHour} (all zero between uses). */
  private readonly activeBits: Uint32Array;
  /** Hosts that stopped scanning during the current hour (their exposure is still to be counted). */
  private readonly stoppedThisHour: IndexSet;
  readonly series: SeriesRecorder;
  private readonly hostRng: Samplers;
  t = 0;
  minute = 0;
  eventsSampled = 0;
  hoursClosed = 0;
  private patchPerSecond = 0;
  private rebootPerSecond = 0;

  constructor(
    readonly input: EngineInput,
    root: Rng,
    private readonly queue: EventQueue<HostEvent>,
  ) {
    const p = input.population;
    const n = p.size;
    this.population = p;
    this.rec = new Float64Array(n * 8);
    this.everTimes = new Float64Array(n);
    this.space = addressSpace(input.addressBits ?? 32);
    // Three of the sets keep their positions in the host records (the fourth is rarely touched).
    const rec = this.rec;
    for (let h = 0, i = 0; h < n; h++, i += 8) {
      rec[i + P_INFECTED] = -1;
      rec[i + P_UNPATCHED] = -1;
      rec[i + P_SCANNING] = -1;
      rec[i + ADDRESS] = p.addresses[h];
      if (p.locale[h] === LOCALE_CHINESE) rec[i + FLAGS] = CHINESE;
    }
    this.infected = new IndexSet(n, this.rec, 8, P_INFECTED);
    this.unpatched = new IndexSet(n, this.rec, 8, P_UNPATCHED);
    this.scanning = new IndexSet(n, this.rec, 8, P_SCANNING);
    this.activeBits = new Uint32Array(Math.ceil(n / 32));
    this.stoppedThisHour = new IndexSet(n);
    this.targetOver = [];
    const classOf = input.worms.map((w) => {
      const key = [...w.def.infectsOver].sort();
      let k = this.targetOver.findIndex((o) => o.join() === key.join());
      if (k < 0) k = this.targetOver.push(key) - 1;
      return k;
    });
    this.targetIndexes = this.targetOver.map(() => new SusceptibleIndex(p, this.space));
    for (let h = 0; h < n; h++) {
      if (p.patched[h]) {
        this.setState(h, PATCHED);
      } else {
        for (const index of this.targetIndexes) index.add(h);
        this.unpatched.add(h);
      }
    }
    const endSeconds = (input.endMs - input.startMs) / 1000;
    this.worms = input.worms.map(
      (w, i) => new WormRuntime(i, w, this.targetIndexes[classOf[i]], this.space, p, endSeconds),
    );
    for (const w of this.worms) {
      if (!w.static) continue;
      for (let h = 0; h < n; h++) if (w.targets.has(h)) w.static.enter(h, 0, queue);
    }
    for (const w of this.worms) {
      const cal = w.def.calendar;
      if (cal.kind === "code-red-monthly") w.phase = calendarPhase(cal, input.startMs);
    }
    const minutes = Math.ceil((input.endMs - input.startMs) / 60000);
    this.series = new SeriesRecorder(this.worms.length, minutes);
    const scans = this.worms.map((w) => w.def.scan);
    this.observers = input.observers.map(
      (o) =>
        new ObserverTracker(
          o,
          p,
          scans,
          minutes,
          createSamplers(root.fork(`observer:${o.name}`)),
          this.space,
        ),
    );
    this.loads = input.observers
      .filter((o) => o.type === "load16")
      .map((o) => new Load16Tracker(o, this.worms, this.space, minutes));
    this.localWorms = this.worms.filter((w) => w.local !== null);
    // Per-block source rates feed local preference and load16 observers; skip them otherwise.
    this.trackSources = this.localWorms.length > 0 || this.loads.length > 0;
    this.hostRng = createSamplers(root.fork("hosts"));
    this.refreshSchedules();
  }

  private refreshSchedules(): void {
    const ms = this.input.startMs + this.t * 1000;
    this.patchPerSecond = rateAt(this.input.patch, ms) / 3600;
    this.rebootPerSecond = rateAt(this.input.reboot, ms) / 3600;
  }

  /** Fills `out` with event rates (3 per worm, then patch, reboot) and returns their sum. */
  eventRates(out: Float64Array): number {
    const k = this.worms.length * 3;
    for (const w of this.worms) {
      let s = 0;
      for (const os of w.infectsOs) s += w.targets.totals[os];
      w.infectionRates(s, out, w.index * 3);
    }
    out[k] = this.patchPerSecond * this.unpatched.size;
    out[k + 1] = this.rebootPerSecond * this.infected.size;
    let total = 0;
    for (let i = 0; i < out.length; i++) total += out[i];
    return total;
  }

  /** Moves the clock to `t`, integrating probes and observer exposure over the interval. */
  advanceTo(t: number): void {
    const dt = t - this.t;
    if (dt > 0) {
      this.series.accumulate(this.minute, dt, this.worms);
      for (const o of this.observers) o.accumulate(Math.min(this.minute, o.minutes - 1), dt);
    }
    this.t = t;
  }

  /** Fires the random event selected by `pick` (uniform in [0, total of rates)). */
  fireRandomEvent(
    rates: Float64Array,
    pick: number,
    s: Samplers,
    queue: EventQueue<HostEvent>,
  ): void {
    let i = 0;
    while (i < rates.length - 1 && pick >= rates[i]) pick -= rates[i++];
    // Round-off can carry the pick past the last non-empty process: then nothing happens.
    if (rates[i] <= 0) return;
    const k = this.worms.length * 3;
    if (i === k) {
      this.patch(this.unpatched.at(s.rng.int(this.unpatched.size)));
    } else if (i === k + 1) {
      this.reboot(this.infected.at(s.rng.int(this.infected.size)));
    } else {
      const target = this.pickTarget(this.worms[Math.floor(i / 3)], i % 3, s);
      if (target >= 0) this.infect(target, Math.floor(i / 3), queue);
    }
    this.eventsSampled++;
  }

  /** A susceptible host the worm can infect at the given level, or -1 (a null event). */
  private pickTarget(w: WormRuntime, level: number, s: Samplers): number {
    const sus = w.targets;
    if (level === 0) {
      const os = this.pickOs(w.infectsOs, (o) => sus.totals[o], s);
      return os < 0 ? -1 : sus.pickInRange(os, 0, 65536, s.uniform());
    }
    const local = w.local;
    if (!local) return -1;
    if (level === 1) {
      const tree = local.weight8;
      const b = tree.search(s.uniform() * tree.total());
      const os = this.pickOs(w.infectsOs, (o) => sus.per8[o][b], s);
      return os < 0 ? -1 : sus.pickInRange(os, b * 256, b * 256 + 256, s.uniform());
    }
    const tree = local.weight16;
    const c = tree.search(s.uniform() * tree.total());
    const os = this.pickOs(w.infectsOs, (o) => sus.in16(o, c), s);
    return os < 0 ? -1 : sus.pickIn16(os, c, s.rng.int(sus.in16(os, c)));
  }

  private pickOs(classes: readonly number[], count: (os: number) => number, s: Samplers): number {
    let total = 0;
    for (const os of classes) total += count(os);
    if (total <= 0) return -1;
    let u = s.uniform() * total;
    for (const os of classes) {
      const c = count(os);
      if (u < c) return os;
      u -= c;
    }
    return classes[classes.length - 1];
  }

  /** Host states (SUSCEPTIBLE, INFECTED, ...) unpacked, one byte per host. */
  hostStates(): Uint8Array {
    return this.unpack((h) => this.stateOf(h));
  }

  /** Worm index per host (meaningful while infected or backdoored). */
  wormOfHosts(): Uint8Array {
    return this.unpack((h) => this.wormOf(h));
  }

  /** Bit w set when worm w ever infected the host. */
  everInfectedHosts(): Uint8Array {
    return this.unpack((h) => this.everOf(h));
  }

  private unpack(field: (h: number) => number): Uint8Array {
    const out = new Uint8Array(this.population.size);
    for (let h = 0; h < out.length; h++) out[h] = field(h);
    return out;
  }

  stateOf(h: number): number {
    return this.rec[h * 8 + FLAGS] & 3;
  }

  wormOf(h: number): number {
    return (this.rec[h * 8 + FLAGS] >> 2) & 3;
  }

  private awakeOf(h: number): number {
    return (this.rec[h * 8 + FLAGS] >> 4) & 1;
  }

  private everOf(h: number): number {
    return (this.rec[h * 8 + FLAGS] >> 5) & 7;
  }

  private setFlags(h: number, mask: number, value: number): void {
    const i = h * 8 + FLAGS;
    this.rec[i] = (this.rec[i] & ~mask) | value;
  }

  private setState(h: number, state: number): void {
    this.setFlags(h, 3, state);
  }

  private setWorm(h: number, worm: number): void {
    this.setFlags(h, 3 << 2, worm << 2);
  }

  private setAwake(h: number, awake: number): void {
    this.setFlags(h, 1 << 4, awake << 4);
  }

  private addEver(h: number, bits: number): void {
    this.setFlags(h, 0, bits << 5);
  }

  /** Sets a host's probe rate, keeping every aggregate and observer in step. */
  setRate(h: number, probesPerSecond: number): void {
    const old = this.rec[h * 8 + RATE];
    if (old === probesPerSecond) return;
    const w = this.worms[this.wormOf(h)];
    w.scanningHosts += (probesPerSecond > 0 ? 1 : 0) - (old > 0 ? 1 : 0);
    // Reset the float sum exactly when nothing scans, so round-off never leaves a phantom rate.
    w.totalRate = w.scanningHosts === 0 ? 0 : w.totalRate + probesPerSecond - old;
    const address = this.rec[h * 8 + ADDRESS];
    if (this.trackSources) {
      w.sources.add(address, probesPerSecond - old, this.t);
      w.local?.refresh(address);
    }
    if (w.static) {
      if (old === 0) w.static.episodeStarted(h, this.t, (j) => w.targets.has(j), this.queue);
      else if (probesPerSecond === 0) w.static.episodeEnded(h, this.t);
    }
    if (probesPerSecond > 0) {
      this.scanning.add(h);
    } else {
      this.scanning.delete(h);
      this.stoppedThisHour.add(h);
    }
    const hourStart = Math.floor(this.minute / 60) * 3600;
    const since = Math.max(this.rec[h * 8 + SINCE], hourStart);
    for (const o of this.observers) {
      o.rateChanged(h, address, w.index, probesPerSecond, this.t, since);
    }
    this.rec[h * 8 + SINCE] = this.t;
    this.rec[h * 8 + RATE] = probesPerSecond;
  }

  /** Puts host h in exactly the target indexes its state allows, then refreshes local weights. */
  private syncTargets(h: number): void {
    const state = this.stateOf(h);
    const variant = this.worms[this.wormOf(h)]?.def.variant;
    for (let k = 0; k < this.targetOver.length; k++) {
      const over = this.targetOver[k];
      const want =
        state === SUSCEPTIBLE || (state === INFECTED && over.includes(variant as WormVariant));
      const index = this.targetIndexes[k];
      if (want && !index.has(h)) {
        index.add(h);
        for (const w of this.worms) if (w.targets === index) w.static?.enter(h, this.t, this.queue);
      } else if (!want && index.has(h)) {
        index.remove(h);
      }
    }
    if (this.localWorms.length > 0) {
      const address = this.rec[h * 8 + ADDRESS];
      for (const w of this.localWorms) w.local?.refresh(address);
    }
  }

  private scanRateNow(w: WormRuntime, h: number): number {
    if (!w.spreading || !this.awakeOf(h)) return 0;
    const i = h * 8;
    return w.hostRate((this.rec[i + FLAGS] & CHINESE) !== 0, this.rec[i + ADDRESS]);
  }

  /** Infects host h with worm `worm`; `seeded` marks a run's initial infections (not counted as new). */
  infect(
    h: number,
    worm: number,
    queue: EventQueue<HostEvent>,
    awake = true,
    seeded = false,
  ): void {
    const w = this.worms[worm];
    if (this.stateOf(h) === INFECTED) this.leaveInfected(h);
    this.setState(h, INFECTED);
    this.setWorm(h, worm);
    this.syncTargets(h);
    this.rec[h * 8 + VERSION]++;
    this.setAwake(h, awake ? 1 : 0);
    this.infected.add(h);
    this.series.infectedNow[worm]++;
    if ((this.everOf(h) & (1 << worm)) === 0) {
      if (this.everOf(h) === 0) this.everTimes[this.everCount++] = this.t;
      this.addEver(h, 1 << worm);
      this.series.everByWorm[worm]++;
    }
    if (!seeded) this.series.newInfection(this.minute, worm);
    if (w.phase === "flood" && w.introduced) w.floodingHosts++;
    this.setRate(h, this.scanRateNow(w, h));
    const life = w.lifetimeSeconds((this.rec[h * 8 + FLAGS] & CHINESE) !== 0);
    if (life !== null) {
      queue.push(this.t + life, PRIORITY_HOST, {
        kind: "lifetime",
        worm,
        host: h,
        version: this.rec[h * 8 + VERSION],
      });
    }
  }

  private leaveInfected(h: number): void {
    this.setRate(h, 0);
    const w = this.worms[this.wormOf(h)];
    if (w.phase === "flood" && w.introduced) w.floodingHosts--;
    this.infected.delete(h);
    this.series.infectedNow[this.wormOf(h)]--;
    this.rec[h * 8 + VERSION]++;
  }

  /** A reboot: memory-resident worms are cured (host susceptible again); backdoors persist. */
  reboot(h: number): void {
    const backdoor = this.worms[this.wormOf(h)].def.persistence === "backdoor";
    this.leaveInfected(h);
    this.setState(h, backdoor ? BACKDOORED : SUSCEPTIBLE);
    this.syncTargets(h);
  }

  /** Patching: the host becomes immune (and, if infected, is rebooted clean). */
  patch(h: number): void {
    if (this.stateOf(h) === INFECTED) this.leaveInfected(h);
    this.setState(h, PATCHED);
    this.syncTargets(h);
    this.unpatched.delete(h);
    this.rec[h * 8 + VERSION]++;
  }

  /** Handles a scheduled event. */
  handle(e: HostEvent, queue: EventQueue<HostEvent>): void {
    if (e.kind === "attempt") {
      const w = this.worms[e.worm];
      const isTarget = (j: number) => w.targets.has(j);
      const ok = w.static?.attempt(
        e,
        this.t,
        isTarget,
        w.def.infectionSuccess,
        this.hostRng,
        queue,
      );
      if (ok && w.spreading) this.infect(e.host, e.worm, queue);
      this.eventsSampled++;
      return;
    }
    if (e.host >= 0) {
      if (this.rec[e.host * 8 + VERSION] !== e.version || this.stateOf(e.host) !== INFECTED) return;
      if (e.kind === "lifetime") this.reboot(e.host);
      else if (e.kind === "wake") {
        this.setAwake(e.host, 1);
        this.setRate(e.host, this.scanRateNow(this.worms[e.worm], e.host));
      }
      return;
    }
    if (e.kind === "schedule") this.refreshSchedules();
    else if (e.kind === "introduce") this.introduce(e.worm, queue);
    else if (e.kind === "stop") this.changeWorm(e.worm, () => (this.worms[e.worm].stopped = true));
    else if (e.kind === "phase") this.changePhase(e.worm, e.phase as CalendarPhase, queue);
  }

  private introduce(worm: number, queue: EventQueue<HostEvent>): void {
    const w = this.worms[worm];
    w.introduced = true;
    const staggered = w.spec.initialWakeStaggered && w.def.calendar.kind === "code-red-monthly";
    for (let i = 0; i < w.spec.initialInfected; i++) {
      let total = 0;
      for (const os of w.infectsOs) total += w.targets.totals[os];
      if (total <= 0) break;
      const os = this.pickOs(w.infectsOs, (o) => w.targets.totals[o], this.hostRng);
      const h = w.targets.pickInRange(os, 0, 65536, this.hostRng.uniform());
      this.infect(h, worm, queue, !staggered, true);
      if (staggered) this.scheduleWake(h, worm, queue);
    }
  }

  private scheduleWake(h: number, worm: number, queue: EventQueue<HostEvent>): void {
    const cal = this.worms[worm].def.calendar;
    const mean = cal.kind === "code-red-monthly" ? cal.wakeStaggerMeanHours * 3600 : 0;
    const at = this.t + (mean > 0 ? this.hostRng.exponential(1 / mean) : 0);
    queue.push(at, PRIORITY_HOST, {
      kind: "wake",
      worm,
      host: h,
      version: this.rec[h * 8 + VERSION],
    });
  }

  private changeWorm(worm: number, change: () => void): void {
    const w = this.worms[worm];
    const wasFlooding = w.phase === "flood";
    change();
    for (let i = this.infected.size - 1; i >= 0; i--) {
      const h = this.infected.at(i);
      if (this.wormOf(h) === worm) this.setRate(h, this.scanRateNow(w, h));
    }
    if (wasFlooding !== (w.phase === "flood")) {
      w.floodingHosts = 0;
      if (w.phase === "flood") {
        for (let i = 0; i < this.infected.size; i++) {
          if (this.wormOf(this.infected.at(i)) === worm) w.floodingHosts++;
        }
      }
    }
  }

  private changePhase(worm: number, phase: CalendarPhase, queue: EventQueue<HostEvent>): void {
    const w = this.worms[worm];
    const waking = phase === "spread" && w.phase !== "spread";
    this.changeWorm(worm, () => {
      w.phase = phase;
      if (waking) {
        for (let i = 0; i < this.infected.size; i++) {
          const h = this.infected.at(i);
          if (this.wormOf(h) === worm) this.setAwake(h, 0);
        }
      }
    });
    if (waking) {
      for (let i = 0; i < this.infected.size; i++) {
        const h = this.infected.at(i);
        if (this.wormOf(h) === worm) this.scheduleWake(h, worm, queue);
      }
    }
  }

  private closeMinuteRecords(): void {
    const m = this.minute;
    this.series.closeMinute(m, this);
    const M = this.series.minutes;
    for (const l of this.loads) l.closeMinute(m, this.t, (w) => this.series.probes[w * M + m]);
  }

  /** Closes the current minute (and hour, every 60 minutes). */
  tickMinute(): void {
    this.closeMinuteRecords();
    this.minute++;
    if (this.minute % 60 === 0) this.closeHour(this.minute * 60);
  }

  private closeHour(hourEnd: number): void {
    const hourStart = (Math.ceil(hourEnd / 3600) - 1) * 3600;
    let hosts: Uint32Array | null = null;
    // The hosts that scanned this hour, in increasing order: marked in a bitmap and read back, so no
    // sort and no pass over hosts that did not scan (a pass over every host's records each hour is
    // memory-bound: tens of MB at full scale). Only when nearly every host scanned is the full pass
    // cheaper. The order is the one a full pass gives, so the output does not depend on the choice.
    const active = this.scanning.size + this.stoppedThisHour.size;
    if (active < this.population.size / 2) {
      const bits = this.activeBits;
      for (let i = 0; i < this.scanning.size; i++) {
        const h = this.scanning.at(i);
        bits[h >>> 5] |= 1 << (h & 31);
      }
      for (let i = 0; i < this.stoppedThisHour.size; i++) {
        const h = this.stoppedThisHour.at(i);
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
      hosts = list.subarray(0, k);
    }
    for (const o of this.observers) {
      o.closeHour(hourStart, hourEnd, hosts);
    }
    for (let i = this.stoppedThisHour.size - 1; i >= 0; i--) {
      this.stoppedThisHour.delete(this.stoppedThisHour.at(i));
    }
    this.hoursClosed++;
  }

  /** Closes a partial last minute and hour at the end of the run. */
  finish(): void {
    const end = this.t;
    if (end > this.minute * 60) {
      this.closeMinuteRecords();
      this.minute++;
    }
    if (this.hoursClosed < Math.ceil(end / 3600)) this.closeHour(end);
  }
}
