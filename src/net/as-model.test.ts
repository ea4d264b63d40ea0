import { describe, expect, it } from "vitest";
import { UserInputError } from "../core/errors.ts";
import { createRng, mix32, type Rng } from "../core/rng.ts";
import { eligibleBlocks8, isSpecialUse16 } from "./address-blocks.ts";
import {
  AS_COUNT_JULY_2001,
  AS_MODEL_DEFAULTS,
  ATTACHMENT_OFFSET,
  TRANSIT_AS_SHARE,
  buildAsModel,
  customerComponents,
  degrees,
  fitSpanExponent,
  pathShareFiltered,
  pathShareTransitingTopN,
  powerLawMean,
  topAsComponents,
  type AsTopology,
} from "./as-model.ts";

const model = (seed: number, options = {}): AsTopology =>
  buildAsModel(options, createRng(seed).fork("as-model"));

/** Brute force: does the tree path between ASes x and y hold an AS of rank <= n? */
function pathCrossesTop(topo: AsTopology, x: number, y: number, n: number): boolean {
  if (x === y) return false;
  const chain = (a: number): number[] => {
    const out = [a];
    while (topo.provider[out[out.length - 1]] >= 0) out.push(topo.provider[out[out.length - 1]]);
    return out;
  };
  const cx = chain(x);
  const cy = chain(y);
  let path: number[];
  if (cx[cx.length - 1] !== cy[cy.length - 1]) path = [...cx, ...cy];
  else {
    const inY = new Set(cy);
    const lca = cx.find((a) => inY.has(a))!;
    path = [...cx.slice(0, cx.indexOf(lca) + 1), ...cy.slice(0, cy.indexOf(lca))];
  }
  return path.some((a) => topo.rank[a] <= n);
}

/**
 * A hand-made tree: clique {0, 1, 2}; 3 -> 0, 4 -> 3, 5 -> 4, 6 -> 1, 7 -> 6, 8 -> 2, 9 -> 4.
 * AS a holds /16 a (AS 5 also /16 10); /16s 11.. unassigned.
 */
function handMade(rank: number[]): AsTopology {
  const asOf16 = new Int32Array(65536).fill(-1);
  for (let a = 0; a < 10; a++) asOf16[a] = a;
  asOf16[10] = 5;
  return {
    count: 10,
    asOf16,
    rank: Int32Array.from(rank),
    provider: Int32Array.from([-1, -1, -1, 0, 3, 4, 1, 6, 2, 4]),
    source: "test",
  };
}

/** Component per AS, read through the AS's first /16. */
const perAs = (topo: AsTopology, comp: Int32Array): number[] =>
  Array.from({ length: topo.count }, (_, a) => comp[topo.asOf16.indexOf(a)]);

/** Canonical form of a partition: each element's label replaced by its first element's index. */
const partition = (labels: readonly number[]): number[] => labels.map((l) => labels.indexOf(l));

describe("topAsComponents on a hand-made tree", () => {
  // Top 2: AS 0 (a clique member) and AS 6 (not one); AS 1 and 2 are non-top clique members; AS 4
  // is a non-top provider of 5 and 9.
  const topo = handMade([1, 4, 5, 6, 7, 8, 2, 9, 10, 3]);

  it("gives the components the TSDoc derives", () => {
    const comp = topAsComponents(topo, 2);
    // {0}, {1, 2, 8} (through the clique), {3, 4, 5, 9} (below top 0), {6}, {7} (below top 6).
    expect(partition(perAs(topo, comp))).toEqual([0, 1, 1, 3, 3, 3, 6, 7, 1, 3]);
    expect(comp[10]).toBe(comp[5]);
    expect(comp[11]).toBe(-1);
    expect(comp[65535]).toBe(-1);
  });

  it("makes AS 9 (rank 3) its own component at n = 3, splitting nothing else", () => {
    expect(partition(perAs(topo, topAsComponents(topo, 3)))).toEqual([
      0, 1, 1, 3, 3, 3, 6, 7, 1, 9,
    ]);
  });

  it("agrees with the brute-force path check for every pair and every n", () => {
    for (let n = 0; n <= 11; n++) {
      const comp = perAs(topo, topAsComponents(topo, n));
      for (let x = 0; x < 10; x++) {
        for (let y = 0; y < 10; y++) {
          expect(comp[x] !== comp[y], `n=${n} x=${x} y=${y}`).toBe(pathCrossesTop(topo, x, y, n));
        }
      }
    }
  });

  it("puts everything in one component at n = 0 and every AS in its own at n = count", () => {
    expect(new Set(perAs(topo, topAsComponents(topo, 0))).size).toBe(1);
    expect(new Set(perAs(topo, topAsComponents(topo, 10))).size).toBe(10);
  });
});

describe("buildAsModel at the defaults", () => {
  const topo = model(1);

  it("is deterministic: the same seed gives identical arrays, another seed different ones", () => {
    const again = model(1);
    expect(again.asOf16).toEqual(topo.asOf16);
    expect(again.rank).toEqual(topo.rank);
    expect(again.provider).toEqual(topo.provider);
    expect(model(2).asOf16).not.toEqual(topo.asOf16);
  });

  it("is pinned: seed 1 gives the same model as when this test was written", () => {
    // Changes when the model or its defaults change on purpose; update the pin in that commit.
    let digest = 0;
    for (const array of [topo.asOf16, topo.rank, topo.provider])
      for (const v of array) digest = mix32(digest ^ v);
    expect(digest).toBe(PINNED_DIGEST);
  });

  it("has 11,300 ASes with ranks 1..count, each once", () => {
    expect(topo.count).toBe(AS_COUNT_JULY_2001);
    expect(topo.source).toBe("model:as2001");
    expect(Array.from(topo.rank).sort((a, b) => a - b)).toEqual(
      Array.from({ length: topo.count }, (_, i) => i + 1),
    );
  });

  it("assigns every /16 of an allocated /8 (except special-use ones) and no other", () => {
    const p = AS_MODEL_DEFAULTS;
    const allocated = new Set(
      eligibleBlocks8(p.registry, p.cutoffDate, p.excludedPrefix8s).map((b) => b.prefix8),
    );
    expect(allocated.size).toBeGreaterThan(100);
    const wrong: number[] = [];
    for (let c = 0; c < 65536; c++) {
      const expected = allocated.has(c >>> 8) && !isSpecialUse16(c);
      if (topo.asOf16[c] >= 0 !== expected) wrong.push(c);
    }
    expect(wrong).toEqual([]);
    expect(topo.asOf16[12 << 8]).toBeGreaterThanOrEqual(0); // 12/8, AT&T
    expect(topo.asOf16[(192 << 8) | 168]).toBe(-1);
  });

  it("gives every AS one contiguous run (over allocated /16s) of 1..256 /16s", () => {
    const spans = new Int32Array(topo.count);
    let previous = -1;
    const jumps: number[] = [];
    for (let c = 0; c < 65536; c++) {
      const as = topo.asOf16[c];
      if (as < 0) continue;
      if (as !== previous && as !== previous + 1) jumps.push(c);
      previous = as;
      spans[as]++;
    }
    expect(jumps).toEqual([]);
    expect(Math.min(...spans)).toBe(1);
    expect(Math.max(...spans)).toBeLessThanOrEqual(256);
    // Heavy tail: some AS holds at least a /10's worth.
    expect(Math.max(...spans)).toBeGreaterThanOrEqual(64);
  });

  it("has a tree: the clique has no provider, everyone else reaches it without a cycle", () => {
    const clique = Array.from(topo.provider).filter((p) => p < 0).length;
    expect(clique).toBe(AS_MODEL_DEFAULTS.cliqueSize);
    for (let x = 0; x < topo.count; x++) {
      let y = x;
      for (let steps = 0; topo.provider[y] >= 0; steps++) {
        expect(steps).toBeLessThan(topo.count);
        y = topo.provider[y];
      }
    }
  });

  it("ranks by degree: a better rank never has fewer links", () => {
    const degree = degrees(topo.provider, AS_MODEL_DEFAULTS.cliqueSize);
    const byRank = Array.from({ length: topo.count }, (_, a) => a).sort(
      (a, b) => topo.rank[a] - topo.rank[b],
    );
    for (let i = 1; i < byRank.length; i++) {
      expect(degree[byRank[i - 1]]).toBeGreaterThanOrEqual(degree[byRank[i]]);
    }
  });

  it("has about the transit share its attachment offset was derived from (13.4%)", () => {
    const transit = new Set(Array.from(topo.provider).filter((p) => p >= 0)).size / topo.count;
    expect(ATTACHMENT_OFFSET).toBeCloseTo(-0.8164, 3);
    expect(Math.abs(transit - TRANSIT_AS_SHARE)).toBeLessThan(0.02);
  });

  it("agrees with the brute-force path check on random pairs, n = 5, 10, 40, 300", () => {
    const rng = createRng(99);
    const customers = customersOf(topo);
    for (const n of [5, 10, 40, 300]) {
      const comp = topAsComponents(topo, n);
      const compOfAs = new Int32Array(topo.count);
      for (let c = 0; c < 65536; c++) if (topo.asOf16[c] >= 0) compOfAs[topo.asOf16[c]] = comp[c];
      let crossing = 0;
      for (let k = 0; k < 3000; k++) {
        const x = rng.int(topo.count);
        // Half the pairs within one subtree (x and a random ancestor's other descendant) so both
        // answers occur often.
        const y = k % 2 === 0 ? rng.int(topo.count) : relative(topo, customers, x, rng);
        const crosses = pathCrossesTop(topo, x, y, n);
        if (crosses) crossing++;
        expect(compOfAs[x] !== compOfAs[y], `n=${n} x=${x} y=${y}`).toBe(crosses);
      }
      expect(crossing).toBeGreaterThan(100);
      expect(crossing).toBeLessThan(2900);
    }
  });

  it("keeps each AS inside one component in every deployment", () => {
    for (const comp of [topAsComponents(topo, 40), customerComponents(topo, 0.5, createRng(3))]) {
      const first = new Int32Array(topo.count).fill(-2);
      const wrong: number[] = [];
      for (let c = 0; c < 65536; c++) {
        const as = topo.asOf16[c];
        if (as < 0) {
          if (comp[c] !== -1) wrong.push(c);
          continue;
        }
        if (first[as] === -2) first[as] = comp[c];
        if (comp[c] < 0 || comp[c] !== first[as]) wrong.push(c);
      }
      expect(wrong).toEqual([]);
    }
  });

  it("filters a share of paths that never falls as n grows, from 0 to the all-AS share", () => {
    const ones = new Float64Array(65536).fill(1);
    const shares = [0, 1, 5, 10, 20, 40, 100, 1000, topo.count].map((n) =>
      pathShareTransitingTopN(topo, n, ones),
    );
    expect(shares[0]).toBe(0);
    for (let i = 1; i < shares.length; i++) expect(shares[i]).toBeGreaterThanOrEqual(shares[i - 1]);
    expect(shares[3]).toBeGreaterThan(0.1);
    const all = pathShareFiltered(customerComponents(topo, 1, createRng(0)), ones);
    expect(shares[shares.length - 1]).toBeCloseTo(all, 12);
    expect(all).toBeGreaterThan(shares[3]);
  });
});

/** Customers per AS. */
function customersOf(topo: AsTopology): number[][] {
  const out: number[][] = Array.from({ length: topo.count }, () => []);
  for (let a = 0; a < topo.count; a++) if (topo.provider[a] >= 0) out[topo.provider[a]].push(a);
  return out;
}

/** A random AS near x in the tree: a customer of one of x's first few ancestors. */
function relative(topo: AsTopology, customers: number[][], x: number, rng: Rng): number {
  let a = x;
  for (let up = rng.int(4); up > 0 && topo.provider[a] >= 0; up--) a = topo.provider[a];
  const below = customers[a];
  return below.length > 0 ? below[rng.int(below.length)] : a;
}

describe("customerComponents", () => {
  const topo = model(4);
  const countComponents = (comp: Int32Array): number =>
    new Set(Array.from(comp).filter((c) => c >= 0)).size;

  it("fraction 0 puts every assigned /16 in one component", () => {
    expect(countComponents(customerComponents(topo, 0, createRng(1)))).toBe(1);
  });

  it("fraction 1 gives one component per AS", () => {
    const comp = customerComponents(topo, 1, createRng(1));
    expect(countComponents(comp)).toBe(topo.count);
    // Same component iff same AS, checked on neighbouring /16s.
    const wrong: number[] = [];
    for (let c = 1; c < 65536; c++) {
      if (topo.asOf16[c] < 0 || topo.asOf16[c - 1] < 0) continue;
      if ((comp[c] === comp[c - 1]) !== (topo.asOf16[c] === topo.asOf16[c - 1])) wrong.push(c);
    }
    expect(wrong).toEqual([]);
  });

  it("fraction 0.5: about half of all ASes deploy, stubs and transit alike; deterministic", () => {
    const comp = customerComponents(topo, 0.5, createRng(5));
    expect(customerComponents(topo, 0.5, createRng(5))).toEqual(comp);
    const deploying = countComponents(comp) - 1;
    expect(Math.abs(deploying - topo.count / 2)).toBeLessThan(4 * Math.sqrt(topo.count / 4));
    // Transit ASes are drawn like the others: some deploy (own component), some share.
    const transit = [...new Set(Array.from(topo.provider).filter((p) => p >= 0))];
    const shared = new Map<number, number>();
    for (const t of transit) {
      const c = comp[topo.asOf16.indexOf(t)];
      shared.set(c, (shared.get(c) ?? 0) + 1);
    }
    const largest = Math.max(...shared.values());
    expect(largest).toBeGreaterThan(transit.length * 0.3);
    expect(largest).toBeLessThan(transit.length * 0.7);
  });
});

describe("pathShareFiltered", () => {
  it("is 1 - sum_c W_c^2 / W^2 on a small example", () => {
    const comp = new Int32Array(65536).fill(-1);
    const w = new Float64Array(65536);
    comp.set([0, 0, 1], 0);
    w.set([1, 1, 2, 50], 0); // /16 3 is unassigned: its weight is left out
    expect(pathShareFiltered(comp, w)).toBeCloseTo(1 - (4 + 4) / 16, 12);
    const d = new Float64Array(65536);
    d.set([0, 0, 1], 0);
    // Every destination is in component 1: the sources in component 0 (half) are filtered.
    expect(pathShareFiltered(comp, w, d)).toBeCloseTo(0.5, 12);
  });

  it("matches a brute-force sum over pairs", () => {
    const rng = createRng(8);
    const comp = new Int32Array(65536).fill(-1);
    const w = new Uint32Array(65536);
    for (let c = 0; c < 40; c++) {
      comp[c] = rng.int(5);
      w[c] = rng.int(10);
    }
    let filtered = 0;
    let all = 0;
    for (let a = 0; a < 40; a++)
      for (let b = 0; b < 40; b++) {
        all += w[a] * w[b];
        if (comp[a] !== comp[b]) filtered += w[a] * w[b];
      }
    expect(pathShareFiltered(comp, w)).toBeCloseTo(filtered / all, 12);
  });
});

describe("the size law and the options", () => {
  it("fits the exponent whose mean span is allocated /16s per AS", () => {
    const alpha = fitSpanExponent(2.7619, 256);
    expect(powerLawMean(alpha, 256)).toBeCloseTo(2.7619, 9);
    expect(alpha).toBeGreaterThan(1.5);
    expect(alpha).toBeLessThan(3);
    expect(() => fitSpanExponent(200, 256)).toThrow(RangeError);
  });

  it("rejects bad options naming the field", () => {
    expect(() => model(1, { asCount: 0 })).toThrow(UserInputError);
    expect(() => model(1, { asCount: 65536 })).toThrow(/asCount/);
    expect(() => model(1, { attachmentOffset: -1 })).toThrow(/attachmentOffset/);
    expect(() => model(1, { cutoffDate: "July" })).toThrow(/cutoffDate/);
  });

  it("follows cutoffDate and excludedPrefix8s as the population model does", () => {
    const topo = model(1, { excludedPrefix8s: [12, 189, 190] });
    expect(topo.asOf16[12 << 8]).toBe(-1);
    expect(topo.asOf16[(12 << 8) + 255]).toBe(-1);
    const early = model(1, { cutoffDate: "1995-01", asCount: 5000 });
    expect(early.asOf16[(24 << 8) + 1]).toBe(-1); // 24/8 designated in 2001-05
  });
});

const PINNED_DIGEST = 2703071663;
