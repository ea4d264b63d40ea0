/**
 * The fast engine's host transitions: infection, reboot, patching and probe-rate changes, each keeping
 * the host table, the target indexes, the worms' aggregates and the observers in step. Everything
 * else (which event comes next, worm calendars, minute and hour closing) is in the modules beside it.
 */
import type { EventQueue } from "../../core/event-queue.ts";
import { createRng } from "../../core/rng.ts";
import { Uint32Set } from "../../core/uint32-set.ts";
import type { Population } from "../../net/population.ts";
import type { EngineControl } from "../../plugin/engine-view.ts";
import { BACKDOORED, INFECTED, PATCHED, SUSCEPTIBLE } from "../../plugin/host-states.ts";
import type { ObserverHooks } from "../../plugin/observer.ts";
import { PRIORITY } from "../../plugin/priorities.ts";
import { SeriesRecorder } from "../../observers/series.ts";
import { addressSpace, type AddressSpace } from "../../scan/address-space.ts";
import type { WormVariant } from "../../worms/define-worm.ts";
import type { EngineInput } from "../engine-input.ts";
import { walksSequence } from "../../scan/registry.ts";
import { dynamicHosts, rateMultipliers } from "../host-traits.ts";
import { initialPhases } from "../worm-schedule.ts";
import type { HostEvent } from "./events.ts";
import { HostTable } from "./host-table.ts";
import { IndexSet } from "./index-set.ts";
import { ProbeFilters } from "./probe-filters.ts";
import type { ProbeFilter, RateCap, Tarpit } from "../../plugin/defense.ts";
import { SusceptibleIndex } from "./susceptible-index.ts";
import { WormRuntime } from "./worm-runtime.ts";

/** An observer that watches probe rates. */
type RateObserver = Required<Pick<ObserverHooks, "rateChanged">>;
/** An observer that watches address changes. */
type AddressObserver = Required<Pick<ObserverHooks, "addressChanged">>;

export class Outbreak implements EngineControl {
  readonly population: Population;
  readonly space: AddressSpace;
  readonly hosts: HostTable;
  /** Hosts infected now; hosts not patched (the host table's sets). */
  readonly infected: IndexSet;
  readonly unpatched: IndexSet;
  readonly worms: WormRuntime[];
  /** One index per target class: hosts that some worm can infect now. */
  private readonly targetIndexes: SusceptibleIndex[];
  /** Per target class, the variants whose infected hosts are also targets. */
  private readonly targetOver: WormVariant[][];
  private readonly localWorms: WormRuntime[];
  /** Per-block source rates feed local preference and load16 observers; skipped otherwise. */
  trackSources = false;
  readonly series: SeriesRecorder;
  readonly minutes: number;
  readonly durationSeconds: number;
  /** Hosts that stopped scanning during the current hour (their exposure is still to be counted). */
  readonly stoppedThisHour: IndexSet;
  /** The observers with a rateChanged hook, in observer order (called as methods: inlinable). */
  rateObservers: RateObserver[] = [];
  /** The observers with an addressChanged hook. */
  addressObservers: AddressObserver[] = [];
  /** Per-host probe-rate multipliers (null: homogeneous). */
  readonly multipliers: Float64Array | null;
  /** Hosts with dynamic addresses (empty: no churn). */
  readonly dynamic: Uint32Array;
  /**
   * The dynamic hosts whose moves can be seen: all of them when a worm walks a static-seed list
   * (an address is a list position), otherwise only the infected ones. An uninfected host's address
   * inside its /16 changes nothing else: infections pick hosts per /16, and observers see sources.
   */
  readonly moving: IndexSet;
  private readonly movesAll: boolean;
  /** The addresses hosts hold (kept only with churn, to keep addresses distinct). */
  private readonly held: Uint32Set | null;
  /** (host, address epoch) pairs in which the host was infected. */
  addressesEver = 0;
  /** Probe filters and rate caps (inactive when the run has none). */
  readonly filters: ProbeFilters;
  t = 0;
  minute = 0;

  constructor(
    readonly input: EngineInput,
    private readonly queue: EventQueue<HostEvent>,
    filters: readonly ProbeFilter[] = [],
    caps: readonly RateCap[] = [],
    labels: readonly { readonly type: string; readonly index: number }[] = [],
    tarpits: readonly Tarpit[] = [],
  ) {
    const p = input.population;
    this.population = p;
    this.space = addressSpace(input.addressBits ?? 32);
    this.hosts = new HostTable(p, input.worms.length);
    const root = createRng(input.seed);
    this.multipliers = rateMultipliers(
      p.size,
      input.rateHeterogeneity,
      root.fork("rate-multipliers"),
    );
    this.dynamic = dynamicHosts(p.size, input.addressChurn, root.fork("dynamic-hosts"));
    for (const h of this.dynamic) this.hosts.setDynamic(h);
    this.moving = new IndexSet(this.dynamic.length > 0 ? p.size : 0);
    this.movesAll = input.worms.some((w) => walksSequence(w.def.scan));
    if (this.movesAll) for (const h of this.dynamic) this.moving.add(h);
    this.held = null;
    if (this.dynamic.length > 0) {
      this.held = new Uint32Set(p.size);
      for (let h = 0; h < p.size; h++) this.held.add(p.addresses[h]);
    }
    let maxMultiplier = 1;
    if (this.multipliers)
      for (const m of this.multipliers) if (m > maxMultiplier) maxMultiplier = m;
    const traits = { maxMultiplier, churn: this.dynamic.length > 0 };
    this.infected = this.hosts.infected;
    this.unpatched = this.hosts.unpatched;
    this.stoppedThisHour = new IndexSet(p.size);
    this.targetOver = [];
    const classOf = input.worms.map((w) => {
      const key = [...w.def.infectsOver].sort();
      let k = this.targetOver.findIndex((o) => o.join() === key.join());
      if (k < 0) k = this.targetOver.push(key) - 1;
      return k;
    });
    this.targetIndexes = this.targetOver.map(() => new SusceptibleIndex(p, this.space));
    for (let h = 0; h < p.size; h++) {
      if (!p.patched[h]) for (const index of this.targetIndexes) index.add(h);
    }
    const endSeconds = (input.endMs - input.startMs) / 1000;
    this.worms = input.worms.map(
      (w, i) =>
        new WormRuntime(
          i,
          w,
          this.targetIndexes[classOf[i]],
          this.space,
          p,
          endSeconds,
          traits,
          tarpits,
        ),
    );
    for (const w of this.worms) {
      if (!w.static) continue;
      for (let h = 0; h < p.size; h++) if (w.targets.has(h)) w.static.enter(h, 0, queue);
    }
    const phases = initialPhases(input);
    for (const w of this.worms) w.phase = phases[w.index];
    this.minutes = Math.ceil((input.endMs - input.startMs) / 60000);
    this.durationSeconds = endSeconds;
    this.series = new SeriesRecorder(this.worms.length, this.minutes);
    this.localWorms = this.worms.filter((w) => w.local !== null);
    this.filters = new ProbeFilters(
      filters,
      caps,
      labels,
      this.hosts,
      this.worms,
      this.space.shift16,
      tarpits,
    );
    if (this.filters.active && this.worms.some((w) => w.static)) {
      throw new RangeError(
        "probe filters (address-blacklist, content-filter, ingress-filter) are not modelled for static-seed worms yet",
      );
    }
    this.trackSources = this.localWorms.length > 0 || this.filters.tracks;
    this.filters.onBlockedChanged = (h) => this.retellObservers(h);
  }

  probesInMinute(worm: number, minute: number): number {
    return this.series.probes[worm * this.minutes + minute];
  }

  /** Sets a host's probe rate, keeping every aggregate and observer in step. */
  setRate(h: number, probesPerSecond: number): void {
    const hosts = this.hosts;
    const old = hosts.rateOf(h);
    if (old === probesPerSecond) return;
    const w = this.worms[hosts.wormOf(h)];
    w.scanningHosts += (probesPerSecond > 0 ? 1 : 0) - (old > 0 ? 1 : 0);
    // Reset the float sum exactly when nothing scans, so round-off never leaves a phantom rate.
    w.totalRate = w.scanningHosts === 0 ? 0 : w.totalRate + probesPerSecond - old;
    const address = hosts.addressOf(h);
    if (this.trackSources) {
      w.sources.add(address, probesPerSecond - old, this.t);
      w.local?.refresh(address);
      if (this.filters.tracks)
        this.filters.rateChanged(w, h, address, old, probesPerSecond, this.t);
    }
    if (w.static) {
      if (old === 0) {
        w.static.episodeStarted(h, this.t, (j) => w.targets.has(j), this.queue, probesPerSecond);
      } else if (probesPerSecond === 0) w.static.episodeEnded(h, this.t);
    }
    if (probesPerSecond > 0) {
      hosts.scanning.add(h);
    } else {
      hosts.scanning.delete(h);
      this.stoppedThisHour.add(h);
    }
    const hourStart = Math.floor(this.minute / 60) * 3600;
    const since = Math.max(hosts.rateSince(h), hourStart);
    this.tellObservers(h, address, w, probesPerSecond, since);
    hosts.setRate(h, probesPerSecond, this.t);
  }

  /** Tells the rate observers host h's probe rate (with filters: the part that reaches each). */
  private tellObservers(
    h: number,
    address: number,
    w: WormRuntime,
    probesPerSecond: number,
    since: number,
  ): void {
    const observers = this.rateObservers;
    const f = this.filters;
    if (!f.active || probesPerSecond === 0) {
      for (let i = 0; i < observers.length; i++) {
        observers[i].rateChanged(h, address, w.index, probesPerSecond, this.t, since);
      }
      return;
    }
    const from16 = address >>> this.space.shift16;
    const blocked = f.isBlocked(h);
    for (let i = 0; i < observers.length; i++) {
      const rate = probesPerSecond * f.observerShare(i, w, from16, blocked, this.t);
      observers[i].rateChanged(h, address, w.index, rate, this.t, since);
    }
  }

  /** Re-tells the observers host h's rate after a filter change (its own rate is unchanged). */
  private retellObservers(h: number): void {
    const rate = this.hosts.rateOf(h);
    if (rate === 0 || this.rateObservers.length === 0) return;
    const hourStart = Math.floor(this.minute / 60) * 3600;
    const w = this.worms[this.hosts.wormOf(h)];
    this.tellObservers(h, this.hosts.addressOf(h), w, rate, hourStart);
  }

  /** Puts host h in exactly the target indexes its state allows, then refreshes local weights. */
  private syncTargets(h: number): void {
    const state = this.hosts.stateOf(h);
    const variant = this.worms[this.hosts.wormOf(h)]?.def.variant;
    for (let k = 0; k < this.targetOver.length; k++) {
      const over = this.targetOver[k];
      const want = state === SUSCEPTIBLE || (state === INFECTED && over.includes(variant));
      const index = this.targetIndexes[k];
      if (want && !index.has(h)) {
        index.add(h);
        for (const w of this.worms) if (w.targets === index) w.static?.enter(h, this.t, this.queue);
      } else if (!want && index.has(h)) {
        index.remove(h);
      }
    }
    if (this.localWorms.length > 0) {
      const address = this.hosts.addressOf(h);
      for (const w of this.localWorms) w.local?.refresh(address);
    }
  }

  /** The probe rate host h (infected by w) has now. */
  scanRateNow(w: WormRuntime, h: number): number {
    if (!w.spreading || !this.hosts.awake(h)) return 0;
    const rate = w.hostRate(this.hosts.localeOf(h), this.hosts.addressOf(h));
    const r = this.multipliers ? rate * this.multipliers[h] : rate;
    return this.filters.caps.length > 0 ? this.filters.capped(h, r, this.t) : r;
  }

  /** Infects host h with worm `worm`; `seeded` marks a run's initial infections (not counted as new). */
  infect(h: number, worm: number, awake = true, seeded = false): void {
    const w = this.worms[worm];
    const hosts = this.hosts;
    if (hosts.stateOf(h) === INFECTED) this.leaveInfected(h);
    hosts.setState(h, INFECTED);
    hosts.setWorm(h, worm);
    this.syncTargets(h);
    hosts.bumpVersion(h);
    hosts.setAwake(h, awake);
    hosts.infected.add(h);
    if (!this.movesAll && hosts.isDynamic(h)) this.moving.add(h);
    this.series.infectedNow[worm]++;
    if (hosts.markEver(h, worm, this.t) !== 0) this.series.everByWorm[worm]++;
    if (!hosts.infectedHere(h)) {
      hosts.setInfectedHere(h, true);
      this.addressesEver++;
    }
    if (!seeded) this.series.newInfection(this.minute, worm);
    if (w.phase === "flood" && w.introduced) w.floodingHosts++;
    this.setRate(h, this.scanRateNow(w, h));
    if (this.filters.active) this.filters.infected(h, this.t, this.queue);
    const life = w.lifetimeSeconds(hosts.localeOf(h));
    if (life !== null) {
      const version = hosts.versionOf(h);
      this.queue.push(this.t + life, PRIORITY.host, { kind: "lifetime", worm, host: h, version });
    }
  }

  private leaveInfected(h: number): void {
    const hosts = this.hosts;
    this.setRate(h, 0);
    const worm = hosts.wormOf(h);
    const w = this.worms[worm];
    if (w.phase === "flood" && w.introduced) w.floodingHosts--;
    hosts.infected.delete(h);
    if (!this.movesAll && hosts.isDynamic(h)) this.moving.delete(h);
    this.series.infectedNow[worm]--;
    hosts.bumpVersion(h);
  }

  /**
   * Filters or caps change at time t: infected hosts re-read their (capped) rates, and the filters'
   * drop rates are recomputed.
   */
  refreshFilters(): void {
    const f = this.filters;
    if (f.caps.length > 0) {
      const infected = this.hosts.infected;
      for (let i = infected.size - 1; i >= 0; i--) {
        const h = infected.at(i);
        this.setRate(h, this.scanRateNow(this.worms[this.hosts.wormOf(h)], h));
      }
    }
    if (f.active) {
      f.refresh(this.t);
      const scanning = this.hosts.scanning;
      for (let i = 0; i < scanning.size; i++) this.retellObservers(scanning.at(i));
    }
  }

  /** Whether some host holds `address` now (kept only with address churn). */
  isHeld(address: number): boolean {
    return this.held !== null && this.held.has(address);
  }

  /**
   * Host h moves to `address` (address churn): a new address epoch. Its /16 is unchanged, so the
   * per-/16 indexes and rates stay as they are; observers and static-seed walks follow the host.
   */
  moveHost(h: number, address: number): void {
    const hosts = this.hosts;
    const from = hosts.addressOf(h);
    if (this.held !== null) {
      this.held.delete(from);
      this.held.add(address);
    }
    hosts.setAddress(h, address);
    const infected = hosts.stateOf(h) === INFECTED;
    hosts.setInfectedHere(h, infected);
    if (infected) this.addressesEver++;
    for (const w of this.worms) w.static?.moved(h, from, address, this.t, this.queue);
    const observers = this.addressObservers;
    for (let i = 0; i < observers.length; i++) {
      observers[i].addressChanged(h, from, address, this.t);
    }
    // After the observers know the new address: unblocking re-tells them the host's rate.
    if (this.filters.active) this.filters.moved(h, this.t, this.queue);
  }

  /** A reboot: memory-resident worms are cured (host susceptible again); backdoors persist. */
  reboot(h: number): void {
    const backdoor = this.worms[this.hosts.wormOf(h)].def.persistence === "backdoor";
    this.leaveInfected(h);
    this.hosts.setState(h, backdoor ? BACKDOORED : SUSCEPTIBLE);
    this.syncTargets(h);
  }

  /** Patching: the host becomes immune (and, if infected, is rebooted clean). */
  patch(h: number): void {
    if (this.hosts.stateOf(h) === INFECTED) this.leaveInfected(h);
    this.hosts.setState(h, PATCHED);
    this.syncTargets(h);
    this.hosts.unpatched.delete(h);
    this.hosts.bumpVersion(h);
  }
}
