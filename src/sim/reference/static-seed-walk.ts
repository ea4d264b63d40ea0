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
 *
 * When a host moves (address churn), the indices that hit it change: those of its old address are
 * dropped and those of its new address below the scanned horizon are added, found by inverting the
 * sequence ({@link sequenceIndicesOf}). An episode whose pending hit is affected re-draws it exactly:
 * given its next hit's time T (the m-th probe after its last hit at time t0), its m - 1 probes in
 * between are uniform on (t0, T), so the probes made by now are Binomial(m - 1, (now - t0) / (T - t0));
 * from there on, Poisson probing from now is memoryless.
 */
import { mix32, type Rng } from "../../core/rng.ts";
import { createSamplers, type Samplers } from "../../core/samplers.ts";
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

/** The multiplicative inverse of an odd 32-bit constant (Newton's iteration). */
function inverseOdd(c: number): number {
  let x = c;
  for (let i = 0; i < 5; i++) x = Math.imul(x, 2 - Math.imul(c, x));
  return x >>> 0;
}

const MIX_A_INVERSE = inverseOdd(0x85ebca6b);
const MIX_B_INVERSE = inverseOdd(0xc2b2ae35);

/** The inverse of {@link mix32}. */
export function unmix32(x: number): number {
  x ^= x >>> 16;
  x = Math.imul(x, MIX_B_INVERSE);
  x ^= (x >>> 13) ^ (x >>> 26);
  x = Math.imul(x, MIX_A_INVERSE);
  x ^= x >>> 16;
  return x >>> 0;
}

/**
 * Every index k below `below` (at most 2^32) with {@link sequenceAddress}(seed, k, bits) = `address`,
 * ascending: of the 2^(32-bits) preimages below 2^32, found by inverting the two mix32 rounds.
 */
export function sequenceIndicesOf(
  seed: number,
  address: number,
  bits: number,
  below = TWO_POW_32,
): Float64Array {
  const count = 2 ** (32 - bits);
  const out = new Float64Array(count);
  const offset = mix32((seed ^ 0x2545f491) >>> 0);
  const top = (address * count) >>> 0;
  let n = 0;
  for (let i = 0; i < count; i++) {
    const a = (unmix32((top + i) >>> 0) ^ seed ^ 0x9e3779b9) >>> 0;
    const k = (unmix32(a) - offset) >>> 0;
    if (k < below) out[n++] = k;
  }
  return out.subarray(0, n).sort();
}

/** The episodes of one static-seed worm and the sequence they walk. */
export class StaticSeedWalk {
  private hitK = new Float64Array(4096);
  private hitHost = new Int32Array(4096);
  private hits = 0;
  /** The other buffers of the hit list: a move merges into them, then they swap. */
  private spareK = new Float64Array(0);
  private spareHost = new Int32Array(0);
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
  private samplers: Samplers | null = null;

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

  /**
   * The hits found so far (a copy, for tests): every sequence index below {@link scanned} whose address
   * holds a host the walk sees, ascending, with that host.
   */
  hitList(): { readonly k: Float64Array; readonly host: Int32Array } {
    return { k: this.hitK.slice(0, this.hits), host: this.hitHost.slice(0, this.hits) };
  }

  /** How far the sequence has been scanned for hits (indices below it are in {@link hitList}). */
  get scanned(): number {
    return this.generated;
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
    this.at[h] = t;
    if (t >= this.endSeconds) this.remove(h);
    else this.down(0);
    return target;
  }

  /**
   * Host h moved from address `from` to `to` at time t: updates the address table (when the walk sees
   * h) and the hits ({@link moveHits}).
   */
  move(h: number, from: number, to: number, t: number): void {
    if (this.hostAt[from] !== h + 1) return;
    this.hostAt[from] = 0;
    this.hostAt[to] = h + 1;
    this.moveHits(h, to, t);
  }

  /**
   * The hits after host h (which the walk sees, already at `to` in the table) moved to `to` at time
   * t: its old indices are dropped, the indices of `to` below the scanned horizon added, and every
   * scanning episode whose pending hit changes re-draws it (see the file comment).
   */
  moveHits(h: number, to: number, t: number): void {
    if (this.generated > TWO_POW_32) {
      throw new RangeError("the static-seed walk cannot move hosts beyond 2^32 sequence indices");
    }
    const added = sequenceIndicesOf(this.seed, to, this.bits, this.generated);
    const fresh = added.length;
    const oldK = this.hitK;
    const oldHost = this.hitHost;
    const oldHits = this.hits;
    let size = oldHits + fresh;
    if (this.spareK.length < size) {
      let capacity = Math.max(oldK.length, 4096);
      while (capacity < size) capacity *= 2;
      this.spareK = new Float64Array(capacity);
      this.spareHost = new Int32Array(capacity);
    }
    const k2 = this.spareK;
    const h2 = this.spareHost;
    let i = 0;
    let j = 0;
    size = 0;
    const removed: number[] = [];
    while (i < oldHits || j < fresh) {
      if (i < oldHits && oldHost[i] === h) {
        removed.push(oldK[i++]);
      } else if (j >= fresh || (i < oldHits && oldK[i] < added[j])) {
        k2[size] = oldK[i];
        h2[size++] = oldHost[i++];
      } else {
        k2[size] = added[j++];
        h2[size++] = h;
      }
    }
    // The old list stays readable (as the spare) for the episodes below.
    this.spareK = oldK;
    this.spareHost = oldHost;
    this.hitK = k2;
    this.hitHost = h2;
    this.hits = size;
    for (let e = 0; e < this.rate.length; e++) {
      if (this.rate[e] === 0) continue;
      const c = this.cursor[e];
      const nextK = oldK[c];
      const lastK = this.lastK[e];
      // The first new index after the episode's last hit: is it before its pending one?
      const after = this.firstAfter(lastK, added, fresh);
      const affected = oldHost[c] === h || (after < fresh && added[after] <= nextK);
      if (!affected) {
        // Its pending hit stays: it moves down by the dropped hits before it, up by the added ones.
        let shift = after;
        while (shift < fresh && added[shift] < nextK) shift++;
        for (const k of removed) if (k < nextK) shift--;
        this.cursor[e] = c + shift;
        continue;
      }
      const m = nextK - lastK;
      const span = this.at[e] - this.lastT[e];
      const share = span > 0 ? Math.min(1, Math.max(0, (t - this.lastT[e]) / span)) : 0;
      this.samplers ??= createSamplers(this.rng);
      const made = this.samplers.binomial(m - 1, share);
      this.lastK[e] = lastK + made;
      this.lastT[e] = t;
      this.cursor[e] = this.indexAfter(lastK + made);
      if (this.pos[e] >= 0) this.remove(e);
      this.schedule(e);
    }
  }

  /** The position of the first of `ks[0..n)` above k (n when none). */
  private firstAfter(k: number, ks: Float64Array, n: number): number {
    let lo = 0;
    let hi = n;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (ks[mid] <= k) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** The hit index of the first hit with a sequence index above k (hits when none yet). */
  private indexAfter(k: number): number {
    return this.firstAfter(k, this.hitK, this.hits);
  }

  private schedule(h: number): void {
    const t = this.nextHitTime(h);
    // Kept even past the end: a move may re-draw it from here (see moveHits).
    this.at[h] = t;
    if (t >= this.endSeconds) return;
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
