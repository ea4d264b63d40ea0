/**
 * The Hilbert curve over IPv4, as in the xkcd map, ipv4-heatmap and ISI's census maps: the address
 * space folded onto a square so that every CIDR block of even length is a square (a /8 is a 16x16
 * block of a 256x256 map of /16s) and numerically close addresses sit close together.
 * `order` k draws the top 2k bits of an address on a 2^k x 2^k grid: k = 8 gives one cell per /16,
 * k = 12 (4096 x 4096) one per /24.
 */

/** The (x, y) cell of curve index d on a 2^order x 2^order grid (the classic d2xy). */
export function hilbertXY(order: number, d: number): [number, number] {
  if (!Number.isInteger(order) || order < 1 || order > 16) {
    throw new RangeError(`order must be an integer from 1 to 16, got ${order}`);
  }
  let x = 0;
  let y = 0;
  let t = d;
  for (let s = 1; s < 2 ** order; s *= 2) {
    const rx = 1 & (t / 2);
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
    t = Math.floor(t / 4);
  }
  return [x, y];
}

/** The curve index of cell (x, y) on a 2^order x 2^order grid (the inverse of {@link hilbertXY}). */
export function hilbertIndex(order: number, x: number, y: number): number {
  let d = 0;
  let px = x;
  let py = y;
  for (let s = 2 ** (order - 1); s >= 1; s /= 2) {
    const rx = (px & s) > 0 ? 1 : 0;
    const ry = (py & s) > 0 ? 1 : 0;
    d += s * s * ((3 * rx) ^ ry);
    if (ry === 0) {
      if (rx === 1) {
        px = s - 1 - px;
        py = s - 1 - py;
      }
      const tmp = px;
      px = py;
      py = tmp;
    }
  }
  return d;
}

/** The map cell of an IPv4 address (an unsigned 32-bit integer) on a 2^order square. */
export function ipv4Cell(address: number, order: number): [number, number] {
  return hilbertXY(order, Math.floor((address >>> 0) / 2 ** (32 - 2 * order)));
}
