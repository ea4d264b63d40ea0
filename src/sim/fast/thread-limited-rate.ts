/**
 * Thread-limited probing: each of a host's threads makes one connection attempt at a time. An attempt
 * to an address nobody answers costs the SYN retransmission timeout; one to a live address (a reset
 * from a host without a web server, or a web server's answer) returns after a round trip. So a host's
 * probe rate is threads / E[seconds per attempt], and E depends on how much live space its strategy
 * hits: Code Red II's local scanning hits denser space than uniform scanning.
 * @see ../../../docs/worms/code-red-ii.md (thread-limited scanning)
 */
import type { Population } from "../../net/population.ts";
import type { AddressSpace } from "../../scan/address-space.ts";
import type { ThreadLimitedRate } from "../../worms/define-worm.ts";
import type { Tarpit } from "../../plugin/defense.ts";

/** Live-address densities per /16, per /8 and overall, from the population's per-/16 estimates. */
export class LiveDensity {
  readonly per16: Float64Array;
  readonly per8: Float64Array;
  readonly overall: number;

  constructor(population: Population, space: AddressSpace) {
    const live = population.liveAddressesPer16;
    this.per16 = new Float64Array(65536);
    this.per8 = new Float64Array(256);
    let total = 0;
    for (let c = 0; c < 65536; c++) {
      const n = Math.min(live[c] ?? 0, space.size16);
      this.per16[c] = n / space.size16;
      this.per8[c >>> 8] += n;
      total += n;
    }
    for (let b = 0; b < 256; b++) this.per8[b] /= space.size8;
    this.overall = total / space.size;
  }
}

/**
 * Probes per second of a host at `address` with `threads` threads, scanning with the given level
 * shares, under thread-limited probing.
 */
export function threadLimitedProbesPerSecond(
  model: ThreadLimitedRate,
  threads: number,
  shares: { same16: number; same8: number; uniform: number },
  density: LiveDensity,
  address: number,
  space: AddressSpace,
  tarpits: readonly Tarpit[] = [],
): number {
  const c = address >>> space.shift16;
  const b = address >>> space.shift8;
  const liveShare =
    shares.same16 * density.per16[c] +
    shares.same8 * density.per8[b] +
    shares.uniform * density.overall;
  let secondsPerAttempt =
    liveShare * model.liveAnswerSeconds + (1 - liveShare) * model.synTimeoutSeconds;
  // A tarpitted silent address holds the thread holdSeconds instead of the SYN timeout.
  for (const t of tarpits) {
    const held =
      shares.same16 * (1 - density.per16[c]) * t.share(c, 16) +
      shares.same8 * (1 - density.per8[b]) * t.share(c, 8) +
      shares.uniform * (1 - density.overall) * t.share(c, 0);
    secondsPerAttempt += held * (t.holdSeconds - model.synTimeoutSeconds);
  }
  return threads / secondsPerAttempt;
}
