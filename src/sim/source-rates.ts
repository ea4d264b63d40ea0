/**
 * Where a worm's probes come from: the summed probe rate of its scanning hosts per source /16 and /8,
 * with running time integrals (probes sent so far), so per-block loads over any interval are a
 * difference of two readings and never need a per-probe loop.
 */
import type { AddressSpace } from "../scan/address-space.ts";

export class SourceRates {
  readonly rate16 = new Float64Array(65536);
  readonly rate8 = new Float64Array(256);
  private readonly sent16 = new Float64Array(65536);
  private readonly sent8 = new Float64Array(256);
  private readonly since16 = new Float64Array(65536);
  private readonly since8 = new Float64Array(256);

  constructor(private readonly space: AddressSpace) {}

  /** A host at `address` changes its rate by `delta` probes per second at time `t` (seconds). */
  add(address: number, delta: number, t: number): void {
    const c = address >>> this.space.shift16;
    const b = address >>> this.space.shift8;
    this.sent16[c] += this.rate16[c] * (t - this.since16[c]);
    this.since16[c] = t;
    this.sent8[b] += this.rate8[b] * (t - this.since8[b]);
    this.since8[b] = t;
    this.rate16[c] += delta;
    this.rate8[b] += delta;
    // Round-off must not leave a phantom rate in an empty block.
    if (Math.abs(this.rate16[c]) < 1e-9) this.rate16[c] = 0;
    if (Math.abs(this.rate8[b]) < 1e-9) this.rate8[b] = 0;
  }

  /** Probes sent from /16 block `c` up to time t. */
  sentFrom16(c: number, t: number): number {
    return this.sent16[c] + this.rate16[c] * (t - this.since16[c]);
  }

  /** Probes sent from /8 block `b` up to time t. */
  sentFrom8(b: number, t: number): number {
    return this.sent8[b] + this.rate8[b] * (t - this.since8[b]);
  }
}
