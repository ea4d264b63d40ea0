/**
 * The random constant spread model: a worm that probes addresses uniformly at random at a constant rate
 * grows logistically, da/dt = K a (1 - a), with a the infected fraction of the vulnerable hosts.
 * @see Staniford, Paxson, Weaver, "How to 0wn the Internet in Your Spare Time", USENIX Security 2002.
 */
import { integrateRk4, type OdeRhs } from "./ode.ts";

/** Size of the IPv4 address space a uniform scanner draws from. */
export const IPV4_ADDRESS_COUNT = 2 ** 32;

/** Parameters of a logistic curve in hours. */
export interface LogisticParams {
  /** K, the initial growth rate per hour. */
  ratePerHour: number;
  /** T, the time (hours) at which half the vulnerable hosts are infected. */
  midpointHours: number;
  /** The number of vulnerable hosts reached at saturation (N); default 1 (fractions). */
  saturation?: number;
}

/**
 * K = r N / 2^32 per hour, for `probesPerSecond` (r) per infected host and `vulnerableHosts` (N):
 * each probe finds a vulnerable host with probability N / 2^32.
 * @see Staniford, Paxson, Weaver 2002, section 3 (K = 1.8 per hour for Code Red v2).
 */
export function logisticRatePerHour(probesPerSecond: number, vulnerableHosts: number): number {
  return (probesPerSecond * vulnerableHosts * 3600) / IPV4_ADDRESS_COUNT;
}

/** The inverse of {@link logisticRatePerHour}: the probe rate per host that gives K. */
export function logisticProbesPerSecond(ratePerHour: number, vulnerableHosts: number): number {
  return (ratePerHour * IPV4_ADDRESS_COUNT) / (vulnerableHosts * 3600);
}

/**
 * The closed form a(t) = e^{K(t-T)} / (1 + e^{K(t-T)}), times `saturation` (default 1: a fraction).
 */
export function logisticValue(params: LogisticParams, timeHours: number): number {
  const x = params.ratePerHour * (timeHours - params.midpointHours);
  // Written both ways so neither branch overflows.
  const a = x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x));
  return (params.saturation ?? 1) * a;
}

/** The closed form at each of `timesHours`. */
export function logisticSeries(
  params: LogisticParams,
  timesHours: ArrayLike<number>,
): Float64Array {
  return Float64Array.from({ length: timesHours.length }, (_, i) =>
    logisticValue(params, timesHours[i]),
  );
}

/** The midpoint T of the curve through `initialFraction` (0 < a0 < 1) at `startHours`. */
export function logisticMidpointHours(
  initialFraction: number,
  ratePerHour: number,
  startHours = 0,
): number {
  if (!(initialFraction > 0 && initialFraction < 1)) {
    throw new RangeError(`initial fraction must be in (0, 1), got ${initialFraction}`);
  }
  return startHours - Math.log(initialFraction / (1 - initialFraction)) / ratePerHour;
}

/** The right-hand side da/dt = K a (1 - a), for {@link integrateRk4}. */
export function logisticRhs(ratePerHour: number): OdeRhs {
  return (_t, y, dydt) => {
    dydt[0] = ratePerHour * y[0] * (1 - y[0]);
  };
}

/** The infected fraction at `timesHours` by numerical integration (a cross-check of the closed form). */
export function logisticSolveRk4(
  ratePerHour: number,
  initialFraction: number,
  timesHours: ArrayLike<number>,
  maxStepHours = 0.01,
): Float64Array {
  return integrateRk4(logisticRhs(ratePerHour), [initialFraction], timesHours, {
    maxStep: maxStepHours,
  });
}
