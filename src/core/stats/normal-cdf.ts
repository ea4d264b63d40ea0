/**
 * The standard normal distribution function to double precision, for closed forms that must hold
 * exactly (the capped lognormal's mean in src/sim/host-traits.ts). The agreement suite's p-values use
 * the cheaper normalSurvival of ./normal.ts (absolute error up to 7.5e-8).
 * @see G. Marsaglia, "Evaluating the Normal Distribution", Journal of Statistical Software 11(4), 2004
 *   (the Taylor series of Phi, used for |z| < 3)
 * @see Abramowitz and Stegun, Handbook of Mathematical Functions, 26.2.14 (Laplace's continued
 *   fraction of the tail, used beyond)
 */

/** From this |z| on the tail is the continued fraction (the series would lose relative precision). */
const SERIES_LIMIT = 3;

/** Depth of the continued fraction: converged to double precision for z >= 3. */
const FRACTION_TERMS = 60;

/** ln sqrt(2 pi). */
const LN_SQRT_2PI = 0.9189385332046728;

/** P(Z > x) for x >= 3, by the continued fraction phi(x) / (x + 1/(x + 2/(x + 3/(x + ...)))). */
function upperTail(x: number): number {
  let t = x;
  for (let k = FRACTION_TERMS; k >= 1; k--) t = x + k / t;
  return Math.exp(-0.5 * x * x - LN_SQRT_2PI) / t;
}

/**
 * P(Z <= z) for a standard normal Z: relative error about 1e-13 in the lower tail and absolute error
 * about 1e-16 elsewhere; NaN for NaN.
 */
export function normalCdf(z: number): number {
  if (Number.isNaN(z)) return Number.NaN;
  if (z <= -SERIES_LIMIT) return upperTail(-z);
  if (z >= SERIES_LIMIT) return 1 - upperTail(z);
  // Phi(z) = 1/2 + phi(z) (z + z^3/3 + z^5/(3*5) + ...): every term has z's sign, so no cancellation.
  const q = z * z;
  let sum = z;
  let term = z;
  let previous = 0;
  for (let i = 1; sum !== previous;) {
    previous = sum;
    i += 2;
    term *= q / i;
    sum += term;
  }
  return 0.5 + sum * Math.exp(-0.5 * q - LN_SQRT_2PI);
}
