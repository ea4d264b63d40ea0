/**
 * Nonlinear least squares by Levenberg-Marquardt, with Marquardt's diagonal scaling, for the few
 * parameters (2 to 6) of the analytic models. Written here to keep the library dependency-free.
 * @see Marquardt, "An Algorithm for Least-Squares Estimation of Nonlinear Parameters", SIAM J. 1963.
 * @see Press et al., Numerical Recipes, 3rd ed., section 15.5.
 */
import { invertSymmetric, solveLinear } from "./linear-algebra.ts";

/** A least-squares problem: minimise the sum of squared residuals over the parameters. */
export interface LeastSquaresProblem {
  /** Residuals (model - data) for parameters `p`; the same length on every call. */
  residuals(p: Float64Array): Float64Array;
  /** Jacobian d residual_i / d p_j, row-major (residual count x parameter count); numerical if omitted. */
  jacobian?(p: Float64Array): Float64Array;
  initial: ArrayLike<number>;
}

/** Options of {@link levenbergMarquardt}. */
export interface LeastSquaresOptions {
  /** Default 200. */
  maxIterations?: number;
  /** Stop when the relative decrease of the sum of squares falls below this; default 1e-12. */
  tolerance?: number;
  /** Largest change of any one parameter per step (a crude trust region); default unlimited. */
  maxStep?: number;
}

/** The minimiser and what is needed to judge it. */
export interface LeastSquaresResult {
  params: Float64Array;
  /** Sum of squared residuals at `params`. */
  sumSquares: number;
  residualCount: number;
  /** Degrees of freedom n - p. */
  dof: number;
  /** s^2 (J^T J)^-1, row-major p x p; NaN entries when J^T J is singular (parameters not identifiable). */
  covariance: Float64Array;
  iterations: number;
  converged: boolean;
}

/** A central-difference Jacobian with steps relative to each parameter's size. */
export function numericalJacobian(
  residuals: (p: Float64Array) => Float64Array,
  p: Float64Array,
  residualCount: number,
): Float64Array {
  const np = p.length;
  const jac = new Float64Array(residualCount * np);
  const q = Float64Array.from(p);
  for (let j = 0; j < np; j++) {
    const h = 1e-6 * Math.max(Math.abs(p[j]), 1e-3);
    q[j] = p[j] + h;
    const up = residuals(q);
    q[j] = p[j] - h;
    const down = residuals(q);
    q[j] = p[j];
    for (let i = 0; i < residualCount; i++) jac[i * np + j] = (up[i] - down[i]) / (2 * h);
  }
  return jac;
}

function sumOfSquares(r: Float64Array): number {
  let s = 0;
  for (const x of r) s += x * x;
  return Number.isFinite(s) ? s : Infinity;
}

/** J^T J (p x p) and J^T r (p). */
function normalEquations(jac: Float64Array, r: Float64Array, np: number) {
  const jtj = new Float64Array(np * np);
  const jtr = new Float64Array(np);
  for (let i = 0; i < r.length; i++) {
    for (let a = 0; a < np; a++) {
      const ja = jac[i * np + a];
      jtr[a] += ja * r[i];
      for (let b = 0; b <= a; b++) jtj[a * np + b] += ja * jac[i * np + b];
    }
  }
  for (let a = 0; a < np; a++) for (let b = 0; b < a; b++) jtj[b * np + a] = jtj[a * np + b];
  return { jtj, jtr };
}

/** Minimises the sum of squared residuals from `problem.initial`. */
export function levenbergMarquardt(
  problem: LeastSquaresProblem,
  options: LeastSquaresOptions = {},
): LeastSquaresResult {
  const maxIterations = options.maxIterations ?? 200;
  const tolerance = options.tolerance ?? 1e-12;
  const maxStep = options.maxStep ?? Infinity;
  let p = Float64Array.from(problem.initial);
  const np = p.length;
  let r = problem.residuals(p);
  const n = r.length;
  const jacobianAt = (x: Float64Array) =>
    problem.jacobian ? problem.jacobian(x) : numericalJacobian((y) => problem.residuals(y), x, n);
  let cost = sumOfSquares(r);
  if (!Number.isFinite(cost))
    throw new RangeError("residuals are not finite at the starting point");
  let lambda = 1e-3;
  let converged = false;
  let iterations = 0;
  let { jtj, jtr } = normalEquations(jacobianAt(p), r, np);
  while (iterations < maxIterations && !converged) {
    iterations++;
    let improved = false;
    // Raise the damping until a step lowers the cost (or the damping is absurd).
    while (!improved && lambda < 1e16) {
      const a = Float64Array.from(jtj);
      for (let j = 0; j < np; j++) a[j * np + j] += lambda * Math.max(jtj[j * np + j], 1e-300);
      const step = solveLinear(
        a,
        jtr.map((x) => -x),
        np,
      );
      if (step) {
        let largest = 0;
        for (const x of step) largest = Math.max(largest, Math.abs(x));
        if (largest > maxStep) step.forEach((x, j) => (step[j] = (x * maxStep) / largest));
      }
      const trial = step ? p.map((x, j) => x + step[j]) : p;
      const trialR = step ? problem.residuals(trial) : r;
      const trialCost = step ? sumOfSquares(trialR) : Infinity;
      if (trialCost < cost) {
        const relative = (cost - trialCost) / Math.max(cost, 1e-300);
        p = trial;
        r = trialR;
        cost = trialCost;
        lambda = Math.max(lambda / 10, 1e-12);
        improved = true;
        converged = relative < tolerance;
        ({ jtj, jtr } = normalEquations(jacobianAt(p), r, np));
      } else {
        lambda *= 10;
      }
    }
    if (!improved) converged = true; // no downhill step at any damping: a (numerical) minimum
  }
  const dof = n - np;
  const inverse = invertSymmetric(jtj, np);
  const s2 = dof > 0 ? cost / dof : NaN;
  const covariance = inverse ? inverse.map((x) => x * s2) : new Float64Array(np * np).fill(NaN);
  return { params: p, sumSquares: cost, residualCount: n, dof, covariance, iterations, converged };
}
