/**
 * A classical fourth-order Runge-Kutta integrator over typed arrays, for the small ODE systems of the
 * analytic worm models (1 to 4 equations). Fixed steps keep results reproducible to the last bit.
 */

/** Writes dy/dt at time `t` and state `y` into `dydt`; must not keep references to either array. */
export type OdeRhs = (t: number, y: Float64Array, dydt: Float64Array) => void;

/** Options of {@link integrateRk4}. */
export interface Rk4Options {
  /** Largest step in the time unit of the rhs; the interval between outputs is split evenly. Default 0.01. */
  maxStep?: number;
}

/**
 * Integrates dy/dt = rhs(t, y) from `y0` at `times[0]` and returns the state at every time in `times`
 * (non-decreasing), row-major: state i at `out.subarray(i * dim, (i + 1) * dim)`.
 */
export function integrateRk4(
  rhs: OdeRhs,
  y0: ArrayLike<number>,
  times: ArrayLike<number>,
  options: Rk4Options = {},
): Float64Array {
  const maxStep = options.maxStep ?? 0.01;
  if (!(maxStep > 0)) throw new RangeError(`maxStep must be positive, got ${maxStep}`);
  const dim = y0.length;
  const out = new Float64Array(times.length * dim);
  if (times.length === 0) return out;
  const y = Float64Array.from(y0);
  const stepper = createRk4Stepper(rhs, dim);
  out.set(y, 0);
  for (let i = 1; i < times.length; i++) {
    const from = times[i - 1];
    const span = times[i] - from;
    if (!(span >= 0)) throw new RangeError(`times must be non-decreasing (index ${i})`);
    const steps = Math.ceil(span / maxStep - 1e-9);
    for (let k = 0; k < steps; k++) stepper(from + (k * span) / steps, span / steps, y);
    out.set(y, i * dim);
  }
  return out;
}

/** One RK4 step of size `h` from time `t`, updating `y` in place. */
export type Rk4Step = (t: number, h: number, y: Float64Array) => void;

/** A stepper with preallocated work arrays for systems of `dim` equations. */
export function createRk4Stepper(rhs: OdeRhs, dim: number): Rk4Step {
  const k1 = new Float64Array(dim);
  const k2 = new Float64Array(dim);
  const k3 = new Float64Array(dim);
  const k4 = new Float64Array(dim);
  const tmp = new Float64Array(dim);
  return (t, h, y) => {
    rhs(t, y, k1);
    for (let j = 0; j < dim; j++) tmp[j] = y[j] + 0.5 * h * k1[j];
    rhs(t + 0.5 * h, tmp, k2);
    for (let j = 0; j < dim; j++) tmp[j] = y[j] + 0.5 * h * k2[j];
    rhs(t + 0.5 * h, tmp, k3);
    for (let j = 0; j < dim; j++) tmp[j] = y[j] + h * k3[j];
    rhs(t + h, tmp, k4);
    for (let j = 0; j < dim; j++) y[j] += (h / 6) * (k1[j] + 2 * k2[j] + 2 * k3[j] + k4[j]);
  };
}
