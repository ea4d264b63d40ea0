import { describe, expect, it } from "vitest";
import { syntheticPopulation } from "../../../test/helpers/population.ts";
import { codeRedV1 } from "../../worms/code-red-v1.ts";
import { codeRedV2 } from "../../worms/code-red-v2.ts";
import type { WormDefinition } from "../../worms/define-worm.ts";
import type { AddressChurn, EngineInput, RateHeterogeneity } from "../engine-input.ts";
import { runFastEngine } from "../fast-engine.ts";
import { targetProbability } from "../../scan/strategy.ts";

describe("address churn in the fast engine", () => {
  const population = syntheticPopulation(3000, 5, [12, 24, 61, 128, 200]);
  const input = (
    def: WormDefinition,
    churn?: AddressChurn,
    rates?: RateHeterogeneity,
  ): EngineInput => ({
    seed: 3,
    startMs: 0,
    endMs: 8 * 3600_000,
    population,
    worms: [{ def, introducedAtMs: 0, initialInfected: 5, initialWakeStaggered: false }],
    observers: [{ name: "telescope", type: "telescope", block: { base: 44 << 24, bits: 8 } }],
    patch: [],
    reboot: [],
    ...(churn ? { addressChurn: churn } : {}),
    ...(rates ? { rateHeterogeneity: rates } : {}),
  });
  const crv2 = { ...codeRedV2, probesPerSecond: 1500 };

  it("without churn, addresses and hosts count the same", () => {
    const r = runFastEngine(input(crv2));
    expect(r.infectedEver).toBeGreaterThan(1000);
    expect(r.infectedAddressesEver).toBe(r.infectedEver);
    expect(r.observers[0].uniqueSources).toBe(r.observers[0].uniqueHosts);
    // One day: the day's distinct sources are at least any hour's and at most all seen.
    const tel = r.observers[0];
    const daily = tel.dailyUniqueSources ?? [];
    expect(daily.length).toBe(1);
    expect(daily[0]).toBeLessThanOrEqual(tel.uniqueSources);
    expect(daily[0]).toBeGreaterThanOrEqual(Math.max(...tel.hours.map((h) => h.uniqueSources)));
    expect(daily[0]).toBeGreaterThan(0.9 * tel.uniqueSources);
  });

  it("with churn, observers and the address count see more addresses than hosts", () => {
    const churn = { dynamicShare: 0.5, perHostPerHour: 0.5 };
    const r = runFastEngine(input(crv2, churn));
    const tel = r.observers[0];
    // Infected dynamic hosts move ~0.5 x hours infected times each: a few thousand extra addresses.
    expect(r.infectedAddressesEver).toBeGreaterThan(r.infectedEver * 1.3);
    expect(tel.uniqueSources).toBeGreaterThan(tel.uniqueHosts * 1.3);
    expect(tel.uniqueHosts).toBeLessThanOrEqual(r.infectedEver);
    // Hourly counts are (host, address) pairs too: no hour counts more than the pairs seen in all.
    for (const h of tel.hours) expect(h.uniqueSources).toBeLessThanOrEqual(tel.uniqueSources);
    // Moves stay in the /16, so the outbreak itself (uniform scanning) is the same in distribution.
    const plain = runFastEngine(input(crv2));
    expect(Math.abs(r.infectedEver - plain.infectedEver) / plain.infectedEver).toBeLessThan(0.1);
  });

  it("a static-seed worm walks with churn, and moved hosts are still reached", () => {
    const crv1 = { ...codeRedV1, probesPerSecond: 2000 };
    const still = runFastEngine(input(crv1));
    const moving = runFastEngine(input(crv1, { dynamicShare: 1, perHostPerHour: 2 }));
    expect(still.infectedEver).toBeGreaterThan(20);
    // Moving hosts take new list positions, some behind the frontier: at least as many infections.
    expect(moving.infectedEver).toBeGreaterThan(0.8 * still.infectedEver);
    expect(moving.infectedAddressesEver).toBeGreaterThan(moving.infectedEver);
  });

  it("a block's probes, split at each host's first probe and pooled, total Poisson(sum of E)", () => {
    // Given the outbreak, every (host, address, hour) count is Poisson in the block's exposure, so
    // the run's total is Poisson(block share x probes sent), however the hours are drawn: pooled
    // rests, moves (drawn at the move), first sightings. A /16 at 300 probes/s gives hourly
    // exposures around 16 (below the pooling threshold, 30), and 2 moves an hour split them.
    const worm = { ...crv2, probesPerSecond: 300 };
    const block = { base: 44 << 24, bits: 16 };
    const q = targetProbability(worm.scan, 12 << 24, block);
    for (const seed of [1, 2, 3, 4]) {
      const r = runFastEngine({
        ...input(
          worm,
          { dynamicShare: 0.8, perHostPerHour: 2 },
          { distribution: "lognormal", sigma: 1 },
        ),
        observers: [{ name: "site", type: "telescope", block }],
        seed,
      });
      const expected = q * r.probes.reduce((a, b) => a + b, 0);
      const seen = r.observers[0].hours.reduce((a, h) => a + h.probes, 0);
      expect(expected).toBeGreaterThan(300);
      expect(r.infectedAddressesEver).toBeGreaterThan(1.5 * r.infectedEver);
      expect(Math.abs(seen - expected) / Math.sqrt(expected)).toBeLessThan(4);
    }
  });
});
