import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Fenwick } from "./fenwick.ts";

describe("Fenwick tree", () => {
  it("matches naive prefix sums and weighted search on integer weights", () => {
    fc.assert(
      fc.property(fc.array(fc.nat({ max: 50 }), { minLength: 1, maxLength: 300 }), (weights) => {
        const f = new Fenwick(weights.length);
        weights.forEach((w, i) => f.set(i, w));
        let sum = 0;
        for (let i = 0; i <= weights.length; i++) {
          expect(f.prefix(i)).toBe(sum);
          if (i < weights.length) sum += weights[i];
        }
        expect(f.total()).toBe(sum);
        for (let target = 0; target < sum; target += Math.max(1, Math.floor(sum / 50))) {
          const i = f.search(target);
          expect(weights[i]).toBeGreaterThan(0);
          expect(f.prefix(i)).toBeLessThanOrEqual(target);
          expect(f.prefix(i + 1)).toBeGreaterThan(target);
          expect(f.remainder).toBe(target - f.prefix(i));
        }
      }),
    );
  });
});
