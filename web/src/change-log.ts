/**
 * A per-host byte array recorded frame by frame as the changes between frames: frame k's changes
 * are [start[k], start[k + 1]) of (host, from, to). The page replays them forward or backward
 * (src/replay.ts), so scrubbing costs the changes crossed, not the hosts.
 */

/** A recorded change log, as sent to the page. */
export interface ChangeLogData {
  /** The bytes at frame 0. */
  readonly initial: Uint8Array;
  readonly start: Uint32Array;
  readonly host: Uint32Array;
  readonly from: Uint8Array;
  readonly to: Uint8Array;
}

/** Whether a byte array can be read as 32-bit words (its offset is a multiple of 4). */
const aligned = (a: Uint8Array) => a.byteOffset % 4 === 0;

export class ChangeLog {
  private readonly previous: Uint8Array;
  private readonly initial: Uint8Array;
  private readonly start: Uint32Array;
  private host = new Uint32Array(1 << 12);
  private from = new Uint8Array(1 << 12);
  private to = new Uint8Array(1 << 12);
  private length = 0;

  /** Starts from the bytes at frame 0 (copied). */
  constructor(initial: Uint8Array, frames: number) {
    this.initial = initial.slice();
    this.previous = initial.slice();
    this.start = new Uint32Array(frames + 1);
  }

  /** The bytes as of the last frame recorded (read-only). */
  get current(): Uint8Array {
    return this.previous;
  }

  /** Makes room for `more` changes (doubling, so a run's copies stay linear). */
  private reserve(more: number): void {
    const need = this.length + more;
    if (need <= this.host.length) return;
    let size = this.host.length;
    while (size < need) size *= 2;
    const grow = <T extends Uint32Array | Uint8Array>(a: T, make: (n: number) => T): T => {
      const b = make(size);
      b.set(a.subarray(0, this.length));
      return b;
    };
    this.host = grow(this.host, (n) => new Uint32Array(n));
    this.from = grow(this.from, (n) => new Uint8Array(n));
    this.to = grow(this.to, (n) => new Uint8Array(n));
  }

  /**
   * Records frame k (frames in order, from 1): the hosts whose byte in `now` differs from the last
   * frame's, among `candidates` when given (hosts that may have changed; repeats are harmless),
   * else among all. `changed` is called for each with the host and its new byte.
   */
  record(
    k: number,
    now: Uint8Array,
    changed?: (h: number, to: number) => void,
    candidates?: Uint32Array,
  ): void {
    const previous = this.previous;
    this.start[k] = this.length;
    if (candidates) {
      this.reserve(candidates.length);
      const { host, from, to } = this;
      let length = this.length;
      for (let i = 0; i < candidates.length; i++) {
        const h = candidates[i];
        const s = now[h];
        if (s === previous[h]) continue;
        host[length] = h;
        from[length] = previous[h];
        to[length++] = s;
        previous[h] = s;
        if (changed) changed(h, s);
      }
      this.length = length;
      return;
    }
    // Compare four hosts at a time where the arrays allow it, then the hosts of differing words.
    const n = previous.length;
    const words = aligned(now) && aligned(previous) ? n >>> 2 : 0;
    const a = new Uint32Array(now.buffer, now.byteOffset, words);
    const b = new Uint32Array(previous.buffer, previous.byteOffset, words);
    const one = (h: number) => {
      const s = now[h];
      if (s === previous[h]) return;
      this.reserve(1);
      this.host[this.length] = h;
      this.from[this.length] = previous[h];
      this.to[this.length++] = s;
      previous[h] = s;
      if (changed) changed(h, s);
    };
    for (let i = 0; i < words; i++) {
      if (a[i] === b[i]) continue;
      for (let h = i * 4; h < i * 4 + 4; h++) one(h);
    }
    for (let h = words * 4; h < n; h++) one(h);
  }

  /** The log, once every frame is recorded. */
  done(): ChangeLogData {
    this.start[this.start.length - 1] = this.length;
    return {
      initial: this.initial,
      start: this.start,
      host: this.host.slice(0, this.length),
      from: this.from.slice(0, this.length),
      to: this.to.slice(0, this.length),
    };
  }
}

/** The transferable buffers of a log. */
export const changeLogBuffers = (log: ChangeLogData): ArrayBuffer[] =>
  [log.initial, log.start, log.host, log.from, log.to].map((a) => a.buffer as ArrayBuffer);

/** Moves `bytes` (at frame `from`) to frame `to` by replaying the log forward or backward. */
export function seekChangeLog(
  log: ChangeLogData,
  bytes: Uint8Array,
  from: number,
  to: number,
): void {
  const { start, host } = log;
  for (let f = from; f < to;) {
    f++;
    for (let i = start[f]; i < start[f + 1]; i++) bytes[host[i]] = log.to[i];
  }
  for (let f = from; f > to; f--) {
    for (let i = start[f + 1] - 1; i >= start[f]; i--) bytes[host[i]] = log.from[i];
  }
}
