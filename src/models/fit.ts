/**
 * Fitting the logistic (random constant spread) curve y(t) = N / (1 + e^{-K (t - T)}) to a time series
 * of infected hosts by Levenberg-Marquardt least squares, with asymptotic 95% confidence intervals.
 * @see Staniford, Paxson, Weaver 2002 (K = 1.8 per hour for Code Red v2, fitted the same way).
 */
import { fixedParameter, linearParameter, type FittedParameter } from "./fit-interval.ts";
import { fitCurve, rmsError, type FitMethod } from "./fit-curve.ts";
import { logisticSeries } from "./logistic.ts";

export type { FittedParameter } from "./fit-interval.ts";
export type { FitMethod } from "./fit-curve.ts";

/** Options of {@link fitLogistic}. */
export interface LogisticFitOptions {
  /** Hold the saturation level N at this many hosts; fitted when omitted. */
  saturation?: number;
  /** Residuals on increments (default) or on levels; see {@link FitMethod}. */
  method?: FitMethod;
}

/** A fitted logistic curve. */
export interface LogisticFit {
  model: "logistic";
  method: FitMethod;
  /** K, per hour. */
  ratePerHour: FittedParameter;
  /** T, hours on the data's time axis, when half of N is infected. */
  midpointHours: FittedParameter;
  /** N, hosts infected at saturation. */
  saturation: FittedParameter;
  /** Root mean square of fitted minus observed infected hosts (cumulative scale). */
  rmsErrorHosts: number;
  pointCount: number;
  dof: number;
  iterations: number;
  converged: boolean;
}

/** Starting values read off the data: N from the maximum, K and T from 10%/50%/90% crossings. */
export function logisticStartingValues(
  timesHours: ArrayLike<number>,
  infected: ArrayLike<number>,
  saturation?: number,
): { ratePerHour: number; midpointHours: number; saturation: number } {
  let max = 0;
  for (let i = 0; i < infected.length; i++) max = Math.max(max, infected[i]);
  const n0 = saturation ?? max * 1.02;
  const cross = (fraction: number) => crossingTime(timesHours, infected, fraction * n0);
  const [t10, t50, t90] = [cross(0.1), cross(0.5), cross(0.9)];
  const ln9 = Math.log(9);
  const first = timesHours[0];
  const last = timesHours[timesHours.length - 1];
  let k = t10 !== undefined && t90 !== undefined && t90 > t10 ? (2 * ln9) / (t90 - t10) : NaN;
  if (!(k > 0) && t10 !== undefined && t50 !== undefined && t50 > t10) k = ln9 / (t50 - t10);
  if (!(k > 0)) k = 8 / Math.max(last - first, 1e-9);
  const t = t50 ?? (t10 !== undefined ? t10 + ln9 / k : (first + last) / 2);
  return { ratePerHour: k, midpointHours: t, saturation: n0 };
}

/** First time the series reaches `level`, by linear interpolation; undefined if it never does. */
function crossingTime(
  timesHours: ArrayLike<number>,
  values: ArrayLike<number>,
  level: number,
): number | undefined {
  if (values.length > 0 && values[0] >= level) return timesHours[0];
  for (let i = 1; i < values.length; i++) {
    if (values[i] >= level) {
      const f = (level - values[i - 1]) / (values[i] - values[i - 1]);
      return timesHours[i - 1] + f * (timesHours[i] - timesHours[i - 1]);
    }
  }
  return undefined;
}

/**
 * Fits K, T and (unless given) N to `infected` hosts at `timesHours` (increasing). The 95% intervals
 * are asymptotic (t distribution, n - p degrees of freedom); see {@link FitMethod} for what they
 * assume about the errors.
 */
export function fitLogistic(
  timesHours: ArrayLike<number>,
  infected: ArrayLike<number>,
  options: LogisticFitOptions = {},
): LogisticFit {
  const count = timesHours.length;
  if (infected.length !== count) throw new RangeError("times and infected differ in length");
  const method = options.method ?? "increments";
  const fixedN = options.saturation;
  const np = fixedN === undefined ? 3 : 2;
  const needed = np + (method === "increments" ? 2 : 1);
  if (count < needed) throw new RangeError(`need at least ${needed} points, got ${count}`);
  const start = logisticStartingValues(timesHours, infected, fixedN);
  const initial = [start.ratePerHour, start.midpointHours, start.saturation].slice(0, np);
  const unpack = (p: ArrayLike<number>) => ({
    ratePerHour: p[0],
    midpointHours: p[1],
    saturation: fixedN ?? p[2],
  });
  const curve = (p: ArrayLike<number>) => logisticSeries(unpack(p), timesHours);
  const result = fitCurve(infected, curve, initial, method);
  return {
    model: "logistic",
    method,
    ratePerHour: linearParameter(result, 0),
    midpointHours: linearParameter(result, 1),
    saturation: fixedN === undefined ? linearParameter(result, 2) : fixedParameter(fixedN),
    rmsErrorHosts: rmsError(curve(result.params), infected),
    pointCount: count,
    dof: result.dof,
    iterations: result.iterations,
    // A falling or empty curve is outside the model (an outbreak that grows to N > 0 at K > 0):
    // whatever the optimiser says, that is not a fit.
    converged: result.converged && result.params[0] > 0 && (fixedN ?? result.params[2]) > 0,
  };
}
