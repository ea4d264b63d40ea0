/**
 * Largest-triangle-three-buckets (LTTB) downsampling of a chart series: keeps the first and last
 * points and, from each of `threshold - 2` equal buckets between them, the point that makes the
 * largest triangle with the point kept before it and the mean of the next bucket. The shape (peaks,
 * steps) survives at a fraction of the points, so a chart of 10^6 rows stays small.
 * @see Sveinn Steinarsson, "Downsampling Time Series for Visual Representation", 2013.
 */

/** Series longer than this are downsampled to this many points; shorter ones are drawn as given. */
export const CHART_MAX_POINTS = 2_000;

/**
 * Indices (increasing) of the points LTTB keeps of `x`, `y` (x increasing); all indices when
 * `x.length <= threshold`.
 */
export function lttbIndices(
  x: ArrayLike<number>,
  y: ArrayLike<number>,
  threshold: number = CHART_MAX_POINTS,
): number[] {
  const n = x.length;
  if (threshold >= n || threshold < 3) return Array.from({ length: n }, (_, i) => i);
  const kept = [0];
  const every = (n - 2) / (threshold - 2);
  let a = 0;
  for (let b = 0; b < threshold - 2; b++) {
    const start = Math.floor(b * every) + 1;
    const end = Math.floor((b + 1) * every) + 1;
    const nextEnd = Math.min(Math.floor((b + 2) * every) + 1, n);
    let meanX = 0;
    let meanY = 0;
    for (let j = end; j < nextEnd; j++) {
      meanX += x[j];
      meanY += y[j];
    }
    const count = Math.max(nextEnd - end, 1);
    [meanX, meanY] = nextEnd > end ? [meanX / count, meanY / count] : [x[n - 1], y[n - 1]];
    let best = start;
    let bestArea = -1;
    for (let j = start; j < end; j++) {
      const area = Math.abs((x[a] - meanX) * (y[j] - y[a]) - (x[a] - x[j]) * (meanY - y[a]));
      if (area > bestArea) [best, bestArea] = [j, area];
    }
    kept.push(best);
    a = best;
  }
  kept.push(n - 1);
  return kept;
}

/** `points` downsampled by {@link lttbIndices}; the same array when it is short enough. */
export function downsamplePoints<P extends readonly [number, number, ...number[]]>(
  points: readonly P[],
  threshold: number = CHART_MAX_POINTS,
): readonly P[] {
  if (points.length <= threshold) return points;
  const keep = lttbIndices(
    points.map((p) => p[0]),
    points.map((p) => p[1]),
    threshold,
  );
  return keep.map((i) => points[i]);
}
