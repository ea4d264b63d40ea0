import { describe, expect, it } from "vitest";
import { createRng } from "../../core/rng.ts";
import { defenseTarpit } from "../../defenses/tarpit.ts";
import { IPV4_SPACE } from "../../scan/address-space.ts";
import { resolveScenario } from "../../scenario/resolve.ts";
import { buildModelPopulation } from "../../scenario/run.ts";
import { LiveDensity, threadLimitedProbesPerSecond } from "./thread-limited-rate.ts";

const context = {
  startMs: 0,
  endMs: 86_400_000,
  wormIntroducedSeconds: [0],
  asTopology: null,
  rng: createRng(9).fork("defense:0"),
  hosts: 10,
};

describe("thread-limited probing with a tarpit", () => {
  it("slows a thread-limited scanner: threads / E[seconds per attempt] with held silent probes", () => {
    const population = buildModelPopulation(resolveScenario({ extends: "jul19-2001" }));
    const density = new LiveDensity(population, IPV4_SPACE);
    const model = {
      kind: "thread-limited" as const,
      synTimeoutSeconds: 21,
      liveAnswerSeconds: 0.5,
    };
    const shares = { same16: 0, same8: 0, uniform: 1 };
    const tarpit = defenseTarpit.tarpit!(
      { type: "tarpit", unusedShare: 0.1, holdSeconds: 600 },
      context,
    );
    const live = density.overall;
    const expected = 100 / (live * 0.5 + (1 - live) * (0.9 * 21 + 0.1 * 600));
    const got = threadLimitedProbesPerSecond(model, 100, shares, density, 0, IPV4_SPACE, [tarpit]);
    expect(got).toBeCloseTo(expected, 10);
    const plain = threadLimitedProbesPerSecond(model, 100, shares, density, 0, IPV4_SPACE);
    expect(plain / got).toBeGreaterThan(3.5);
  });
});
