/**
 * A Poisson count split at its first event, so that the rest can be pooled: over exposure e (the
 * expected count), a unit-rate Poisson process has its first event at exposure X ~ Exp(1), and the
 * events after it are Poisson(e - X), independent of X. So a Poisson(e) count is 0 when X >= e and
 * 1 + Poisson(e - X) otherwise, and a zero-truncated Poisson(e) count is 1 + Poisson(e - X) with X
 * conditioned on X < e. The rests of many counts add up to one Poisson draw: one uniform per count
 * and one Poisson draw per pool, exact, and O(1) in e (inversion of the zero-truncated Poisson
 * takes about e steps).
 */

/** Exposure at the first event, from a uniform u in [0, 1): Exp(1) (none within e when >= e). */
export function firstEventExposure(u: number): number {
  return -Math.log1p(-u);
}

/**
 * Exposure at the first event given at least one within exposure e > 0, from a uniform u in [0, 1):
 * Exp(1) truncated to [0, e), by inversion. Rounding can give e itself, never more than e by more
 * than an ulp: callers take max(0, e - x) as the rest.
 */
export function firstEventExposureGivenOne(u: number, e: number): number {
  return -Math.log1p(u * Math.expm1(-e));
}
