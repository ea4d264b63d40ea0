import { describe, expect, it } from "vitest";
import { createRng } from "../core/rng.ts";
import { buildAsModel } from "../net/as-model.ts";
import { resolveScenario } from "../scenario/resolve.ts";
import { buildModelPopulation, runSimulation } from "../scenario/run.ts";
import type { FilterContext } from "../plugin/defense.ts";
import { defenseContentFilter } from "./content-filter.ts";
import { defenseAddressBlacklist } from "./address-blacklist.ts";
import { defenseIngressFilter } from "./ingress-filter.ts";
import { defenseTarpit } from "./tarpit.ts";
import { Components } from "./deployment.ts";

const topo = buildAsModel({}, createRng(1).fork("as-model"));
const context = (introduced = 0): FilterContext => ({
  startMs: 0,
  endMs: 86_400_000,
  wormIntroducedSeconds: [introduced],
  asTopology: topo,
  rng: createRng(9).fork("defense:0"),
  hosts: 10,
});

describe("deployments", () => {
  it("counts the shares outside a /16's component over the space and its /8", () => {
    const of16 = new Int32Array(65536).fill(0);
    of16.fill(1, 256, 256 + 64); // a component of 64 /16s in /8 1
    const c = new Components(of16);
    expect(c.same(256, 300)).toBe(true);
    expect(c.same(256, 400)).toBe(false);
    expect(c.outside(256, 0)).toBeCloseTo(1 - 64 / 65536, 15);
    expect(c.outside(256, 8)).toBeCloseTo(1 - 64 / 256, 15);
    expect(c.outside(400, 8)).toBeCloseTo(1 - 192 / 256, 15);
  });
});

describe("filters", () => {
  it("content filter: passes everything before the reaction, then only inside a component", () => {
    const f = defenseContentFilter.filter!(
      { type: "content-filter", reactionMinutes: 30, deployment: "all" },
      context(600),
    );
    expect(f.changeTimes).toEqual([600 + 1800]);
    expect(f.engagedAt()).toBe(2400);
    const a = topo.asOf16.findIndex((x) => x >= 0);
    const b = topo.asOf16.findIndex((x) => x >= 0 && x !== topo.asOf16[a]);
    expect(f.passes(0, a, false, b, 2399)).toBe(true);
    expect(f.passes(0, a, false, b, 2400)).toBe(false);
    expect(f.passes(0, a, false, a, 2400)).toBe(true);
    expect(f.dropShare(0, a, false, 0, 2399)).toBe(0);
    expect(f.dropShare(0, a, false, 0, 2400)).toBeGreaterThan(0.99);
  });

  it("address blacklist: blocks only blocked senders, after reactionMinutes", () => {
    const f = defenseAddressBlacklist.filter!(
      { type: "address-blacklist", reactionMinutes: 20, deployment: { topAses: 10 } },
      context(),
    );
    expect(f.blockAfterSeconds).toBe(1200);
    const a = topo.asOf16.findIndex((x) => x >= 0);
    const far = 65535 - [...topo.asOf16].reverse().findIndex((x) => x >= 0);
    expect(f.passes(0, a, false, far, 0)).toBe(true);
    expect(f.passes(0, a, true, a, 0)).toBe(true);
    expect(f.dropShare(0, a, false, 0, 0)).toBe(0);
  });

  it("ingress filter: drops inbound from outside the block from `from` on", () => {
    const block = { base: (128 << 24) >>> 0, bits: 8 };
    const f = defenseIngressFilter.filter!(
      { type: "ingress-filter", block, fromMs: 3_600_000 },
      context(),
    );
    const inside = 128 << 8;
    const outside = 3 << 8;
    expect(f.passes(0, outside, false, inside, 3599)).toBe(true);
    expect(f.passes(0, outside, false, inside, 3600)).toBe(false);
    expect(f.passes(0, inside + 1, false, inside, 3600)).toBe(true);
    expect(f.passes(0, inside, false, outside, 3600)).toBe(true);
    expect(f.dropShare(0, outside, false, 0, 3600)).toBeCloseTo(256 / 65536, 15);
    expect(f.dropShare(0, outside, false, 8, 3600)).toBe(0);
    const small = { type: "ingress-filter", block: { base: 0, bits: 24 }, fromMs: 0 };
    expect(() => defenseIngressFilter.filter!(small, context())).toThrow(/a \/16 or larger/);
  });
});

describe("tarpit", () => {
  it("a block tarpit holds the share of each level's destinations inside the block", () => {
    const t = defenseTarpit.tarpit!(
      { type: "tarpit", block: { base: (44 << 24) >>> 0, bits: 8 }, holdSeconds: 60 },
      context(),
    );
    expect(t.share(3 << 8, 0)).toBeCloseTo(1 / 256, 15);
    expect(t.share(3 << 8, 8)).toBe(0);
    expect(t.share((44 << 8) | 5, 8)).toBe(1);
    expect(t.share((44 << 8) | 5, 16)).toBe(1);
    expect(t.holds(((44 << 24) | 77) >>> 0, 32)).toBe(true);
    expect(t.holds((45 << 24) >>> 0, 32)).toBe(false);
  });
});

describe("a defended run against the same seed without defenses", () => {
  it("makes the same infections, draw for draw, until a filter first drops one", () => {
    const base = { extends: "jul19-2001", until: "2001-07-19T20:00:00Z", observers: [] };
    const plain = resolveScenario(base);
    const filtered = resolveScenario({
      ...base,
      defenses: [{ type: "content-filter", reactionMinutes: 480, deployment: "all" }],
    });
    const population = buildModelPopulation(plain);
    const a = runSimulation(plain, population).result;
    const b = runSimulation(filtered, population).result;
    const engaged = 8 * 3600;
    const before = (r: typeof a) =>
      Array.from(r.everTimes.slice(0, r.infectedEver)).filter((t) => t < engaged);
    expect(before(b)).toEqual(before(a));
    expect(before(a).length).toBeGreaterThan(100);
    expect(b.infectedEver).toBeLessThan(a.infectedEver);
    expect(b.defenseOutcomes?.[0].infectionsBlocked).toBeGreaterThan(0);
  });
});

describe("the scenario's cleanup (infected hosts cleaned and patched)", () => {
  it("cures infected hosts for good, is reported as hostsCleaned, and is not a defense", () => {
    const base = { extends: "jul19-2001", until: "2001-07-19T21:00:00Z", observers: [] };
    const plain = resolveScenario(base);
    const cleaned = resolveScenario({
      ...base,
      cleanup: { from: "2001-07-19T10:00:00Z", perHostPerHour: 0.2 },
    });
    const population = buildModelPopulation(plain);
    const a = runSimulation(plain, population);
    const b = runSimulation(cleaned, population);
    expect(a.summary.hostsCleaned).toBeUndefined();
    // Cleaned hosts are a thinned hazard of 0.2/h on the infected: about 0.2 x the infected
    // host-hours (Poisson around it; the minute grid adds under 1%).
    let infectedHours = 0;
    for (const n of b.result.infectedAtEnd) infectedHours += n / 60;
    const expected = 0.2 * infectedHours;
    expect(expected).toBeGreaterThan(50);
    expect(Math.abs((b.summary.hostsCleaned ?? 0) - expected)).toBeLessThan(
      4 * Math.sqrt(expected) + 0.01 * expected,
    );
    expect(b.summary.defenses).toBeUndefined();
    // Cleaned hosts are patched: none is infected at the end or can be again.
    const { hostsCleaned = 0 } = b.summary;
    expect(b.summary.infectedAtEnd + hostsCleaned).toBeLessThanOrEqual(b.summary.infectedEver);
  });

  it("keeps the defenses' indices when both are present", () => {
    const s = resolveScenario({
      extends: "jul19-2001",
      until: "2001-07-19T18:00:00Z",
      observers: [],
      cleanup: { from: "2001-07-19T10:00:00Z", perHostPerHour: 0.2 },
      defenses: [{ type: "content-filter", reactionMinutes: 60, deployment: "all" }],
    });
    const out = runSimulation(s, buildModelPopulation(s));
    expect(out.summary.defenses?.map((d) => [d.type, d.index])).toEqual([["content-filter", 0]]);
    expect(out.summary.hostsCleaned).toBeGreaterThan(0);
  });
});
