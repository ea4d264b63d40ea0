/**
 * A per-host byte array recorded frame by frame as the changes between frames: frame k's changes
 * are [start[k], start[k + 1]) of (host, from, to). The page replays them forward or backward
 * (src/replay.ts), so scrubbing costs the changes crossed, not the hosts.
 */

/** Grows a typed array by doubling (the log's length is not known in advance). */
class Growable<T extends Uint32Array | Uint8Array> {
  length = 0;
  constructor(
    public data: T,
    private readonly make: (n: number) => T,
  ) {}
  push(v: number): void {
    if (this.length === this.data.length) {
      const next = this.make(this.data.length * 2);
      next.set(this.data);
      this.data = next;
    }
    this.data[this.length++] = v;
  }
  done(): T {
    return this.data.slice(0, this.length) as T;
  }
}

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
  private readonly host = new Growable(new Uint32Array(1 << 12), (k) => new Uint32Array(k));
  private readonly from = new Growable(new Uint8Array(1 << 12), (k) => new Uint8Array(k));
  private readonly to = new Growable(new Uint8Array(1 << 12), (k) => new Uint8Array(k));

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

  /**
   * Records frame k (frames in order, from 1): the hosts whose byte in `now` differs from the last
   * frame's. `changed` is called for each with the host and its new byte.
   */
  record(k: number, now: Uint8Array, changed?: (h: number, to: number) => void): void {
    const n = this.previous.length;
    const previous = this.previous;
    this.start[k] = this.host.length;
    const one = (h: number) => {
      const s = now[h];
      if (s === previous[h]) return;
      this.host.push(h);
      this.from.push(previous[h]);
      this.to.push(s);
      previous[h] = s;
      changed?.(h, s);
    };
    // Compare four hosts at a time where the arrays allow it, then the hosts of differing words.
    const words = aligned(now) && aligned(previous) ? n >>> 2 : 0;
    const a = new Uint32Array(now.buffer, now.byteOffset, words);
    const b = new Uint32Array(previous.buffer, previous.byteOffset, words);
    for (let i = 0; i < words; i++) {
      if (a[i] === b[i]) continue;
      for (let h = i * 4; h < i * 4 + 4; h++) one(h);
    }
    for (let h = words * 4; h < n; h++) one(h);
  }

  /** The log, once every frame is recorded. */
  done(): ChangeLogData {
    this.start[this.start.length - 1] = this.host.length;
    return {
      initial: this.initial,
      start: this.start,
      host: this.host.done(),
      from: this.from.done(),
      to: this.to.done(),
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
