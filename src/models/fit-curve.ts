/**
 * Least-squares fitting of a cumulative curve (infected hosts over time) either to the levels or to
 * the increments of the data, shared by the logistic and two-factor fits.
 */
import {
  levenbergMarquardt,
  type LeastSquaresOptions,
  type LeastSquaresResult,
} from "./least-squares.ts";

/**
 * How residuals are formed.
 * - "increments" (default): new infections between consecutive samples. For a counting process these
 *   errors are close to independent, so the intervals mean what they say. Two stages: an unweighted
 *   fit, then one refit with weights 1/sqrt(fitted increment) (Poisson-like variance), the increment
 *   floored at 1% of its peak so that empty intervals do not dominate.
 * - "levels": cumulative counts, the classic curve fit. Errors in a cumulative series accumulate and
 *   are strongly correlated, so its intervals are too narrow (see docs/models.md).
 */
export type FitMethod = "increments" | "levels";

/** Fits `curve(p)` (model values at every one of the data's times) to `values` from `initial`. */
export function fitCurve(
  values: ArrayLike<number>,
  curve: (p: Float64Array) => Float64Array,
  initial: ArrayLike<number>,
  method: FitMethod,
  options: LeastSquaresOptions = {},
): LeastSquaresResult {
  const count = values.length;
  if (method === "levels") {
    return levenbergMarquardt(
      {
        initial,
        residuals: (p) => {
          const model = curve(p);
          return Float64Array.from({ length: count }, (_, i) => model[i] - values[i]);
        },
      },
      options,
    );
  }
  const increments = (model: Float64Array, weights?: Float64Array) =>
    Float64Array.from({ length: count - 1 }, (_, i) => {
      const r = model[i + 1] - model[i] - (values[i + 1] - values[i]);
      return weights ? r * weights[i] : r;
    });
  const first = levenbergMarquardt({ initial, residuals: (p) => increments(curve(p)) }, options);
  const fitted = curve(first.params);
  let peak = 0;
  for (let i = 0; i + 1 < count; i++) peak = Math.max(peak, fitted[i + 1] - fitted[i]);
  const floor = Math.max(peak * 0.01, 1e-9);
  const weights = Float64Array.from({ length: count - 1 }, (_, i) => {
    return 1 / Math.sqrt(Math.max(fitted[i + 1] - fitted[i], floor));
  });
  return levenbergMarquardt(
    {
      initial: first.params,
      residuals: (p) => increments(curve(p), weights),
    },
    options,
  );
}

/** Root mean square of model minus data on the cumulative scale, in the data's unit. */
export function rmsError(model: ArrayLike<number>, values: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < values.length; i++) s += (model[i] - values[i]) ** 2;
  return Math.sqrt(s / Math.max(values.length, 1));
}
