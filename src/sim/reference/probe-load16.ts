/**
 * The `load16` observer of the reference engine: probes counted one by one into the /16 of the
 * observer's block they land in, per minute (the fast engine reports the expected counts).
 */
import type { AddressSpace } from "../../scan/address-space.ts";
import { load16Blocks } from "../../observers/load16.ts";
import type { EngineObserver } from "../engine-input.ts";
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
    const { first16, count16 } = load16Blocks(observer, space);
    this.count16 = count16;
    this.shift16 = space.shift16;
    this.first16 = first16;
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
