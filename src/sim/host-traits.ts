/**
 * Per-host traits both engines draw the same way from the run seed: each host's probe-rate multiplier
 * (heterogeneity) and whether its address is dynamic (address churn). Drawn from streams of their
 * own, so turning a trait off changes no other draw.
 * @see ../../docs/calibration.md (the calibrated dispersion and churn)
 */
import type { Rng } from "../core/rng.ts";
import { cappedLognormalScale } from "../core/stats/capped-lognormal.ts";
import { normalCdf } from "../core/stats/normal-cdf.ts";

export { cappedLognormalMean, cappedLognormalScale } from "../core/stats/capped-lognormal.ts";
import type { AddressSpace } from "../scan/address-space.ts";

/**
 * Per-host probe-rate heterogeneity: every probe rate of host h (any worm, any rate model) is
 * multiplied by a factor m_h fixed for the run. `lognormal`: ln m_h ~ Normal(-sigma^2/2, sigma^2),
 * so the mean multiplier is 1 and sigma = 0 is the homogeneous model.
 *
 * With `maxMultiplier` c (> 1; default none) the multiplier is a capped lognormal,
 * m_h = min(s L_h, c) with L_h the lognormal above and the scale s >= 1 chosen in closed form so that
 * the mean stays exactly 1 ({@link cappedLognormalScale}): no host probes faster than c times its
 * worm's rate. Why a cap: a Code Red host runs a fixed number of threads (100) and no attempt takes
 * less than a round trip (an immediate RST or ICMP unreachable still costs one; CPU and uplink bound
 * it too), so a host's rate has a physical maximum, where an unbounded lognormal's largest draw keeps
 * growing with the number of instances and speeds up a static-seed worm's frontier.
 * @see ../../docs/calibration.md (the fitted sigma and cap)
 */
export interface RateHeterogeneity {
  readonly distribution: "lognormal";
  readonly sigma: number;
  readonly maxMultiplier?: number;
}

/**
 * Address churn (DHCP, dial-up): a share of hosts have dynamic addresses, and each of them moves, at
 * `perHostPerHour`, to a uniformly chosen address of its own /16 that no other host holds. A host
 * keeps its identity (state, infection, rate) when its address changes; observers count addresses.
 */
export interface AddressChurn {
  readonly dynamicShare: number;
  readonly perHostPerHour: number;
}

/** Draws with the largest multiplier in any run are bounded for safety (e^(8 sigma)). */
const MAX_Z = 8;

/** A standard normal from two uniforms (Box-Muller, one value used: no hidden state). */
function standardNormal(rng: Rng): number {
  const u = 1 - rng.next();
  const v = rng.next();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

/**
 * The probe-rate multiplier of each of `n` hosts, or null for the homogeneous model (sigma = 0 or no
 * heterogeneity). Engines pass `root.fork("rate-multipliers")`. A cap changes the values, not the
 * draws: host h's normal deviate is the same with and without it.
 */
export function rateMultipliers(
  n: number,
  spec: RateHeterogeneity | undefined,
  rng: Rng,
): Float64Array | null {
  if (!spec || !(spec.sigma > 0)) return null;
  const sigma = spec.sigma;
  const out = new Float64Array(n);
  const mu = (-sigma * sigma) / 2;
  const cap = spec.maxMultiplier;
  if (cap === undefined) {
    for (let h = 0; h < n; h++) {
      const z = Math.max(-MAX_Z, Math.min(MAX_Z, standardNormal(rng)));
      out[h] = Math.exp(mu + sigma * z);
    }
    return out;
  }
  const logScale = Math.log(cappedLognormalScale(sigma, cap));
  for (let h = 0; h < n; h++) {
    const z = Math.max(-MAX_Z, Math.min(MAX_Z, standardNormal(rng)));
    out[h] = Math.min(cap, Math.exp(mu + logScale + sigma * z));
  }
  return out;
}

/** The share of hosts whose multiplier sits at the cap: P(s L >= cap). */
export function shareAtCap(sigma: number, cap: number): number {
  const s = cappedLognormalScale(sigma, cap);
  return 1 - normalCdf((Math.log(cap / s) + (sigma * sigma) / 2) / sigma);
}

/** The hosts (ascending indices) whose addresses are dynamic; engines pass `root.fork("dynamic-hosts")`. */
export function dynamicHosts(n: number, churn: AddressChurn | undefined, rng: Rng): Uint32Array {
  if (!churn || !(churn.dynamicShare > 0) || !(churn.perHostPerHour > 0)) return new Uint32Array(0);
  const picked: number[] = [];
  for (let h = 0; h < n; h++) if (rng.next() < churn.dynamicShare) picked.push(h);
  return Uint32Array.from(picked);
}

/** Attempts at a free address before a move is given up (the host keeps its address). */
export const MOVE_ATTEMPTS = 16;

/**
 * A new address for a host at `address`: uniform in its /16, not `address` itself and not held by
 * another host (`isHeld`), or -1 after {@link MOVE_ATTEMPTS} draws found none.
 */
export function newAddressIn16(
  address: number,
  space: AddressSpace,
  isHeld: (a: number) => boolean,
  uniform: () => number,
): number {
  const size = space.size16;
  if (size < 2) return -1;
  const base = address - (address % size);
  for (let k = 0; k < MOVE_ATTEMPTS; k++) {
    const a = base + Math.floor(uniform() * size);
    if (a !== address && !isHeld(a)) return a;
  }
  return -1;
}
