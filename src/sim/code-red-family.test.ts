import { describe, expect, it } from "vitest";
import { syntheticPopulation } from "../../test/helpers/population.ts";
import { OS_NT4_IIS4 } from "../net/population.ts";
import { buildSummary } from "../report/summary.ts";
import { resolveScenario } from "../scenario/resolve.ts";
import { codeRedII } from "../worms/code-red-ii.ts";
import { codeRedV1 } from "../worms/code-red-v1.ts";
import { codeRedV2 } from "../worms/code-red-v2.ts";
import { defineWorm } from "../worms/define-worm.ts";
import type { EngineInput } from "./engine-input.ts";
import { BACKDOORED, INFECTED } from "../plugin/host-states.ts";
import { runFastEngine } from "./fast-engine.ts";
import { threadLimitedProbesPerSecond, LiveDensity } from "./fast/thread-limited-rate.ts";
import { IPV4_SPACE } from "../scan/address-space.ts";

const AUG1 = Date.parse("2001-08-01T00:00:00Z");
const HOUR = 3_600_000;
// 12,000 hosts clustered in 4 /16s of each of three /8s (dense, like real sites).
const population = syntheticPopulation(12_000, 5, [24, 61, 211], {
  blocks16Per8: 4,
  chineseShare: 0.2,
  nt4Share: 0.1,
});
const crii = defineWorm({ ...codeRedII, stopSpreadingAt: null });

function criiInput(seed: number, extra: Partial<EngineInput> = {}): EngineInput {
  return {
    seed,
    startMs: AUG1,
    endMs: AUG1 + 108 * HOUR,
    population,
    // As in August 2001: Code Red v2 hosts first, Code Red II two days later.
    worms: [
      { def: codeRedV2, introducedAtMs: AUG1, initialInfected: 5000, initialWakeStaggered: false },
      {
        def: crii,
        introducedAtMs: AUG1 + 48 * HOUR,
        initialInfected: 3,
        initialWakeStaggered: false,
      },
    ],
    observers: [
      { name: "site", type: "server", block: { base: population.addresses[100], bits: 32 } },
      { name: "dark", type: "telescope", block: { base: 44 << 24, bits: 8 } },
      // A /16 rather than one address: this small world sends a single address too few probes.
      { name: "empty8", type: "telescope", block: { base: 99 << 24, bits: 16 } },
    ],
    patch: [],
    reboot: [],
    ...extra,
  };
}

describe("Code Red II in the fast engine", () => {
  const r = runFastEngine(criiInput(1));
  const s = buildSummary(resolveScenario({ extends: "aug04-2001" }), "test", r, 0);

  it("probes land with Code Red II's locality (same /16 0.377, same /8 0.499)", () => {
    expect(s.variants.crii.probeLocality.same16).toBeCloseTo(0.3773, 4);
    expect(s.variants.crii.probeLocality.same8).toBeCloseTo(0.499, 3);
    expect(s.variants.crv2.probeLocality.same16).toBeLessThan(0.001);
  });

  it("never infects NT4 hosts, takes over Code Red v2 hosts, and leaves backdoors after its life", () => {
    let nt4Infected = 0;
    for (let h = 0; h < population.size; h++) {
      if (population.os[h] === OS_NT4_IIS4 && r.everInfected[h] & 2) nt4Infected++;
    }
    expect(nt4Infected).toBe(0);
    let both = 0;
    let backdoored = 0;
    let scanningCrii = 0;
    for (let h = 0; h < population.size; h++) {
      if (r.everInfected[h] === 3) both++;
      if (r.hostState[h] === BACKDOORED) backdoored++;
      if (r.hostState[h] === INFECTED && r.wormOf[h] === 1) scanningCrii++;
    }
    // Code Red II sweeps the clustered /16s and takes over the Code Red v2 hosts in them.
    expect(both).toBeGreaterThan(2500);
    // 60 h after its release every CRII host infected in its first 12 h has rebooted into its backdoor.
    expect(backdoored).toBeGreaterThan(s.variants.crii.infectedAfterHours["24"] * 0.5);
    expect(backdoored + scanningCrii).toBeLessThanOrEqual(s.variants.crii.infectedEver);
  });

  it("a server in a dense /16 sees mostly local CRII sources; a block in an empty /8 sees CRv2", () => {
    const site = s.observers.site;
    const empty = s.observers.empty8;
    if (site.type === "sequence" || empty.type === "sequence") throw new Error("unexpected");
    expect(site.byVariant.crii.uniqueSources).toBeGreaterThan(10);
    const local = site.sourceLocality!;
    expect(local.same16 + local.same8).toBeGreaterThan(0.5);
    expect(empty.byVariant.crv2.probes).toBeGreaterThan(empty.byVariant.crii.probes);
  });
});

describe("thread-limited probing", () => {
  it("probes faster where the space answers (denser /16), slower in empty space", () => {
    const model = {
      kind: "thread-limited" as const,
      synTimeoutSeconds: 21,
      liveAnswerSeconds: 0.5,
    };
    const live = new Float64Array(65536);
    live[(24 << 8) | 1] = 30_000;
    const density = new LiveDensity({ ...population, liveAddressesPer16: live }, IPV4_SPACE);
    const shares = { same16: 0.375, same8: 0.5, uniform: 0.125 };
    const dense = threadLimitedProbesPerSecond(
      model,
      300,
      shares,
      density,
      (24 << 24) | (1 << 16),
      IPV4_SPACE,
    );
    const empty = threadLimitedProbesPerSecond(model, 300, shares, density, 99 << 24, IPV4_SPACE);
    expect(empty).toBeCloseTo(300 / 21, 3);
    expect(dense).toBeGreaterThan(empty * 1.1);
  });
});

describe("Code Red v1 (static seed)", () => {
  const JUL12 = Date.parse("2001-07-12T00:00:00Z");
  const big = syntheticPopulation(60_000, 9, [12, 24, 61, 130, 200], { addressBits: 24 });
  // In a 24-bit space the list is 2^24 long; 300 probes/s reach ~8% of it in an hour.
  const crv1 = defineWorm({ ...codeRedV1, probesPerSecond: 300 });
  const input: EngineInput = {
    seed: 4,
    addressBits: 24,
    startMs: JUL12,
    endMs: JUL12 + 6 * HOUR,
    population: big,
    worms: [{ def: crv1, introducedAtMs: JUL12, initialInfected: 1, initialWakeStaggered: false }],
    observers: [],
    patch: [],
    reboot: [],
  };

  it("grows linearly: every hour adds about the same number of hosts", () => {
    const r = runFastEngine(input);
    const perHour = [0, 1, 2, 3, 4, 5].map((h) => {
      let n = 0;
      for (let m = h * 60; m < h * 60 + 60; m++) n += r.newInfections[m];
      return n;
    });
    // Reach delays are exponential with mean tau = 2^24/300 s = 15.5 h: the leader reaches
    // N/tau e^{-t/tau} hosts an hour, nearly flat over 6 hours. A failed attempt is retried by the
    // next scanner within minutes, so almost every reached host is infected within the hour.
    const tauHours = 2 ** 24 / 300 / 3600;
    perHour.slice(1).forEach((n, i) => {
      const expected = (big.size / tauHours) * Math.exp(-(i + 1.5) / tauHours);
      expect(Math.abs(n - expected)).toBeLessThan(0.15 * expected);
    });
    expect(perHour[5]).toBeLessThan(3 * perHour[1]);
  });

  it("the host early in the list counts every infected host that reached it", () => {
    const r = runFastEngine({
      ...input,
      observers: [
        { name: "first", type: "sequence", position: 0 },
        { name: "later", type: "sequence", position: 300 * 1800 },
      ],
    });
    const [first, later] = r.sequences;
    const end = 6 * 3600;
    // Position 0: every scanner reaches it the moment it starts, so it counts every infected host.
    expect(first.reachedByWorm[0]).toBe(r.infectedEver);
    // A later position (30 minutes in) is reached only by hosts infected at least 30 minutes earlier.
    const before = r.everTimes.filter((t) => t <= end - 1800).length;
    expect(later.reachedByWorm[0]).toBe(before);
  });
});
