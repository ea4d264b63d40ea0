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
import { runFastEngine } from "../fast-engine.ts";
import type { EngineInput } from "../engine-input.ts";
import type { HostEvent } from "../fast/events.ts";
import { StaticSeedWalks } from "./static-seed-walks.ts";

describe("static-seed walks", () => {
  const space = addressSpace(16);
  const population = syntheticPopulation(300, 3, [10, 20, 30], { addressBits: 16 });
  const def = defineWorm({ ...codeRedV1, probesPerSecond: 100 });
  const scan = def.scan as ScanStaticSeed;
  const end = 2 * 3600;

  /** The positions of host h's occurrences below `limit`, computed from the sequence directly. */
  function occurrences(address: number, limit: number): number[] {
    const out: number[] = [];
    let p = sequencePosition(scan, address, def.threads, space);
    for (let k = 1; p < limit; k++) {
      out.push(p);
      p += sequenceRecurrence(scan, address, k, space);
    }
    return out;
  }

  /** Runs walkers (start, rate) that never succeed; returns every visit (host, episode, time). */
  function visits(
    walkers: readonly { start: number; rate: number }[],
    move?: { host: number; to: number; at: number },
  ) {
    const maxRate = Math.max(...walkers.map((w) => w.rate));
    const process = new StaticSeedWalks(0, def, population.addresses, space, end, maxRate);
    const queue = createEventQueue<HostEvent>();
    const samplers = createSamplers(createRng(1));
    const isTarget = () => true;
    const pending = [...walkers].sort((a, b) => a.start - b.start);
    const out: { host: number; episode: number; t: number }[] = [];
    let started = 0;
    let moved = false;
    for (;;) {
      const next = queue.peek();
      const nextStart = started < pending.length ? pending[started].start : Infinity;
      const moveAt = move && !moved ? move.at : Infinity;
      const t = Math.min(next ? next.timeSeconds : Infinity, nextStart, moveAt);
      if (t === Infinity) break;
      if (t === moveAt && move) {
        process.moved(move.host, population.addresses[move.host], move.to, t, queue);
        moved = true;
      } else if (t === nextStart) {
        const w = pending[started];
        process.episodeStarted(1000 + started++, w.start, isTarget, queue, w.rate);
      } else {
        const e = queue.pop()!;
        const current = process.isCurrent(e.payload);
        process.attempt(e.payload, e.timeSeconds, isTarget, 0, samplers, queue);
        if (current) {
          out.push({ host: e.payload.host, episode: e.payload.episode ?? -1, t: e.timeSeconds });
        }
      }
    }
    return { out, process };
  }

  it("each walker visits every occurrence at start + position / its own rate", () => {
    const walkers = [
      { start: 0, rate: 100 },
      { start: 600, rate: 300 },
    ];
    const { out } = visits(walkers);
    for (let e = 0; e < walkers.length; e++) {
      const w = walkers[e];
      const expected: { host: number; t: number }[] = [];
      population.addresses.forEach((a, h) => {
        for (const p of occurrences(a, w.rate * (end - w.start))) {
          const t = w.start + p / w.rate;
          if (t < end) expected.push({ host: h, t });
        }
      });
      expected.sort((x, y) => x.t - y.t);
      const got = out.filter((v) => v.episode === e).map((v) => ({ host: v.host, t: v.t }));
      expect(got.length).toBe(expected.length);
      got.forEach((g, i) => {
        expect(g.host).toBe(expected[i].host);
        expect(g.t).toBeCloseTo(expected[i].t, 6);
      });
    }
  });

  it("a host that moves is visited at its new address's positions only, from the move on", () => {
    const host = 5;
    const from = population.addresses[host];
    const taken = new Set(population.addresses);
    let to = from + 1;
    // (The walks take any new address; the engine keeps moves inside the /16.)
    while (taken.has(to)) to = (to + 1) % space.size;
    const at = 1800;
    const walkers = [{ start: 0, rate: 200 }];
    const { out } = visits(walkers, { host, to, at });
    const got = out.filter((v) => v.host === host).map((v) => v.t);
    const rate = 200;
    const expected = [
      ...occurrences(from, rate * end)
        .map((p) => p / rate)
        .filter((t) => t < at),
      ...occurrences(to, rate * end)
        .map((p) => p / rate)
        .filter((t) => t > at && t < end),
    ];
    expect(got.length).toBe(expected.length);
    got.forEach((t, i) => expect(t).toBeCloseTo(expected[i], 6));
  });

  it("in a run, walks with one rate for all agree with one scheduled attempt per host", () => {
    // The same runs with and without an (inert) heterogeneity that makes the engine walk.
    const input = (seed: number, walk: boolean): EngineInput => ({
      seed,
      addressBits: 16,
      startMs: 0,
      // 400 s: about 0.6 passes of the space, far from saturation (~125 of 300 hosts).
      endMs: 400_000,
      population,
      worms: [{ def, introducedAtMs: 0, initialInfected: 1, initialWakeStaggered: false }],
      observers: [],
      patch: [],
      reboot: [{ fromMs: 0, perHostPerHour: 1 }],
      ...(walk ? { rateHeterogeneity: { distribution: "lognormal", sigma: 1e-12 } } : {}),
    });
    const mean = (walk: boolean) => {
      let sum = 0;
      const runs = 40;
      for (let seed = 1; seed <= runs; seed++) sum += runFastEngine(input(seed, walk)).infectedEver;
      return sum / runs;
    };
    const attempts = mean(false);
    const walks = mean(true);
    // Spread over seeds is ~2 hosts; sigma = 0.3 already gives ~165 instead of ~125.
    expect(attempts).toBeGreaterThan(100);
    expect(attempts).toBeLessThan(200);
    expect(Math.abs(walks - attempts) / attempts).toBeLessThan(0.03);
  });
});
