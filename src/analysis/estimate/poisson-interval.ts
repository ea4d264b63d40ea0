/**
 * Exact (Garwood) confidence interval for the mean of a Poisson count, via the regularised incomplete
 * gamma function and bisection. No tables, no approximations beyond floating point.
 *
 * @see F. Garwood, "Fiducial limits for the Poisson distribution", Biometrika 28 (1936).
 */

const LANCZOS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313,
  -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6,
  1.5056327351493116e-7,
];

/** Natural log of the gamma function for x > 0 (Lanczos, g = 7). */
export function logGamma(x: number): number {
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
  const z = x - 1;
  let a = LANCZOS[0];
  const t = z + 7.5;
  for (let i = 1; i < 9; i++) a += LANCZOS[i] / (z + i);
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(a);
}

/** Regularised lower incomplete gamma P(a, x), a > 0, x >= 0. @see Numerical Recipes, gammp */
export function gammaP(a: number, x: number): number {
  if (x <= 0) return 0;
  const logPrefix = -x + a * Math.log(x) - logGamma(a);
  if (x < a + 1) {
    let sum = 1 / a;
    let term = sum;
    for (let n = 1; n < 100000; n++) {
      term *= x / (a + n);
      sum += term;
      if (Math.abs(term) < Math.abs(sum) * 1e-15) break;
    }
    return Math.min(1, sum * Math.exp(logPrefix));
  }
  // continued fraction for Q(a, x) (modified Lentz)
  const tiny = 1e-300;
  let b = x + 1 - a;
  let c = 1 / tiny;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < 100000; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < tiny) d = tiny;
    c = b + an / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < 1e-15) break;
  }
  return Math.max(0, 1 - Math.exp(logPrefix) * h);
}

function bisect(f: (x: number) => number, lo: number, hi: number): number {
  for (let i = 0; i < 200 && hi - lo > 1e-12 * Math.max(1, hi); i++) {
    const mid = (lo + hi) / 2;
    if (f(mid) > 0) hi = mid;
    else lo = mid;
  }
  return (lo + hi) / 2;
}

/** A two-sided interval. */
export interface Interval {
  low: number;
  high: number;
}

/**
 * The exact two-sided `confidence` interval (default 0.95) for the mean of a Poisson variable that
 * was observed as `count`.
 */
export function poissonInterval(count: number, confidence = 0.95): Interval {
  if (!(count >= 0) || !Number.isInteger(count)) throw new RangeError(`bad count ${count}`);
  return poissonIntervalOfEffectiveCount(count, confidence);
}

/**
 * {@link poissonInterval} for an effective count that need not be an integer (the Garwood limits'
 * gamma form, continuous in `count`; equal to {@link poissonInterval} at integers). The estimate
 * uses it for sources divided by addresses per seen host.
 */
export function poissonIntervalOfEffectiveCount(count: number, confidence = 0.95): Interval {
  if (!(count >= 0) || !Number.isFinite(count)) throw new RangeError(`bad count ${count}`);
  const tail = (1 - confidence) / 2;
  const hi0 = count + 20 * Math.sqrt(count + 1) + 20;
  // P(X >= count | mean) = P(count, mean), increasing in mean
  const low = count === 0 ? 0 : bisect((m) => gammaP(count, m) - tail, 0, hi0);
  // P(X <= count | mean) = 1 - P(count + 1, mean), decreasing in mean
  const high = bisect((m) => tail - (1 - gammaP(count + 1, m)), 0, hi0);
  return { low, high };
}
