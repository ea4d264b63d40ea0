import { describe, expect, it } from "vitest";
import { createRng } from "../core/rng.ts";
import { BlockLogRecorder, FIRST, type BlockLogHour } from "./block-log.ts";

/** A recorder whose hours land in `hours`. */
function recorder(hours: BlockLogHour[], seed = 1): BlockLogRecorder {
  return new BlockLogRecorder(
    { wantHour: () => true, hour: (p) => hours.push(p) },
    createRng(seed).fork("test"),
  );
}

describe("block observer logs: the pooled count's split", () => {
  it("splits the pooled count in proportion to the rest exposures (multinomial mean)", () => {
    const rests = [1, 2, 7];
    const pooled = 1000;
    const rounds = 2000;
    const hours: BlockLogHour[] = [];
    const r = recorder(hours);
    const sums = [0, 0, 0];
    for (let k = 0; k < rounds; k++) {
      r.end = 3600;
      // Three hosts seen before the hour (first probe at exposure 0.5), at 1 probe per hour.
      for (let h = 0; h < 3; h++) {
        r.host(h, 100 + h, 0, rests[h], FIRST.atExposure, 0.5, rests[h] / 3600, 0);
      }
      r.pooled(0, pooled);
      const shares = r.split();
      for (let h = 0; h < 3; h++) sums[h] += shares[h];
      r.closeHour(0, 3600);
    }
    // Each share is Binomial(1000, p) per hour; over 2000 hours its mean has standard deviation
    // sqrt(1000 p (1 - p) / 2000), at most 0.36 (p = 0.7). A tolerance of 2 is over 5.5 of those:
    // a fixed seed, and a wrong split (e.g. an even one: 333 each) is off by 100 or more.
    for (let h = 0; h < 3; h++) {
      expect(Math.abs(sums[h] / rounds - (pooled * rests[h]) / 10)).toBeLessThan(2);
    }
    // Every hour hands over its first probes plus the whole pooled count.
    expect(hours).toHaveLength(rounds);
    for (const p of hours) expect(p.times.length).toBe(3 + pooled);
  });

  it("places a host's probes uniformly in its exposure: more where its rate is higher", () => {
    const hours: BlockLogHour[] = [];
    const r = recorder(hours, 2);
    // Rate 1 over the first half hour, 3 over the second: 3/4 of the probes in the second half.
    r.segment(0, 0, 1800, 1 / 1800);
    r.end = 3600;
    r.host(0, 7, 0, 4, FIRST.pooled, NaN, 3 / 1800, 1800);
    r.pooled(0, 40_000);
    r.closeHour(0, 3600);
    const t = hours[0].times;
    expect(t.length).toBe(40_000);
    let late = 0;
    for (const x of t) if (x >= 1800) late++;
    expect(Math.min(...t)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...t)).toBeLessThan(3600);
    // Binomial(40000, 0.75): standard deviation 87; 0.01 x 40000 = 400 is over 4.5 of those.
    expect(Math.abs(late / t.length - 0.75)).toBeLessThan(0.01);
    expect(hours[0].sources.every((s) => s === 7)).toBe(true);
  });

  it("puts the first probe of a host first seen in the hour at its sighting time", () => {
    const hours: BlockLogHour[] = [];
    const r = recorder(hours, 3);
    r.end = 3600;
    r.host(5, 9, 1, 2, FIRST.atTime, 1000, 3 / 3600, 0);
    r.pooled(1, 3);
    r.closeHour(0, 3600);
    const t = [...hours[0].times].sort((a, b) => a - b);
    expect(t).toHaveLength(4);
    expect(t[0]).toBe(1000);
    expect([...hours[0].worms]).toEqual([1, 1, 1, 1]);
  });
});
