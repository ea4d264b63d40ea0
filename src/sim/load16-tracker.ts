/**
 * The `load16` observer: expected probes landing in each /16 of its block, per minute, from every
 * worm — the local-network load Code Red II caused, for heat maps. Computed from the per-source-block
 * probe integrals ({@link SourceRates}): no probe is enumerated.
 */
import type { AddressSpace } from "../scan/address-space.ts";
import { scaleBlock } from "../scan/address-space.ts";
import { cidrIntersectionSize, type Cidr } from "../net/prefix.ts";
import { LOAD16_MAX_BLOCKS, type EngineObserver } from "./engine-input.ts";
import type { WormRuntime } from "./worm-runtime.ts";

export class Load16Tracker {
  /** First /16 block number covered and how many. */
  readonly first16: number;
  readonly count16: number;
  /** Expected probes, row-major minute x covered /16. */
  readonly perMinute: Float64Array;
  private readonly previous16: Float64Array[];
  private readonly previous8: Float64Array[];
  /** Per worm and covered /16: 1 when the worm's uniform part may land there (not excluded). */
  private readonly uniformAllowed: Uint8Array[];

  constructor(
    readonly observer: EngineObserver,
    private readonly worms: readonly WormRuntime[],
    private readonly space: AddressSpace,
    readonly minutes: number,
  ) {
    const block = observer.block;
    const bits16 = 16 + (32 - space.bits);
    if (block.bits > bits16) {
      throw new RangeError(`load16 observer ${observer.name}: block must be a /16 or larger`);
    }
    this.count16 = 2 ** (bits16 - block.bits);
    if (this.count16 > LOAD16_MAX_BLOCKS) {
      throw new RangeError(`load16 observer ${observer.name}: at most ${LOAD16_MAX_BLOCKS} /16s`);
    }
    this.first16 = block.base >>> space.shift16;
    this.perMinute = new Float64Array(minutes * this.count16);
    this.previous16 = worms.map(() => new Float64Array(this.count16));
    this.previous8 = worms.map(() => new Float64Array(256));
    this.uniformAllowed = worms.map((w) => {
      const allowed = new Uint8Array(this.count16).fill(1);
      const excluded: Cidr[] = w.def.scan.excludedBlocks.map((b) => scaleBlock(b, space));
      for (let i = 0; i < this.count16; i++) {
        const c: Cidr = { base: ((this.first16 + i) * space.size16) >>> 0, bits: bits16 };
        if (excluded.some((e) => cidrIntersectionSize(c, e) > 0)) allowed[i] = 0;
      }
      return allowed;
    });
  }

  /** Closes minute m at time t (seconds); `sentInMinute[w]` is what worm w sent in the minute. */
  closeMinute(m: number, t: number, sentInMinute: (worm: number) => number): void {
    if (m >= this.minutes) return;
    const row = m * this.count16;
    const s = this.space;
    this.worms.forEach((w, wi) => {
      const scale = w.acceptScale;
      const uniform = (scale * w.uniformShare * sentInMinute(wi) * s.size16) / s.size;
      const prev16 = this.previous16[wi];
      const prev8 = this.previous8[wi];
      const allowed = this.uniformAllowed[wi];
      const deltas8 = new Map<number, number>();
      for (let i = 0; i < this.count16; i++) {
        const c = this.first16 + i;
        const b = c >>> 8;
        let d8 = deltas8.get(b);
        if (d8 === undefined) {
          const now8 = w.sources.sentFrom8(b, t);
          d8 = now8 - prev8[b];
          prev8[b] = now8;
          deltas8.set(b, d8);
        }
        const now16 = w.sources.sentFrom16(c, t);
        const d16 = now16 - prev16[i];
        prev16[i] = now16;
        this.perMinute[row + i] +=
          (allowed[i] ? uniform : 0) +
          (scale * w.same8Share * d8 * s.size16) / s.size8 +
          scale * w.same16Share * d16;
      }
    });
  }
}
