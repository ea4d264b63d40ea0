/**
 * The standard normal upper tail, for p-values of the agreement suite's band comparison (quantiles
 * live in src/models/student-t.ts).
 * @see Abramowitz and Stegun, Handbook of Mathematical Functions, 26.2.17 (|error| < 7.5e-8)
 */

/** P(Z > z) for a standard normal Z. */
export function normalSurvival(z: number): number {
  if (z < 0) return 1 - normalSurvival(-z);
  const t = 1 / (1 + 0.2316419 * z);
  const poly =
    t *
    (0.31938153 + t * (-0.356563782 + t * (1.781477937 + t * (-1.821255978 + t * 1.330274429))));
  return (Math.exp((-z * z) / 2) / Math.sqrt(2 * Math.PI)) * poly;
}
