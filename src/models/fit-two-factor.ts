/**
 * Fitting the two-factor model's ever-infected count J(t) = I + R to a time series of infected hosts
 * (what a telescope counting unique sources reports), with 95% intervals.
 * @see Zou, Gong, Towsley, "Code Red Worm Propagation Modeling and Analysis", ACM CCS 2002.
 */
import { fitCurve, rmsError, type FitMethod } from "./fit-curve.ts";
import { fixedParameter, logParameter, type FittedParameter } from "./fit-interval.ts";
import { fitLogistic } from "./fit.ts";
import { logisticValue } from "./logistic.ts";
import { solveTwoFactor, TWO_FACTOR_DEMO, type TwoFactorParams } from "./two-factor.ts";

/** Options of {@link fitTwoFactor}. */
export interface TwoFactorFitOptions {
  /** Hold N at this many hosts; fitted when omitted. */
  population?: number;
  /** Residuals on increments (default) or on levels. */
  method?: FitMethod;
  /** RK4 step, hours; default 0.02. */
  maxStepHours?: number;
}

/** A fitted two-factor model; parameters as in {@link TwoFactorParams}, time 0 at the first sample. */
export interface TwoFactorFit {
  model: "two-factor";
  method: FitMethod;
  contactRatePerHour: FittedParameter;
  removalRatePerHour: FittedParameter;
  patchRatePerHour: FittedParameter;
  congestionExponent: FittedParameter;
  initialInfected: FittedParameter;
  population: FittedParameter;
  /** The point estimate, ready for {@link solveTwoFactor}. */
  params: TwoFactorParams;
  rmsErrorHosts: number;
  pointCount: number;
  dof: number;
  iterations: number;
  converged: boolean;
}

/** Fewest points {@link fitTwoFactor} accepts: its parameters (6, or 5 with N held) plus 2. */
export function twoFactorMinimumPoints(population?: number): number {
  return (population === undefined ? 6 : 5) + 2;
}

/**
 * Fits beta0 N, gamma, mu N, eta, I0 and (unless given) N, all as logarithms so they stay positive;
 * intervals are therefore asymmetric. Starts from a logistic fit and the published demo's ratios.
 * With one sigmoid of data the four rates are often poorly identified: wide or NaN intervals say so.
 */
export function fitTwoFactor(
  timesHours: ArrayLike<number>,
  infected: ArrayLike<number>,
  options: TwoFactorFitOptions = {},
): TwoFactorFit {
  const method = options.method ?? "increments";
  const count = timesHours.length;
  const fixedN = options.population;
  const np = fixedN === undefined ? 6 : 5;
  const needed = twoFactorMinimumPoints(fixedN);
  if (count < needed) throw new RangeError(`need at least ${needed} points, got ${count}`);
  const t0 = timesHours[0];
  const relative = Float64Array.from({ length: count }, (_, i) => timesHours[i] - t0);
  const logistic = fitLogistic(relative, infected, { method: "levels" });
  const k = earlyGrowthPerHour(relative, infected) ?? logistic.ratePerHour.value;
  const demo = TWO_FACTOR_DEMO;
  const scale = k / demo.contactRatePerHour; // the demo's shape, time rescaled to this K
  const saturation = logistic.saturation.value;
  const shape = { ratePerHour: k, midpointHours: logistic.midpointHours.value };
  const i0 = Math.max(saturation * logisticValue(shape, 0), 1e-3);
  // Two starts: the published demo's shape, and a nearly plain logistic (little removal, patching or
  // congestion); the better levels fit wins.
  const starts = [
    [k, demo.removalRatePerHour * scale, demo.patchRatePerHour * scale, 3, i0, saturation / 0.76],
    [k, 1e-3 * k, 1e-3 * k, 0.1, i0, saturation * 1.01],
  ].map((start) => start.slice(0, np).map(Math.log));
  const unpack = (p: ArrayLike<number>): TwoFactorParams => ({
    contactRatePerHour: Math.exp(p[0]),
    removalRatePerHour: Math.exp(p[1]),
    patchRatePerHour: Math.exp(p[2]),
    congestionExponent: Math.exp(p[3]),
    initialInfected: Math.exp(p[4]),
    population: fixedN ?? Math.exp(p[5]),
  });
  const curve = (p: ArrayLike<number>) =>
    solveTwoFactor(unpack(p), relative, options.maxStepHours ?? 0.02).everInfected;
  // Parameters are logarithms: a step of at most 0.5 changes a rate by at most a factor 1.65.
  const lm = { maxStep: 0.5, maxIterations: 500 };
  // Levels pin the overall size; increments alone can drift into far, flat regions. Fit levels first.
  const byLevels = starts
    .map((start) => fitCurve(infected, curve, start, "levels", lm))
    .reduce((best, fit) => (fit.sumSquares < best.sumSquares ? fit : best));
  const result =
    method === "levels" ? byLevels : fitCurve(infected, curve, byLevels.params, method, lm);
  return {
    model: "two-factor",
    method,
    contactRatePerHour: logParameter(result, 0),
    removalRatePerHour: logParameter(result, 1),
    patchRatePerHour: logParameter(result, 2),
    congestionExponent: logParameter(result, 3),
    initialInfected: logParameter(result, 4),
    population: fixedN === undefined ? logParameter(result, 5) : fixedParameter(fixedN),
    params: unpack(result.params),
    rmsErrorHosts: rmsError(curve(result.params), infected),
    pointCount: count,
    dof: result.dof,
    iterations: result.iterations,
    converged: result.converged,
  };
}

/**
 * The exponential growth rate per hour while the count is between 0.1% and 10% of its maximum (least
 * squares on the logarithm), or undefined with fewer than 3 such points.
 */
function earlyGrowthPerHour(
  timesHours: ArrayLike<number>,
  values: ArrayLike<number>,
): number | undefined {
  let max = 0;
  for (let i = 0; i < values.length; i++) max = Math.max(max, values[i]);
  const xs: number[] = [];
  const ys: number[] = [];
  for (let i = 0; i < values.length; i++) {
    if (values[i] >= Math.max(1e-3 * max, 1) && values[i] <= 0.1 * max) {
      xs.push(timesHours[i]);
      ys.push(Math.log(values[i]));
    }
  }
  if (xs.length < 3) return undefined;
  const mx = xs.reduce((a, b) => a + b) / xs.length;
  const my = ys.reduce((a, b) => a + b) / ys.length;
  let sxy = 0;
  let sxx = 0;
  xs.forEach((x, i) => {
    sxy += (x - mx) * (ys[i] - my);
    sxx += (x - mx) ** 2;
  });
  const slope = sxy / sxx;
  return slope > 0 ? slope : undefined;
}
