/**
 * What one server expects to see of one infected host over a window, under the calibrated rate
 * model: the host's probe rate is r times a lognormal multiplier m (mean 1), and a share of hosts
 * change address now and then. A server counts addresses, so the estimate needs both the chance a
 * host is seen at all and the expected number of its addresses seen.
 * @see ../../../docs/detect.md (The estimate)
 * @see ../../../docs/calibration.md (the dispersion and churn)
 */

import { cappedLognormalScale } from "../../core/stats/capped-lognormal.ts";

/** Standard-normal quadrature nodes run over [-Z_MAX, Z_MAX]: the simulator clips its draws there. */
const Z_MAX = 8;
/** Nodes per unit of z: the trapezoid rule on a Gaussian-weighted smooth integrand converges fast. */
const NODES_PER_Z = 64;

let nodes: { z: Float64Array; w: Float64Array } | null = null;

/** Trapezoid nodes and weights of the standard normal on [-Z_MAX, Z_MAX], weights summing to 1. */
function normalNodes(): { z: Float64Array; w: Float64Array } {
  if (nodes) return nodes;
  const n = 2 * Z_MAX * NODES_PER_Z + 1;
  const z = new Float64Array(n);
  const w = new Float64Array(n);
  let total = 0;
  for (let i = 0; i < n; i++) {
    z[i] = -Z_MAX + i / NODES_PER_Z;
    w[i] = Math.exp(-(z[i] * z[i]) / 2) * (i === 0 || i === n - 1 ? 0.5 : 1);
    total += w[i];
  }
  for (let i = 0; i < n; i++) w[i] /= total;
  nodes = { z, w };
  return nodes;
}

/**
 * E[f(m)] for ln m ~ Normal(-sigma^2/2, sigma^2) (mean 1, the simulator's rate multiplier), or,
 * with `cap`, for the capped lognormal min(s L, cap) of mean 1 (src/core/stats/capped-lognormal.ts),
 * by deterministic quadrature (trapezoid rule in the standard normal z over [-8, 8], 1,025 nodes).
 * sigma = 0 gives f(1) exactly.
 */
export function meanOverRateMultiplier(
  sigma: number,
  f: (m: number) => number,
  cap?: number,
): number {
  if (!(sigma > 0)) return f(1);
  const { z, w } = normalNodes();
  // With a cap, the simulator's multiplier is min(s L, cap), s restoring the mean to 1.
  const mu =
    (-sigma * sigma) / 2 + (cap === undefined ? 0 : Math.log(cappedLognormalScale(sigma, cap)));
  const top = cap ?? Number.POSITIVE_INFINITY;
  let sum = 0;
  for (let i = 0; i < z.length; i++) sum += w[i] * f(Math.min(top, Math.exp(mu + sigma * z[i])));
  return sum;
}

/** (1 - e^-x) / x, 1 at x = 0. */
function phi0(x: number): number {
  return x < 1e-8 ? 1 - x / 2 : -Math.expm1(-x) / x;
}

/** (1 - e^-x (1 + x)) / x^2, 1/2 at x = 0; a series below 0.01, where the difference cancels. */
function phi1(x: number): number {
  if (x < 0.01) {
    // sum over n >= 2 of (-1)^n (n - 1) x^(n-2) / n!
    let term = 1 / 2;
    let sum = 0;
    for (let n = 2; n < 10; n++) {
      sum += term * (n - 1);
      term *= -x / (n + 1);
    }
    return sum;
  }
  return (-Math.expm1(-x) - x * Math.exp(-x)) / (x * x);
}

/**
 * Expected distinct addresses of one host that a server sees in a window, when the host hits the
 * server `hits` times on average over the window (a Poisson process) and changes address at the
 * times of a Poisson process with `moves` expected moves in the window (each address is new).
 * Each stretch of length s between moves is seen with probability 1 - e^(-hits s / T); summed over
 * the stretches (the first, the last, the inner ones), with x = moves, y = x + hits:
 *
 *   e^-x (1 - e^-hits) + (2x + x^2)(phi0(x) - phi0(y)) - x^2 (phi1(x) - phi1(y))
 *
 * phi0(x) = (1 - e^-x)/x, phi1(x) = (1 - e^-x (1 + x))/x^2. No moves: 1 - e^-hits (the host is
 * seen at most once). Many hits: 1 + moves (every address is seen).
 */
export function expectedAddressesSeen(hits: number, moves: number): number {
  if (!(moves > 0)) return -Math.expm1(-hits);
  // a host that barely hits the server is seen at most once, whatever its moves: error < hits/2
  if (hits < 1e-7) return hits;
  const x = moves;
  const y = x + hits;
  return (
    Math.exp(-x) * -Math.expm1(-hits) +
    (2 * x + x * x) * (phi0(x) - phi0(y)) -
    x * x * (phi1(x) - phi1(y))
  );
}

/** The host model of one estimate: rate dispersion and address churn. */
export interface HostModel {
  /** Lognormal sigma of the per-host rate multiplier (mean 1); 0 is the homogeneous model. */
  rateSigma: number;
  /** Largest multiplier (the capped lognormal of the simulator), or undefined for none. */
  rateCap?: number;
  /** Share of hosts whose address changes. */
  dynamicShare: number;
  /** Moves per dynamic host per hour. */
  movesPerHostPerHour: number;
}

/** What a server expects of one host of the population over a window. */
export interface SeenPerHost {
  /** Probability the host is seen at least once (by any of its addresses). */
  seenProbability: number;
  /** Expected distinct addresses of the host seen: sources per infected host. */
  addressesSeen: number;
}

/**
 * Expectations over the population for hosts that hit the server `meanHits` times on average over
 * a window of `windowSeconds` (r q T at the mean rate): a host with multiplier m hits it m x
 * meanHits times; a static host is seen with probability 1 - e^(-m meanHits), a dynamic one shows
 * {@link expectedAddressesSeen} addresses. Both are averaged over the lognormal multiplier.
 */
export function seenPerHost(
  meanHits: number,
  windowSeconds: number,
  model: HostModel,
): SeenPerHost {
  const moves = (model.movesPerHostPerHour * windowSeconds) / 3600;
  const f = model.dynamicShare;
  const seenProbability = meanOverRateMultiplier(
    model.rateSigma,
    (m) => -Math.expm1(-m * meanHits),
    model.rateCap,
  );
  const addressesSeen =
    f > 0 && moves > 0
      ? meanOverRateMultiplier(
          model.rateSigma,
          (m) =>
            (1 - f) * -Math.expm1(-m * meanHits) + f * expectedAddressesSeen(m * meanHits, moves),
          model.rateCap,
        )
      : seenProbability;
  return { seenProbability, addressesSeen };
}
