/**
 * Host states and transitions of the reference engine. Same semantics as the fast engine
 * (src/sim/fast/): infection, takeover (a worm infects hosts that run a variant in its `infectsOver`
 * list: the old infection ends first), patching (immune; an infected host is rebooted clean), reboots
 * (memory-resident worm: cured and susceptible again; backdoor worm: compromised, silent), scanning
 * lifetime, calendar phases and staggered wake-up. Timed host events (patch, reboot, lifetime, wake)
 * come from per-host clocks in an event queue; an event is stale once the host's version changed.
 * Per-host rate multipliers (rate heterogeneity) scale every probe rate of a host; a host's address
 * can change (address churn: moves are the engine's "move" events), and each change starts a new
 * address epoch of the host.
 */
import { createEventQueue } from "../../core/event-queue.ts";
import type { Rng } from "../../core/rng.ts";
import { LOCALE_CHINESE, type Population } from "../../net/population.ts";
import { wakeStaggerSeconds, type CalendarPhase } from "../../worms/calendar.ts";
import type { EngineInput, EngineWorm } from "../engine-input.ts";
import { BACKDOORED, INFECTED, PATCHED, SUSCEPTIBLE } from "../../plugin/host-states.ts";
import { PRIORITY } from "../../plugin/priorities.ts";
import { SeriesRecorder } from "../../observers/series.ts";
import { type HazardStep, hazardSteps, hazardTime } from "./hazard.ts";
import type { SequenceWalk } from "./per-thread-walks.ts";
import { ThreadPool, type ScanPool } from "./thread-pool.ts";
import { WeightedPool } from "./weighted-pool.ts";
import type { ReferenceFilters } from "./reference-filters.ts";

/** A timed event of the reference engine (host -1: a global event). */
export interface ReferenceEvent {
  readonly kind:
    | "introduce"
    | "phase"
    | "stop"
    | "patch"
    | "reboot"
    | "lifetime"
    | "wake"
    | "move"
    /** An address blacklist's deadline (version: the host's address epoch). */
    | "block"
    /** An infected-first patch campaign's clock for one infection (worm: the campaign). */
    | "campaign"
    /** An "any" patch campaign's clock for one host (worm: the campaign). */
    | "campaign-patch";
  readonly worm: number;
  readonly host: number;
  readonly version: number;
  readonly phase?: CalendarPhase;
}

/** One worm's runtime flags and scanning threads. */
export interface ReferenceWorm {
  readonly spec: EngineWorm;
  readonly pool: ScanPool;
  /** Static-seed worms: the sequence walk fed with the pool's starts and stops (set by the engine). */
  walk: SequenceWalk | null;
  phase: CalendarPhase;
  introduced: boolean;
  stopped: boolean;
}

export class ReferenceState {
  readonly population: Population;
  readonly hostState: Uint8Array;
  readonly wormOf: Uint8Array;
  readonly everInfected: Uint8Array;
  readonly everTimes: Float64Array;
  everCount = 0;
  /** Current address of each host (changes under address churn). */
  readonly addresses: Uint32Array;
  /** Address epoch of each host: the number of times its address changed. */
  readonly epoch: Uint32Array;
  /** (host, epoch) pairs during which the host was infected at some time. */
  infectedAddressesEver = 0;
  /** Per host, epoch + 1 of the last epoch counted in {@link infectedAddressesEver} (0: none). */
  private readonly infectedEpoch: Uint32Array;
  private readonly awake: Uint8Array;
  private readonly version: Uint32Array;
  readonly worms: ReferenceWorm[];
  readonly series: SeriesRecorder;
  readonly queue = createEventQueue<ReferenceEvent>();
  private readonly reboots: HazardStep[];
  /** takesOver[w * W + v]: worm w infects hosts that worm v holds (v's variant in w's infectsOver). */
  private readonly takesOver: Uint8Array;
  t = 0;
  minute = 0;
  /** 1 while a host's current address is blocked by the address blacklist. */
  readonly blocked: Uint8Array;
  /** Epoch + 1 of a pending block deadline per host (0: none). */
  private readonly pendingBlock: Uint32Array;
  /** Per worm: host rate multipliers with the rate caps applied (null: `multipliers`). */
  private readonly cappedMultipliers: (Float64Array | null)[];

  constructor(
    readonly input: EngineInput,
    private readonly hostRng: Rng,
    /** Probe-rate multiplier per host (null: every host at its worm's rate). */
    readonly multipliers: Float64Array | null = null,
    /** Filters, caps and campaigns (null: none). */
    readonly filters: ReferenceFilters | null = null,
  ) {
    const p = input.population;
    this.population = p;
    const n = p.size;
    this.addresses = Uint32Array.from(p.addresses);
    this.epoch = new Uint32Array(n);
    this.infectedEpoch = new Uint32Array(n);
    this.hostState = new Uint8Array(n);
    this.wormOf = new Uint8Array(n);
    this.everInfected = new Uint8Array(n);
    this.everTimes = new Float64Array(n);
    this.awake = new Uint8Array(n);
    this.version = new Uint32Array(n);
    this.blocked = new Uint8Array(filters?.blockDelay != null ? n : 0);
    this.pendingBlock = new Uint32Array(filters?.blockDelay != null ? n : 0);
    const caps = filters !== null && filters.caps.length > 0;
    this.cappedMultipliers = input.worms.map((spec) => {
      if (!caps || filters === null) return null;
      const perThread = spec.def.probesPerSecond / spec.def.threads;
      const m = new Float64Array(n);
      for (let h = 0; h < n; h++) {
        const chinese = p.locale[h] === LOCALE_CHINESE;
        const threads = chinese ? spec.def.threadsChineseLocale : spec.def.threads;
        m[h] = filters.cappedMultiplier(h, multipliers ? multipliers[h] : 1, threads * perThread);
      }
      return m;
    });
    this.worms = input.worms.map((spec, i) => ({
      spec,
      pool:
        (this.cappedMultipliers[i] ?? multipliers)
          ? new WeightedPool(
              n,
              spec.def.probesPerSecond / spec.def.threads,
              this.cappedMultipliers[i] ?? (multipliers as Float64Array),
            )
          : new ThreadPool(n, spec.def.probesPerSecond / spec.def.threads, [
              spec.def.threads,
              spec.def.threadsChineseLocale,
            ]),
      walk: null,
      phase: "spread",
      introduced: false,
      stopped: false,
    }));
    this.series = new SeriesRecorder(
      this.worms.length,
      Math.ceil((input.endMs - input.startMs) / 60000),
    );
    const W = this.worms.length;
    this.takesOver = new Uint8Array(W * W);
    input.worms.forEach((w, i) =>
      input.worms.forEach((v, j) => {
        if (w.def.infectsOver.includes(v.def.variant)) this.takesOver[i * W + j] = 1;
      }),
    );
    this.reboots = hazardSteps(input.reboot, input.startMs);
    const patches = hazardSteps(input.patch, input.startMs);
    for (let h = 0; h < n; h++) {
      if (p.patched[h]) {
        this.hostState[h] = PATCHED;
        continue;
      }
      const at = hazardTime(patches, 0, this.exp1());
      if (at !== Infinity)
        this.queue.push(at, PRIORITY.host, { kind: "patch", worm: -1, host: h, version: 0 });
    }
    (filters?.campaigns ?? []).forEach((c, k) => {
      if (c.infectedFirst) return;
      const steps = [{ fromSeconds: c.fromSeconds, perSecond: c.perSecond }];
      for (let h = 0; h < n; h++) {
        if (p.patched[h] || c.covered[h] === 0) continue;
        const at = hazardTime(steps, 0, this.exp1());
        if (at !== Infinity) {
          this.queue.push(at, PRIORITY.host, {
            kind: "campaign-patch",
            worm: k,
            host: h,
            version: 0,
          });
        }
      }
    });
  }

  private exp1(): number {
    return -Math.log1p(-this.hostRng.next());
  }

  /** Whether worm w can ever infect host h (its OS is not one the worm crashes). */
  infectable(w: number, h: number): boolean {
    return !this.worms[w].spec.def.crashesOs.includes(this.population.os[h]);
  }

  /**
   * Whether a probe of worm w that reaches host h now is an infection attempt: h is susceptible, or
   * infected by a worm whose variant w takes over (the fast engine's target set), and its OS is one w
   * infects.
   */
  canInfect(w: number, h: number): boolean {
    const state = this.hostState[h];
    if (state !== SUSCEPTIBLE) {
      if (state !== INFECTED) return false;
      if (this.takesOver[w * this.worms.length + this.wormOf[h]] === 0) return false;
    }
    return this.infectable(w, h);
  }

  private threadsOf(w: ReferenceWorm, h: number): number {
    const def = w.spec.def;
    return this.population.locale[h] === LOCALE_CHINESE ? def.threadsChineseLocale : def.threads;
  }

  private spreading(w: ReferenceWorm): boolean {
    return w.introduced && !w.stopped && w.phase === "spread";
  }

  /** Puts host h in or out of its worm's thread pool according to the current state. */
  private refreshScanning(h: number): void {
    const w = this.worms[this.wormOf[h]];
    const scans = this.hostState[h] === INFECTED && this.awake[h] === 1 && this.spreading(w);
    if (scans && !w.pool.has(h)) {
      const threads = this.threadsOf(w, h);
      w.pool.add(h, threads);
      const capped = this.cappedMultipliers[this.wormOf[h]];
      const m = capped ? capped[h] : this.multipliers ? this.multipliers[h] : 1;
      w.walk?.start(h, threads * w.pool.perThreadRate * m, this.t);
    } else if (!scans) this.stopScanning(w, h);
  }

  /** Host h leaves its worm's pool (a static-seed episode ends with it). */
  private stopScanning(w: ReferenceWorm, h: number): void {
    w.pool.delete(h);
    w.walk?.end(h);
  }

  private push(at: number, kind: ReferenceEvent["kind"], worm: number, h: number): void {
    if (at !== Infinity)
      this.queue.push(at, PRIORITY.host, { kind, worm, host: h, version: this.version[h] });
  }

  /**
   * Host h ({@link canInfect}) is infected by worm `worm` now; a takeover first ends the old infection.
   * `seeded` marks a run's initial infections (not counted as new, as in the fast engine).
   */
  infect(h: number, worm: number, awake = true, seeded = false): void {
    const w = this.worms[worm];
    if (this.hostState[h] === INFECTED) this.leaveInfected(h);
    this.hostState[h] = INFECTED;
    this.wormOf[h] = worm;
    this.version[h]++;
    this.awake[h] = awake ? 1 : 0;
    this.series.infectedNow[worm]++;
    this.countInfectedAddress(h);
    if ((this.everInfected[h] & (1 << worm)) === 0) {
      if (this.everInfected[h] === 0) this.everTimes[this.everCount++] = this.t;
      this.everInfected[h] |= 1 << worm;
      this.series.everByWorm[worm]++;
    }
    if (!seeded) this.series.newInfection(this.minute, worm);
    this.refreshScanning(h);
    this.push(hazardTime(this.reboots, this.t, this.exp1()), "reboot", worm, h);
    this.armDefenses(h);
    const chinese = this.population.locale[h] === LOCALE_CHINESE;
    const def = w.spec.def;
    const hours = chinese ? def.scanLifetimeHoursChineseLocale : def.scanLifetimeHours;
    if (hours !== null) this.push(this.t + hours * 3600, "lifetime", worm, h);
  }

  /** A new infection of host h: its blacklist deadline and infected-first campaign clocks. */
  private armDefenses(h: number): void {
    const f = this.filters;
    if (f === null) return;
    if (f.blockDelay !== null && this.blocked[h] === 0 && this.pendingBlock[h] === 0) {
      this.armBlock(h);
    }
    f.campaigns.forEach((c, k) => {
      if (!c.infectedFirst || c.covered[h] === 0) return;
      const steps = [{ fromSeconds: c.fromSeconds, perSecond: c.perSecond }];
      this.push(hazardTime(steps, this.t, this.exp1()), "campaign", k, h);
    });
  }

  /** Counts host h's current (host, epoch) pair as infected, once. */
  private countInfectedAddress(h: number): void {
    if (this.infectedEpoch[h] === this.epoch[h] + 1) return;
    this.infectedEpoch[h] = this.epoch[h] + 1;
    this.infectedAddressesEver++;
  }

  /**
   * Host h now holds address `to` (the engine updated its address tables): a new address epoch, which
   * counts as an infected address at once when the host is infected.
   */
  moved(h: number, to: number): void {
    this.addresses[h] = to;
    this.epoch[h]++;
    if (this.hostState[h] === INFECTED) this.countInfectedAddress(h);
    if (this.filters?.blockDelay != null) {
      // A new address is not on the blacklist until the host is detected there.
      this.blocked[h] = 0;
      this.pendingBlock[h] = 0;
      if (this.hostState[h] === INFECTED) this.armBlock(h);
    }
  }

  private leaveInfected(h: number): void {
    this.stopScanning(this.worms[this.wormOf[h]], h);
    this.series.infectedNow[this.wormOf[h]]--;
    this.version[h]++;
  }

  private reboot(h: number): void {
    const backdoor = this.worms[this.wormOf[h]].spec.def.persistence === "backdoor";
    this.leaveInfected(h);
    this.hostState[h] = backdoor ? BACKDOORED : SUSCEPTIBLE;
  }

  private patch(h: number): void {
    if (this.hostState[h] === INFECTED) this.leaveInfected(h);
    this.hostState[h] = PATCHED;
    this.version[h]++;
  }

  private armBlock(h: number): void {
    const delay = this.filters?.blockDelay;
    if (delay == null) return;
    this.pendingBlock[h] = this.epoch[h] + 1;
    this.queue.push(this.t + delay, PRIORITY.host, {
      kind: "block",
      worm: -1,
      host: h,
      version: this.epoch[h],
    });
  }

  /** Handles a timed event (the clock is already at its time). */
  handle(e: ReferenceEvent): void {
    if (e.kind === "patch") return this.patch(e.host);
    if (e.kind === "block") {
      if (this.epoch[e.host] !== e.version) return;
      this.pendingBlock[e.host] = 0;
      if (this.hostState[e.host] === INFECTED && this.blocked[e.host] === 0) {
        this.blocked[e.host] = 1;
        if (this.filters) this.filters.hostsBlocked++;
      }
      return;
    }
    if (e.kind === "campaign" || e.kind === "campaign-patch") {
      // An infected-first clock holds while its infection lasts; an "any" clock while unpatched.
      const live =
        e.kind === "campaign"
          ? this.version[e.host] === e.version && this.hostState[e.host] === INFECTED
          : this.hostState[e.host] !== PATCHED;
      if (live && this.filters) {
        this.patch(e.host);
        this.filters.hostsPatched[e.worm]++;
      }
      return;
    }
    if (e.host >= 0) {
      if (this.version[e.host] !== e.version || this.hostState[e.host] !== INFECTED) return;
      if (e.kind === "wake") {
        this.awake[e.host] = 1;
        this.refreshScanning(e.host);
      } else this.reboot(e.host);
      return;
    }
    const w = this.worms[e.worm];
    if (e.kind === "introduce") this.introduce(e.worm);
    else if (e.kind === "stop") w.stopped = true;
    else if (e.kind === "phase") this.changePhase(e.worm, e.phase as CalendarPhase);
    this.refreshWorm(e.worm);
  }

  private refreshWorm(worm: number): void {
    for (let h = 0; h < this.population.size; h++) {
      if (this.hostState[h] === INFECTED && this.wormOf[h] === worm) this.refreshScanning(h);
    }
  }

  private introduce(worm: number): void {
    const w = this.worms[worm];
    w.introduced = true;
    const staggered =
      w.spec.initialWakeStaggered && wakeStaggerSeconds(w.spec.def.calendar) !== null;
    const candidates: number[] = [];
    for (let h = 0; h < this.population.size; h++) {
      if (this.canInfect(worm, h)) candidates.push(h);
    }
    const k = Math.min(w.spec.initialInfected, candidates.length);
    for (let i = 0; i < k; i++) {
      // Partial Fisher-Yates: a uniform k-subset of the hosts the worm can infect.
      const j = i + this.hostRng.int(candidates.length - i);
      const h = candidates[j];
      candidates[j] = candidates[i];
      this.infect(h, worm, !staggered, true);
      if (staggered) this.scheduleWake(h, worm);
    }
  }

  private scheduleWake(h: number, worm: number): void {
    const meanSeconds = wakeStaggerSeconds(this.worms[worm].spec.def.calendar) ?? 0;
    this.push(this.t + this.exp1() * meanSeconds, "wake", worm, h);
  }

  private changePhase(worm: number, phase: CalendarPhase): void {
    const w = this.worms[worm];
    const waking = phase === "spread" && w.phase !== "spread";
    w.phase = phase;
    if (!waking) return;
    for (let h = 0; h < this.population.size; h++) {
      if (this.hostState[h] !== INFECTED || this.wormOf[h] !== worm) continue;
      this.awake[h] = 0;
      this.scheduleWake(h, worm);
    }
  }

  /** Hosts of worm `worm` flooding now (infected, in its flood phase). */
  flooding(worm: number): number {
    const w = this.worms[worm];
    return w.introduced && w.phase === "flood" ? this.series.infectedNow[worm] : 0;
  }
}
