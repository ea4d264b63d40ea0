import { describe, expect, it } from "vitest";
import { createRng } from "../../core/rng.ts";
import { addressSpace, scaleBlock } from "../../scan/address-space.ts";
import { nextTarget, scanLocalPreference, scanUniform } from "../../scan/strategy.ts";
import { codeRedII } from "../../worms/code-red-ii.ts";
import { hazardSteps, hazardTime } from "./hazard.ts";
import { compileTargetGenerator } from "./target-generator.ts";
import { ThreadPool } from "./thread-pool.ts";

describe("reference engine parts", () => {
  it("hazardTime inverts a piecewise-constant cumulative hazard", () => {
    const steps = hazardSteps(
      [
        { fromMs: 1000 + 3_600_000, perHostPerHour: 3600 },
        { fromMs: 1000, perHostPerHour: 0 },
      ],
      1000,
    );
    // Rate 0 for the first hour, then 1 per second.
    expect(hazardTime(steps, 0, 2)).toBeCloseTo(3602, 9);
    expect(hazardTime(steps, 4000, 0.5)).toBeCloseTo(4000.5, 9);
    expect(hazardTime([], 0, 1)).toBe(Infinity);
    expect(hazardTime(hazardSteps([{ fromMs: 0, perHostPerHour: 0 }], 0), 5, 1)).toBe(Infinity);
  });

  it("the compiled target generator draws exactly what nextTarget draws", () => {
    const strategies = [
      scanUniform(),
      codeRedII.scan as ReturnType<typeof scanLocalPreference>,
      scanLocalPreference({ same8: 0.2, same16: 0.7, skipOwnAddress: false }),
    ];
    for (const bits of [16, 20, 24]) {
      const space = addressSpace(bits);
      for (const s of strategies) {
        const excluded = s.excludedBlocks.map((b) => scaleBlock(b, space));
        const generate = compileTargetGenerator(s, space, excluded);
        const a = createRng(bits);
        const b = createRng(bits);
        const pick = createRng(99);
        for (let i = 0; i < 20_000; i++) {
          const source = pick.int(space.size);
          expect(generate(a, source)).toBe(nextTarget(s, b, source, space, excluded));
        }
      }
    }
  });

  it("the thread pool tracks adds and deletes and picks hosts in proportion to threads", () => {
    const pool = new ThreadPool(50, 0.01, [300, 600]);
    const model = new Map<number, number>();
    const rng = createRng(4);
    for (let step = 0; step < 5000; step++) {
      const h = rng.int(50);
      if (rng.next() < 0.55) {
        const threads = h % 3 === 0 ? 600 : 300;
        pool.add(h, threads);
        if (!model.has(h)) model.set(h, threads);
      } else {
        pool.delete(h);
        model.delete(h);
      }
      let threads = 0;
      for (const t of model.values()) threads += t;
      expect(pool.threads).toBe(threads);
      expect(pool.has(h)).toBe(model.has(h));
    }
    const counts = new Map<number, number>();
    const draws = 200_000;
    for (let i = 0; i < draws; i++) {
      const h = pool.pick(rng);
      counts.set(h, (counts.get(h) ?? 0) + 1);
    }
    for (const [h, t] of model) {
      const p = t / pool.threads;
      const sd = Math.sqrt(draws * p * (1 - p));
      expect(Math.abs((counts.get(h) ?? 0) - draws * p)).toBeLessThan(5 * sd);
    }
    for (const h of counts.keys()) expect(model.has(h)).toBe(true);
  });
});
