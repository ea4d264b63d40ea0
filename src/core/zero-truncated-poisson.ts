/**
 * Zero-truncated Poisson draws (a Poisson(mean) count conditioned on being at least 1), exact and
 * O(1) in the mean: sequential inversion from 1 below {@link PTRS_MIN_MEAN} (expected steps about the
 * mean), above it Hörmann's PTRS transformed rejection for the Poisson with k = 0 rejected (at
 * most e^-10 of the draws).
 * @see W. Hörmann, "The transformed rejection method for generating Poisson random variables",
 *   Insurance: Mathematics and Economics 12 (1993) 39-45 (algorithm PTRS; the constants are his)
 */
import type { Samplers } from "./samplers.ts";

/** The mean from which PTRS is used (its hat is valid for means of 10 and more). */
export const PTRS_MIN_MEAN = 10;

const TABLE_SIZE = 256;
/** ln k! for k < TABLE_SIZE. */
const LOG_FACTORIAL = new Float64Array(TABLE_SIZE);
for (let k = 1; k < TABLE_SIZE; k++) LOG_FACTORIAL[k] = LOG_FACTORIAL[k - 1] + Math.log(k);
const HALF_LOG_2PI = 0.5 * Math.log(2 * Math.PI);

/** ln k! for an integer k >= 0: a table, then Stirling's series (error below 1e-19 there). */
export function logFactorial(k: number): number {
  if (k < TABLE_SIZE) return LOG_FACTORIAL[k];
  const x = k + 1;
  const x2 = x * x;
  return (
    (x - 0.5) * Math.log(x) - x + HALF_LOG_2PI + (1 / 12 - (1 / 360 - 1 / (1260 * x2)) / x2) / x
  );
}

/** A Poisson(mean) draw conditioned on being at least 1 (mean > 0). */
export function zeroTruncatedPoisson(s: Samplers, mean: number): number {
  if (mean >= PTRS_MIN_MEAN) {
    for (;;) {
      const k = poissonPtrs(s, mean);
      if (k > 0) return k;
    }
  }
  // P(K = k | K >= 1) = e^-mean mean^k / k! / (1 - e^-mean), walked from k = 1.
  const p0 = Math.exp(-mean);
  let u = s.uniform() * -Math.expm1(-mean);
  let k = 1;
  let pk = p0 * mean;
  while (u > pk && k < 1000) {
    u -= pk;
    k++;
    pk *= mean / k;
  }
  return k;
}

/** Hörmann's PTRS for Poisson(mean), mean >= 10: about 1.1 pairs of uniforms per draw. */
function poissonPtrs(s: Samplers, mean: number): number {
  const slam = Math.sqrt(mean);
  const b = 0.931 + 2.53 * slam;
  const a = -0.059 + 0.02483 * b;
  const vr = 0.9277 - 3.6224 / (b - 2);
  for (;;) {
    const u = s.uniform() - 0.5;
    const v = s.uniform();
    const us = 0.5 - Math.abs(u);
    const k = Math.floor(((2 * a) / us + b) * u + mean + 0.43);
    // The squeeze: inside it the hat and the pmf agree, accept without evaluating the pmf.
    if (us >= 0.07 && v <= vr) return k;
    if (k < 0 || (us < 0.013 && v > us)) continue;
    const invAlpha = 1.1239 + 1.1328 / (b - 3.4);
    const lhs = Math.log(v) + Math.log(invAlpha) - Math.log(a / (us * us) + b);
    if (lhs <= -mean + k * Math.log(mean) - logFactorial(k)) return k;
  }
}
