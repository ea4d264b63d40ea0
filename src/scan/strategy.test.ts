import { describe, expect, it } from "vitest";
import { createRng } from "../core/rng.ts";
import { codeRedII } from "../worms/code-red-ii.ts";
import { addressSpace, IPV4_SPACE, localBlock, scaleBlock } from "./address-space.ts";
import { octetBlock } from "./blocks.ts";
import { nextTarget, rejectionProbability, scanUniform, targetProbability } from "./strategy.ts";

const crii = codeRedII.scan;
const source = ((61 << 24) | (200 << 16) | (3 << 8) | 4) >>> 0; // 61.200.3.4

describe("scanning strategies", () => {
  it("target probabilities over the 256 /8s sum to 1 (uniform and local preference)", () => {
    for (const s of [scanUniform(), codeRedII.scan]) {
      let total = 0;
      for (let b = 0; b < 256; b++) total += targetProbability(s, source, octetBlock(b));
      expect(total).toBeCloseTo(1, 12);
    }
  });

  it("Code Red II never targets 127/8, 224/8 or itself", () => {
    expect(targetProbability(codeRedII.scan, source, octetBlock(127))).toBe(0);
    expect(targetProbability(codeRedII.scan, source, octetBlock(224))).toBe(0);
    expect(targetProbability(codeRedII.scan, source, { base: source, bits: 32 })).toBe(0);
    const rng = createRng(5);
    for (let i = 0; i < 20_000; i++) {
      const t = nextTarget(crii, rng, source);
      expect(t >>> 24 === 127 || t >>> 24 === 224 || t === source).toBe(false);
    }
  });

  it("drawn targets match the closed-form locality shares (5 standard errors)", () => {
    const rng = createRng(9);
    const n = 200_000;
    let same16 = 0;
    let same8 = 0;
    for (let i = 0; i < n; i++) {
      const t = nextTarget(crii, rng, source);
      if (t >>> 16 === source >>> 16) same16++;
      else if (t >>> 24 === source >>> 24) same8++;
    }
    const p16 = targetProbability(codeRedII.scan, source, localBlock(source, 16, IPV4_SPACE));
    const p8 = targetProbability(codeRedII.scan, source, localBlock(source, 8, IPV4_SPACE)) - p16;
    expect(p16).toBeCloseTo(0.377, 3);
    // (0.5 x 255/256 + 0.125 x (2^24 - 2^16)/2^32) / (1 - 0.125 x 2/256) = 0.4990
    expect(p8).toBeCloseTo(0.499, 3);
    expect(Math.abs(same16 / n - p16)).toBeLessThan(5 * Math.sqrt((p16 * (1 - p16)) / n));
    expect(Math.abs(same8 / n - p8)).toBeLessThan(5 * Math.sqrt((p8 * (1 - p8)) / n));
  });

  it("works the same way in a scaled 20-bit space", () => {
    const space = addressSpace(20);
    const src = source >>> 12;
    const excluded = crii.excludedBlocks.map((b) => scaleBlock(b, space));
    const rng = createRng(2);
    let same16 = 0;
    const n = 50_000;
    for (let i = 0; i < n; i++) {
      const t = nextTarget(crii, rng, src, space, excluded);
      expect(t).toBeLessThan(2 ** 20);
      if (t >>> 4 === src >>> 4) same16++;
    }
    const p16 = targetProbability(codeRedII.scan, src, localBlock(src, 16, space), space);
    expect(Math.abs(same16 / n - p16)).toBeLessThan(5 * Math.sqrt((p16 * (1 - p16)) / n));
    expect(rejectionProbability(codeRedII.scan, space)).toBeGreaterThan(
      rejectionProbability(codeRedII.scan),
    );
  });
});
