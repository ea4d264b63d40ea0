/**
 * The capped lognormal of per-host rate multipliers: m = min(s L, cap) with L lognormal of mean 1
 * and log-sd sigma, and the scale s >= 1 that brings the mean back to 1. Shared by the simulator
 * (src/sim/host-traits.ts draws it) and the analyser's estimate (which averages over it).
 */
import { normalCdf } from "./normal-cdf.ts";

/**
 * E[min(s L, cap)] for L lognormal with mean 1 and log-sd `sigma` (ln L ~ Normal(-sigma^2/2,
 * sigma^2)): s Phi((ln(cap/s) - sigma^2/2)/sigma) + cap (1 - Phi((ln(cap/s) + sigma^2/2)/sigma)).
 */
export function cappedLognormalMean(sigma: number, scale: number, cap: number): number {
  if (!(sigma > 0)) return Math.min(scale, cap);
  const r = Math.log(cap / scale);
  const half = (sigma * sigma) / 2;
  return scale * normalCdf((r - half) / sigma) + cap * (1 - normalCdf((r + half) / sigma));
}

/** Bisection steps for the scale: the bracket's width falls below double precision well before. */
const SCALE_STEPS = 200;

/**
 * The scale s >= 1 at which min(s L, cap) has mean 1 ({@link cappedLognormalMean}), for a cap > 1.
 * The mean increases with s (its derivative is E[L; s L < cap] > 0), from below 1 at s = 1 towards
 * the cap, so bisection on ln s finds the one root.
 */
export function cappedLognormalScale(sigma: number, cap: number): number {
  if (!(cap > 1) || !Number.isFinite(cap)) {
    throw new RangeError(`a rate multiplier cap must be finite and above 1, got ${cap}`);
  }
  if (!(sigma > 0)) return 1;
  let lo = 0;
  let hi = Math.log(cap) + sigma;
  while (cappedLognormalMean(sigma, Math.exp(hi), cap) < 1) {
    lo = hi;
    hi *= 2;
    if (hi > 700) throw new RangeError(`no scale gives mean 1 under cap ${cap} at sigma ${sigma}`);
  }
  for (let k = 0; k < SCALE_STEPS && hi - lo > 0; k++) {
    const mid = (lo + hi) / 2;
    if (mid === lo || mid === hi) break;
    if (cappedLognormalMean(sigma, Math.exp(mid), cap) < 1) lo = mid;
    else hi = mid;
  }
  return Math.exp((lo + hi) / 2);
}
