import { describe, expect, it } from "vitest";
import { createRng } from "../core/rng.ts";
import { LOCALE_CHINESE } from "./population.ts";
import { populationJuly2001 } from "./internet-2001.ts";
import { chineseLocaleSharePerPrefix8 } from "./internet-2001-locale.ts";

describe("chineseLocaleSharePerPrefix8", () => {
  it("is the share of Chinese-locale hosts the model population has in each region's /8s", () => {
    const share = chineseLocaleSharePerPrefix8();
    const population = populationJuly2001({}, createRng(3).fork("population"));
    // hosts and Chinese-locale hosts per expected share (one value per region)
    const byShare = new Map<number, [number, number]>();
    for (let h = 0; h < population.size; h++) {
      const s = share[population.addresses[h] >>> 24];
      expect(Number.isFinite(s)).toBe(true);
      const row = byShare.get(s) ?? [0, 0];
      row[0]++;
      if (population.locale[h] === LOCALE_CHINESE) row[1]++;
      byShare.set(s, row);
    }
    expect(byShare.size).toBeGreaterThanOrEqual(3);
    for (const [expected, [hosts, chinese]] of byShare) {
      const sd = Math.sqrt((expected * (1 - expected)) / hosts);
      expect(Math.abs(chinese / hosts - expected)).toBeLessThan(6 * sd);
    }
    // APNIC space holds the most Chinese-locale hosts (CN and TW); ARIN the fewest
    expect(share[202]).toBeGreaterThan(0.2);
    expect(share[128]).toBeLessThan(0.03);
  });
});
