import { describe, expect, it } from "vitest";
import { UserInputError } from "../core/errors.ts";
import { createRng, mix32 } from "../core/rng.ts";
import { NEVER_HOST_PREFIX8S, eligibleBlocks8, isSpecialUse16 } from "./address-blocks.ts";
import { IANA_IPV4_BLOCKS } from "./iana-table.ts";
import { formatIpv4 } from "./ipv4.ts";
import { populationJuly2001 } from "./internet-2001.ts";
import type { Internet2001Options } from "./internet-2001-params.ts";
import { hostsPer16, populationStats } from "./population-stats.ts";
import { LOCALE_CHINESE, LOCALE_ENGLISH, OS_NT4_IIS4, type Population } from "./population.ts";

const build = (seed: number, options: Internet2001Options = {}): Population =>
  populationJuly2001(options, createRng(seed).fork("population"));

describe("populationJuly2001 at the defaults", () => {
  const pop = build(2001);
  const stats = populationStats(pop);

  it("has 375,000 hosts with parallel arrays", () => {
    expect(pop.size).toBe(375_000);
    for (const array of [pop.addresses, pop.country, pop.locale, pop.os, pop.patched]) {
      expect(array.length).toBe(pop.size);
    }
    expect(pop.liveAddressesPer16.length).toBe(65536);
    expect(pop.source).toBe("model:july2001");
  });

  it("is pinned: seed 2001 gives the same hosts as when this test was written", () => {
    // Changes when the model or its defaults change on purpose; update the pin in that commit.
    expect(Array.from(pop.addresses.subarray(0, 3), formatIpv4)).toEqual([
      "3.5.4.191",
      "3.5.21.248",
      "3.5.32.74",
    ]);
    let digest = 0;
    for (let i = 0; i < pop.size; i++) {
      const attributes = (pop.country[i] << 24) ^ (pop.locale[i] << 16) ^ (pop.os[i] << 8);
      digest = mix32(digest ^ pop.addresses[i] ^ attributes);
    }
    expect(digest).toBe(336679483);
  });

  it("has unique addresses in strictly ascending order", () => {
    let ascending = true;
    for (let i = 1; i < pop.size; i++)
      if (pop.addresses[i] <= pop.addresses[i - 1]) ascending = false;
    expect(ascending).toBe(true);
  });

  it("uses only /8s allocated by July 2001, no special-use /16, no .0 or .255", () => {
    const eligible = new Set(
      eligibleBlocks8(IANA_IPV4_BLOCKS, "2001-07", [189, 190]).map((b) => b.prefix8),
    );
    const used8 = new Set<number>();
    let badLastOctet = 0;
    let special = 0;
    for (const addr of pop.addresses) {
      used8.add(addr >>> 24);
      if ((addr & 255) === 0 || (addr & 255) === 255) badLastOctet++;
      if (isSpecialUse16(addr >>> 16)) special++;
    }
    for (const p of used8) expect(eligible.has(p), `${p}/8`).toBe(true);
    for (const p of [...NEVER_HOST_PREFIX8S, 69, 189, 190, 200, 219])
      expect(used8.has(p)).toBe(false);
    expect(badLastOctet).toBe(0);
    expect(special).toBe(0);
    expect(used8.size).toBeGreaterThan(100);
  });

  it("matches CAIDA's country shares within 1%", () => {
    const targets = { US: 0.43, KR: 0.11, CN: 0.05, TW: 0.04, other: 0.37 };
    expect(pop.countries).toEqual(Object.keys(targets));
    for (const [country, share] of Object.entries(targets)) {
      expect(Math.abs(stats.countryShares[country] - share), country).toBeLessThan(0.01);
    }
  });

  it("puts US hosts in ARIN space and KR/CN/TW hosts in APNIC space", () => {
    const region = new Map(
      eligibleBlocks8(IANA_IPV4_BLOCKS, "2001-07").map((b) => [b.prefix8, b.region]),
    );
    const wrong = { US: 0, asia: 0 };
    for (let i = 0; i < pop.size; i++) {
      const code = pop.countries[pop.country[i]];
      const r = region.get(pop.addresses[i] >>> 24);
      if (code === "US" && r !== "ARIN") wrong.US++;
      if (["KR", "CN", "TW"].includes(code) && r !== "APNIC") wrong.asia++;
    }
    expect(wrong).toEqual({ US: 0, asia: 0 });
  });

  it("gives each /16 a single country", () => {
    const owner = new Int16Array(65536).fill(-1);
    let mixed = 0;
    for (let i = 0; i < pop.size; i++) {
      const p16 = pop.addresses[i] >>> 16;
      if (owner[p16] === -1) owner[p16] = pop.country[i];
      else if (owner[p16] !== pop.country[i]) mixed++;
    }
    expect(mixed).toBe(0);
  });

  it("is heavy-tailed per /16: a few dense blocks, most empty", () => {
    console.log(
      `July 2001 model: ${stats.prefix8Count} /8s, ${stats.occupied16Count} occupied /16s, ` +
        `max ${stats.maxHostsPer16}, median ${stats.medianHostsPerOccupied16} hosts per occupied /16, ` +
        `top 1% of occupied /16s hold ${(100 * stats.top1PercentOf16Share).toFixed(1)}%, ` +
        `top 10% hold ${(100 * stats.top10PercentOf16Share).toFixed(1)}%, ` +
        `live addresses ${(stats.liveAddressesTotal / 1e6).toFixed(1)} M`,
    );
    expect(stats.top1PercentOf16Share).toBeGreaterThan(0.2);
    expect(stats.top10PercentOf16Share).toBeGreaterThan(0.6);
    expect(stats.maxHostsPer16).toBeGreaterThan(1000);
    expect(stats.medianHostsPerOccupied16).toBeLessThan(20);
    // Most /16s of the eligible /8s hold no vulnerable host.
    expect(stats.occupied16Count).toBeLessThan((stats.prefix8Count * 256) / 2);
  });

  it("draws locale, OS and patch state at the documented shares", () => {
    expect(Math.abs(stats.nt4Iis4Share - 0.1)).toBeLessThan(0.005);
    expect(stats.patchedShare).toBe(0);
    const chineseIn = (code: string): number => {
      let total = 0;
      let chinese = 0;
      for (let i = 0; i < pop.size; i++) {
        if (pop.countries[pop.country[i]] !== code) continue;
        total++;
        if (pop.locale[i] === LOCALE_CHINESE) chinese++;
      }
      return chinese / total;
    };
    expect(Math.abs(chineseIn("CN") - 0.88)).toBeLessThan(0.01);
    expect(Math.abs(chineseIn("US") - 0.01)).toBeLessThan(0.005);
    expect(pop.locale.filter((l) => l === LOCALE_ENGLISH).length).toBeGreaterThan(pop.size / 2);
  });

  it("estimates live addresses near the ISC July 2001 host count, never below the hosts", () => {
    expect(Math.abs(stats.liveAddressesTotal / 125_888_197 - 1)).toBeLessThan(0.1);
    const per16 = hostsPer16(pop);
    let below = 0;
    for (let p = 0; p < 65536; p++) {
      if (pop.liveAddressesPer16[p] < per16[p] || pop.liveAddressesPer16[p] > 65536) below++;
    }
    expect(below).toBe(0);
  });
});

describe("populationJuly2001 determinism and options", () => {
  const small: Internet2001Options = { vulnerableHosts: 20_000 };

  it("is identical for the same seed and differs for another seed", () => {
    const [a, b, c] = [build(7, small), build(7, small), build(8, small)];
    for (const key of [
      "addresses",
      "country",
      "locale",
      "os",
      "patched",
      "liveAddressesPer16",
    ] as const) {
      expect(b[key], key).toEqual(a[key]);
    }
    expect(c.addresses).not.toEqual(a.addresses);
  });

  it("keeps the addresses when only an attribute option changes", () => {
    const a = build(7, small);
    const b = build(7, { ...small, nt4Iis4Share: 0.5, patchedAtStart: 0.3 });
    expect(b.addresses).toEqual(a.addresses);
    const nt4 = b.os.filter((o) => o === OS_NT4_IIS4).length / b.size;
    const patched = b.patched.reduce((s, x) => s + x, 0) / b.size;
    expect(Math.abs(nt4 - 0.5)).toBeLessThan(0.02);
    expect(Math.abs(patched - 0.3)).toBeLessThan(0.02);
  });

  it("honours an earlier cutoff", () => {
    const pop = build(3, { ...small, cutoffDate: "1999-12" });
    const used8 = new Set(Array.from(pop.addresses, (a) => a >>> 24));
    for (const p of [65, 66, 67, 68, 80, 81, 217, 218]) expect(used8.has(p)).toBe(false);
  });

  it("caps hosts per /16", () => {
    const pop = build(3, { ...small, density16Sigma: 4, maxHostsPer16: 300 });
    expect(Math.max(...hostsPer16(pop))).toBeLessThanOrEqual(300);
    expect(pop.size).toBe(20_000);
  });

  it.each<[Internet2001Options, RegExp]>([
    [{ vulnerableHosts: 0 }, /vulnerableHosts/],
    [{ cutoffDate: "July 2001" }, /cutoffDate/],
    [{ countryShares: { US: 0.5, XX: 0.5 } }, /no regions for country "XX"/],
    [{ countryShares: { US: 0.5 }, countryRegions: { US: { ARIN: 1 } } }, /sum to 1/],
    [{ nt4Iis4Share: 1.5 }, /nt4Iis4Share/],
    [{ countryRegions: { US: { MARS: 1 } } as never }, /unknown region/],
    [{ cutoffDate: "1990-01" }, /no active \/16 of region/],
  ])("rejects bad options %#", (options, message) => {
    expect(() => build(1, { ...small, ...options })).toThrow(UserInputError);
    expect(() => build(1, { ...small, ...options })).toThrow(message);
  });
});
