/**
 * Exact random variate samplers driven by a wormscope {@link Rng}. None has a path whose cost grows with n:
 * binomial and Poisson use d3-random's recursive beta/gamma splitting, which is exact and O(log n).
 * @see https://github.com/d3/d3-random (randomBinomial, randomPoisson)
 */
import { randomBinomial, randomPoisson } from "d3-random";
import type { Rng } from "./rng.ts";

/** Samplers bound to one stream. */
export interface Samplers {
  readonly rng: Rng;
  /** Uniform double in [0, 1). */
  uniform(): number;
  /** Exponential with the given rate (mean 1/rate); Infinity when rate is 0. */
  exponential(rate: number): number;
  /** Poisson with the given mean. */
  poisson(mean: number): number;
  /** Binomial(n, p). */
  binomial(n: number, p: number): number;
  /** Bernoulli(p) as a boolean. */
  bernoulli(p: number): boolean;
}

/** Binds exact samplers to a stream. */
export function createSamplers(rng: Rng): Samplers {
  const source = (): number => rng.next();
  const binomialOf = randomBinomial.source(source);
  const poissonOf = randomPoisson.source(source);
  return {
    rng,
    uniform: source,
    exponential(rate: number): number {
      if (!(rate > 0)) return Infinity;
      return -Math.log1p(-rng.next()) / rate;
    },
    poisson(mean: number): number {
      if (!(mean > 0)) return 0;
      if (mean < 16) {
        // Inversion by products of uniforms, exact for small means (same as d3's tail).
        let k = 0;
        let s = -Math.log1p(-rng.next());
        while (s <= mean) {
          k++;
          s -= Math.log1p(-rng.next());
        }
        return k;
      }
      return poissonOf(mean)();
    },
    binomial(n: number, p: number): number {
      if (n <= 0 || p <= 0) return 0;
      if (p >= 1) return n;
      return binomialOf(n, p)();
    },
    bernoulli(p: number): boolean {
      return rng.next() < p;
    },
  };
}
