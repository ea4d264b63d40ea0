/**
 * The Analytical Active Worm Propagation (AAWP) model: a discrete-time model of a uniform scanner in
 * which each step every infected host sends s scans, infected hosts die (d) or are patched (p), and the
 * vulnerable population shrinks by patching.
 *
 *   n(i+1) = (1 - d - p) n(i) + [(1 - p)^i M - n(i)] [1 - (1 - 2^-32)^(s n(i))]
 *
 * @see Chen, Gao, Kwiat, "Modeling the Spread of Active Worms", IEEE INFOCOM 2003.
 */
import { IPV4_ADDRESS_COUNT } from "./logistic.ts";

/** Parameters of one AAWP run. */
export interface AawpParams {
  /** M, vulnerable hosts at step 0. */
  vulnerableHosts: number;
  /** s, scans per infected host per step. */
  scansPerStep: number;
  /** n(0), infected hosts at step 0 (the paper allows a hit list). Default 1. */
  initialInfected?: number;
  /** d, fraction of infected hosts that die (are disinfected) per step. Default 0. */
  deathRatePerStep?: number;
  /** p, fraction of hosts patched per step. Default 0. */
  patchRatePerStep?: number;
  /** Size of the scanned address space; default 2^32. */
  addressCount?: number;
}

/**
 * The Code Red v2 example: M = 360,000, s = 358 scans per minute, one-minute steps; one initial host,
 * no death or patching (the example's d and p are not restated here: assumed 0).
 * @see Chen, Gao, Kwiat 2003, section on Code Red v2.
 */
export const AAWP_CODE_RED_V2: Readonly<AawpParams> = Object.freeze({
  vulnerableHosts: 360_000,
  scansPerStep: 358,
  initialInfected: 1,
  deathRatePerStep: 0,
  patchRatePerStep: 0,
});

/** Minutes per step of {@link AAWP_CODE_RED_V2}. */
export const AAWP_CODE_RED_V2_STEP_MINUTES = 1;

/**
 * Probability that at least one of `scans` uniform scans hits one given address,
 * 1 - (1 - 1/A)^scans, computed as -expm1(scans * log1p(-1/A)): the naive form loses every digit
 * because 1 - 2^-32 rounds to within 2^-53 of 1 and its powers cancel against 1.
 */
export function hitProbability(scans: number, addressCount = IPV4_ADDRESS_COUNT): number {
  return -Math.expm1(scans * Math.log1p(-1 / addressCount));
}

/** n(0), n(1), ..., n(steps): infected hosts after each step. */
export function solveAawp(params: AawpParams, steps: number): Float64Array {
  const m = params.vulnerableHosts;
  const d = params.deathRatePerStep ?? 0;
  const p = params.patchRatePerStep ?? 0;
  const addresses = params.addressCount ?? IPV4_ADDRESS_COUNT;
  const n = new Float64Array(steps + 1);
  n[0] = params.initialInfected ?? 1;
  let vulnerable = m; // (1 - p)^i M
  for (let i = 0; i < steps; i++) {
    const hit = hitProbability(params.scansPerStep * n[i], addresses);
    n[i + 1] = (1 - d - p) * n[i] + Math.max(0, vulnerable - n[i]) * hit;
    vulnerable *= 1 - p;
  }
  return n;
}

/**
 * The growth rate per step of the AAWP while the worm is small, ln(1 + s M / A): n(i+1) ~ n(i) (1 + s M / A)
 * when n(i) << M and d = p = 0. Its continuous counterpart is the logistic K = s M / A per step.
 */
export function aawpEarlyGrowthPerStep(params: AawpParams): number {
  const addresses = params.addressCount ?? IPV4_ADDRESS_COUNT;
  const d = params.deathRatePerStep ?? 0;
  const p = params.patchRatePerStep ?? 0;
  return Math.log(1 - d - p + (params.scansPerStep * params.vulnerableHosts) / addresses);
}
