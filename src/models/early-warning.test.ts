import { describe, expect, it } from "vitest";
import { createRng } from "../core/rng.ts";
import { createSamplers } from "../core/samplers.ts";
import { detectOutbreak, projectCurve } from "./early-warning.ts";

const N = 360_000;

/** Cumulative sources of a logistic epidemic at growth K per hour, Poisson increments, per minute. */
function epidemic(k: number, minutes: number, seed: number, background = 0): number[] {
  const s = createSamplers(createRng(seed));
  const y: number[] = [];
  let c = 0;
  let prev = 1;
  for (let m = 0; m < minutes; m++) {
    const i = N / (1 + (N - 1) * Math.exp((-k * (m + 1)) / 60));
    c += s.poisson(i - prev) + s.poisson(background);
    prev = i;
    y.push(c);
  }
  return y;
}

describe("detectOutbreak (Zou et al.'s Kalman trend detector)", () => {
  it("detects a Code Red-like epidemic before 2% are infected (Zou et al.'s 1-2%), K inside its interval", () => {
    for (const seed of [1, 2, 3]) {
      const y = epidemic(1.8, 14 * 60, seed, 1);
      const r = detectOutbreak(y, { stepMinutes: 1 });
      expect(r.alarmStep).not.toBeNull();
      const share = y[r.alarmStep ?? 0] / N;
      expect(share).toBeLessThan(0.02);
      expect(share).toBeGreaterThan(0.0001);
      expect(r.rate95[0]).toBeLessThan(1.8);
      expect(r.rate95[1]).toBeGreaterThan(1.8);
    }
  });

  it("raises no alarm on constant-rate background sources or a constant scan level, for days", () => {
    const s = createSamplers(createRng(9));
    for (const b of [0.1, 1, 10, 100]) {
      const cumulative: number[] = [];
      const level: number[] = [];
      let c = 0;
      for (let m = 0; m < 3 * 1440; m++) {
        c += s.poisson(b);
        cumulative.push(c);
        level.push(s.poisson(b * 10));
      }
      expect(detectOutbreak(cumulative, { stepMinutes: 1 }).alarmStep).toBeNull();
      expect(detectOutbreak(level, { stepMinutes: 1 }).alarmStep).toBeNull();
    }
  });

  it("alarms later on a slower worm, and never on one slower than the threshold", () => {
    const fast =
      detectOutbreak(epidemic(1.8, 20 * 60, 4), { stepMinutes: 1 }).alarmStep ?? Infinity;
    const slow =
      detectOutbreak(epidemic(0.6, 40 * 60, 4), { stepMinutes: 1 }).alarmStep ?? Infinity;
    expect(slow).toBeGreaterThan(fast);
    expect(detectOutbreak(epidemic(0.15, 80 * 60, 4), { stepMinutes: 1 }).alarmStep).toBeNull();
  });

  it("projects exponentially, or logistically under a ceiling", () => {
    expect(projectCurve(100, Math.log(2), [1, 2])).toEqual([200, 400]);
    const [a, b] = projectCurve(100, 1, [0, 50], 1000);
    expect(a).toBeCloseTo(100, 9);
    expect(b).toBeCloseTo(1000, 6);
  });
});
