/**
 * Per-thread static-seed sequences in the reference engine: thread i of every host walks its own
 * literal sequence (seed + i, as in src/scan/static-seed.ts) at 1/threads of the host's rate. One
 * {@link StaticSeedWalk} per thread; the earliest pending hit over all of them comes first.
 */
import type { Rng } from "../../core/rng.ts";
import { StaticSeedWalk } from "./static-seed-walk.ts";

/** What the engine needs of a static-seed walk (one sequence, or one per thread). */
export interface SequenceWalk {
  /** Sum of the probe rates of the scanning episodes (probes per second). */
  readonly probesPerSecond: number;
  start(h: number, rate: number, t: number): void;
  end(h: number): void;
  nextTime(): number;
  step(): number;
  /** Host h moved from address `from` to `to` at time t (address churn). */
  move(h: number, from: number, to: number, t: number): void;
}

export class PerThreadWalks implements SequenceWalk {
  private readonly walks: StaticSeedWalk[];
  /** Thread indices ordered as a binary min-heap by their walk's next hit time. */
  private readonly heap: Int32Array;

  constructor(
    seed: number,
    readonly threads: number,
    bits: number,
    private readonly hostAt: Int32Array,
    hosts: number,
    rng: Rng,
    endSeconds: number,
  ) {
    this.walks = Array.from(
      { length: threads },
      (_, i) =>
        new StaticSeedWalk(
          (seed + i) >>> 0,
          bits,
          hostAt,
          hosts,
          rng.fork(`thread:${i}`),
          endSeconds,
        ),
    );
    this.heap = Int32Array.from({ length: threads }, (_, i) => i);
  }

  /** Summed over the threads after every start and end (the engine reads it at every step). */
  probesPerSecond = 0;

  start(h: number, rate: number, t: number): void {
    for (const w of this.walks) w.start(h, rate / this.threads, t);
    this.changed();
  }

  end(h: number): void {
    for (const w of this.walks) w.end(h);
    this.changed();
  }

  private changed(): void {
    let sum = 0;
    for (const w of this.walks) sum += w.probesPerSecond;
    this.probesPerSecond = sum;
    this.rebuild();
  }

  nextTime(): number {
    return this.walks[this.heap[0]].nextTime();
  }

  /** Thread i's walk (for tests). */
  walk(i: number): StaticSeedWalk {
    return this.walks[i];
  }

  /** The walks share one address table: it is updated once, then every walk's hits. */
  move(h: number, from: number, to: number, t: number): void {
    if (this.hostAt[from] !== h + 1) return;
    this.hostAt[from] = 0;
    this.hostAt[to] = h + 1;
    for (const w of this.walks) w.moveHits(h, to, t);
    this.rebuild();
  }

  step(): number {
    const i = this.heap[0];
    const target = this.walks[i].step();
    this.down(0);
    return target;
  }

  /** Heap order: earlier next hit first; ties to the lower thread index (history-independent). */
  private less(a: number, b: number): boolean {
    const ta = this.walks[this.heap[a]].nextTime();
    const tb = this.walks[this.heap[b]].nextTime();
    return ta < tb || (ta === tb && this.heap[a] < this.heap[b]);
  }

  private rebuild(): void {
    for (let i = (this.threads >> 1) - 1; i >= 0; i--) this.down(i);
  }

  private down(i: number): void {
    const heap = this.heap;
    for (;;) {
      let c = 2 * i + 1;
      if (c >= this.threads) break;
      if (c + 1 < this.threads && this.less(c + 1, c)) c++;
      if (!this.less(c, i)) break;
      const a = heap[i];
      heap[i] = heap[c];
      heap[c] = a;
      i = c;
    }
  }
}
