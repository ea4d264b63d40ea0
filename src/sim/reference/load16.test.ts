/**
 * The load16 observer in both engines, against expectations computed by hand from the scanning
 * strategy: every unpatched host infected at the start, nobody infects anybody (success 0), so the
 * probe rates are fixed and known for the whole run.
 */
import { describe, expect, it } from "vitest";
import {
  AGREEMENT_ADDRESS_BITS,
  AGREEMENT_CONFIGS,
  agreementInput,
  agreementLocalWorm,
  agreementPopulation,
  agreementServerBlock,
  agreementUniformWorm,
} from "../../../test/support/agreement-configs.ts";
import { LOCALE_CHINESE, OS_NT4_IIS4 } from "../../net/population.ts";
import { addressSpace } from "../../scan/address-space.ts";
import { scanLocalPreference, type ScanLocalPreference } from "../../scan/strategy.ts";
import { defineWorm, type WormDefinition } from "../../worms/define-worm.ts";
import type { EngineInput } from "../engine-input.ts";
import type { EngineResult, Load16Result } from "../engine-result.ts";
import { runFastEngine } from "../fast-engine.ts";
import { runReferenceEngine } from "./reference-engine.ts";

const population = agreementPopulation();
const space = addressSpace(AGREEMENT_ADDRESS_BITS);
/** Minutes of the uniform runs and of the local-preference runs (more: its own-address effect is small). */
const MINUTES = 30;
const LOCAL_MINUTES = 180;
/** The /8 holding the population's busiest /16 (256 scaled /16s of 16 addresses each). */
const site16 = agreementServerBlock(population).base >>> space.shift16;
const block8 = { base: (site16 >>> 8) * space.size8, bits: 8 + 32 - AGREEMENT_ADDRESS_BITS };

/** Every unpatched host `def` can infect is infected at the start and scans for `minutes`. */
function silentInput(def: WormDefinition, seed: number, minutes: number): EngineInput {
  const input = agreementInput(AGREEMENT_CONFIGS[0], seed, population);
  return {
    ...input,
    endMs: input.startMs + minutes * 60_000,
    worms: [
      { ...input.worms[0], def: defineWorm({ ...def, infectionSuccess: 0 }), initialInfected: 1e6 },
    ],
    observers: [{ name: "load", type: "load16", block: block8 }],
  };
}

/** Probes per second of every scanning host (index: host), by hand from threads and locale. */
function hostRates(def: WormDefinition): Float64Array {
  const rates = new Float64Array(population.size);
  for (let h = 0; h < population.size; h++) {
    if (population.patched[h] || def.crashesOs.includes(population.os[h])) continue;
    const threads =
      population.locale[h] === LOCALE_CHINESE ? def.threadsChineseLocale : def.threads;
    rates[h] = (def.probesPerSecond * threads) / def.threads;
  }
  return rates;
}

function load(r: EngineResult): Load16Result {
  expect(r.loads).toHaveLength(1);
  return r.loads[0];
}

/** Probes per /16 of the block over the whole run. */
function totals(l: Load16Result): number[] {
  const out = new Array<number>(l.count16).fill(0);
  for (let m = 0; m < l.perMinute.length / l.count16; m++) {
    for (let i = 0; i < l.count16; i++) out[i] += l.perMinute[m * l.count16 + i];
  }
  return out;
}

/**
 * Counted probes against expected ones: the total within 5 sd of Poisson, and the Pearson statistic
 * over the /16s within 5 sd of its chi-square mean (df = count16: nothing is conditioned on).
 */
function expectPoisson(counts: readonly number[], expected: readonly number[]): void {
  const sum = (a: readonly number[]) => a.reduce((s, x) => s + x, 0);
  expect(Math.abs(sum(counts) - sum(expected))).toBeLessThan(5 * Math.sqrt(sum(expected)));
  const pearson = sum(counts.map((c, i) => (c - expected[i]) ** 2 / expected[i]));
  const df = counts.length;
  expect(Math.abs(pearson - df)).toBeLessThan(5 * Math.sqrt(2 * df));
}

describe("load16 observer", () => {
  const uniformWorm = agreementUniformWorm;
  // Code Red II scanning for the whole run (no scanning lifetime).
  const localWorm = defineWorm({
    ...agreementLocalWorm,
    scanLifetimeHours: null,
    scanLifetimeHoursChineseLocale: null,
  });
  const R = hostRates(uniformWorm).reduce((s, x) => s + x, 0);
  // Uniform over 2^20 addresses, nothing excluded: a /16 (16 addresses) gets 2^-16 of all probes.
  const perMinute16 = (R * 60) / 65536;

  it("fast engine, uniform scanner: R x 60 s / 2^16 expected probes per /16 and minute, exactly", () => {
    expect(R).toBe(1127); // 930 hosts, 197 of them (Chinese locale) at 2 probes/s
    const l = load(runFastEngine(silentInput(uniformWorm, 1, MINUTES)));
    expect(l.count16).toBe(256);
    expect(l.first16).toBe(site16 & ~255);
    expect(l.perMinute).toHaveLength(MINUTES * 256);
    for (const x of l.perMinute) expect(x).toBeCloseTo(perMinute16, 9);
  });

  it("reference engine, uniform scanner: counted probes agree with that expectation (Poisson)", () => {
    const l = load(runReferenceEngine(silentInput(uniformWorm, 100_001, MINUTES)));
    // 30 min at 1,127 probes/s: ~31 probes per /16, ~7,900 in the /8.
    expectPoisson(totals(l), new Array<number>(256).fill(perMinute16 * MINUTES));
    const perMinute = Array.from({ length: MINUTES }, (_, m) =>
      l.perMinute.subarray(m * 256, (m + 1) * 256).reduce((s, x) => s + x, 0),
    );
    expectPoisson(perMinute, new Array<number>(MINUTES).fill(perMinute16 * 256));
  });

  /**
   * Code Red II's expected probes per second into scaled /16 number c, by hand: a raw draw keeps the
   * source's /16 (same16), its /8 (same8) or nothing; draws in 127/8 and 224/8 and on the source's
   * own address are drawn again, so every level is scaled by 1 / (1 - rejection). `keepOwnShare`
   * leaves the own address's share in the source's /16 (what the fast engine's load16 does).
   */
  function localExpectation(c: number, skipOwn: boolean, keepOwnShare = false): number {
    const scan = localWorm.scan as ScanLocalPreference;
    const { same16, same8 } = scan;
    const uniform = 1 - same8 - same16;
    const own = skipOwn ? uniform / space.size + same8 / space.size8 + same16 / space.size16 : 0;
    const excluded = (uniform * 2 * space.size8) / space.size;
    const accept = 1 / (1 - excluded - own);
    const rates = hostRates(localWorm);
    let perSecond = 0;
    for (let h = 0; h < population.size; h++) {
      if (rates[h] === 0) continue;
      const a = population.addresses[h];
      // Every /16 of the block is outside 127/8 and 224/8.
      let p = (uniform * space.size16) / space.size;
      if (a >>> space.shift8 === c >>> 8) p += (same8 * space.size16) / space.size8;
      if (a >>> space.shift16 === c) p += same16;
      // The own address is never probed: its share of each level is drawn again.
      if (skipOwn && !keepOwnShare && a >>> space.shift16 === c) p -= own;
      perSecond += rates[h] * p * accept;
    }
    return perSecond;
  }

  it("reference engine, local preference: the sources' own /16 gets the most load (hand count)", () => {
    expect(localWorm.crashesOs).toEqual([OS_NT4_IIS4]);
    const l = load(runReferenceEngine(silentInput(localWorm, 100_002, LOCAL_MINUTES)));
    const first = l.first16;
    const seconds = LOCAL_MINUTES * 60;
    const expected = Array.from(
      { length: 256 },
      (_, i) => localExpectation(first + i, true) * seconds,
    );
    const counted = totals(l);
    expectPoisson(counted, expected);
    // The busiest /16 (13 hosts: ~5,000 probes) gets over 10 times the load of a /16 without hosts
    // (~290: same8 probes from the /8's 129 hosts and the uniform part).
    const site = counted[site16 - first];
    const empty = counted.filter(
      (_, i) => !population.addresses.some((a) => a >>> space.shift16 === first + i),
    );
    const emptyMean = empty.reduce((s, x) => s + x, 0) / empty.length;
    expect(site).toBeGreaterThan(10 * emptyMean);
  });

  it("fast engine, local preference without own-address skipping: the hand expectation, exactly", () => {
    const noSkip = defineWorm({
      ...localWorm,
      scan: scanLocalPreference({
        ...(localWorm.scan as ScanLocalPreference),
        skipOwnAddress: false,
      }),
    });
    const l = load(runFastEngine(silentInput(noSkip, 2, LOCAL_MINUTES)));
    for (let m = 0; m < LOCAL_MINUTES; m++) {
      for (let i = 0; i < 256; i++) {
        const perMinute = localExpectation(l.first16 + i, false) * 60;
        expect(l.perMinute[m * 256 + i]).toBeCloseTo(perMinute, 6);
      }
    }
  });

  it("fast engine, local preference: the hand expectation, own-address skipping included", () => {
    // A source never probes its own address: that share of its probes is drawn again elsewhere, so
    // its own /16 gets same16 / size16 + ... of its probes fewer (1/15 of its same16 part at 2^20).
    const l = load(runFastEngine(silentInput(localWorm, 2, LOCAL_MINUTES)));
    for (let m = 0; m < LOCAL_MINUTES; m++) {
      for (let i = 0; i < 256; i++) {
        const perMinute = localExpectation(l.first16 + i, true) * 60;
        expect(l.perMinute[m * 256 + i]).toBeCloseTo(perMinute, 6);
      }
    }
    // The old defect (the own address's share left in its /16) read the busiest /16 4% high.
    const site = site16 - l.first16;
    const defect = localExpectation(site16, true, true) * 60;
    expect(defect / l.perMinute[site]).toBeGreaterThan(1.04);
  });
});
