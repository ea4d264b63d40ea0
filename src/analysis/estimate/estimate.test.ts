import { describe, expect, it } from "vitest";
import { createRng, type Rng } from "../../core/rng.ts";
import { CLASS } from "../classes.ts";
import { Tally } from "../tally/tally.ts";
import { criiHitProbabilityPerProbe, IPV4_ADDRESSES } from "./assumptions.ts";
import { estimateOutbreak } from "./estimate-from-tally.ts";
import { poissonInterval } from "./poisson-interval.ts";

const DAY_SECONDS = 86400;
const START = 995500000;

function exp(rng: Rng, rate: number): number {
  return -Math.log(1 - rng.next()) / rate;
}

/**
 * One server's log of an outbreak: each host's probes hit the server as a Poisson process of rate
 * `rate * hitProbability(host)`; background traffic marks the start and end of the log.
 */
function simulate(
  rng: Rng,
  hosts: Array<{ ip: number; hitRatePerSecond: number; cls: number }>,
  windowSeconds: number,
): Tally {
  const tally = new Tally();
  const file = tally.openFile("sim");
  tally.record(file, 1, START, CLASS.other);
  tally.record(file, 1, START + windowSeconds, CLASS.other);
  for (const h of hosts) {
    for (
      let t = exp(rng, h.hitRatePerSecond);
      t < windowSeconds;
      t += exp(rng, h.hitRatePerSecond)
    ) {
      tally.record(file, h.ip, START + t, h.cls);
    }
  }
  return tally;
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
  it("recovers a uniform-scanning CRv2 population, with ~95% interval coverage", () => {
    const infected = 200_000;
    const rate = 6;
    const rng = createRng(19072001).fork("crv2");
    const hitRate = rate / IPV4_ADDRESSES;
    const hosts = Array.from({ length: infected }, (_, i) => ({
      ip: (0x0b000000 + i * 97) >>> 0,
      hitRatePerSecond: hitRate,
      cls: CLASS.crv1v2,
    }));
    let covered = 0;
    let sum = 0;
    const seeds = 150;
    for (let seed = 0; seed < seeds; seed++) {
      const e = estimateOutbreak(simulate(rng, hosts, DAY_SECONDS), { probesPerSecond: rate });
      expect(e.windowSeconds.crv1v2).toBe(DAY_SECONDS);
      if (e.crv1v2.hostsLow <= infected && infected <= e.crv1v2.hostsHigh) covered++;
      sum += e.crv1v2.hosts;
    }
    expect(covered / seeds).toBeGreaterThan(0.9);
    expect(sum / seeds / infected).toBeGreaterThan(0.94);
    expect(sum / seeds / infected).toBeLessThan(1.06);
  });

  it("recovers CRII hosts by locality when the server address is known", () => {
    const server = (61 << 24) | (20 << 16) | (30 << 8) | 40;
    const rate = 18;
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
        hosts.push({
          ip: ip >>> 0,
          hitRatePerSecond: rate * criiHitProbabilityPerProbe(where),
          cls: CLASS.crii,
        });
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
    expect(e.assumptions.crv1v2ProbesPerSecond).toBe(6);
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
