/**
 * Where a worm's probes come from: the summed probe rate of its scanning hosts per source /16 and /8,
 * with running time integrals (probes sent so far), so per-block loads over any interval are a
 * difference of two readings and never need a per-probe loop. Each block's rate, probes sent and
 * last update sit side by side (one cache line per update).
 */
import type { AddressSpace } from "../../scan/address-space.ts";

const RATE = 0;
const SENT = 1;
const SINCE = 2;
const STRIDE = 3;

export class SourceRates {
  private readonly blocks16 = new Float64Array(65536 * STRIDE);
  private readonly blocks8 = new Float64Array(256 * STRIDE);

  constructor(private readonly space: AddressSpace) {}

  /** A host at `address` changes its rate by `delta` probes per second at time `t` (seconds). */
  add(address: number, delta: number, t: number): void {
    update(this.blocks16, (address >>> this.space.shift16) * STRIDE, delta, t);
    update(this.blocks8, (address >>> this.space.shift8) * STRIDE, delta, t);
  }

  /** Summed probe rate of the scanning hosts in /16 block `c`. */
  rate16(c: number): number {
    return this.blocks16[c * STRIDE + RATE];
  }

  /** Summed probe rate of the scanning hosts in /8 block `b`. */
  rate8(b: number): number {
    return this.blocks8[b * STRIDE + RATE];
  }

  /** Probes sent from /16 block `c` up to time t. */
  sentFrom16(c: number, t: number): number {
    return sent(this.blocks16, c * STRIDE, t);
  }

  /** Probes sent from /8 block `b` up to time t. */
  sentFrom8(b: number, t: number): number {
    return sent(this.blocks8, b * STRIDE, t);
  }
}

function update(a: Float64Array, i: number, delta: number, t: number): void {
  a[i + SENT] += a[i + RATE] * (t - a[i + SINCE]);
  a[i + SINCE] = t;
  a[i + RATE] += delta;
  // Round-off must not leave a phantom rate in an empty block.
  if (Math.abs(a[i + RATE]) < 1e-9) a[i + RATE] = 0;
}

function sent(a: Float64Array, i: number, t: number): number {
  return a[i + SENT] + a[i + RATE] * (t - a[i + SINCE]);
}
