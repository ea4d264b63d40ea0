import { describe, expect, it } from "vitest";
import { normalCdf } from "./normal-cdf.ts";
import { normalSurvival } from "./normal.ts";

// Reference values from SciPy 1.x (scipy.stats.norm.cdf).
const SCIPY: readonly (readonly [number, number])[] = [
  [-8, 6.22096057427174e-16],
  [-6, 9.865876450376946e-10],
  [-3.5, 0.00023262907903552502],
  [-1.96, 0.024997895148220435],
  [-1, 0.15865525393145707],
  [-0.5, 0.3085375387259869],
  [0, 0.5],
  [0.3, 0.6179114221889526],
  [1, 0.8413447460685429],
  [1.644853626951, 0.9499999999999512],
  [2.5, 0.9937903346742238],
  [5, 0.9999997133484281],
  [7, 0.9999999999987201],
];

// The lower tail, where the relative error matters (scipy.stats.norm.cdf).
const SCIPY_TAIL: readonly (readonly [number, number])[] = [
  [-37, 5.7255712225239266e-300],
  [-20, 2.7536241186061556e-89],
  [-8, 6.22096057427174e-16],
  [-3.0000001, 0.0013498975884453205],
  [-2.9999999, 0.0013498984748150013],
];

describe("normalCdf", () => {
  it("matches SciPy to 1e-14 absolute", () => {
    for (const [z, p] of SCIPY) expect(Math.abs(normalCdf(z) - p)).toBeLessThan(1e-14);
  });

  it("matches SciPy's lower tail to 1e-12 relative, on both sides of the switch at -3", () => {
    for (const [z, p] of SCIPY_TAIL) expect(Math.abs(normalCdf(z) / p - 1)).toBeLessThan(1e-12);
  });

  it("is symmetric: Phi(z) + Phi(-z) = 1", () => {
    for (let z = 0; z <= 9; z += 0.37) {
      expect(Math.abs(normalCdf(z) + normalCdf(-z) - 1)).toBeLessThan(1e-14);
    }
  });

  it("is monotone and saturates in the tails", () => {
    let last = -1;
    for (let z = -10; z <= 10; z += 0.01) {
      const p = normalCdf(z);
      expect(p).toBeGreaterThanOrEqual(last);
      last = p;
    }
    expect(normalCdf(-40)).toBe(0);
    expect(normalCdf(20)).toBe(1);
    expect(normalCdf(Number.NaN)).toBeNaN();
  });

  it("agrees with the Abramowitz-Stegun survival function within its stated error", () => {
    for (let z = -6; z <= 6; z += 0.25) {
      expect(Math.abs(1 - normalCdf(z) - normalSurvival(z))).toBeLessThan(7.5e-8);
    }
  });
});
