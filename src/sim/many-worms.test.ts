/**
 * Runs with four and five worms keep every host's state (the old packed flags held the worm index in
 * two bits and "ever infected" in three, so a fourth worm's hosts read as never infected, took the
 * Chinese-locale flag and scanned at its thread count).
 */
import { describe, expect, it } from "vitest";
import { syntheticPopulation } from "../../test/helpers/population.ts";
import { INFECTED } from "../plugin/host-states.ts";
import { codeRedV2 } from "../worms/code-red-v2.ts";
import { defineWorm, type WormDefinition } from "../worms/define-worm.ts";
import type { EngineInput } from "./engine-input.ts";
import type { EngineResult } from "./engine-result.ts";
import { runFastEngine } from "./fast-engine.ts";

const START = Date.parse("2001-07-19T10:00:00Z");
const HOUR = 3_600_000;
const BITS = 22;
const N = 6_000;
const population = syntheticPopulation(N, 11, [3, 24, 61, 130], { addressBits: BITS });

/** Test-only variants w0, w1, ...: Code Red v2's shape, 1 probe/s, 3x the threads on Chinese hosts. */
function worms(count: number, infectionSuccess: number): WormDefinition[] {
  return Array.from({ length: count }, (_, i) =>
    defineWorm({
      ...codeRedV2,
      variant: `w${i}`,
      probesPerSecond: 1,
      threads: 100,
      threadsChineseLocale: 300,
      calendar: { kind: "none" },
      stopSpreadingAt: null,
      scanLifetimeHours: null,
      scanLifetimeHoursChineseLocale: null,
      infectionSuccess,
      infectsOver: Array.from({ length: i }, (_, j) => `w${j}`),
    }),
  );
}

function run(defs: WormDefinition[], hours: number, seed = 1): EngineResult {
  const input: EngineInput = {
    seed,
    addressBits: BITS,
    startMs: START,
    endMs: START + hours * HOUR,
    population,
    worms: defs.map((def, i) => ({
      def,
      introducedAtMs: START + i * 600_000,
      initialInfected: 10,
      initialWakeStaggered: false,
    })),
    observers: [],
    patch: [],
    reboot: [],
  };
  return runFastEngine(input);
}

const popcount = (x: number) => {
  let n = 0;
  for (let v = x >>> 0; v !== 0; v &= v - 1) n++;
  return n;
};

/** Every per-host record agrees with the per-worm counters. */
function expectConsistent(r: EngineResult, worms: number): void {
  const everByWorm = new Array<number>(worms).fill(0);
  const infectedByWorm = new Array<number>(worms).fill(0);
  let ever = 0;
  for (let h = 0; h < N; h++) {
    const mask = r.everInfected[h];
    if (mask !== 0) ever++;
    expect(mask >>> worms, `host ${h}: bits above the last worm`).toBe(0);
    for (let w = 0; w < worms; w++) if (mask & (1 << w)) everByWorm[w]++;
    if (r.hostState[h] === INFECTED) {
      infectedByWorm[r.wormOf[h]]++;
      expect(mask & (1 << r.wormOf[h]), `host ${h}: infected, not marked ever`).not.toBe(0);
    }
  }
  expect(everByWorm).toEqual(r.everByWorm);
  expect(infectedByWorm).toEqual(r.infectedNowByWorm);
  expect(ever).toBe(r.infectedEver);
}

describe("runs with many worms", () => {
  for (const count of [4, 5]) {
    it(`${count} worms that do not spread: each keeps its 10 hosts, probing at 1/s each`, () => {
      const r = run(worms(count, 0), 2);
      expectConsistent(r, count);
      for (let w = 0; w < count; w++) {
        expect(r.infectedNowByWorm[w]).toBe(10);
        expect(r.everByWorm[w]).toBe(10);
        let probes = 0;
        for (let m = 0; m < r.minutes; m++) probes += r.probes[w * r.minutes + m];
        // 10 hosts at 1 probe/s from the worm's introduction (w x 10 minutes in) to the end.
        const seconds = 2 * 3600 - w * 600;
        expect(probes / (10 * seconds)).toBeCloseTo(1, 9);
      }
    });

    it(`${count} worms spreading and taking over each other keep host records consistent`, () => {
      const r = run(worms(count, ((2 / 3600) * 2 ** BITS) / N), 8, 3);
      expectConsistent(r, count);
      // Later worms take hosts from earlier ones: some hosts were held by two worms or more.
      let shared = 0;
      for (let h = 0; h < N; h++) if (popcount(r.everInfected[h]) >= 2) shared++;
      expect(shared).toBeGreaterThan(0);
      for (let w = 0; w < count; w++) expect(r.everByWorm[w]).toBeGreaterThan(10);
    });
  }

  it("refuses more worms than the host table holds, with a clear error", () => {
    expect(() => run(worms(33, 0), 1)).toThrow(/at most 32 worms, got 33/);
  });
});
