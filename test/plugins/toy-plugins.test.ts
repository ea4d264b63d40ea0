/**
 * Extending the engine from outside it: a toy observer and a toy defense, each written here and
 * registered only in this test. Nothing in src/ changes for them: a contributor's real plugin is
 * this much code in one file under src/observers/ or src/defenses/, plus one registry line and a
 * test (docs/contributing.md).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildSummary } from "../../src/report/summary.ts";
import { registerDefense, unregisterDefense } from "../../src/defenses/registry.ts";
import { registerObserver, unregisterObserver } from "../../src/observers/registry.ts";
import type { DefensePlugin } from "../../src/plugin/defense.ts";
import type { ObserverPlugin } from "../../src/plugin/observer.ts";
import type { Process } from "../../src/plugin/process.ts";
import type { EngineInput } from "../../src/sim/engine-input.ts";
import { runFastEngine } from "../../src/sim/fast-engine.ts";
import { codeRedV2 } from "../../src/worms/code-red-v2.ts";
import { defineWorm } from "../../src/worms/define-worm.ts";
import { syntheticPopulation } from "../helpers/population.ts";

/** Counts scanning starts per worm, and the busiest minute's count of them. */
const toyObserver: ObserverPlugin<{ starts: number[]; minutesClosed: number }> = {
  type: "toy-starts",
  description: "counts hosts starting to scan",
  create(_spec, { engine }) {
    const starts = engine.worms.map(() => 0);
    let minutesClosed = 0;
    return {
      rateChanged(_h, _address, worm, probesPerSecond, _t, _since) {
        if (probesPerSecond > 0) starts[worm]++;
      },
      closeMinute() {
        minutesClosed++;
      },
      result: () => ({ starts, minutesClosed }),
    };
  },
  summarize: (r) => ({ starts: r.starts }),
};

/** Quarantine: each infected host is found and patched at `perHostPerHour`, from `fromSeconds`. */
const toyQuarantine: DefensePlugin = {
  type: "toy-quarantine",
  description: "infected hosts are found and patched at a constant hazard",
  create(spec, { engine }) {
    const perSecond = Number(spec.perHostPerHour) / 3600;
    const from = Number(spec.fromSeconds);
    let on = false;
    const process: Process = {
      name: "toy-quarantine",
      rate: () => (on ? perSecond * engine.infected.size : 0),
      fire: (s) => engine.patch(engine.infected.at(s.rng.int(engine.infected.size))),
    };
    return {
      processes: [process],
      changeTimes: [from],
      refresh(t) {
        on = t >= from;
      },
    };
  },
};

const START = Date.parse("2001-07-19T10:00:00Z");
const BITS = 22;
const N = 8_000;
const population = syntheticPopulation(N, 5, [3, 24, 61, 130], { addressBits: BITS });
const worm = defineWorm({
  ...codeRedV2,
  probesPerSecond: 1,
  infectionSuccess: ((3 / 3600) * 2 ** BITS) / N,
});

function input(extra: Partial<EngineInput>): EngineInput {
  return {
    seed: 9,
    addressBits: BITS,
    startMs: START,
    endMs: START + 6 * 3_600_000,
    population,
    worms: [{ def: worm, introducedAtMs: START, initialInfected: 3, initialWakeStaggered: false }],
    observers: [],
    patch: [],
    reboot: [],
    ...extra,
  };
}

describe("plugins registered from outside src/", () => {
  beforeAll(() => {
    registerObserver(toyObserver);
    registerDefense(toyQuarantine);
  });
  afterAll(() => {
    unregisterObserver(toyObserver.type);
    unregisterDefense(toyQuarantine.type);
  });

  it("a toy observer sees every host that starts scanning, and every minute", () => {
    const r = runFastEngine(input({ observers: [{ name: "toy", type: "toy-starts" }] }));
    const out = r.observerOutputs[0].output as { starts: number[]; minutesClosed: number };
    // No reboots, patching or calendar here: each infected host starts scanning exactly once.
    expect(out.starts[0]).toBe(r.infectedEver);
    expect(out.minutesClosed).toBe(r.minutes);
    // Its summarize hook puts it in summary.json, beside the built-in observers.
    const summary = buildSummary(
      {
        name: "toy",
        preset: null,
        seed: 9,
        start: "2001-07-19T10:00:00Z",
        until: "2001-07-19T16:00:00Z",
      },
      "0",
      r,
      0,
    );
    expect(summary.pluginObservers?.toy).toEqual({ type: "toy-starts", starts: [r.infectedEver] });
  });

  it("a toy defense slows the outbreak from its start time, and not before", () => {
    const free = runFastEngine(input({}));
    const quarantined = runFastEngine(
      input({ defenses: [{ type: "toy-quarantine", perHostPerHour: 2, fromSeconds: 3600 }] }),
    );
    // Identical until the defense starts (same seed, same draws) ...
    expect(Array.from(quarantined.newInfections.subarray(0, 60))).toEqual(
      Array.from(free.newInfections.subarray(0, 60)),
    );
    // ... then infected hosts are removed and the outbreak stays far smaller.
    expect(quarantined.infectedEver).toBeLessThan(free.infectedEver * 0.5);
    expect(quarantined.infectedNowByWorm[0]).toBeLessThan(free.infectedNowByWorm[0] * 0.2);
  });

  it("an unknown plugin type is refused, naming the known ones", () => {
    expect(() => runFastEngine(input({ observers: [{ name: "x", type: "nope" }] }))).toThrow(
      /unknown observer type "nope" \(known: telescope, server, load16, sequence/,
    );
    expect(() => runFastEngine(input({ defenses: [{ type: "nope" }] }))).toThrow(
      /unknown defense type "nope" \(known: patching, reboots/,
    );
  });
});
