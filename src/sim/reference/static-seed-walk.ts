/**
 * Static-seed scanning (Code Red v1) in the reference engine: a literal walk of one address sequence.
 * Probe k (k = 0, 1, 2, ...) of every scanning episode targets {@link sequenceAddress}(seed, k): all
 * scanners visit the same addresses in the same order, each from its own start. Every probe is an
 * attempt, repeats included (a uniform sequence revisits an address after ~space-size more probes).
 *
 * Probes that land on no relevant host change nothing, so the walk jumps from hit to hit: the
 * sequence indices that hit a host are found once per run (lazily, in chunks, shared by all
 * episodes), and the time an episode takes for the m probes between two hits is Gamma(m, rate), the
 * sum of m exponential gaps of the host's Poisson probe process (what drawing each probe would give).
 * Episodes (a host scanning from k = 0 until it stops) sit in an indexed heap by next-hit time.
 */
import { mix32, type Rng } from "../../core/rng.ts";
import { gammaVariate } from "./gamma.ts";

const TWO_POW_32 = 4294967296;
const CHUNK = 65536;

/**
 * The target of probe `k` of a static-seed sequence over a 2^bits space: a counter-based hash (two
 * rounds of mix32), random access, nothing stored. For k below 2^32 the unmasked values are a
 * permutation of the 32-bit integers, so every address occurs 2^(32-bits) times per period.
 */
export function sequenceAddress(seed: number, k: number, bits: number): number {
  const hi = Math.floor(k / TWO_POW_32) >>> 0;
  const a = mix32(((k >>> 0) + mix32((seed ^ hi ^ 0x2545f491) >>> 0)) >>> 0);
  const b = mix32((a ^ seed ^ 0x9e3779b9) >>> 0);
  return bits >= 32 ? b : b >>> (32 - bits);
}

/** The episodes of one static-seed worm and the sequence they walk. */
export class StaticSeedWalk {
  private hitK = new Float64Array(4096);
  private hitHost = new Int32Array(4096);
  private hits = 0;
  private generated = 0;
  private readonly rate: Float64Array;
  private readonly cursor: Int32Array;
  private readonly lastK: Float64Array;
  private readonly lastT: Float64Array;
  private readonly at: Float64Array;
  private readonly heap: Int32Array;
  private readonly pos: Int32Array;
  private size = 0;
  private active = 0;
  /** Sum of the probe rates of the scanning episodes (probes per second). */
  probesPerSecond = 0;

  constructor(
    private readonly seed: number,
    private readonly bits: number,
    /** Address to host index + 1 (0: no host the walk needs to see). */
    private readonly hostAt: Int32Array,
    hosts: number,
    private readonly rng: Rng,
    private readonly endSeconds: number,
  ) {
    this.rate = new Float64Array(hosts);
    this.cursor = new Int32Array(hosts);
    this.lastK = new Float64Array(hosts);
    this.lastT = new Float64Array(hosts);
    this.at = new Float64Array(hosts);
    this.heap = new Int32Array(hosts);
    this.pos = new Int32Array(hosts).fill(-1);
  }

  /** Host h starts scanning at time t with `rate` probes per second: a new episode from k = 0. */
  start(h: number, rate: number, t: number): void {
    if (this.rate[h] > 0) this.end(h);
    this.rate[h] = rate;
    this.probesPerSecond += rate;
    this.active++;
    this.cursor[h] = 0;
    this.lastK[h] = -1;
    this.lastT[h] = t;
    this.schedule(h);
  }

  /** Host h stops scanning (reboot, patch, lifetime, calendar): its episode ends. */
  end(h: number): void {
    if (this.rate[h] === 0) return;
    // Reset the float sum exactly when nothing scans, so round-off never leaves a phantom rate.
    this.probesPerSecond = --this.active === 0 ? 0 : this.probesPerSecond - this.rate[h];
    this.rate[h] = 0;
    if (this.pos[h] >= 0) this.remove(h);
  }

  /** Time of the earliest pending hit (Infinity: none before the end of the run). */
  nextTime(): number {
    return this.size > 0 ? this.at[this.heap[0]] : Infinity;
  }

  /** Makes the earliest hit (the clock is at {@link nextTime}); returns the host it targets. */
  step(): number {
    const h = this.heap[0];
    const c = this.cursor[h];
    this.lastK[h] = this.hitK[c];
    this.lastT[h] = this.at[h];
    this.cursor[h] = c + 1;
    const target = this.hitHost[c];
    const t = this.nextHitTime(h);
    if (t >= this.endSeconds) {
      this.remove(h);
    } else {
      this.at[h] = t;
      this.down(0);
    }
    return target;
  }

  private schedule(h: number): void {
    const t = this.nextHitTime(h);
    if (t >= this.endSeconds) return;
    this.at[h] = t;
    this.insert(h);
  }

  /** When episode h makes the probe of its next hit (after its last probe, at its last time). */
  private nextHitTime(h: number): number {
    const c = this.cursor[h];
    while (c >= this.hits) this.generate();
    const m = this.hitK[c] - this.lastK[h];
    return this.lastT[h] + gammaVariate(m, this.rng) / this.rate[h];
  }

  /** Scans the next chunk of sequence indices for hits. */
  private generate(): void {
    const end = this.generated + CHUNK;
    for (let k = this.generated; k < end; k++) {
      const h = this.hostAt[sequenceAddress(this.seed, k, this.bits)] - 1;
      if (h < 0) continue;
      if (this.hits === this.hitK.length) {
        const k2 = new Float64Array(this.hits * 2);
        k2.set(this.hitK);
        this.hitK = k2;
        const h2 = new Int32Array(this.hits * 2);
        h2.set(this.hitHost);
        this.hitHost = h2;
      }
      this.hitK[this.hits] = k;
      this.hitHost[this.hits++] = h;
    }
    this.generated = end;
  }

  private insert(h: number): void {
    this.heap[this.size] = h;
    this.pos[h] = this.size++;
    this.up(this.size - 1);
  }

  private remove(h: number): void {
    const i = this.pos[h];
    const last = this.heap[--this.size];
    this.pos[h] = -1;
    if (i === this.size) return;
    this.heap[i] = last;
    this.pos[last] = i;
    this.up(i);
    this.down(this.pos[last]);
  }

  private up(i: number): void {
    const { heap, pos, at } = this;
    const h = heap[i];
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (at[heap[p]] <= at[h]) break;
      heap[i] = heap[p];
      pos[heap[i]] = i;
      i = p;
    }
    heap[i] = h;
    pos[h] = i;
  }

  private down(i: number): void {
    const { heap, pos, at } = this;
    const h = heap[i];
    for (;;) {
      let c = 2 * i + 1;
      if (c >= this.size) break;
      if (c + 1 < this.size && at[heap[c + 1]] < at[heap[c]]) c++;
      if (at[heap[c]] >= at[h]) break;
      heap[i] = heap[c];
      pos[heap[i]] = i;
      i = c;
    }
    heap[i] = h;
    pos[h] = i;
  }
}
