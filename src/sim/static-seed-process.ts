/**
 * Infections by a static-seed worm (Code Red v1), exactly and without a probe loop. Every scanner
 * walks the same sequence at the same rate, so it reaches host j a fixed delay D_j after it starts:
 * host j is attempted at t_e + D_j by each scanning episode e, in the order the episodes started, and
 * the first successful attempt infects it. Attempts are scheduled events; a host whose attempts ran
 * out waits for the next episode, and is dropped when even that one cannot reach it in the run.
 */
import type { EventQueue } from "../core/event-queue.ts";
import type { Samplers } from "../core/samplers.ts";
import type { Population } from "../net/population.ts";
import type { AddressSpace } from "../scan/address-space.ts";
import { sequencePosition } from "../scan/static-seed.ts";
import type { ScanStaticSeed } from "../scan/strategy.ts";
import type { WormDefinition } from "../worms/define-worm.ts";
import type { HostEvent } from "./engine-state.ts";

/** The queue the process schedules on (the engine's). */
type Queue = EventQueue<HostEvent>;

export class StaticSeedProcess {
  /** Seconds from a scanner's start until it reaches each host. */
  readonly reachSeconds: Float64Array;
  private readonly starts: number[] = [];
  private readonly ends: number[] = [];
  private readonly episodeOfHost: Int32Array;
  /** The scanning host of each episode. */
  readonly hostOfEpisode: number[] = [];
  private readonly currentEpisode: Int32Array;
  private waiting: number[] = [];
  private readonly isWaiting: Uint8Array;

  constructor(
    readonly worm: number,
    def: WormDefinition,
    population: Population,
    space: AddressSpace,
    private readonly endSeconds: number,
  ) {
    if (def.rateModel.kind !== "fixed") {
      throw new RangeError(`${def.variant}: static-seed scanning needs the fixed-rate model`);
    }
    // Every scanner must walk the list at the same pace for "reached D_j after its start" to hold.
    if (def.threadsChineseLocale !== def.threads) {
      throw new RangeError(
        `${def.variant}: static-seed scanning needs the same threads on every host`,
      );
    }
    const scan = def.scan as ScanStaticSeed;
    const n = population.size;
    this.reachSeconds = new Float64Array(n);
    // The scanners' pace (probes per second along the list), the same for all of them.
    const rate = def.probesPerSecond;
    for (let h = 0; h < n; h++) {
      this.reachSeconds[h] =
        sequencePosition(scan, population.addresses[h], def.threads, space) / rate;
    }
    this.currentEpisode = new Int32Array(n).fill(-1);
    this.episodeOfHost = new Int32Array(n).fill(-1);
    this.isWaiting = new Uint8Array(n);
  }

  /** Host h became a target at time t: schedule the first episode that can still reach it. */
  enter(h: number, t: number, queue: Queue): void {
    const wantStart = t - this.reachSeconds[h];
    let lo = 0;
    let hi = this.starts.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.starts[mid] < wantStart) lo = mid + 1;
      else hi = mid;
    }
    this.scheduleFrom(h, lo, queue);
  }

  private scheduleFrom(h: number, episode: number, queue: Queue): void {
    for (let e = episode; e < this.starts.length; e++) {
      if (this.ends[e] !== Infinity && this.ends[e] <= this.starts[e] + this.reachSeconds[h])
        continue;
      const at = this.starts[e] + this.reachSeconds[h];
      if (at >= this.endSeconds) return;
      this.currentEpisode[h] = e;
      queue.push(at, 2, { kind: "attempt", worm: this.worm, host: h, episode: e });
      return;
    }
    if (!this.isWaiting[h]) {
      this.isWaiting[h] = 1;
      this.waiting.push(h);
    }
  }

  /** Host `scanner` starts scanning at time t: a new episode; waiting hosts get their attempt. */
  episodeStarted(scanner: number, t: number, isTarget: (h: number) => boolean, queue: Queue): void {
    const e = this.starts.length;
    this.starts.push(t);
    this.ends.push(Infinity);
    this.episodeOfHost[scanner] = e;
    this.hostOfEpisode.push(scanner);
    const waiting = this.waiting;
    this.waiting = [];
    for (const h of waiting) {
      this.isWaiting[h] = 0;
      if (!isTarget(h) || t + this.reachSeconds[h] >= this.endSeconds) continue;
      this.currentEpisode[h] = e;
      queue.push(t + this.reachSeconds[h], 2, {
        kind: "attempt",
        worm: this.worm,
        host: h,
        episode: e,
      });
    }
  }

  /** The episode of `scanner` ends at time t (reboot, patch, calendar). */
  episodeEnded(scanner: number, t: number): void {
    const e = this.episodeOfHost[scanner];
    if (e >= 0 && this.ends[e] === Infinity) this.ends[e] = t;
    this.episodeOfHost[scanner] = -1;
  }

  /**
   * An attempt fires at time t. Returns true when it infects; otherwise the host's next attempt is
   * scheduled (or it waits).
   */
  attempt(
    a: HostEvent,
    t: number,
    isTarget: (h: number) => boolean,
    success: number,
    s: Samplers,
    queue: Queue,
  ): boolean {
    const episode = a.episode ?? -1;
    if (this.currentEpisode[a.host] !== episode || !isTarget(a.host)) return false;
    if (this.ends[episode] > t && s.uniform() < success) return true;
    this.scheduleFrom(a.host, episode + 1, queue);
    return false;
  }

  /** Number of scanning episodes so far (each start of a scanner). */
  get episodes(): number {
    return this.starts.length;
  }

  /**
   * Distinct hosts whose scan reached the point `reachSeconds` after its start by time t, while still
   * scanning: what an observer at that sequence position counts.
   */
  reachedBy(reachSeconds: number, t: number): number {
    const hosts = new Set<number>();
    for (let e = 0; e < this.starts.length; e++) {
      const at = this.starts[e] + reachSeconds;
      if (at <= t && this.ends[e] > at) hosts.add(this.hostOfEpisode[e]);
    }
    return hosts.size;
  }
}
