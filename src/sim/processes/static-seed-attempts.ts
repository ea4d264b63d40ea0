/**
 * Infections by a static-seed worm (Code Red v1), exactly and without a probe loop. Every scanner
 * walks the same sequence at the same rate, so it reaches host j at fixed delays after it starts: the
 * first occurrence D_j and then each recurrence D_j^(k) of j's address in the sequence. Host j is
 * attempted at t_e + D_j^(k) by every scanning episode e still alive then; the attempts are taken in
 * time order (ties in episode order), one scheduled event at a time, and the first success infects.
 * A host none of whose attempts falls in the run waits for the next episode, and is dropped when even
 * that one cannot reach it in time.
 */
import type { EventQueue } from "../../core/event-queue.ts";
import type { Samplers } from "../../core/samplers.ts";
import type { Population } from "../../net/population.ts";
import type { AddressSpace } from "../../scan/address-space.ts";
import { sequencePosition, sequenceRecurrence } from "../../scan/static-seed.ts";
import type { ScanStaticSeed } from "../../scan/strategy.ts";
import type { WormDefinition } from "../../worms/define-worm.ts";
import { PRIORITY } from "../../plugin/priorities.ts";
import type { HostEvent } from "../fast/events.ts";
import { checkStaticSeedWorm, type StaticSeedProcess } from "./static-seed-process.ts";

/** The queue the process schedules on (the engine's). */
type Queue = EventQueue<HostEvent>;

export class StaticSeedAttempts implements StaticSeedProcess {
  /** Seconds from a scanner's start until it reaches each host. */
  readonly reachSeconds: Float64Array;
  private readonly starts: number[] = [];
  private readonly ends: number[] = [];
  private readonly episodeOfHost: Int32Array;
  /** The scanning host of each episode. */
  readonly hostOfEpisode: number[] = [];
  /** The episode and time of each host's one scheduled attempt (-1 / NaN: none). */
  private readonly currentEpisode: Int32Array;
  private readonly currentAt: Float64Array;
  private waiting: number[] = [];
  private readonly isWaiting: Uint8Array;

  private readonly scan: ScanStaticSeed;
  private readonly addresses: Uint32Array;
  private readonly space: AddressSpace;
  private readonly rate: number;

  constructor(
    readonly worm: number,
    def: WormDefinition,
    population: Population,
    space: AddressSpace,
    private readonly endSeconds: number,
  ) {
    checkStaticSeedWorm(def);
    const scan = def.scan as ScanStaticSeed;
    this.scan = scan;
    this.addresses = population.addresses;
    this.space = space;
    this.rate = def.probesPerSecond;
    const n = population.size;
    this.reachSeconds = new Float64Array(n);
    // The scanners' pace (probes per second along the list), the same for all of them.
    const rate = def.probesPerSecond;
    for (let h = 0; h < n; h++) {
      this.reachSeconds[h] =
        sequencePosition(scan, population.addresses[h], def.threads, space) / rate;
    }
    this.currentEpisode = new Int32Array(n).fill(-1);
    this.currentAt = new Float64Array(n).fill(NaN);
    this.episodeOfHost = new Int32Array(n).fill(-1);
    this.isWaiting = new Uint8Array(n);
  }

  /** Host h became a target at time t: schedule its first attempt from then on. */
  enter(h: number, t: number, queue: Queue): void {
    this.scheduleAfter(h, t, -1, queue);
  }

  /**
   * Schedules host h's next attempt: the earliest (time, episode) after (t, afterEpisode) over every
   * occurrence of its address and every episode alive when it gets there. None in the run: the host
   * waits for a new episode, unless even one starting now would come too late.
   */
  private scheduleAfter(h: number, t: number, afterEpisode: number, queue: Queue): void {
    const starts = this.starts;
    let bestAt = Infinity;
    let bestEpisode = -1;
    if (starts.length > 0) {
      const address = this.addresses[h];
      let d = this.reachSeconds[h];
      for (let k = 1; starts[0] + d < this.endSeconds && starts[0] + d < bestAt; k++) {
        // The first episode whose k-th visit comes at t or later, then the first one alive by then.
        let lo = 0;
        let hi = starts.length;
        while (lo < hi) {
          const mid = (lo + hi) >> 1;
          if (starts[mid] + d < t) lo = mid + 1;
          else hi = mid;
        }
        for (let e = lo; e < starts.length; e++) {
          const at = starts[e] + d;
          if (at >= this.endSeconds || at > bestAt || (at === bestAt && e >= bestEpisode)) break;
          if (at === t && e <= afterEpisode) continue;
          if (this.ends[e] <= at) continue;
          bestAt = at;
          bestEpisode = e;
          break;
        }
        d += sequenceRecurrence(this.scan, address, k, this.space) / this.rate;
      }
    }
    if (bestEpisode >= 0) {
      this.currentEpisode[h] = bestEpisode;
      this.currentAt[h] = bestAt;
      queue.push(bestAt, PRIORITY.attempt, {
        kind: "attempt",
        worm: this.worm,
        host: h,
        episode: bestEpisode,
      });
      return;
    }
    this.currentEpisode[h] = -1;
    this.currentAt[h] = NaN;
    if (t + this.reachSeconds[h] < this.endSeconds && !this.isWaiting[h]) {
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
      this.currentAt[h] = t + this.reachSeconds[h];
      queue.push(t + this.reachSeconds[h], PRIORITY.attempt, {
        kind: "attempt",
        worm: this.worm,
        host: h,
        episode: e,
      });
    }
  }

  /** Addresses are fixed here: runs with address churn use `StaticSeedWalks`. */
  moved(): void {
    throw new RangeError("static-seed attempts: hosts cannot move (use StaticSeedWalks)");
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
    const h = a.host;
    // A superseded attempt (the host left the targets and came back) is not an attempt.
    if (this.currentEpisode[h] !== episode || this.currentAt[h] !== t || !isTarget(h)) return false;
    this.currentEpisode[h] = -1;
    this.currentAt[h] = NaN;
    if (this.ends[episode] > t && s.uniform() < success) return true;
    this.scheduleAfter(h, t, episode, queue);
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
