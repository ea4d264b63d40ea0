/**
 * Early warning of a scanning worm from a monitor's counts (Zou, Gao, Gong and Towsley, "Monitoring
 * and early warning for Internet worms", CCS 2003): early in an outbreak the infected population
 * grows as y_t = (1 + a) y_{t-1}, so the increments z_t = y_t - y_{t-1} = a y_{t-1} + b are a linear
 * measurement of the per-step growth a (gain y_{t-1}) and of a constant background b (sources that
 * are not the worm; with a time term, since the background also adds to y). A three-state Kalman
 * filter estimates them step by step; a worm
 * is declared when the estimate is positive with confidence, large enough and no longer falling
 * (a constant-rate background makes the estimate fall as 1/t; an epidemic keeps it level).
 *
 * The series y may be cumulative distinct sources seen (a telescope's or a darknet's), or scans per
 * step (proportional to the infected hosts scanning): both grow as e^{K t} early.
 * @see ../../docs/models.md (early warning)
 */

/** The detector's parameters, each a documented default. */
export interface EarlyWarningOptions {
  /** Length of one step, minutes (the series' resolution). */
  readonly stepMinutes: number;
  /** Smallest y_{t-1} at which a step counts (fewer sources say nothing about a trend). Default 8. */
  readonly minLevel?: number;
  /** Smallest growth rate K (per hour) worth an alarm: the lower 95% bound must exceed it. Default 0.3. */
  readonly minRatePerHour?: number;
  /**
   * Steps over which the estimate must not have fallen by more than {@link maxFall} and the other
   * conditions must hold, consecutively. Default 30.
   */
  readonly holdSteps?: number;
  /** Largest relative fall of the estimate over `holdSteps` (a background's 1/t decay). Default 0.05. */
  readonly maxFall?: number;
  /** Process noise of the growth per step (lets the estimate follow a slowing epidemic). Default 1e-7. */
  readonly processNoise?: number;
}

/** The detector's state after each step. */
export interface EarlyWarningStep {
  /** Growth rate estimate K per hour, and its standard error. */
  readonly ratePerHour: number;
  readonly rateSE: number;
  /** Whether every alarm condition holds at this step. */
  readonly conditionsHold: boolean;
}

/** What the detector concludes. */
export interface EarlyWarningResult {
  /** Index of the step at which the alarm went off (conditions held for holdSteps), or null. */
  readonly alarmStep: number | null;
  /** K per hour at the alarm (or at the end, without one), with a 95% interval. */
  readonly ratePerHour: number;
  readonly rate95: readonly [number, number];
  readonly steps: readonly EarlyWarningStep[];
}

/** The defaults of {@link EarlyWarningOptions}. */
export const EARLY_WARNING_DEFAULTS = {
  minLevel: 8,
  minRatePerHour: 0.3,
  holdSteps: 30,
  maxFall: 0.05,
  processNoise: 1e-7,
} as const;

/**
 * Runs the detector over `y` (one value per step). Observation noise is Poisson-like: the variance
 * of an increment is its predicted value times a dispersion, the running mean of squared residuals
 * per unit of prediction (at least 1, so overdispersed counts widen the interval).
 */
export function detectOutbreak(
  y: ArrayLike<number>,
  options: EarlyWarningOptions,
): EarlyWarningResult {
  const o = { ...EARLY_WARNING_DEFAULTS, ...options };
  if (!(o.stepMinutes > 0)) throw new RangeError("stepMinutes must be > 0");
  const perHour = 60 / o.stepMinutes;
  // State x = [a, b, c]: z_t = a y_{t-1} + b + c t. With y = I + B (the worm's count I and a
  // background B = beta t), z = a I + beta = a y + beta - a beta t: b and c absorb the background.
  const x = [0, 0, 0];
  const P = [
    [1, 0, 0],
    [0, 1e4, 0],
    [0, 0, 1],
  ];
  let dispersion = 1;
  let dispersionN = 0;
  const steps: EarlyWarningStep[] = [];
  const history: number[] = [];
  let run = 0;
  let alarmStep: number | null = null;
  let t0 = -1;
  for (let t = 0; t < y.length; t++) {
    const level = t === 0 ? 0 : y[t - 1];
    if (t > 0 && level >= o.minLevel) {
      if (t0 < 0) t0 = t;
      P[0][0] += o.processNoise;
      const H = [level, 1, t - t0];
      const z = y[t] - level;
      const predicted = H[0] * x[0] + H[1] * x[1] + H[2] * x[2];
      const r = Math.max(1, dispersion) * Math.max(1, predicted);
      const residual = z - predicted;
      const PH = [0, 1, 2].map((i) => P[i][0] * H[0] + P[i][1] * H[1] + P[i][2] * H[2]);
      const S = H[0] * PH[0] + H[1] * PH[1] + H[2] * PH[2] + r;
      const gain = PH.map((v) => v / S);
      for (let i = 0; i < 3; i++) x[i] += gain[i] * residual;
      // P = P - gain (P H)' (P symmetric).
      for (let i = 0; i < 3; i++) for (let j = 0; j < 3; j++) P[i][j] -= gain[i] * PH[j];
      dispersionN++;
      const unit = (residual * residual) / Math.max(1, predicted);
      dispersion += (unit - dispersion) / Math.min(dispersionN, 200);
    }
    const ratePerHour = x[0] * perHour;
    const rateSE = Math.sqrt(Math.max(P[0][0], 0)) * perHour;
    history.push(ratePerHour);
    const earlier = t >= o.holdSteps ? history[t - o.holdSteps] : Number.NaN;
    const conditionsHold =
      level >= o.minLevel &&
      ratePerHour - 1.96 * rateSE > o.minRatePerHour &&
      Number.isFinite(earlier) &&
      ratePerHour >= (1 - o.maxFall) * earlier;
    steps.push({ ratePerHour, rateSE, conditionsHold });
    run = conditionsHold ? run + 1 : 0;
    if (alarmStep === null && run >= o.holdSteps) alarmStep = t;
  }
  const at = steps[alarmStep ?? steps.length - 1] ?? {
    ratePerHour: 0,
    rateSE: Number.POSITIVE_INFINITY,
  };
  return {
    alarmStep,
    ratePerHour: at.ratePerHour,
    rate95: [at.ratePerHour - 1.96 * at.rateSE, at.ratePerHour + 1.96 * at.rateSE],
    steps,
  };
}

/**
 * Projects y forward from its last value at growth K per hour, saturating at `ceiling` (logistic)
 * when one is given: y(t) = C / (1 + (C / y0 - 1) e^{-K t}), or y0 e^{K t} without one.
 */
export function projectCurve(
  y0: number,
  ratePerHour: number,
  hours: readonly number[],
  ceiling?: number,
): number[] {
  return hours.map((t) => {
    const growth = Math.exp(ratePerHour * t);
    if (ceiling === undefined || !(ceiling > y0)) return y0 * growth;
    return ceiling / (1 + (ceiling / y0 - 1) / growth);
  });
}
