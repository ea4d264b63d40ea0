import { describe, expect, it } from "vitest";
import { createRng, type Rng } from "../../core/rng.ts";
import { cappedLognormalScale } from "../../core/stats/capped-lognormal.ts";
import { CLASS } from "../classes.ts";
import { Tally } from "../tally/tally.ts";
import {
  CALIBRATED_DYNAMIC_SHARE,
  CALIBRATED_MOVES_PER_HOST_PER_HOUR,
  CALIBRATED_RATE_CAP,
  CALIBRATED_RATE_SIGMA,
  CALIBRATED_RATE_SIGMA_95,
  CODE_RED_LAB_PROBES_PER_SECOND,
  CRV2_INFECTION_SUCCESS,
} from "../../core/code-red-rate-model.ts";
import {
  CRII_RATE_MULTIPLIER,
  criiHitProbabilityPerProbe,
  criiRateMultiplierNear,
  IPV4_ADDRESSES,
} from "./assumptions.ts";
import { estimateOutbreak } from "./estimate-from-tally.ts";
import { estimateGroup } from "./outbreak-size.ts";
import { poissonInterval } from "./poisson-interval.ts";

const DAY_SECONDS = 86400;
const START = 995500000;

function exp(rng: Rng, rate: number): number {
  return -Math.log(1 - rng.next()) / rate;
}

/** A mean-1 lognormal rate multiplier, drawn as the simulator draws it (Box-Muller, one value). */
function multiplier(rng: Rng, sigma: number, cap?: number): number {
  const z = Math.sqrt(-2 * Math.log(1 - rng.next())) * Math.cos(2 * Math.PI * rng.next());
  const scale = cap === undefined ? 1 : cappedLognormalScale(sigma, cap);
  return Math.min(cap ?? Infinity, scale * Math.exp(-(sigma * sigma) / 2 + sigma * z));
}

/** One simulated host: its first address, its rate of hits on the server, its class. */
interface SimHost {
  ip: number;
  hitRatePerSecond: number;
  cls: number;
  /** Moves per second to a new address of the same /16 (0: a static address). */
  movesPerSecond?: number;
  /** Infected only until this many seconds into the window (default: the whole window). */
  until?: number;
}

/**
 * One server's log of an outbreak: each host's probes hit the server as a Poisson process of rate
 * `hitRatePerSecond`; a moving host changes address (to one no other host has held, in its /16) at
 * the times of a Poisson process of rate `movesPerSecond`. Background traffic marks the start and
 * end of the log.
 */
function simulate(rng: Rng, hosts: SimHost[], windowSeconds: number): Tally {
  const tally = new Tally();
  const file = tally.openFile("sim");
  tally.record(file, 1, START, CLASS.other);
  tally.record(file, 1, START + windowSeconds, CLASS.other);
  const used = new Set(hosts.map((h) => h.ip));
  for (const h of hosts) {
    let ip = h.ip;
    let nextMove = h.movesPerSecond ? exp(rng, h.movesPerSecond) : Infinity;
    for (
      let t = exp(rng, h.hitRatePerSecond);
      t < Math.min(windowSeconds, h.until ?? Infinity);
      t += exp(rng, h.hitRatePerSecond)
    ) {
      while (nextMove < t) {
        do ip = ((h.ip & 0xffff0000) | rng.int(65536)) >>> 0;
        while (used.has(ip));
        used.add(ip);
        nextMove += exp(rng, h.movesPerSecond!);
      }
      tally.record(file, ip, START + t, h.cls);
    }
  }
  return tally;
}

/**
 * The calibrated host model's hosts: capped lognormal multipliers, the calibrated share moving at
 * `movesPerHostPerHour` (default: the calibrated rate).
 */
function calibratedHost(
  rng: Rng,
  ip: number,
  hitRateAtMean: number,
  cls: number,
  movesPerHostPerHour = CALIBRATED_MOVES_PER_HOST_PER_HOUR,
): SimHost {
  return {
    ip,
    hitRatePerSecond: hitRateAtMean * multiplier(rng, CALIBRATED_RATE_SIGMA, CALIBRATED_RATE_CAP),
    cls,
    movesPerSecond: rng.next() < CALIBRATED_DYNAMIC_SHARE ? movesPerHostPerHour / 3600 : 0,
  };
}

describe("poissonInterval", () => {
  it("matches published Garwood limits", () => {
    expect(poissonInterval(0).high).toBeCloseTo(3.689, 3);
    expect(poissonInterval(1).low).toBeCloseTo(0.0253, 4);
    expect(poissonInterval(1).high).toBeCloseTo(5.572, 3);
    expect(poissonInterval(10).low).toBeCloseTo(4.795, 3);
    expect(poissonInterval(10).high).toBeCloseTo(18.39, 2);
  });
});

describe("estimateOutbreak against simulated outbreaks", () => {
  it("recovers a uniform-scanning CRv2 population of the calibrated model, with ~95% coverage", () => {
    const infected = 200_000;
    const rng = createRng(19072001).fork("crv2");
    const hitRate = CODE_RED_LAB_PROBES_PER_SECOND / IPV4_ADDRESSES;
    const hosts = Array.from({ length: infected }, (_, i) =>
      calibratedHost(rng, (0x0b000000 + i * 97) >>> 0, hitRate, CLASS.crv1v2),
    );
    let covered = 0;
    let sum = 0;
    const seeds = 150;
    for (let seed = 0; seed < seeds; seed++) {
      const e = estimateOutbreak(simulate(rng, hosts, DAY_SECONDS));
      expect(e.windowSeconds.crv1v2).toBe(DAY_SECONDS);
      if (e.crv1v2.hostsLow <= infected && infected <= e.crv1v2.hostsHigh) covered++;
      sum += e.crv1v2.hosts;
    }
    expect(covered / seeds).toBeGreaterThan(0.9);
    expect(sum / seeds / infected).toBeGreaterThan(0.94);
    expect(sum / seeds / infected).toBeLessThan(1.06);
  });

  it("recovers CRII hosts of the calibrated model by locality when the server address is known", () => {
    const server = (61 << 24) | (20 << 16) | (30 << 8) | 40;
    const rate = CODE_RED_LAB_PROBES_PER_SECOND * CRII_RATE_MULTIPLIER;
    // hosts in the server's /8 run in the locale mix of its region (61/8: APNIC)
    const nearRate = CODE_RED_LAB_PROBES_PER_SECOND * criiRateMultiplierNear(server >>> 0);
    const rng = createRng(4082001).fork("crii");
    const groups = { same16: 40, same8: 3000, elsewhere: 200_000 };
    const hosts: Array<{ ip: number; hitRatePerSecond: number; cls: number }> = [];
    for (const [where, n] of Object.entries(groups) as Array<[keyof typeof groups, number]>) {
      for (let i = 0; i < n; i++) {
        let ip: number;
        if (where === "same16") ip = (server & 0xffff0000) | rng.int(65536);
        else if (where === "same8")
          ip = (server & 0xff000000) | ((21 + rng.int(200)) << 16) | rng.int(65536);
        else ip = ((62 + rng.int(100)) << 24) | rng.int(1 << 24);
        hosts.push(
          calibratedHost(
            rng,
            ip >>> 0,
            (where === "elsewhere" ? rate : nearRate) * criiHitProbabilityPerProbe(where),
            CLASS.crii,
          ),
        );
      }
    }
    const seeds = 40;
    const covered = { same16: 0, same8: 0, elsewhere: 0 };
    let sumTotal = 0;
    for (let seed = 0; seed < seeds; seed++) {
      const e = estimateOutbreak(simulate(rng, hosts, DAY_SECONDS), { serverIp: server >>> 0 });
      const by = e.crii.byLocality;
      expect(by).not.toBeNull();
      for (const where of ["same16", "same8", "elsewhere"] as const) {
        const g = by![where];
        if (g.hostsLow <= groups[where] && groups[where] <= g.hostsHigh) covered[where]++;
      }
      sumTotal += e.crii.hosts;
      // local hosts hit the server many times: the observed count matches the model's prediction
      expect(by!.same16.probesPerSource).toBeGreaterThan(by!.elsewhere.probesPerSource * 3);
    }
    expect(covered.same8 / seeds).toBeGreaterThan(0.85);
    expect(covered.elsewhere / seeds).toBeGreaterThan(0.85);
    expect(covered.same16 / seeds).toBeGreaterThan(0.85);
    const total = groups.same16 + groups.same8 + groups.elsewhere;
    expect(sumTotal / seeds / total).toBeGreaterThan(0.9);
    expect(sumTotal / seeds / total).toBeLessThan(1.1);
  });

  it("states its assumptions and flags an unknown server address", () => {
    const e = estimateOutbreak(new Tally());
    // the simulator's lab rate, 50,000 per hour; the band runs down to the effective 6.11/s
    expect(e.assumptions.crv1v2ProbesPerSecond).toBe(50_000 / 3600);
    expect(e.assumptions.crv1v2ProbesPerSecondLow).toBeCloseTo(6.111, 3);
    expect(e.assumptions.rateSigma).toBe(CALIBRATED_RATE_SIGMA);
    expect(e.assumptions.rateSigmaLow).toBe(CALIBRATED_RATE_SIGMA_95[0]);
    expect(e.assumptions.rateSigmaHigh).toBe(CALIBRATED_RATE_SIGMA_95[1]);
    expect(e.assumptions.rateCap).toBe(CALIBRATED_RATE_CAP);
    expect(e.assumptions.dynamicShare).toBe(0.5);
    expect(e.assumptions.movesPerHostPerHour).toBe(CALIBRATED_MOVES_PER_HOST_PER_HOUR);
    expect(e.assumptions.serverShareOfAddressSpace).toBe(2 ** -32);
    expect(e.notes.join(" ")).toMatch(/--server-ip/);
    expect(e.crv1v2.hosts).toBe(0);
  });
});

describe("estimates are clamped to the IPv4 address space", () => {
  function tallyWith(sources: number): Tally {
    const tally = new Tally();
    const file = tally.openFile("clamp");
    for (let i = 0; i < sources; i++) tally.record(file, 0x0a000000 + i, START + i, CLASS.crv1v2);
    tally.record(file, 1, START + 3600, CLASS.other);
    return tally;
  }

  it("a tiny probe rate gives at most 2^32 hosts, with a warning naming the class", () => {
    const e = estimateOutbreak(tallyWith(50), { probesPerSecond: 0.000001 });
    for (const field of ["hosts", "hostsLow", "hostsHigh", "hostsAtLowRate", "hostsAtHighRate"]) {
      expect(e.crv1v2[field as "hosts"]).toBeLessThanOrEqual(IPV4_ADDRESSES);
    }
    expect(e.crv1v2.hosts).toBe(IPV4_ADDRESSES);
    expect(e.warnings).toHaveLength(1);
    expect(e.warnings[0]).toMatch(/exceeds the IPv4 address space .*crv1v2/);
  });

  it("with the server address, CRII's locality groups are clamped too", () => {
    const tally = new Tally();
    const file = tally.openFile("clamp");
    for (let i = 0; i < 50; i++) tally.record(file, 0x0a000000 + i, START + i, CLASS.crii);
    tally.record(file, 1, START + 3600, CLASS.other);
    const e = estimateOutbreak(tally, { probesPerSecond: 1e-9, serverIp: 0xc0a80001 });
    expect(e.crii.hosts).toBeLessThanOrEqual(IPV4_ADDRESSES);
    expect(e.crii.byLocality?.elsewhere.hosts).toBeLessThanOrEqual(IPV4_ADDRESSES);
    expect(e.warnings[0]).toMatch(/crii/);
  });

  it("the default rate needs no clamp and warns of nothing", () => {
    const e = estimateOutbreak(tallyWith(50));
    expect(e.crv1v2.hosts).toBeLessThan(IPV4_ADDRESSES);
    expect(e.warnings).toEqual([]);
  });
});

describe("the rate model in the estimate: heterogeneity and churn", () => {
  const server = ((61 << 24) | (20 << 16) | (30 << 8) | 40) >>> 0;
  // the hosts next door run in the locale mix of the server's region (61/8: APNIC)
  const criiRate = CODE_RED_LAB_PROBES_PER_SECOND * criiRateMultiplierNear(server);
  const homogeneous = { rateSigma: 0, addressChurn: { dynamicShare: 0, perHostPerHour: 0 } };

  /** `n` calibrated CRII hosts in the server's /16, seen for `windowSeconds`, over `seeds` seeds. */
  function runs(
    seed: number,
    n: number,
    windowSeconds: number,
    seeds: number,
    movesPerHostPerHour = CALIBRATED_MOVES_PER_HOST_PER_HOUR,
  ): Tally[] {
    const rng = createRng(seed).fork("crii-same16");
    const q = criiHitProbabilityPerProbe("same16");
    const ips = new Set<number>();
    while (ips.size < n) ips.add(((server & 0xffff0000) | rng.int(65536)) >>> 0);
    ips.delete(server);
    const hosts = [...ips].map((ip) =>
      calibratedHost(rng, ip, criiRate * q, CLASS.crii, movesPerHostPerHour),
    );
    return Array.from({ length: seeds }, () => simulate(rng, hosts, windowSeconds));
  }

  it("hostsMean: a population that shrinks within the window is averaged over it (rate fitted next door)", () => {
    // half the hosts next door scan all day, half only the first 6 hours: 62.5% of n on average
    const n = 1500;
    const rng = createRng(11).fork("crii-shrinking");
    const q = criiHitProbabilityPerProbe("same16");
    const ips = new Set<number>();
    while (ips.size < n) ips.add(((server & 0xffff0000) | rng.int(65536)) >>> 0);
    ips.delete(server);
    // the hosts scan at 1.5 times the assumed rate: the estimate fits it from requests per source-hour
    const hosts = [...ips].map((ip, i) => ({
      ...calibratedHost(rng, ip, 1.5 * criiRate * q, CLASS.crii),
      until: i % 2 === 0 ? DAY_SECONDS : DAY_SECONDS / 4,
    }));
    const truth = (ips.size / 2) * (1 + 1 / 4);
    // the rate of these hosts: 1.5 times the assumed one, times their own mean multiplier (a
    // heavy-tailed multiplier's mean over 1,500 hosts is not 1), weighted by host-time
    const weight = (i: number): number => (i % 2 === 0 ? 1 : 1 / 4);
    const realized =
      hosts.reduce((a, h, i) => a + (weight(i) * h.hitRatePerSecond) / q, 0) /
      hosts.reduce((a, _, i) => a + weight(i), 0);
    let covered = 0;
    let sum = 0;
    let sumConstant = 0;
    const seeds = 20;
    for (let k = 0; k < seeds; k++) {
      const e = estimateOutbreak(simulate(rng, hosts, DAY_SECONDS), { serverIp: server }).crii
        .byLocality!.same16;
      expect(e.fittedProbesPerSecond! / realized).toBeGreaterThan(0.9);
      expect(e.fittedProbesPerSecond! / realized).toBeLessThan(1.1);
      if (e.hostsMeanLow <= truth && truth <= e.hostsMeanHigh) covered++;
      sum += e.hostsMean;
      sumConstant += e.hosts;
    }
    expect(covered / seeds).toBeGreaterThan(0.85);
    expect(Math.abs(sum / seeds / truth - 1)).toBeLessThan(0.04);
    // the constant-population estimate counts the hosts seen at any time: near n, not the average
    expect(sumConstant / seeds / truth).toBeGreaterThan(1.3);
  });

  it("at sigma 0 without churn is the homogeneous formula S / (1 - e^(-r q T)) at the same rate", () => {
    for (const [rate, q, T, sources] of [
      [6, 2 ** -32, DAY_SECONDS, 37],
      [13.9, criiHitProbabilityPerProbe("same16"), 3600, 412],
      [41.7, criiHitProbabilityPerProbe("same8"), 7 * DAY_SECONDS, 3],
    ]) {
      const g = estimateGroup(
        { sources, requests: sources, hitProbabilityPerProbe: q },
        {
          probesPerSecond: rate,
          probesPerSecondRange: [rate / 2, rate * 2],
          host: { rateSigma: 0, dynamicShare: 0, movesPerHostPerHour: 0 },
          rateSigmaRange: [0, 0],
        },
        T,
        0.95,
      );
      const p = -Math.expm1(-rate * q * T);
      const interval = poissonInterval(sources);
      expect(g.hosts).toBe(sources / p);
      expect(g.hostsLow).toBe(interval.low / p);
      expect(g.hostsHigh).toBe(interval.high / p);
      expect(g.hostsAtLowRate).toBe(sources / -Math.expm1(-(rate / 2) * q * T));
      expect(g.hostsAtHighRate).toBe(sources / -Math.expm1(-rate * 2 * q * T));
      expect(g.addressesPerSeenHost).toBe(1);
    }
  });

  it("uniform scanners: the calibrated estimate is the homogeneous one at the lab rate (to 0.1%)", () => {
    const tally = new Tally();
    const file = tally.openFile("uniform");
    for (let i = 0; i < 40; i++) tally.record(file, 0x0a000000 + i * 7, START + i, CLASS.crv1v2);
    tally.record(file, 1, START + DAY_SECONDS, CLASS.other);
    const calibrated = estimateOutbreak(tally).crv1v2;
    const flat = estimateOutbreak(tally, {
      probesPerSecond: CODE_RED_LAB_PROBES_PER_SECOND,
      ...homogeneous,
    }).crv1v2;
    // The dispersion enters at second order: 1 - E[e^(-m x)] = x (1 - x E[m^2] / 2 + ...) against
    // 1 - e^-x = x (1 - x / 2 + ...), so the estimates differ by about (x / 2)(E[m^2] - 1), and
    // E[m^2] <= e^(sigma^2) for the capped lognormal of mean 1 (the uncapped one's).
    const x = (CODE_RED_LAB_PROBES_PER_SECOND * DAY_SECONDS) / 2 ** 32;
    const bound = (x / 2) * Math.exp(CALIBRATED_RATE_SIGMA ** 2);
    expect(Math.abs(calibrated.hosts / flat.hosts - 1)).toBeLessThan(bound);
    // by hand: r q T = (50,000 / 3600) x 86,400 / 2^32 = 2.79397e-4; 40 / (1 - e^-2.79397e-4) = 143,186
    expect(Math.abs(flat.hosts / 143_186 - 1)).toBeLessThan(1e-5);
    expect(Math.abs(calibrated.hosts / 143_186 - 1)).toBeLessThan(bound);
  });

  it("hosts next door for an hour: the calibrated dispersion is recovered; the homogeneous model misses", () => {
    const n = 2000;
    let covered = 0;
    let sum = 0;
    let sumFlat = 0;
    const tallies = runs(1, n, 3600, 20);
    for (const tally of tallies) {
      const e = estimateOutbreak(tally, { serverIp: server }).crii.byLocality!.same16;
      if (e.hostsLow <= n && n <= e.hostsHigh) covered++;
      sum += e.hosts;
      sumFlat += estimateOutbreak(tally, { serverIp: server, ...homogeneous }).crii.byLocality!
        .same16.hosts;
    }
    expect(covered / tallies.length).toBeGreaterThan(0.85);
    expect(Math.abs(sum / tallies.length / n - 1)).toBeLessThan(0.04);
    // with one rate for all, a host next door is seen with 0.578 instead of 0.464
    expect(sumFlat / tallies.length / n).toBeLessThan(0.88);
  });

  it("hosts next door for a day: sources are addresses, converted to hosts; without churn they overcount", () => {
    const n = 300;
    let covered = 0;
    let sum = 0;
    let sumStatic = 0;
    // The calibrated presets have no churn (the third fit); the conversion is tested at the second
    // fit's rate, with the estimate told the same churn.
    const churn = { dynamicShare: CALIBRATED_DYNAMIC_SHARE, perHostPerHour: 0.015 };
    const tallies = runs(2, n, DAY_SECONDS, 30, churn.perHostPerHour);
    for (const tally of tallies) {
      const e = estimateOutbreak(tally, { serverIp: server, addressChurn: churn }).crii.byLocality!
        .same16;
      if (e.hostsLow <= n && n <= e.hostsHigh) covered++;
      sum += e.hosts;
      // half the hosts move 0.015 times an hour: ~0.36 moves in a day each, ~1.15 addresses per seen host
      expect(e.addressesPerSeenHost).toBeGreaterThan(1.1);
      sumStatic += estimateOutbreak(tally, {
        serverIp: server,
        addressChurn: { dynamicShare: 0, perHostPerHour: 0 },
      }).crii.byLocality!.same16.hosts;
    }
    expect(covered / tallies.length).toBeGreaterThan(0.85);
    expect(Math.abs(sum / tallies.length / n - 1)).toBeLessThan(0.05);
    expect(sumStatic / tallies.length / n).toBeGreaterThan(1.1);
  });

  it("the band comes from the rate model: low rate and high sigma give the most hosts", () => {
    const [tally] = runs(3, 500, 3600, 1);
    const e = estimateOutbreak(tally, { serverIp: server }).crii.byLocality!.same16;
    const at = (probesPerSecond: number, rateSigma: number): number =>
      estimateOutbreak(tally, { serverIp: server, probesPerSecond, rateSigma }).crii.byLocality!
        .same16.hosts;
    const lab = CODE_RED_LAB_PROBES_PER_SECOND;
    const [sLow, sHigh] = CALIBRATED_RATE_SIGMA_95;
    expect(e.hostsAtHighRate).toBeCloseTo(at(lab, sLow), 6);
    expect(e.hostsAtLowRate).toBeCloseTo(at(lab * CRV2_INFECTION_SUCCESS, sHigh), 6);
    expect(e.hostsAtHighRate).toBeLessThan(e.hosts);
    expect(e.hostsAtLowRate).toBeGreaterThan(e.hosts);
    for (const [r, s] of [
      [lab, sHigh],
      [lab * 0.5, sLow],
      [lab * 0.7, CALIBRATED_RATE_SIGMA],
    ]) {
      expect(at(r, s)).toBeGreaterThan(e.hostsAtHighRate);
      expect(at(r, s)).toBeLessThan(e.hostsAtLowRate);
    }
  });
});
