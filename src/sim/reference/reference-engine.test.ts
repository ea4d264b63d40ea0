import { describe, expect, it } from "vitest";
import { scanStaticSeed } from "../../scan/static-seed.ts";
import { defineWorm } from "../../worms/define-worm.ts";
import type { EngineInput } from "../engine-input.ts";
import { BACKDOORED, INFECTED, PATCHED, SUSCEPTIBLE } from "../../plugin/host-states.ts";
import { runFastEngine } from "../fast-engine.ts";
import {
  AGREEMENT_ADDRESS_BITS,
  AGREEMENT_CONFIGS,
  agreementInput,
  agreementLocalWorm,
  agreementPopulation,
  agreementStaticSeedWorm,
  agreementUniformWorm,
} from "../../../test/support/agreement-configs.ts";
import { compareSamples, sampleEngine } from "../../../test/support/agreement.ts";
import { runReferenceEngine } from "./reference-engine.ts";
import { sequenceAddress } from "./static-seed-walk.ts";

const population = agreementPopulation();
const uniform = AGREEMENT_CONFIGS[0];
const local = AGREEMENT_CONFIGS[2];
const base = (seed: number, extra: Partial<EngineInput> = {}): EngineInput => ({
  ...agreementInput(local, seed, population),
  ...extra,
});
const withWorm = (input: EngineInput, def: EngineInput["worms"][0]["def"], initial = 3) => ({
  ...input,
  worms: [{ ...input.worms[0], def, initialInfected: initial }],
});

describe("reference engine", () => {
  it("is deterministic: same seed, same outbreak", () => {
    const a = runReferenceEngine(base(3));
    const b = runReferenceEngine(base(3));
    expect(Array.from(b.everTimes)).toEqual(Array.from(a.everTimes));
    expect(Array.from(b.probes)).toEqual(Array.from(a.probes));
    expect(b.observers[0].hours).toEqual(a.observers[0].hours);
    expect(Array.from(runReferenceEngine(base(4)).everTimes)).not.toEqual(Array.from(a.everTimes));
    for (let i = 1; i < a.everTimes.length; i++) {
      expect(a.everTimes[i]).toBeGreaterThanOrEqual(a.everTimes[i - 1]);
    }
    expect(a.everAtEnd[a.minutes - 1]).toBe(a.infectedEver);
  });

  it("refuses what it does not simulate", () => {
    // Per-thread sequences need one pace on every host (this worm doubles Chinese-locale threads).
    const perThread = defineWorm({
      ...agreementUniformWorm,
      scan: scanStaticSeed({ threadSequences: "per-thread" }),
    });
    expect(() => runReferenceEngine(withWorm(base(1), perThread))).toThrow(/same threads/);
    // Static-seed walks feed no observer: an input with one is refused.
    const staticSeed = defineWorm({ ...agreementUniformWorm, scan: scanStaticSeed() });
    expect(() => runReferenceEngine(withWorm(base(1), staticSeed))).toThrow(RangeError);
    const limited = defineWorm({
      ...agreementUniformWorm,
      rateModel: { kind: "thread-limited", synTimeoutSeconds: 21, liveAnswerSeconds: 0.1 },
    });
    expect(() => runReferenceEngine(withWorm(base(1), limited))).toThrow(RangeError);
    expect(() => runReferenceEngine({ ...base(1), addressBits: 25 })).toThrow(RangeError);
    // Unknown defense types, probe filters with a static-seed worm, and observer types it does
    // not count probes for.
    const quarantine = { ...base(1), defenses: [{ type: "quarantine" }] };
    expect(() => runReferenceEngine(quarantine)).toThrow(/unknown defense type "quarantine"/);
    const filtered = {
      ...withWorm(base(1), agreementStaticSeedWorm),
      observers: [],
      defenses: [{ type: "content-filter", reactionMinutes: 10, deployment: "all" }],
    };
    expect(() => runReferenceEngine(filtered)).toThrow(/not modelled with static-seed worms/);
    const toy = { ...base(1), observers: [{ name: "toy", type: "toy-observer" }] };
    expect(() => runReferenceEngine(toy)).toThrow(/not toy-observer/);
  });

  it("sends Poisson probes at the thread rate, a 1/256 share into a /8 telescope (5 sd)", () => {
    const silent = defineWorm({ ...agreementUniformWorm, infectionSuccess: 0 });
    const input = withWorm(base(8), silent, 20);
    const r = runReferenceEngine(input);
    expect(r.infectedEver).toBe(20);
    let threads = 0;
    for (let h = 0; h < population.size; h++) {
      if (r.hostState[h] === INFECTED) threads += population.locale[h] === 1 ? 200 : 100;
    }
    const expected = (threads / 100) * agreementUniformWorm.probesPerSecond * 3 * 3600;
    const probes = r.probes.reduce((s, x) => s + x, 0);
    expect(Math.abs(probes - expected)).toBeLessThan(5 * Math.sqrt(expected));
    const telescope = r.observers[0].hours.reduce((s, h) => s + h.probes, 0);
    const p = 1 / 256;
    expect(Math.abs(telescope - probes * p)).toBeLessThan(5 * Math.sqrt(probes * p * (1 - p)));
    expect(r.observers[0].uniqueSources).toBe(20);
    // 44/8 holds no host: every source is elsewhere.
    expect(r.observers[0].localityByWorm).toEqual([[0, 0, 20]]);
  });

  it("sorts a server's sources by where they sit: its own /16, its own /8, elsewhere", () => {
    const site = population.addresses[0] >>> 4;
    const server = { name: "server", type: "server", block: { base: site << 4, bits: 28 } };
    const r = runReferenceEngine(base(3, { observers: [server] }));
    const o = r.observers[0];
    const counts = [0, 0, 0];
    for (let h = 0; h < population.size; h++) {
      if (o.firstSeenSeconds[h] < 0) continue;
      const a = population.addresses[h];
      counts[a >>> 4 === site ? 0 : a >>> 12 === site >>> 8 ? 1 : 2]++;
    }
    expect(o.localityByWorm).toEqual([counts]);
    // Code Red II finds the hosts of its own /16 first: some are seen, and from the /8 too.
    expect(counts[0]).toBeGreaterThan(0);
    expect(counts[1]).toBeGreaterThan(0);
  });

  it("patching makes hosts immune; reboots cure memory worms and leave backdoors", () => {
    const patched = runReferenceEngine(
      base(2, { patch: [{ fromMs: base(2).startMs, perHostPerHour: 50 }] }),
    );
    expect(patched.hostState.every((s) => s === PATCHED)).toBe(true);
    const rebootAll = [{ fromMs: base(2).startMs, perHostPerHour: 50 }];
    const backdoor = runReferenceEngine(base(2, { reboot: rebootAll }));
    const states = new Set(backdoor.hostState);
    expect(states.has(INFECTED)).toBe(false);
    expect(backdoor.hostState.filter((s) => s === BACKDOORED).length).toBe(backdoor.infectedEver);
    const memory = runReferenceEngine(
      withWorm(base(2, { reboot: rebootAll }), agreementUniformWorm, 5),
    );
    expect(memory.hostState.filter((s) => s === BACKDOORED).length).toBe(0);
    expect(memory.hostState.filter((s) => s === SUSCEPTIBLE).length).toBeGreaterThan(0);
  });

  it("agrees with the fast engine on local preference (40 seeds, KS alpha 0.01, 99% bands)", () => {
    // Quick version of test/slow/agreement: fixed seeds 1-40 (fast) and 100001-100040 (reference).
    const fastSeeds = Array.from({ length: 40 }, (_, i) => i + 1);
    const refSeeds = Array.from({ length: 40 }, (_, i) => 100_001 + i);
    const inputOf = (seed: number) => agreementInput(local, seed, population);
    const reference = sampleEngine(runReferenceEngine, inputOf, refSeeds);
    const fast = sampleEngine(runFastEngine, inputOf, fastSeeds);
    const report = compareSamples(fast, reference);
    expect(report.ks.map((k) => k.pValue).every((p) => p >= 0.01)).toBe(true);
    expect(report.pass).toBe(true);
    // A grossly wrong fast engine (half the infection success) fails the same criteria.
    const half = defineWorm({ ...agreementLocalWorm, infectionSuccess: 0.4 });
    const wrong = sampleEngine(runFastEngine, (s) => withWorm(inputOf(s), half), fastSeeds);
    expect(compareSamples(wrong, reference).pass).toBe(false);
  });

  it("static seed: every scanner walks one sequence; first reach Exp(2^20) probes (1 run)", () => {
    // One sequence index in 2^20 per address, uniform: the share of a 2^20 space's addresses met in
    // the first 2^20 probes is 1 - 1/e (5 sd).
    const size = 2 ** AGREEMENT_ADDRESS_BITS;
    const seen = new Uint8Array(size);
    let distinct = 0;
    for (let k = 0; k < size; k++) {
      const a = sequenceAddress(77, k, AGREEMENT_ADDRESS_BITS);
      if (!seen[a]) distinct += seen[a] = 1;
    }
    const q = 1 - Math.exp(-1);
    expect(Math.abs(distinct / size - q)).toBeLessThan(5 * Math.sqrt((q * (1 - q)) / size));
    const config = AGREEMENT_CONFIGS.find((c) => c.name === "static-seed");
    if (!config) throw new Error("no static-seed configuration");
    const input = agreementInput(config, 7, population);
    const a = runReferenceEngine(input);
    expect(Array.from(runReferenceEngine(input).everTimes)).toEqual(Array.from(a.everTimes));
    // 2.5 h at 400 probes/s: the list is walked ~3.4 times, >= 90% of the ~930 hosts infected.
    expect(a.infectedEver).toBeGreaterThan(0.9 * 930);
    const scanned = a.probes.reduce((s, x) => s + x, 0);
    expect(scanned).toBeGreaterThan(0);
    expect(a.eventsSampled).toBe(Math.round(scanned));
  });

  it("static seed, per-thread sequences: each thread walks its own list, same total pace", () => {
    const config = AGREEMENT_CONFIGS.find((c) => c.name === "static-seed-per-thread");
    if (!config) throw new Error("no per-thread static-seed configuration");
    const input = agreementInput(config, 7, population);
    const a = runReferenceEngine(input);
    expect(Array.from(runReferenceEngine(input).everTimes)).toEqual(Array.from(a.everTimes));
    // The threads together walk 3.4 lists' worth in 2.5 h, as one shared list would: >= 90% infected.
    expect(a.infectedEver).toBeGreaterThan(0.9 * 930);
    const shared = AGREEMENT_CONFIGS.find((c) => c.name === "static-seed");
    if (!shared) throw new Error("no static-seed configuration");
    const b = runReferenceEngine(agreementInput(shared, 7, population));
    // Probes per run: the same pace, so the same count within Poisson noise of the run lengths.
    const sum = (x: Float64Array) => x.reduce((s, v) => s + v, 0);
    expect(Math.abs(sum(a.probes) / sum(b.probes) - 1)).toBeLessThan(0.05);
  });

  it("uniform configuration: the reference outbreak follows the configured pace", () => {
    // One probe per second on every host (no doubled Chinese-locale threads) and no hazards: with i of
    // the V vulnerable hosts infected, the next infection comes after Exp(s r i (V - i) / 2^20), a
    // pure birth chain (the logistic's stochastic form). The time from 10% to 90% of V is then a sum
    // of independent exponentials with known mean and variance (the early noise is left out).
    const steady = defineWorm({
      ...agreementUniformWorm,
      threadsChineseLocale: agreementUniformWorm.threads,
    });
    const beta = (steady.infectionSuccess * steady.probesPerSecond) / 2 ** AGREEMENT_ADDRESS_BITS;
    const V = population.patched.reduce((n, p) => n + (p ? 0 : 1), 0);
    const [k10, k90] = [0.1, 0.9].map((f) => Math.ceil(f * V));
    let mean = 0;
    let variance = 0;
    for (let i = k10; i < k90; i++) {
      const holding = 1 / (beta * i * (V - i));
      mean += holding;
      variance += holding * holding;
    }
    const seeds = [5, 6, 7, 8, 9, 10, 11, 12];
    const gaps = seeds.map((seed) => {
      const config = agreementInput(uniform, seed, population);
      // Four hours, so that 90% is reached in every run (at about 2.7 h).
      const input = withWorm({ ...config, endMs: config.startMs + 4 * 3_600_000 }, steady, 5);
      const r = runReferenceEngine(input);
      // Probes: Poisson around r x (host-seconds of scanning), counted from the infection times.
      const end = (input.endMs - input.startMs) / 1000;
      const expected = r.everTimes.reduce((s, t) => s + steady.probesPerSecond * (end - t), 0);
      const probes = r.probes.reduce((s, x) => s + x, 0);
      expect(Math.abs(probes - expected)).toBeLessThan(5 * Math.sqrt(expected));
      return r.everTimes[k90 - 1] - r.everTimes[k10 - 1];
    });
    // 103 min +- 4.0 min per run (V = 930); the mean of 8 runs within 4 standard errors (+-5.6 min),
    // so infection success off by 10% (94 or 115 min) fails.
    expect(V).toBe(930);
    const average = gaps.reduce((s, g) => s + g, 0) / gaps.length;
    expect(Math.abs(average - mean)).toBeLessThan(4 * Math.sqrt(variance / seeds.length));
  });
});
