/** Dense linear algebra for the tiny (p <= 8) systems of least-squares fitting, row-major. */

/** Solves A x = b by Gaussian elimination with partial pivoting; undefined when A is singular. */
export function solveLinear(
  a: ArrayLike<number>,
  b: ArrayLike<number>,
  n: number,
): Float64Array | undefined {
  const m = Float64Array.from(a);
  const x = Float64Array.from(b);
  let scale = 0;
  for (const v of m) scale = Math.max(scale, Math.abs(v));
  for (let col = 0; col < n; col++) {
    let pivot = col;
    for (let row = col + 1; row < n; row++) {
      if (Math.abs(m[row * n + col]) > Math.abs(m[pivot * n + col])) pivot = row;
    }
    if (!(Math.abs(m[pivot * n + col]) > scale * 1e-14)) return undefined;
    if (pivot !== col) {
      for (let k = 0; k < n; k++) {
        const t = m[col * n + k];
        m[col * n + k] = m[pivot * n + k];
        m[pivot * n + k] = t;
      }
      const t = x[col];
      x[col] = x[pivot];
      x[pivot] = t;
    }
    for (let row = col + 1; row < n; row++) {
      const f = m[row * n + col] / m[col * n + col];
      if (f === 0) continue;
      for (let k = col; k < n; k++) m[row * n + k] -= f * m[col * n + k];
      x[row] -= f * x[col];
    }
  }
  for (let row = n - 1; row >= 0; row--) {
    let s = x[row];
    for (let k = row + 1; k < n; k++) s -= m[row * n + k] * x[k];
    x[row] = s / m[row * n + row];
  }
  return x;
}

/**
 * The inverse of a symmetric positive semi-definite matrix, computed after scaling to unit diagonal
 * (so parameters of very different sizes do not look singular); undefined when singular.
 */
export function invertSymmetric(a: ArrayLike<number>, n: number): Float64Array | undefined {
  const d = Float64Array.from({ length: n }, (_, i) => Math.sqrt(a[i * n + i]));
  if (d.some((v) => !(v > 0))) return undefined;
  const scaled = Float64Array.from({ length: n * n }, (_, k) => {
    const i = Math.floor(k / n);
    return a[k] / (d[i] * d[k % n]);
  });
  const inv = new Float64Array(n * n);
  for (let col = 0; col < n; col++) {
    const e = new Float64Array(n);
    e[col] = 1;
    const x = solveLinear(scaled, e, n);
    if (!x) return undefined;
    for (let row = 0; row < n; row++) inv[row * n + col] = x[row] / (d[row] * d[col]);
  }
  return inv;
}
