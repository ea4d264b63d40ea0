/**
 * Gamma variates for the reference engine: the time a Poisson process of rate 1 takes for `shape`
 * events (shape >= 1), by Marsaglia and Tsang's squeeze method with Box-Muller normals. Exact.
 * @see Marsaglia, Tsang, "A simple method for generating gamma variables", ACM TOMS 26(3), 2000
 */
import type { Rng } from "../../core/rng.ts";

/** A Gamma(shape, 1) variate, shape >= 1 (for shape 1, an exponential). */
export function gammaVariate(shape: number, rng: Rng): number {
  if (shape === 1) return -Math.log1p(-rng.next());
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    const x = Math.sqrt(-2 * Math.log1p(-rng.next())) * Math.cos(2 * Math.PI * rng.next());
    const v0 = 1 + c * x;
    if (v0 <= 0) continue;
    const v = v0 * v0 * v0;
    const u = 1 - rng.next();
    const x2 = x * x;
    if (u < 1 - 0.0331 * x2 * x2) return d * v;
    if (Math.log(u) < 0.5 * x2 + d * (1 - v + Math.log(v))) return d * v;
  }
}
