/**
 * The two-factor worm model: the simple epidemic slowed by two factors seen with Code Red, removal
 * (patching, cleaning, disconnecting) of infected and susceptible hosts, and an infection rate that falls
 * as the worm's own traffic congests the network.
 *
 *   dI/dt = beta(t) S I - dR/dt,   dR/dt = gamma I,   dQ/dt = mu S (I + R),
 *   beta(t) = beta0 (1 - I/N)^eta,  S = N - I - R - Q.
 *
 * @see Zou, Gong, Towsley, "Code Red Worm Propagation Modeling and Analysis", ACM CCS 2002.
 */
import { integrateRk4, type OdeRhs } from "./ode.ts";

/**
 * Parameters, with the per-host rates beta0 and mu given multiplied by N so that they read as rates
 * per hour independent of the population size.
 */
export interface TwoFactorParams {
  /** N, hosts that can be infected at the start. */
  population: number;
  /** I(0), infected hosts at time 0. */
  initialInfected: number;
  /** beta0 * N: the initial growth rate per hour (the logistic K of an unhindered worm). */
  contactRatePerHour: number;
  /** gamma: the rate per hour at which an infected host is removed (patched, cleaned, unplugged). */
  removalRatePerHour: number;
  /** mu * N: the rate per hour at which susceptible hosts are patched, per infected fraction. */
  patchRatePerHour: number;
  /** eta: how steeply congestion lowers the infection rate, beta(t) = beta0 (1 - I/N)^eta. */
  congestionExponent: number;
}

/**
 * The published demonstration values: N = 1,000,000, I0 = 1, eta = 3, gamma = 0.05, mu = 0.06/N,
 * beta0 = 0.8/N. The paper gives them in its own time unit; wormscope reads that unit as one hour.
 * @see Zou, Gong, Towsley 2002, section 5 (numerical solution of the two-factor model).
 */
export const TWO_FACTOR_DEMO: Readonly<TwoFactorParams> = Object.freeze({
  population: 1_000_000,
  initialInfected: 1,
  contactRatePerHour: 0.8,
  removalRatePerHour: 0.05,
  patchRatePerHour: 0.06,
  congestionExponent: 3,
});

/** The compartments over time, one entry per requested time. */
export interface TwoFactorSolution {
  timesHours: Float64Array;
  /** S(t): susceptible. */
  susceptible: Float64Array;
  /** I(t): infectious now. */
  infected: Float64Array;
  /** R(t): removed after infection. */
  removed: Float64Array;
  /** Q(t): patched before infection. */
  patched: Float64Array;
  /** J(t) = I + R: ever infected, the quantity a telescope counting unique sources sees. */
  everInfected: Float64Array;
}

/** The right-hand side over the state [I, R, Q], for {@link integrateRk4}. */
export function twoFactorRhs(p: TwoFactorParams): OdeRhs {
  const n = p.population;
  const beta0 = p.contactRatePerHour / n;
  const mu = p.patchRatePerHour / n;
  return (_t, y, dydt) => {
    const [i, r, q] = y;
    const s = Math.max(0, n - i - r - q);
    const beta = beta0 * Math.pow(Math.max(0, 1 - i / n), p.congestionExponent);
    const dr = p.removalRatePerHour * i;
    dydt[0] = beta * s * i - dr;
    dydt[1] = dr;
    dydt[2] = mu * s * (i + r);
  };
}

/**
 * Solves the model numerically (RK4, steps of at most `maxStepHours`, default 0.01 h) at `timesHours`,
 * with I(timesHours[0]) = I0 and R = Q = 0 there.
 */
export function solveTwoFactor(
  params: TwoFactorParams,
  timesHours: ArrayLike<number>,
  maxStepHours = 0.01,
): TwoFactorSolution {
  const states = integrateRk4(twoFactorRhs(params), [params.initialInfected, 0, 0], timesHours, {
    maxStep: maxStepHours,
  });
  const count = timesHours.length;
  const sol: TwoFactorSolution = {
    timesHours: Float64Array.from(timesHours),
    susceptible: new Float64Array(count),
    infected: new Float64Array(count),
    removed: new Float64Array(count),
    patched: new Float64Array(count),
    everInfected: new Float64Array(count),
  };
  for (let k = 0; k < count; k++) {
    const [i, r, q] = states.subarray(3 * k, 3 * k + 3);
    sol.infected[k] = i;
    sol.removed[k] = r;
    sol.patched[k] = q;
    sol.everInfected[k] = i + r;
    sol.susceptible[k] = params.population - i - r - q;
  }
  return sol;
}
