import { describe, expect, it } from "vitest";
import { syntheticPopulation } from "../../test/helpers/population.ts";
import { codeRedV2 } from "../worms/code-red-v2.ts";
import { defineWorm } from "../worms/define-worm.ts";
import type { EngineInput } from "./engine-input.ts";
import { BACKDOORED, INFECTED, PATCHED, SUSCEPTIBLE } from "../plugin/host-states.ts";
import { runFastEngine } from "./fast-engine.ts";

const START = Date.parse("2001-07-19T10:00:00Z");
const HOUR = 3_600_000;
const BITS = 24;
const N = 20_000;
const K_PER_HOUR = 2;
const population = syntheticPopulation(N, 77, [3, 4, 12, 24, 61, 130, 200, 211], {
  addressBits: BITS,
});
// Uniform scanning with K = r s N / 2^bits = 2 per hour, no calendar effects in the window.
const worm = defineWorm({
  ...codeRedV2,
  probesPerSecond: 1,
  infectionSuccess: ((K_PER_HOUR / 3600) * 2 ** BITS) / N,
});

function input(seed: number, extra: Partial<EngineInput> = {}): EngineInput {
  return {
    seed,
    addressBits: BITS,
    startMs: START,
    endMs: START + 12 * HOUR,
    population,
    worms: [{ def: worm, introducedAtMs: START, initialInfected: 1, initialWakeStaggered: false }],
    observers: [{ name: "t", type: "telescope", block: { base: 44 << 16, bits: 16 } }],
    patch: [],
    reboot: [],
    ...extra,
  };
}

const timeTo = (everTimes: Float64Array, fraction: number) =>
  everTimes[Math.ceil(fraction * N) - 1] / 3600;

describe("fast engine", () => {
  it("is deterministic: same seed, same outbreak", () => {
    const a = runFastEngine(input(3));
    const b = runFastEngine(input(3));
    expect(Array.from(b.newInfections)).toEqual(Array.from(a.newInfections));
    expect(Array.from(b.everTimes)).toEqual(Array.from(a.everTimes));
    expect(b.observers[0].hours).toEqual(a.observers[0].hours);
    const c = runFastEngine(input(4));
    expect(Array.from(c.everTimes)).not.toEqual(Array.from(a.everTimes));
  });

  it("adding an observer does not change the outbreak", () => {
    const a = runFastEngine(input(5));
    const b = runFastEngine(
      input(5, {
        observers: [
          { name: "t", type: "telescope", block: { base: 44 << 16, bits: 16 } },
          { name: "site", type: "telescope", block: { base: 130 << 16, bits: 8 } },
        ],
      }),
    );
    expect(Array.from(b.everTimes)).toEqual(Array.from(a.everTimes));
    expect(b.observers[0].hours).toEqual(a.observers[0].hours);
  });

  it("keeps every host in exactly one state and the counters consistent", () => {
    const r = runFastEngine(
      input(6, {
        patch: [{ fromMs: START, perHostPerHour: 0.05 }],
        reboot: [{ fromMs: START, perHostPerHour: 0.2 }],
      }),
    );
    const counts = [0, 0, 0, 0];
    for (const s of r.hostState) counts[s]++;
    expect(counts[SUSCEPTIBLE] + counts[INFECTED] + counts[PATCHED] + counts[BACKDOORED]).toBe(N);
    expect(counts[BACKDOORED]).toBe(0);
    expect(counts[INFECTED]).toBe(r.infectedNowByWorm[0]);
    expect(r.infectedAtEnd[r.minutes - 1]).toBe(counts[INFECTED]);
    let ever = 0;
    for (const e of r.everInfected) if (e) ever++;
    expect(ever).toBe(r.infectedEver);
    expect(r.everTimes.length).toBe(r.infectedEver);
    for (let i = 1; i < r.everTimes.length; i++) {
      expect(r.everTimes[i]).toBeGreaterThanOrEqual(r.everTimes[i - 1]);
    }
    let newTotal = 0;
    for (const x of r.newInfections) newTotal += x;
    // Reboots cure memory-resident infections, so hosts are infected again: more infections than hosts.
    expect(newTotal).toBeGreaterThan(r.infectedEver);
    expect(counts[PATCHED]).toBeGreaterThan(0);
    expect(r.observers[0].uniqueSources).toBeLessThanOrEqual(r.infectedEver);
    const firstSeen = r.observers[0].firstSeenSeconds;
    for (let h = 0; h < N; h++) if (firstSeen[h] >= 0) expect(r.everInfected[h]).toBeGreaterThan(0);
  });

  it("matches the logistic (random constant spread) for uniform scanning, over 30 seeds", () => {
    const t50: number[] = [];
    const spread: number[] = [];
    for (let seed = 100; seed < 130; seed++) {
      const r = runFastEngine(input(seed));
      expect(r.infectedEver).toBe(N);
      t50.push(timeTo(r.everTimes, 0.5));
      spread.push(timeTo(r.everTimes, 0.9) - timeTo(r.everTimes, 0.1));
    }
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    // From one host the early phase is a Yule process: N(t) ~ W e^{Kt}, W ~ Exp(1), so the mean time
    // to N/2 is (ln(N - 1) + Euler's gamma) / K, with standard deviation pi / sqrt(6) / K per run.
    const expected50 = (Math.log(N - 1) + 0.5772156649) / K_PER_HOUR;
    const se50 = Math.PI / Math.sqrt(6) / K_PER_HOUR / Math.sqrt(t50.length);
    expect(Math.abs(mean(t50) - expected50)).toBeLessThan(4 * se50);
    // From 10% to 90% the logistic takes 2 ln 9 / K hours whatever the start.
    expect(mean(spread)).toBeCloseTo((2 * Math.log(9)) / K_PER_HOUR, 1);
  });

  it("telescope probes match the expected count from the scanning rate", () => {
    const r = runFastEngine(input(8));
    const o = r.observers[0];
    let probes = 0;
    for (const h of o.hours) probes += h.probes;
    let sent = 0;
    for (const p of r.probes) sent += p;
    const expected = (sent * 2 ** 16) / 2 ** BITS; // the first-octet block 44 of a 24-bit space
    expect(Math.abs(probes - expected)).toBeLessThan(5 * Math.sqrt(expected));
    let perMinute = 0;
    for (const p of o.probesPerMinute) perMinute += p;
    expect(perMinute).toBe(probes);
  });
});
