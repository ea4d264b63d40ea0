/**
 * The `load16` observer of the reference engine: probes counted one by one into the /16 of the
 * observer's block they land in, per minute (the fast engine reports the expected counts).
 */
import type { AddressSpace } from "../../scan/address-space.ts";
import { requireBlock } from "../../plugin/observer.ts";
import { LOAD16_MAX_BLOCKS, type EngineObserver } from "../engine-input.ts";
import type { Load16Result } from "../engine-result.ts";

export class ProbeLoad16 {
  private readonly first16: number;
  private readonly count16: number;
  private readonly shift16: number;
  private readonly perMinute: Float64Array;

  constructor(
    private readonly observer: EngineObserver,
    space: AddressSpace,
    private readonly minutes: number,
  ) {
    const block = requireBlock(observer);
    const bits16 = 16 + (32 - space.bits);
    if (block.bits > bits16) {
      throw new RangeError(`load16 observer ${observer.name}: block must be a /16 or larger`);
    }
    this.count16 = 2 ** (bits16 - block.bits);
    if (this.count16 > LOAD16_MAX_BLOCKS) {
      throw new RangeError(`load16 observer ${observer.name}: at most ${LOAD16_MAX_BLOCKS} /16s`);
    }
    this.shift16 = space.shift16;
    this.first16 = block.base >>> space.shift16;
    this.perMinute = new Float64Array(minutes * this.count16);
  }

  /** Counts a probe to `target` in minute `minute` when it lands in the block. */
  probe(target: number, minute: number): void {
    const i = (target >>> this.shift16) - this.first16;
    if (i >= 0 && i < this.count16 && minute < this.minutes) {
      this.perMinute[minute * this.count16 + i]++;
    }
  }

  result(): Load16Result {
    return {
      name: this.observer.name,
      first16: this.first16,
      count16: this.count16,
      perMinute: this.perMinute,
    };
  }
}
