/**
 * The Hilbert curve that lays IPv4 out on a square (as in the xkcd map and ipv4-heatmap): numerically
 * close addresses stay close, and every CIDR block of even length is a square, every odd one a
 * rectangle of two squares.
 */

/** The (x, y) cell of index d on a curve of side 2^order, packed as x + y * side. */
export function hilbertCell(order: number, d: number): number {
  let x = 0;
  let y = 0;
  let t = d;
  for (let s = 1; s < 1 << order; s <<= 1) {
    const rx = 1 & (t >>> 1);
    const ry = 1 & (t ^ rx);
    if (ry === 0) {
      if (rx === 1) {
        x = s - 1 - x;
        y = s - 1 - y;
      }
      const tmp = x;
      x = y;
      y = tmp;
    }
    x += s * rx;
    y += s * ry;
    t >>>= 2;
  }
  return x + y * (1 << order);
}

/** The index on a curve of side 2^order of cell (x, y): the inverse of {@link hilbertCell}. */
export function hilbertIndex(order: number, x: number, y: number): number {
  let d = 0;
  for (let s = (1 << order) >>> 1; s > 0; s >>>= 1) {
    const rx = (x & s) > 0 ? 1 : 0;
    const ry = (y & s) > 0 ? 1 : 0;
    d += s * s * ((3 * rx) ^ ry);
    if (ry === 0) {
      if (rx === 1) {
        x = s - 1 - x;
        y = s - 1 - y;
      }
      const tmp = x;
      x = y;
      y = tmp;
    }
  }
  return d;
}
