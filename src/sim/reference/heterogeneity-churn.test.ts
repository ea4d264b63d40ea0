import { describe, expect, it } from "vitest";
import { createRng, mix32 } from "../../core/rng.ts";
import { addressSpace } from "../../scan/address-space.ts";
import { defineWorm } from "../../worms/define-worm.ts";
import { INFECTED } from "../../plugin/host-states.ts";
import type { EngineInput } from "../engine-input.ts";
import { rateMultipliers } from "../host-traits.ts";
import {
  AGREEMENT_CONFIGS,
  agreementInput,
  agreementPopulation,
  agreementStaticSeedWorm,
  agreementUniformWorm,
} from "../../../test/support/agreement-configs.ts";
import { ReferenceChurn } from "./address-churn.ts";
import { runReferenceEngine } from "./reference-engine.ts";
import { ReferenceState } from "./reference-state.ts";
import { PerThreadWalks } from "./per-thread-walks.ts";
import { StaticSeedWalk, sequenceAddress, sequenceIndicesOf, unmix32 } from "./static-seed-walk.ts";
import { WeightedPool } from "./weighted-pool.ts";

const population = agreementPopulation();
const uniform = AGREEMENT_CONFIGS[0];
const withWorm = (input: EngineInput, def: EngineInput["worms"][0]["def"], initial: number) => ({
  ...input,
  worms: [{ ...input.worms[0], def, initialInfected: initial }],
});
const sum = (a: ArrayLike<number>): number => {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i];
  return s;
};

describe("reference engine: rate heterogeneity", () => {
  it("draws the sending host in proportion to threads x multiplier", () => {
    const pool = new WeightedPool(3, 0.5, Float64Array.from([1, 3, 2]));
    pool.add(0, 100);
    pool.add(1, 100);
    pool.add(2, 200);
    expect(pool.probesPerSecond).toBeCloseTo(0.5 * (100 + 300 + 400), 9);
    pool.delete(2);
    expect(pool.probesPerSecond).toBeCloseTo(200, 9);
    const rng = createRng(5);
    const counts = [0, 0, 0];
    const n = 40000;
    for (let i = 0; i < n; i++) counts[pool.pick(rng)]++;
    expect(counts[2]).toBe(0);
    // A host with m = 3 sends ~3 times the probes of one with m = 1 (5 sd).
    const p = 0.75;
    expect(Math.abs(counts[1] - n * p)).toBeLessThan(5 * Math.sqrt(n * p * (1 - p)));
    pool.delete(0);
    pool.delete(1);
    expect(pool.probesPerSecond).toBe(0);
  });

  it("keeps the draw proportional through adds and deletes (50 hosts, 5 sd each)", () => {
    const n = 50;
    const rng = createRng(11);
    const m = Float64Array.from({ length: n }, () => Math.exp(2 * rng.next() - 1));
    const pool = new WeightedPool(n, 1, m);
    for (let h = 0; h < n; h++) pool.add(h, h % 3 === 0 ? 2 : 1);
    for (let h = 0; h < n; h += 4) pool.delete(h);
    pool.add(8, 1);
    const weight = (h: number): number =>
      pool.has(h) ? (h % 3 === 0 && h !== 8 ? 2 : 1) * m[h] : 0;
    let total = 0;
    for (let h = 0; h < n; h++) total += weight(h);
    expect(pool.probesPerSecond).toBeCloseTo(total, 9);
    const counts = new Array<number>(n).fill(0);
    const draws = 200_000;
    for (let i = 0; i < draws; i++) counts[pool.pick(rng)]++;
    for (let h = 0; h < n; h++) {
      const p = weight(h) / total;
      expect(Math.abs(counts[h] - draws * p)).toBeLessThanOrEqual(
        5 * Math.sqrt(draws * p * (1 - p)),
      );
    }
  });

  it("multiplies every probe rate of a host by its multiplier (uniform: Poisson count, 5 sd)", () => {
    const silent = defineWorm({ ...agreementUniformWorm, infectionSuccess: 0 });
    const spec = { distribution: "lognormal", sigma: 1 } as const;
    const input = {
      ...withWorm(agreementInput(uniform, 8, population), silent, 20),
      rateHeterogeneity: spec,
    };
    const m = rateMultipliers(population.size, spec, createRng(8).fork("rate-multipliers"));
    if (!m) throw new Error("no multipliers");
    const r = runReferenceEngine(input);
    let rate = 0;
    let homogeneous = 0;
    for (let h = 0; h < population.size; h++) {
      if (r.hostState[h] !== INFECTED) continue;
      const threads = population.locale[h] === 1 ? 2 : 1;
      rate += threads * m[h];
      homogeneous += threads;
    }
    const expected = rate * silent.probesPerSecond * 3 * 3600;
    const probes = sum(r.probes);
    expect(Math.abs(probes - expected)).toBeLessThan(5 * Math.sqrt(expected));
    // The multipliers matter: the homogeneous count is far off.
    const other = homogeneous * silent.probesPerSecond * 3 * 3600;
    expect(Math.abs(other - expected)).toBeGreaterThan(20 * Math.sqrt(expected));
  });

  it("static seed: an episode walks at m[h] x its rate", () => {
    const silent = defineWorm({ ...agreementStaticSeedWorm, infectionSuccess: 0 });
    const config = AGREEMENT_CONFIGS.find((c) => c.name === "static-seed");
    if (!config) throw new Error("no static-seed configuration");
    const spec = { distribution: "lognormal", sigma: 1 } as const;
    const input = {
      ...withWorm(agreementInput(config, 4, population), silent, 5),
      rateHeterogeneity: spec,
    };
    const m = rateMultipliers(population.size, spec, createRng(4).fork("rate-multipliers"));
    if (!m) throw new Error("no multipliers");
    const r = runReferenceEngine(input);
    let rate = 0;
    for (let h = 0; h < population.size; h++) if (r.hostState[h] === INFECTED) rate += m[h];
    expect(sum(r.probes)).toBeCloseTo(rate * 400 * 2.5 * 3600, 0);
  });

  it("sigma 0 is the homogeneous model, draw for draw", () => {
    const input = agreementInput(uniform, 3, population);
    const a = runReferenceEngine(input);
    const b = runReferenceEngine({
      ...input,
      rateHeterogeneity: { distribution: "lognormal", sigma: 0 },
    });
    expect(Array.from(b.everTimes)).toEqual(Array.from(a.everTimes));
    expect(b.observers[0].hours).toEqual(a.observers[0].hours);
  });

  it("refuses what it cannot draw", () => {
    const input = agreementInput(uniform, 3, population);
    const bad = { ...input, rateHeterogeneity: { distribution: "gamma" as "lognormal", sigma: 1 } };
    expect(() => runReferenceEngine(bad)).toThrow(/lognormal/);
    const churn = { ...input, addressChurn: { dynamicShare: 2, perHostPerHour: 1 } };
    expect(() => runReferenceEngine(churn)).toThrow(RangeError);
  });
});

describe("reference engine: address churn", () => {
  it("moves keep addresses unique and inside each host's /16", () => {
    const space = addressSpace(20);
    const input = agreementInput(uniform, 1, population);
    const state = new ReferenceState(input, createRng(1).fork("hosts"));
    const hostAt = new Int32Array(space.size);
    population.addresses.forEach((a, h) => (hostAt[a] = h + 1));
    const churn = new ReferenceChurn(
      { dynamicShare: 0.5, perHostPerHour: 1 },
      population.size,
      createRng(1).fork("dynamic-hosts"),
      createRng(1).fork("churn"),
      space,
      hostAt,
    );
    expect(churn.dynamic.length).toBeGreaterThan(400);
    expect(churn.dynamic.length).toBeLessThan(590);
    const rng = createRng(2);
    for (let i = 0; i < 20000; i++) {
      const h = churn.dynamic[rng.int(churn.dynamic.length)];
      const to = churn.move(h, state.addresses[h]);
      if (to >= 0) state.moved(h, to);
    }
    expect(churn.moves).toBeGreaterThan(15000);
    const seen = new Set<number>();
    for (let h = 0; h < population.size; h++) {
      const a = state.addresses[h];
      expect(a >>> space.shift16).toBe(population.addresses[h] >>> space.shift16);
      expect(hostAt[a]).toBe(h + 1);
      seen.add(a);
    }
    expect(seen.size).toBe(population.size);
    expect(hostAt.reduce((n, x) => n + (x > 0 ? 1 : 0), 0)).toBe(population.size);
  });

  it("observers count (host, address epoch) pairs; infectedAddressesEver counts infected epochs", () => {
    const input = agreementInput(uniform, 5, population);
    const still = runReferenceEngine(input);
    expect(still.observers[0].uniqueSources).toBe(still.observers[0].uniqueHosts);
    expect(still.infectedAddressesEver).toBe(still.infectedEver);
    const moving = runReferenceEngine({
      ...input,
      addressChurn: { dynamicShare: 0.5, perHostPerHour: 2 },
    });
    const o = moving.observers[0];
    expect(o.uniqueSources).toBeGreaterThan(o.uniqueHosts * 1.5);
    let firstSeen = 0;
    for (const t of o.firstSeenSeconds) if (t >= 0) firstSeen++;
    expect(o.uniqueHosts).toBe(firstSeen);
    expect(moving.infectedAddressesEver).toBeGreaterThan(moving.infectedEver * 1.5);
    // A pair seen in several hours counts in each: the hours' sum is at least the run's pairs.
    expect(sum(o.hours.map((h) => h.uniqueSources))).toBeGreaterThanOrEqual(o.uniqueSources);
    expect(o.uniqueSourcesByWorm[0]).toBe(o.uniqueSources);
    // A 3-hour run is one day: its distinct sources are the run's.
    expect(o.dailyUniqueSources).toEqual([o.uniqueSources]);
    expect(still.observers[0].dailyUniqueSources).toEqual([still.observers[0].uniqueSources]);
  });

  it("counts each day's distinct (host, epoch) pairs", () => {
    const silent = defineWorm({ ...agreementUniformWorm, infectionSuccess: 0 });
    const input = withWorm(agreementInput({ ...uniform, hours: 25 }, 2, population), silent, 2);
    expect(runReferenceEngine(input).observers[0].dailyUniqueSources).toEqual([2, 2]);
    const moving = runReferenceEngine({
      ...input,
      addressChurn: { dynamicShare: 1, perHostPerHour: 1 },
    }).observers[0];
    const daily = moving.dailyUniqueSources ?? [];
    expect(daily.length).toBe(2);
    // About 24 moves a day for each of the two hosts, nearly every epoch seen (14 probes an hour).
    expect(daily[0]).toBeGreaterThan(30);
    expect(daily[1]).toBeLessThan(10);
    expect(daily[0] + daily[1]).toBeGreaterThanOrEqual(moving.uniqueSources);
  });

  it("static seed, shared and per-thread, runs with heterogeneity and churn together", () => {
    for (const name of ["static-seed", "static-seed-per-thread"]) {
      const config = AGREEMENT_CONFIGS.find((c) => c.name === name);
      if (!config) throw new Error(`no ${name} configuration`);
      const input = agreementInput({ ...config, hours: 0.5 }, 6, population);
      const r = runReferenceEngine({
        ...input,
        rateHeterogeneity: { distribution: "lognormal", sigma: 1 },
        addressChurn: { dynamicShare: 0.5, perHostPerHour: 2 },
      });
      expect(r.infectedEver).toBeGreaterThan(100);
      expect(r.infectedAddressesEver).toBeGreaterThan(r.infectedEver);
      for (let i = 1; i < r.everTimes.length; i++) {
        expect(r.everTimes[i]).toBeGreaterThanOrEqual(r.everTimes[i - 1]);
      }
    }
  });

  it("sigma 0 and no churn leave static-seed runs unchanged", () => {
    const config = AGREEMENT_CONFIGS.find((c) => c.name === "static-seed");
    if (!config) throw new Error("no static-seed configuration");
    const input = agreementInput(config, 2, population);
    const a = runReferenceEngine(input);
    const b = runReferenceEngine({
      ...input,
      rateHeterogeneity: { distribution: "lognormal", sigma: 0 },
      addressChurn: { dynamicShare: 0, perHostPerHour: 5 },
    });
    expect(Array.from(b.everTimes)).toEqual(Array.from(a.everTimes));
  });
});

describe("static-seed walk under address churn", () => {
  it("inverts the sequence: the indices of an address are exactly its preimages", () => {
    const r = createRng(9);
    for (let i = 0; i < 1000; i++) {
      const x = r.nextUint32();
      expect(unmix32(mix32(x))).toBe(x);
    }
    const seed = 12345;
    const bits = 20;
    const limit = 1 << 22;
    const watched = [0, 77, 4095, 1 << 19, (1 << 20) - 1];
    const found = watched.map(() => [] as number[]);
    for (let k = 0; k < limit; k++) {
      const i = watched.indexOf(sequenceAddress(seed, k, bits));
      if (i >= 0) found[i].push(k);
    }
    watched.forEach((a, i) => {
      const ks = sequenceIndicesOf(seed, a, bits);
      expect(ks.length).toBe(4096);
      for (let j = 1; j < ks.length; j++) expect(ks[j]).toBeGreaterThan(ks[j - 1]);
      for (const k of ks.subarray(0, 8)) expect(sequenceAddress(seed, k, bits)).toBe(a);
      expect(Array.from(ks.filter((k) => k < limit))).toEqual(found[i]);
    });
  });

  it("a host that moves is hit at its new address's next index after the walk's position", () => {
    // A 2^16 space: one scanner at 1 probe/s from t = 0 and one host, at A, that moves at t0 =
    // 20,000 s (the scanner is then near index 20,000) to B. Ahead: B's first index kB is ~30,000, so
    // the hit is probe kB + 1, at Gamma(kB + 1) (mean kB + 1, sd sqrt(kB + 1)). Behind: B's first index
    // is ~10,000, already passed, so the hit is B's next index. A walk that kept its pending hit, or
    // missed B's indices, or misplaced its position at t0, would be far off.
    const bits = 16;
    const seed = 424242;
    const first = (a: number, after = -1): number => {
      const ks = sequenceIndicesOf(seed, a, bits);
      return ks.find((k) => k > after) ?? Infinity;
    };
    const addressFrom = (k0: number): number => {
      for (let k = k0; ; k++) {
        const a = sequenceAddress(seed, k, bits);
        if (first(a) === k && first(a, k) > 21_000) return a;
      }
    };
    let A = 0;
    while (first(A) < 25_000) A++;
    const t0 = 20_000;
    for (const [B, expectK] of [
      [addressFrom(30_000), (b: number) => first(b)],
      [addressFrom(10_000), (b: number) => first(b, 10_500)],
    ] as const) {
      const k = expectK(B);
      const times: number[] = [];
      for (let run = 0; run < 100; run++) {
        const table = new Int32Array(1 << bits);
        table[A] = 1;
        const walk = new StaticSeedWalk(seed, bits, table, 2, createRng(run).fork("walk"), 1e7);
        walk.start(1, 1, 0);
        expect(walk.nextTime()).toBeGreaterThan(t0);
        walk.move(0, A, B, t0);
        expect(table[A]).toBe(0);
        expect(table[B]).toBe(1);
        times.push(walk.nextTime());
        expect(walk.step()).toBe(0);
      }
      const mean = sum(times) / times.length;
      const sd = Math.sqrt(sum(times.map((x) => (x - mean) ** 2)) / (times.length - 1));
      expect(Math.abs(mean - (k + 1))).toBeLessThan((5 * Math.sqrt(k + 1)) / Math.sqrt(100));
      expect(sd / Math.sqrt(k + 1)).toBeGreaterThan(0.7);
      expect(sd / Math.sqrt(k + 1)).toBeLessThan(1.3);
    }
  });

  it("keeps its hit list exact through moves: every scanned index whose address holds a host", () => {
    const bits = 16;
    const table = new Int32Array(1 << bits);
    const hosts = 6;
    const address = Uint32Array.from([10, 2000, 30000, 40000, 50000, 65000]);
    address.forEach((a, h) => (table[a] = h + 1));
    const walks = new PerThreadWalks(77, 3, bits, table, hosts, createRng(3), 1e9);
    const rng = createRng(4);
    let t = 0;
    walks.start(0, 30, 0);
    walks.start(3, 90, 0);
    for (let round = 0; round < 60; round++) {
      // A few hits, then a host moves to a free address.
      for (let i = 0; i < 5; i++) {
        t = walks.nextTime();
        walks.step();
      }
      const h = rng.int(hosts);
      let to = rng.int(1 << bits);
      while (table[to] !== 0) to = rng.int(1 << bits);
      walks.move(h, address[h], to, t);
      address[h] = to;
    }
    for (let i = 0; i < 3; i++) {
      const walk = walks.walk(i);
      const { k, host } = walk.hitList();
      const expectK: number[] = [];
      const expectHost: number[] = [];
      for (let j = 0; j < walk.scanned; j++) {
        const at = table[sequenceAddress(77 + i, j, bits)];
        if (at > 0) {
          expectK.push(j);
          expectHost.push(at - 1);
        }
      }
      expect(walk.scanned).toBeGreaterThan(65536);
      expect(Array.from(k)).toEqual(expectK);
      expect(Array.from(host)).toEqual(expectHost);
    }
    address.forEach((a, h) => expect(table[a]).toBe(h + 1));
  });
});
