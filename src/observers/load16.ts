/**
 * The `load16` observer: expected probes landing in each /16 of its block, per minute, from every
 * worm — the local-network load Code Red II caused, for heat maps. Computed from the per-source-block
 * probe integrals ({@link SourceRates}): no probe is enumerated.
 */
import type { AddressSpace } from "../scan/address-space.ts";
import { scaleBlock } from "../scan/address-space.ts";
import { cidrIntersectionSize, type Cidr } from "../net/prefix.ts";
import type { EngineView, WormView } from "../plugin/engine-view.ts";
import {
  requireBlock,
  type BlockObserverSpec,
  type Observer,
  type ObserverPlugin,
  type ObserverSpec,
} from "../plugin/observer.ts";
import { BlockObserver, type ObserverResult } from "./block.ts";

/** Most /16 blocks one load16 observer may cover (a /4). */
export const LOAD16_MAX_BLOCKS = 4096;

/**
 * The /16 blocks a load16 observer covers in `space`: the first one's number, how many, and the
 * prefix length of a /16 there (throws RangeError naming the observer for a block smaller than a
 * /16 or larger than {@link LOAD16_MAX_BLOCKS} of them).
 */
export function load16Blocks(
  observer: ObserverSpec,
  space: AddressSpace,
): { first16: number; count16: number; bits16: number } {
  const block = requireBlock(observer);
  const bits16 = 16 + (32 - space.bits);
  if (block.bits > bits16) {
    throw new RangeError(`load16 observer ${observer.name}: block must be a /16 or larger`);
  }
  const count16 = 2 ** (bits16 - block.bits);
  if (count16 > LOAD16_MAX_BLOCKS) {
    throw new RangeError(`load16 observer ${observer.name}: at most ${LOAD16_MAX_BLOCKS} /16s`);
  }
  return { first16: block.base >>> space.shift16, count16, bits16 };
}

/** A load16 observer's record: expected probes per minute landing in each /16 of its block. */
export interface Load16Result {
  readonly name: string;
  readonly first16: number;
  readonly count16: number;
  /** Row-major minute x /16. */
  readonly perMinute: Float64Array;
}

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
    readonly observer: BlockObserverSpec,
    private readonly worms: readonly WormView[],
    private readonly space: AddressSpace,
    readonly minutes: number,
  ) {
    const { first16, count16, bits16 } = load16Blocks(observer, space);
    this.count16 = count16;
    this.first16 = first16;
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

  /** Closes minute m at time t (seconds); `sentInMinute(w)` is what worm w sent in the minute. */
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
        // Draws on a source's own address are drawn again: that share of the probes from this
        // /16 lands elsewhere (acceptScale has already spread it over every level).
        this.perMinute[row + i] +=
          (allowed[i] ? uniform : 0) +
          (scale * w.same8Share * d8 * s.size16) / s.size8 +
          scale * w.same16Share * d16 -
          scale * w.ownAddressShare * d16;
      }
    });
  }
}

/** A load16 observer's output: its block record (as a server's) and its per-/16 load. */
export interface Load16Output {
  readonly block: ObserverResult;
  readonly load: Load16Result;
}

/** The `load16` observer: a block observer that also records the expected load on each /16. */
export const observerLoad16: ObserverPlugin<Load16Output> = {
  type: "load16",
  description:
    "expected probes per minute landing in each /16 of a block (plus what a server sees)",
  needsSourceRates: true,
  create(spec, { engine, samplers }): Observer<Load16Output> {
    const withBlock = { ...spec, block: requireBlock(spec) };
    const block = new BlockObserver(withBlock, engine, samplers);
    const load = new Load16Tracker(withBlock, engine.worms, engine.space, engine.minutes);
    const sent = (e: EngineView, m: number) => (w: number) => e.probesInMinute(w, m);
    return {
      rateChanged: block.rateChanged.bind(block),
      addressChanged: block.addressChanged.bind(block),
      accumulate: block.accumulate.bind(block),
      closeHour: block.closeHour.bind(block),
      closeMinute: (m, t) => load.closeMinute(m, t, sent(engine, m)),
      result: () => ({
        block: block.result(),
        load: {
          name: spec.name,
          first16: load.first16,
          count16: load.count16,
          perMinute: load.perMinute,
        },
      }),
    };
  },
};
