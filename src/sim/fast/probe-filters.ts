/**
 * The fast engine's probe filters (address blacklists, content and ingress filters) and rate caps
 * (throttles), exact by thinning: an infection process still fires at the unfiltered rate and picks
 * its target as before; the engine then draws the probe's source /16 in proportion to the worm's
 * summed probe rate per /16 (among all /16s for uniform probes, among the target's /8 for same-/8
 * probes; same-/16 probes never cross a filter) and whether its sender is blocked in proportion to
 * the blocked hosts' share of that rate, and keeps the infection only when every filter passes the
 * probe. Accepted infections then come at rate sum over sources of rate x pass, which is the
 * filtered process, and the infection processes themselves are unchanged. The source draws come
 * from a stream of their own ("probe-filters"), so until a filter first drops an infection a run
 * makes exactly the draws of the same seed's run without filters.
 *
 * Probes dropped are counted as the fast engine counts probes: the integral of each filter's drop
 * rate (sum over source /16s of rate x the share of its destinations the filter drops), kept as a
 * running sum updated at each rate change.
 * @see ../../../docs/defenses.md
 */
import { Fenwick } from "../../core/fenwick.ts";
import type { Samplers } from "../../core/samplers.ts";
import type { ProbeFilter, RateCap, Tarpit } from "../../plugin/defense.ts";
import { INFECTED } from "../../plugin/host-states.ts";
import { PRIORITY } from "../../plugin/priorities.ts";
import type { EventQueue } from "../../core/event-queue.ts";
import type { HostEvent } from "./events.ts";
import type { HostTable } from "./host-table.ts";
import type { WormRuntime } from "./worm-runtime.ts";
import { NO_DEFENSE_COUNTS, type DefenseOutcome } from "../engine-result.ts";

/** What each filter did in a run. */
export interface FilterCounts {
  /** Expected probes dropped (the integral of the drop rate). */
  probesDropped: number;
  /** Infections that would have happened had the probe been delivered. */
  infectionsBlocked: number;
  /** Hosts whose address was blocked (address blacklists). */
  hostsBlocked: number;
}

export class ProbeFilters {
  /** 1 while a host's current address is blocked. */
  readonly blocked: Uint8Array;
  private readonly epoch: Uint32Array;
  /** Epoch + 1 of a pending block deadline (0: none). */
  private readonly pending: Uint32Array;
  /** Per worm: summed rate per source /16 (a Fenwick tree to draw from) and its blocked part. */
  private readonly rate16: Fenwick[];
  private readonly blocked16: Float64Array[];
  readonly counts: FilterCounts[];
  private readonly dropRate: Float64Array;
  /** Per tarpit: the rate of probes reaching its tarpitted addresses, and their integral. */
  private readonly heldRate: Float64Array;
  private readonly held: Float64Array;
  private droppedSince = 0;
  private readonly blockDelay: number | null;
  /** Index of the address blacklist among the filters (-1: none). */
  private readonly blacklist: number;
  private readonly shift16: number;
  /** Per rate observer: its block's first /16 and number of /16s (null: it has no block). */
  private observerBlocks: ({ first16: number; count16: number } | null)[] = [];
  /** Per rate observer and worm: the share of probes reaching it, by (source /16, blocked). */
  private observerCache: Float64Array[][] = [];
  /** Called when a host's blocked state changes (the engine re-tells the observers its rate). */
  onBlockedChanged: (h: number) => void = () => {};

  constructor(
    readonly filters: readonly ProbeFilter[],
    readonly caps: readonly RateCap[],
    /** Type and input index of each filter, then of each cap. */
    private readonly labels: readonly { readonly type: string; readonly index: number }[],
    private readonly hosts: HostTable,
    private readonly worms: readonly WormRuntime[],
    shift16: number,
    /** Tarpits (their labels follow the caps' in `labels`). */
    readonly tarpits: readonly Tarpit[] = [],
  ) {
    const n = hosts.size;
    this.shift16 = shift16;
    this.blocked = new Uint8Array(filters.length > 0 ? n : 0);
    this.epoch = new Uint32Array(filters.length > 0 ? n : 0);
    this.pending = new Uint32Array(filters.length > 0 ? n : 0);
    const active = filters.length > 0;
    this.rate16 = worms.map(() => new Fenwick(active ? 65536 : 1));
    this.blocked16 = worms.map(() => new Float64Array(active ? 65536 : 0));
    this.counts = filters.map(() => ({ probesDropped: 0, infectionsBlocked: 0, hostsBlocked: 0 }));
    this.dropRate = new Float64Array(filters.length);
    this.heldRate = new Float64Array(tarpits.length);
    this.held = new Float64Array(tarpits.length);
    const delays = filters.flatMap((f) =>
      f.blockAfterSeconds === null ? [] : [f.blockAfterSeconds],
    );
    if (delays.length > 1) throw new RangeError("a run has at most one address-blacklist");
    this.blockDelay = delays[0] ?? null;
    this.blacklist = filters.findIndex((x) => x.blockAfterSeconds !== null);
    this.tracks = filters.length > 0 || tarpits.length > 0;
  }

  /**
   * The blocks of the engine's rate observers, in order (`bits` as the space stores them: a k-bit
   * prefix of a 2^spaceBits space is a CIDR of length k + 32 - spaceBits).
   */
  setObserverBlocks(
    blocks: readonly ({ base: number; bits: number } | null)[],
    spaceBits: number,
  ): void {
    this.observerBlocks = blocks.map((b) => {
      if (!b) return null;
      const k = b.bits - (32 - spaceBits);
      return { first16: b.base >>> this.shift16, count16: k >= 16 ? 1 : 2 ** (16 - k) };
    });
    this.observerCache = blocks.map(() => this.worms.map(() => new Float64Array(0)));
  }

  /**
   * The share of the probes worm w sends from /16 `from16` (blocked or not) that reach rate observer
   * `i`'s block at time t: the probe distribution over its /16s (uniform, same-/8 and same-/16
   * parts) weighted by whether every filter passes them. Cached per filter regime.
   */
  observerShare(i: number, w: WormRuntime, from16: number, blocked: boolean, t: number): number {
    const block = this.observerBlocks[i];
    if (!block) return 1;
    let cache = this.observerCache[i][w.index];
    if (cache.length === 0) {
      cache = this.observerCache[i][w.index] = new Float64Array(65536 * 2).fill(NaN);
    }
    const key = from16 * 2 + (blocked ? 1 : 0);
    let share = cache[key];
    if (Number.isNaN(share)) {
      let reach = 0;
      let all = 0;
      for (let d = block.first16; d < block.first16 + block.count16; d++) {
        const p =
          w.uniformShare / 65536 +
          (d >>> 8 === from16 >>> 8 ? w.same8Share / 256 : 0) +
          (d === from16 ? w.same16Share : 0);
        all += p;
        let pass = true;
        for (let f = 0; f < this.filters.length && pass; f++) {
          pass = this.filters[f].passes(w.index, from16, blocked, d, t);
        }
        if (pass) reach += p;
      }
      share = cache[key] = all > 0 ? reach / all : 1;
    }
    return share;
  }

  private inboundCache: { key: number; share: Float32Array } | null = null;
  private throttledCache: { key: number; hosts: Uint8Array } | null = null;

  /**
   * What the defenses shield at time t, for maps: per /16, the share of uniformly aimed probes the
   * filters drop before they reach it (the largest over the worms; null when no filter shields any
   * destination now), and per host, 1 while a rate cap limits it (null: the run has no cap). Both
   * change only at the filters' and caps' change times, so they are computed once per regime.
   */
  shielded(t: number): { inbound16: Float32Array | null; throttled: Uint8Array | null } {
    let key = 0;
    for (const f of this.filters) for (const c of f.changeTimes) if (c <= t) key++;
    if (this.inboundCache?.key !== key) {
      const share = new Float32Array(65536);
      let any = false;
      for (const f of this.filters) {
        if (!f.inboundDropShare) continue;
        for (let w = 0; w < this.worms.length; w++) {
          for (let d = 0; d < 65536; d++) {
            // The largest share over filters: a lower bound when two filters overlap.
            const x = f.inboundDropShare(w, d, t);
            if (x > 0) {
              share[d] = Math.max(share[d], x);
              any = true;
            }
          }
        }
      }
      this.inboundCache = { key, share: any ? share : new Float32Array(0) };
    }
    let capsOn = 0;
    for (const c of this.caps) if (t >= c.fromSeconds) capsOn++;
    if (this.throttledCache?.key !== capsOn) {
      const hosts = new Uint8Array(this.caps.length > 0 ? this.hosts.size : 0);
      for (const c of this.caps) {
        if (t < c.fromSeconds) continue;
        for (let h = 0; h < hosts.length; h++) hosts[h] |= c.covered[h];
      }
      this.throttledCache = { key: capsOn, hosts };
    }
    const inbound = this.inboundCache.share;
    const throttled = this.throttledCache.hosts;
    return {
      inbound16: inbound.length > 0 ? inbound : null,
      throttled: throttled.length > 0 ? throttled : null,
    };
  }

  /** Whether the run has an address blacklist (so {@link blocked} can be set). */
  get blacklists(): boolean {
    return this.blacklist >= 0;
  }

  /** Whether host h's address is blocked now. */
  isBlocked(h: number): boolean {
    return this.blocked.length > 0 && this.blocked[h] === 1;
  }

  /** Whether any filter is present (otherwise nothing here runs). */
  get active(): boolean {
    return this.filters.length > 0;
  }

  /** Whether rate changes must be followed (filters or tarpits); a field, read on a hot path. */
  readonly tracks: boolean;

  /** Share of worm w's probes from /16 s that reach tarpit k's tarpitted addresses. */
  private heldPerProbe(k: number, w: WormRuntime, s: number): number {
    const t = this.tarpits[k];
    return (
      w.uniformShare * t.share(s, 0) + w.same8Share * t.share(s, 8) + w.same16Share * t.share(s, 16)
    );
  }

  /** Host h's probe rate with the caps in force at time t. */
  capped(h: number, rate: number, t: number): number {
    const caps = this.caps;
    for (let i = 0; i < caps.length; i++) {
      const c = caps[i];
      if (c.covered[h] === 1 && t >= c.fromSeconds && rate > c.perSecond) rate = c.perSecond;
    }
    return rate;
  }

  /** Brings the drop integrals to time t. */
  private settle(t: number): void {
    const dt = t - this.droppedSince;
    if (dt > 0) {
      for (let f = 0; f < this.filters.length; f++) {
        this.counts[f].probesDropped += this.dropRate[f] * dt;
      }
      for (let k = 0; k < this.tarpits.length; k++) this.held[k] += this.heldRate[k] * dt;
    }
    this.droppedSince = t;
  }

  /** Drop rate per probe per second of a source at /16 `s` for worm w, filter f. */
  private dropPerProbe(f: number, w: WormRuntime, s: number, blocked: boolean, t: number): number {
    const filter = this.filters[f];
    let share = 0;
    if (w.uniformShare > 0) share += w.uniformShare * filter.dropShare(w.index, s, blocked, 0, t);
    if (w.same8Share > 0) share += w.same8Share * filter.dropShare(w.index, s, blocked, 8, t);
    return share;
  }

  /** A host of worm w at `address` changed its rate from `old` to `rate` at time t. */
  rateChanged(
    w: WormRuntime,
    h: number,
    address: number,
    old: number,
    rate: number,
    t: number,
  ): void {
    const s = address >>> this.shift16;
    this.settle(t);
    for (let k = 0; k < this.tarpits.length; k++) {
      this.heldRate[k] += (rate - old) * this.heldPerProbe(k, w, s);
    }
    if (this.filters.length === 0) return;
    this.rate16[w.index].set(s, w.sources.rate16(s));
    const blocked = this.blocked[h] === 1;
    if (blocked) this.addBlocked(w.index, s, rate - old);
    for (let f = 0; f < this.filters.length; f++) {
      this.dropRate[f] += (rate - old) * this.dropPerProbe(f, w, s, blocked, t);
    }
  }

  private addBlocked(worm: number, s: number, delta: number): void {
    const b = this.blocked16[worm];
    b[s] += delta;
    if (Math.abs(b[s]) < 1e-9) b[s] = 0;
  }

  /** Recomputes the drop rates from the per-/16 rates (at filter changes and phase changes). */
  refresh(t: number): void {
    this.settle(t);
    for (const perWorm of this.observerCache) perWorm.fill(new Float64Array(0));
    this.dropRate.fill(0);
    for (const w of this.worms) {
      const tree = this.rate16[w.index];
      const blocked = this.blocked16[w.index];
      for (let s = 0; s < 65536; s++) {
        const all = tree.get(s);
        if (all === 0) continue;
        for (let f = 0; f < this.filters.length; f++) {
          this.dropRate[f] +=
            (all - blocked[s]) * this.dropPerProbe(f, w, s, false, t) +
            blocked[s] * this.dropPerProbe(f, w, s, true, t);
        }
      }
    }
  }

  /**
   * Whether a would-be infection of `target` by worm w through locality level `level` (0: uniform,
   * 8: same /8, 16: same /16) is delivered at time t; the source is drawn from `s`.
   */
  accepts(w: WormRuntime, target: number, level: 0 | 8 | 16, t: number, s: Samplers): boolean {
    if (level === 16) return true;
    const to16 = this.hosts.addressOf(target) >>> this.shift16;
    const tree = this.rate16[w.index];
    let from16: number;
    if (level === 0) {
      from16 = tree.search(s.uniform() * tree.total());
    } else {
      const lo = tree.prefix((to16 >>> 8) * 256);
      const hi = tree.prefix((to16 >>> 8) * 256 + 256);
      from16 = tree.search(lo + s.uniform() * (hi - lo));
    }
    const b = this.blocked16[w.index][from16];
    const blocked = b > 0 && s.uniform() * tree.get(from16) < b;
    for (let f = 0; f < this.filters.length; f++) {
      if (!this.filters[f].passes(w.index, from16, blocked, to16, t)) {
        this.counts[f].infectionsBlocked++;
        return false;
      }
    }
    return true;
  }

  /** Host h was infected at time t: its block deadline, if a blacklist is on and none is pending. */
  infected(h: number, t: number, queue: EventQueue<HostEvent>): void {
    if (this.blockDelay === null || this.blocked[h] === 1 || this.pending[h] !== 0) return;
    this.pending[h] = this.epoch[h] + 1;
    queue.push(t + this.blockDelay, PRIORITY.host, {
      kind: "block",
      worm: -1,
      host: h,
      version: this.epoch[h],
    });
  }

  /** A block deadline of host h (for address epoch `epoch`) at time t. */
  deadline(h: number, epoch: number, t: number): void {
    if (this.epoch[h] !== epoch) return;
    this.pending[h] = 0;
    if (this.hosts.stateOf(h) !== INFECTED || this.blocked[h] === 1) return;
    this.setBlocked(h, true, t);
    this.counts[this.blacklist].hostsBlocked++;
  }

  private setBlocked(h: number, on: boolean, t: number): void {
    const rate = this.hosts.rateOf(h);
    const w = this.worms[this.hosts.wormOf(h)];
    const s = this.hosts.addressOf(h) >>> this.shift16;
    if (rate > 0) {
      this.settle(t);
      for (let f = 0; f < this.filters.length; f++) {
        this.dropRate[f] +=
          rate * (this.dropPerProbe(f, w, s, on, t) - this.dropPerProbe(f, w, s, !on, t));
      }
      this.addBlocked(w.index, s, on ? rate : -rate);
    }
    this.blocked[h] = on ? 1 : 0;
    if (rate > 0) this.onBlockedChanged(h);
  }

  /** Host h moved (address churn) at time t: a new address, not blocked until detected there. */
  moved(h: number, t: number, queue: EventQueue<HostEvent>): void {
    if (!this.active) return;
    this.epoch[h]++;
    this.pending[h] = 0;
    if (this.blocked[h] === 1) this.setBlocked(h, false, t);
    if (this.hosts.stateOf(h) === INFECTED) this.infected(h, t, queue);
  }

  /** What each filter, then each cap, did (after {@link finish}). */
  get outcomes(): DefenseOutcome[] {
    const n = this.filters.length;
    const c = this.caps.length;
    const none = NO_DEFENSE_COUNTS;
    return this.labels.map((label, i) => {
      if (i < n) {
        const engagedAtSeconds = this.filters[i].engagedAt();
        return { ...label, ...none, engagedAtSeconds, ...this.counts[i] };
      }
      if (i < n + c) return { ...label, ...none, engagedAtSeconds: this.caps[i - n].fromSeconds };
      return { ...label, ...none, engagedAtSeconds: 0, connectionsHeld: this.held[i - n - c] };
    });
  }

  /** Closes the drop integrals at the end of the run. */
  finish(t: number): void {
    this.settle(t);
  }
}
