/**
 * The one seeded pseudo-random number generator of wormscope: xoshiro128** with SplitMix32 seeding.
 *
 * Streams are forked by name (`rng.fork("scan")`). A fork depends only on the root seed and the path of
 * names, never on how many numbers the parent has drawn, so adding a component (an observer, say) never
 * changes the draws of another one.
 *
 * @see Blackman and Vigna, "Scrambled linear pseudorandom number generators", ACM TOMS 2021 (xoshiro128**).
 */
export interface Rng {
  /** A uniform double in [0, 1) with 53 random bits. */
  next(): number;
  /** A uniform unsigned 32-bit integer. */
  nextUint32(): number;
  /** A uniform integer in [0, n), n >= 1 and n <= 2^32, without modulo bias. */
  int(n: number): number;
  /** A child stream named `name`, independent of this stream's position. */
  fork(name: string): Rng;
  /** The 32-bit key identifying this stream (root seed and fork path). */
  readonly key: number;
}

const TWO_POW_32 = 4294967296;
const TWO_POW_53 = 9007199254740992;

/** Murmur3's 32-bit finaliser: a bijective avalanche mix. */
export function mix32(x: number): number {
  x ^= x >>> 16;
  x = Math.imul(x, 0x85ebca6b);
  x ^= x >>> 13;
  x = Math.imul(x, 0xc2b2ae35);
  x ^= x >>> 16;
  return x >>> 0;
}

/** FNV-1a hash of a string's UTF-16 code units, 32 bits. */
export function hashString32(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** Reduces any JavaScript number seed (integer up to 2^53) to a 32-bit key. */
export function seedKey(seed: number): number {
  if (!Number.isSafeInteger(seed) || seed < 0) {
    throw new RangeError(`seed must be a non-negative safe integer, got ${seed}`);
  }
  const lo = seed % TWO_POW_32;
  const hi = Math.floor(seed / TWO_POW_32);
  return mix32(mix32(lo ^ 0x9e3779b9) ^ mix32(hi + 0x7f4a7c15));
}

class Xoshiro128 implements Rng {
  /**
   * The four state words. A typed array, not four fields: the words use all 32 bits, which fit a
   * small integer in Node's V8 but not in Chromium's (pointer compression leaves 31 bits), where
   * fields holding them were boxed numbers and next() ran several times slower.
   */
  private readonly s = new Int32Array(4);

  constructor(
    readonly key: number,
    state?: readonly [number, number, number, number],
  ) {
    const s = this.s;
    if (state) {
      for (let i = 0; i < 4; i++) s[i] = state[i];
      return;
    }
    // SplitMix32 expands the key into four state words; an all-zero state is impossible.
    let z = key >>> 0;
    const step = (): number => {
      z = (z + 0x9e3779b9) >>> 0;
      return mix32(z);
    };
    for (let i = 0; i < 4; i++) s[i] = step();
    if ((s[0] | s[1] | s[2] | s[3]) === 0) s[0] = 1;
  }

  nextUint32(): number {
    const s = this.s;
    const s0 = s[0];
    const s1 = s[1];
    const s2 = s[2] ^ s0;
    const s3 = s[3] ^ s1;
    const result = Math.imul(rotl(Math.imul(s1, 5), 7), 9) >>> 0;
    s[0] = s0 ^ s3;
    s[1] = s1 ^ s2;
    s[2] = s2 ^ (s1 << 9);
    s[3] = rotl(s3, 11);
    return result;
  }

  next(): number {
    const hi = this.nextUint32() >>> 5; // 27 bits
    const lo = this.nextUint32() >>> 6; // 26 bits
    return (hi * 67108864 + lo) / TWO_POW_53;
  }

  /** Fills `out` with the next `out.length` values of {@link next}, the state held in locals. */
  fillNext(out: Float64Array): void {
    const state = this.s;
    let s0 = state[0];
    let s1 = state[1];
    let s2 = state[2];
    let s3 = state[3];
    // The two steps of nextUint32 that next() takes are written out: as a loop of two, the block
    // ran at half the speed in V8 (Node 20), and this is the observers' hot path.
    for (let k = 0; k < out.length; k++) {
      let r = Math.imul(s1, 5);
      const hi = Math.imul((r << 7) | (r >>> 25), 9) >>> 5;
      let t = s1 << 9;
      s2 ^= s0;
      s3 ^= s1;
      s1 ^= s2;
      s0 ^= s3;
      s2 ^= t;
      s3 = (s3 << 11) | (s3 >>> 21);
      r = Math.imul(s1, 5);
      const lo = Math.imul((r << 7) | (r >>> 25), 9) >>> 6;
      t = s1 << 9;
      s2 ^= s0;
      s3 ^= s1;
      s1 ^= s2;
      s0 ^= s3;
      s2 ^= t;
      s3 = (s3 << 11) | (s3 >>> 21);
      out[k] = (hi * 67108864 + lo) / TWO_POW_53;
    }
    state[0] = s0;
    state[1] = s1;
    state[2] = s2;
    state[3] = s3;
  }

  int(n: number): number {
    return intBelow(this, n);
  }

  fork(name: string): Rng {
    return new Xoshiro128(mix32(this.key ^ mix32(hashString32(name) + 0x632be5ab)));
  }
}

/** A uniform integer in [0, n) from `rng`'s 32-bit words, without modulo bias. */
function intBelow(rng: { nextUint32(): number }, n: number): number {
  if (n <= 0 || n > TWO_POW_32) throw new RangeError(`int(n) needs 1 <= n <= 2^32, got ${n}`);
  // Lemire's method would need 64-bit products; rejection on the top of the range is exact and cheap.
  const limit = TWO_POW_32 - (TWO_POW_32 % n);
  for (;;) {
    const x = rng.nextUint32();
    if (x < limit) return x % n;
  }
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}

/** A stream started from a raw xoshiro128** state (for checking against published test vectors). */
export function createRngFromState(state: readonly [number, number, number, number]): Rng {
  return new Xoshiro128(0, state);
}

/** Creates the root stream for a seed (a non-negative safe integer). */
export function createRng(seed: number): Rng {
  return new Xoshiro128(seedKey(seed));
}

/** Values read ahead by a {@link bufferedRng}. */
const READ_AHEAD = 1024;

/**
 * A stream that draws `next()` values in blocks of {@link READ_AHEAD}, in a tight loop, and hands
 * them out one by one: the same `next()` sequence as the stream `rng` itself, faster, for a hot
 * stream that draws one value at a time (an observer's hourly draws). Its `nextUint32()` and `int()`
 * read the same buffered values (their top 32 bits), so a stream that mixes them differs from the
 * unbuffered one; forks are the unbuffered stream's.
 */
export function bufferedRng(rng: Rng): Rng {
  return rng instanceof Xoshiro128 ? new BufferedXoshiro(rng) : rng;
}

class BufferedXoshiro implements Rng {
  private readonly values = new Float64Array(READ_AHEAD);
  private at = READ_AHEAD;
  readonly key: number;

  constructor(private readonly inner: Xoshiro128) {
    this.key = inner.key;
  }

  next(): number {
    if (this.at === READ_AHEAD) {
      this.inner.fillNext(this.values);
      this.at = 0;
    }
    return this.values[this.at++];
  }

  nextUint32(): number {
    return Math.floor(this.next() * TWO_POW_32);
  }

  int(n: number): number {
    return intBelow(this, n);
  }

  fork(name: string): Rng {
    return this.inner.fork(name);
  }
}
