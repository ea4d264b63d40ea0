import { describe, expect, it } from "vitest";
import { poissonInterval } from "../analysis/estimate/poisson-interval.ts";
import { ipv4 } from "../net/ipv4.ts";
import { scoreSeed, summarizeGroup, type ScoreCase, type SeedScore } from "./estimate-score.ts";

// Code Red v2 on 19 July (full scale: a smaller Internet grows too slowly to take off in the day),
// a server at an ordinary address, the whole day's log; 4 seeds.
const SMALL: ScoreCase = {
  name: "crv2-four-seeds",
  scenario: { extends: "jul19-2001" },
  serverAddress: () => ipv4("128.32.1.1"),
  groups: ["crv1v2"],
};

describe("scored estimates (simulate, write the server's log, analyse it, compare)", () => {
  const scores: SeedScore[] = [];
  it("tracks the truth step by step and analyses the server's log", async () => {
    for (let seed = 1; seed <= 4; seed++) scores.push(await scoreSeed(SMALL, seed));
    let tookOff = 0;
    for (const s of scores) {
      const g = s.groups.crv1v2!;
      expect(s.windowSeconds).toBe(14 * 3600);
      expect(g.everInfected).toBeGreaterThan(0);
      expect(g.everInfected).toBeLessThanOrEqual(375_000);
      expect(g.meanInfected).toBeGreaterThan(0);
      expect(g.meanInfected).toBeLessThan(g.everInfected);
      // every Code Red line of the log is a source's request; 200 benign requests an hour besides
      expect(s.logLines).toBeGreaterThan(14 * 150);
      expect(g.requests).toBeGreaterThanOrEqual(g.sources);
      // the simulator's probes per infected host-second: the lab rate at the mean multiplier
      if (g.meanInfected < 1000) continue;
      tookOff++;
      expect(s.probesPerHostSecond.crv2 / s.assumedProbesPerSecond.crv1v2).toBeGreaterThan(0.97);
      expect(s.probesPerHostSecond.crv2 / s.assumedProbesPerSecond.crv1v2).toBeLessThan(1.03);
    }
    expect(tookOff).toBeGreaterThanOrEqual(3);
  }, 120_000);

  it("sees as many sources as the truth's host-seconds predict, over the seeds", () => {
    // a uniform scanner hits one address r/2^32 times a second: expected sources = r q (host-seconds)
    let sources = 0;
    let expected = 0;
    for (const s of scores) {
      const g = s.groups.crv1v2!;
      sources += g.sources;
      expected += (s.probesPerHostSecond.crv2 * g.meanInfected * s.windowSeconds) / 2 ** 32;
    }
    const band = poissonInterval(sources, 0.999);
    expect(expected).toBeGreaterThan(band.low);
    expect(expected).toBeLessThan(band.high);
    const summary = summarizeGroup(scores, "crv1v2");
    expect(summary.seeds).toBe(4);
    expect(summary.meanSources).toBe(sources / 4);
  });
});
