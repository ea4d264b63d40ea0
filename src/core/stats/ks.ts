/**
 * The two-sample Kolmogorov-Smirnov test: statistic D = sup |F_a - F_b| and its p-value, exact (the
 * permutation distribution of D, conditional on the ties of the pooled sample) or asymptotic
 * (Kolmogorov's limit law). Infinite values are allowed (e.g. a threshold never reached) and tie.
 * @see Schröer and Trenkler, "Exact and randomization distributions of Kolmogorov-Smirnov tests for
 *   two or three samples", Computational Statistics & Data Analysis 20 (1995): the lattice-path count
 *   with ties, as in R's psmirnov.
 */

/** Outcome of a two-sample KS test. */
export interface KsResult {
  /** D = sup over x of |F_a(x) - F_b(x)|, in [0, 1]. */
  readonly statistic: number;
  /** P(D >= observed) under the null hypothesis that both samples come from one distribution. */
  readonly pValue: number;
  readonly method: "exact" | "asymptotic";
  readonly n: number;
  readonly m: number;
}

/** Largest n x m for which `auto` uses the exact p-value (its cost is O(n m)). */
export const KS_EXACT_MAX_CELLS = 4_000_000;

function sorted(x: ArrayLike<number>): Float64Array {
  const s = Float64Array.from(x);
  for (const v of s) if (Number.isNaN(v)) throw new RangeError("KS test: NaN in sample");
  return s.sort();
}

/**
 * Walks the pooled sample in order; calls `visit(i, j)` after each tie group, with i and j the number
 * of values of a and b at or below it.
 */
function walk(a: Float64Array, b: Float64Array, visit: (i: number, j: number) => void): void {
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    const v = Math.min(i < a.length ? a[i] : Infinity, j < b.length ? b[j] : Infinity);
    while (i < a.length && a[i] === v) i++;
    while (j < b.length && b[j] === v) j++;
    visit(i, j);
  }
}

/** Tie-group ends of the pooled sample: ends[k] = 1 when the pooled rank k (1-based) ends a group. */
function groupEnds(a: Float64Array, b: Float64Array): Uint8Array {
  const ends = new Uint8Array(a.length + b.length + 1);
  walk(a, b, (i, j) => (ends[i + j] = 1));
  return ends;
}

/** Exact P(D >= d), with d = dScaled / (n m), given the tie-group ends of the pooled sample. */
function exactPValue(n: number, m: number, dScaled: number, ends: Uint8Array): number {
  // u[j]: probability that a uniformly random arrangement reaches (i, j) staying inside the band
  // |i m - j n| < dScaled at every tie-group end.
  const u = new Float64Array(m + 1);
  const inside = (i: number, j: number): boolean =>
    !ends[i + j] || Math.abs(i * m - j * n) < dScaled;
  u[0] = 1;
  for (let j = 1; j <= m; j++) u[j] = inside(0, j) ? (u[j - 1] * (m - j + 1)) / (n + m - j + 1) : 0;
  for (let i = 1; i <= n; i++) {
    u[0] = inside(i, 0) ? (u[0] * (n - i + 1)) / (n + m - i + 1) : 0;
    for (let j = 1; j <= m; j++) {
      const left = n + m - i - j + 1;
      const value = (u[j] * (n - i + 1)) / left + (u[j - 1] * (m - j + 1)) / left;
      u[j] = inside(i, j) ? value : 0;
    }
  }
  return Math.min(1, Math.max(0, 1 - u[m]));
}

/** Kolmogorov's limit: P(K > lambda) = 2 sum_{k>=1} (-1)^(k-1) exp(-2 k^2 lambda^2). */
export function kolmogorovSurvival(lambda: number): number {
  if (lambda <= 0) return 1;
  if (lambda < 0.2) return 1;
  let sum = 0;
  for (let k = 1; k <= 100; k++) {
    const term = Math.exp(-2 * k * k * lambda * lambda);
    sum += (k % 2 === 1 ? 1 : -1) * term;
    if (term < 1e-17) break;
  }
  return Math.min(1, Math.max(0, 2 * sum));
}

/**
 * Two-sample KS test of `a` against `b`. `method`: "exact" (O(n m)), "asymptotic", or "auto" (the
 * default: exact when n m <= {@link KS_EXACT_MAX_CELLS}).
 */
export function ksTwoSample(
  a: ArrayLike<number>,
  b: ArrayLike<number>,
  method: "exact" | "asymptotic" | "auto" = "auto",
): KsResult {
  const x = sorted(a);
  const y = sorted(b);
  const n = x.length;
  const m = y.length;
  if (n === 0 || m === 0) throw new RangeError("KS test: both samples must be non-empty");
  let dScaled = 0;
  walk(x, y, (i, j) => (dScaled = Math.max(dScaled, Math.abs(i * m - j * n))));
  const statistic = dScaled / (n * m);
  const exact = method === "exact" || (method === "auto" && n * m <= KS_EXACT_MAX_CELLS);
  const pValue = exact
    ? exactPValue(n, m, dScaled, groupEnds(x, y))
    : kolmogorovSurvival(statistic * Math.sqrt((n * m) / (n + m)));
  return { statistic, pValue, method: exact ? "exact" : "asymptotic", n, m };
}
