import { describe, expect, it } from "vitest";
import { hilbertIndex, hilbertXY, ipv4Cell } from "./hilbert.ts";

describe("Hilbert curve over IPv4", () => {
  it("visits every cell once, each step to a neighbour, and inverts", () => {
    for (const order of [1, 2, 4, 6]) {
      const n = 4 ** order;
      const seen = new Set<string>();
      let prev = hilbertXY(order, 0);
      expect(prev).toEqual([0, 0]);
      for (let d = 0; d < n; d++) {
        const [x, y] = hilbertXY(order, d);
        seen.add(`${x},${y}`);
        if (d > 0) expect(Math.abs(x - prev[0]) + Math.abs(y - prev[1])).toBe(1);
        expect(hilbertIndex(order, x, y)).toBe(d);
        prev = [x, y];
      }
      expect(seen.size).toBe(n);
    }
  });

  it("puts a /8 in a 16 x 16 square of the /16 map, and 0/8 at the origin", () => {
    const xs = new Set<number>();
    const ys = new Set<number>();
    for (let b = 0; b < 256; b++) {
      const [x, y] = ipv4Cell(((44 << 24) | (b << 16)) >>> 0, 8);
      xs.add(Math.floor(x / 16));
      ys.add(Math.floor(y / 16));
    }
    expect(xs.size).toBe(1);
    expect(ys.size).toBe(1);
    expect(ipv4Cell(0x00ffffff, 8)).toEqual(hilbertXY(8, 255));
    expect(ipv4Cell(0xffffffff, 12)).toEqual(hilbertXY(12, 4096 * 4096 - 1));
  });
});
