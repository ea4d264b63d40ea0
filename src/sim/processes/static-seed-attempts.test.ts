import { describe, expect, it } from "vitest";
import { syntheticPopulation } from "../../../test/helpers/population.ts";
import { createEventQueue } from "../../core/event-queue.ts";
import { createRng } from "../../core/rng.ts";
import { createSamplers } from "../../core/samplers.ts";
import { addressSpace } from "../../scan/address-space.ts";
import { sequencePosition, sequenceRecurrence } from "../../scan/static-seed.ts";
import type { ScanStaticSeed } from "../../scan/strategy.ts";
import { codeRedV1 } from "../../worms/code-red-v1.ts";
import { defineWorm } from "../../worms/define-worm.ts";
import type { HostEvent } from "../fast/events.ts";
import { StaticSeedAttempts } from "./static-seed-attempts.ts";

describe("static-seed attempts", () => {
  // A 2^16 space walked at 100 probes/s: the sequence passes every address about every 11 minutes.
  const space = addressSpace(16);
  const population = syntheticPopulation(400, 3, [10, 20, 30], { addressBits: 16 });
  const def = defineWorm({ ...codeRedV1, probesPerSecond: 100 });
  const scan = def.scan as ScanStaticSeed;
  const end = 4 * 3600;

  /** One scanner (host 0) from t = 0 that never succeeds: every attempt it makes, per host. */
  function attemptsPerHost(): { attempts: number[]; times: number[][] } {
    const process = new StaticSeedAttempts(0, def, population, space, end);
    const queue = createEventQueue<HostEvent>();
    const samplers = createSamplers(createRng(1));
    const isTarget = (h: number) => h !== 0;
    for (let h = 1; h < population.size; h++) process.enter(h, 0, queue);
    process.episodeStarted(0, 0, isTarget, queue);
    const attempts = new Array<number>(population.size).fill(0);
    const times = population.addresses.reduce<number[][]>((a) => (a.push([]), a), []);
    for (let e = queue.pop(); e; e = queue.pop()) {
      attempts[e.payload.host]++;
      times[e.payload.host].push(e.timeSeconds);
      process.attempt(e.payload, e.timeSeconds, isTarget, 0, samplers, queue);
    }
    return { attempts, times };
  }

  it("a failed host is attempted again each time the sequence comes back to it", () => {
    const { times } = attemptsPerHost();
    for (let h = 1; h < population.size; h++) {
      // Its occurrences, computed independently from the sequence.
      const expected: number[] = [];
      let d = sequencePosition(scan, population.addresses[h], def.threads, space) / 100;
      for (let k = 1; d < end; k++) {
        expected.push(d);
        d += sequenceRecurrence(scan, population.addresses[h], k, space) / 100;
      }
      expect(times[h]).toEqual(expected);
    }
  });

  it("recurrences come on average once per pass of the space", () => {
    const { attempts } = attemptsPerHost();
    const total = attempts.reduce((a, b) => a + b, 0);
    // Occurrences in [0, end) are Poisson with mean rate x end / S per host.
    const mean = ((population.size - 1) * 100 * end) / space.size;
    expect(Math.abs(total - mean)).toBeLessThan(4 * Math.sqrt(mean));
  });
});
