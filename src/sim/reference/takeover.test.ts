import { describe, expect, it } from "vitest";
import {
  agreementInput,
  agreementLocalWorm,
  agreementPopulation,
  agreementStaticSeedWorm,
  agreementUniformWorm,
  AGREEMENT_CONFIGS,
} from "../../../test/support/agreement-configs.ts";
import { BACKDOORED, INFECTED } from "../../plugin/host-states.ts";
import { defineWorm, type WormDefinition } from "../../worms/define-worm.ts";
import type { EngineInput } from "../engine-input.ts";
import type { EngineResult } from "../engine-result.ts";
import { runFastEngine } from "../fast-engine.ts";
import { runReferenceEngine } from "./reference-engine.ts";

const population = agreementPopulation();

/** Hosts whose ever-infected mask holds both worms' bits. */
function hostsInfectedByTwoWorms(r: EngineResult): number {
  return r.everInfected.reduce((n, mask) => n + (mask === 3 ? 1 : 0), 0);
}
const uniform = AGREEMENT_CONFIGS[0];
const HOUR_MS = 3_600_000;

/** Code Red v2 (`first`, seeded at the start) and a second worm released `afterHours` later. */
function twoWorms(
  seed: number,
  first: { def: WormDefinition; initial: number },
  second: { def: WormDefinition; initial: number; afterHours: number },
): EngineInput {
  const input = agreementInput(uniform, seed, population);
  return {
    ...input,
    observers: [],
    worms: [
      { ...input.worms[0], def: first.def, initialInfected: first.initial },
      {
        def: second.def,
        introducedAtMs: input.startMs + second.afterHours * HOUR_MS,
        initialInfected: second.initial,
        initialWakeStaggered: false,
      },
    ],
  };
}

/** Bookkeeping that holds in any run without patching or reboots. */
function expectConsistent(r: EngineResult, initial: readonly number[]): void {
  const takeovers = hostsInfectedByTwoWorms(r);
  const M = r.minutes;
  // Code Red v2 hosts leave only when taken over; every infection is of a host new to its worm.
  expect(r.infectedNowByWorm[0]).toBe(r.everByWorm[0] - takeovers);
  expect(r.infectedEver).toBe(r.everByWorm[0] + r.everByWorm[1] - takeovers);
  expect(r.everTimes.length).toBe(r.infectedEver);
  for (let w = 0; w < 2; w++) {
    const fresh = r.newInfections.subarray(w * M, (w + 1) * M).reduce((s, x) => s + x, 0);
    expect(fresh).toBe(r.everByWorm[w] - initial[w]);
    let held = 0;
    for (let h = 0; h < r.hostState.length; h++) {
      if (r.hostState[h] === INFECTED && r.wormOf[h] === w) held++;
    }
    expect(held).toBe(r.infectedNowByWorm[w]);
  }
  for (let h = 0; h < r.hostState.length; h++) {
    if (r.everInfected[h] !== 3) continue;
    // Taken over: Code Red II holds the host (scanning, or silent after its scanning life).
    expect(r.wormOf[h]).toBe(1);
    expect([INFECTED, BACKDOORED]).toContain(r.hostState[h]);
  }
}

describe("reference engine: infectsOver (Code Red II takes over Code Red v2's hosts)", () => {
  const v2 = { def: agreementUniformWorm, initial: 20 };
  const crii = { def: agreementLocalWorm, initial: 3, afterHours: 1 };

  it("a later worm infects hosts the first one holds; infected-now moves to it", () => {
    expect(agreementLocalWorm.infectsOver).toContain("crv2");
    const r = runReferenceEngine(twoWorms(5, v2, crii));
    const takeovers = hostsInfectedByTwoWorms(r);
    expect(takeovers).toBeGreaterThan(20);
    expectConsistent(r, [20, 3]);
    // Code Red v2's infected count falls in some minute after Code Red II arrives (minute 60).
    const v2Now = r.infectedAtEnd.subarray(0, r.minutes);
    expect(v2Now.some((x, m) => m > 60 && x < v2Now[m - 1])).toBe(true);
    expect(v2Now.slice(0, 59).every((x, m) => m === 0 || x >= v2Now[m - 1])).toBe(true);
  });

  it("without infectsOver no host is infected by both worms", () => {
    const none = { ...crii, def: defineWorm({ ...agreementLocalWorm, infectsOver: [] }) };
    const r = runReferenceEngine(twoWorms(5, v2, none));
    expect(hostsInfectedByTwoWorms(r)).toBe(0);
    expect(r.infectedNowByWorm[0]).toBe(r.everByWorm[0]);
  });

  it("seeds the later worm among the hosts it can take over, as the fast engine does", () => {
    // Code Red v2 holds every vulnerable host and nobody spreads: Code Red II's three seeds can only
    // be takeovers (the old reference engine, seeding susceptible hosts only, infected none).
    const all = {
      def: defineWorm({ ...agreementUniformWorm, infectionSuccess: 0 }),
      initial: 5000,
    };
    const silent = { ...crii, def: defineWorm({ ...agreementLocalWorm, infectionSuccess: 0 }) };
    for (const run of [runReferenceEngine, runFastEngine]) {
      const r = run(twoWorms(2, all, silent));
      expect(r.everByWorm[1]).toBe(3);
      expect(hostsInfectedByTwoWorms(r)).toBe(3);
      expect(r.infectedNowByWorm[0]).toBe(r.everByWorm[0] - 3);
      expect(r.newInfections.reduce((s, x) => s + x, 0)).toBe(0);
    }
  });

  it("static-seed walks take hosts over too", () => {
    // A Code Red v1 walk that may infect Code Red v2's hosts, released half an hour after v2.
    const v1 = defineWorm({ ...agreementStaticSeedWorm, infectsOver: ["crv2"] });
    const later = { def: v1, initial: 3, afterHours: 0.5 };
    const r = runReferenceEngine(twoWorms(5, v2, later));
    expect(hostsInfectedByTwoWorms(r)).toBeGreaterThan(20);
    expectConsistent(r, [20, 3]);
    const plain = { ...later, def: agreementStaticSeedWorm };
    expect(hostsInfectedByTwoWorms(runReferenceEngine(twoWorms(5, v2, plain)))).toBe(0);
  });
});
