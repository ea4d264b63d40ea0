/** Standard errors and 95% confidence intervals of least-squares estimates. */
import type { LeastSquaresResult } from "./least-squares.ts";
import { studentTQuantile } from "./student-t.ts";

/** An estimate with its uncertainty. NaN error and interval when the data cannot determine it. */
export interface FittedParameter {
  value: number;
  /** Asymptotic standard error, from s^2 (J^T J)^-1. */
  stdError: number;
  /** 95% confidence interval [low, high] from the t distribution with n - p degrees of freedom. */
  ci95: [number, number];
  /** True when the parameter was held at a given value rather than fitted. */
  fixed: boolean;
}

/** A parameter held at `value`. */
export function fixedParameter(value: number): FittedParameter {
  return { value, stdError: 0, ci95: [value, value], fixed: true };
}

/** The estimate of parameter `j` of a fit: value +- t(0.975, dof) * standard error. */
export function linearParameter(fit: LeastSquaresResult, j: number): FittedParameter {
  const np = fit.params.length;
  const value = fit.params[j];
  const stdError = Math.sqrt(fit.covariance[j * np + j]);
  const half = studentTQuantile(0.975, fit.dof) * stdError;
  return { value, stdError, ci95: [value - half, value + half], fixed: false };
}

/**
 * The estimate of a positive parameter fitted as its logarithm (parameter `j` is ln x): the interval
 * is exp of the interval on ln x (asymmetric, never negative), the standard error x * se(ln x).
 */
export function logParameter(fit: LeastSquaresResult, j: number): FittedParameter {
  const onLog = linearParameter(fit, j);
  const value = Math.exp(onLog.value);
  return {
    value,
    stdError: value * onLog.stdError,
    ci95: [Math.exp(onLog.ci95[0]), Math.exp(onLog.ci95[1])],
    fixed: false,
  };
}
