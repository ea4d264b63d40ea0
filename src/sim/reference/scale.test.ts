import { describe, expect, it } from "vitest";
import { syntheticPopulation } from "../../../test/helpers/population.ts";
import { createRng } from "../../core/rng.ts";
import { codeRedV2 } from "../../worms/code-red-v2.ts";
import type { EngineInput } from "../engine-input.ts";
import { scaleEngineInput, scalePopulation } from "./scale.ts";

const full = syntheticPopulation(200_000, 5, [3, 24, 61, 200]);

describe("scaling to a smaller address space", () => {
  it("keeps each host with probability 2^(bits-32) at its top-bits address (5 sd)", () => {
    const bits = 26;
    const scaled = scalePopulation(full, bits, createRng(1));
    const p = 2 ** (bits - 32);
    const expected = full.size * p;
    // Collisions (two kept hosts in one 64-address cell) are rare at this density.
    expect(Math.abs(scaled.size - expected)).toBeLessThan(5 * Math.sqrt(expected));
    const originals = new Set(Array.from(full.addresses, (a) => a >>> 6));
    for (let i = 0; i < scaled.size; i++) {
      expect(originals.has(scaled.addresses[i])).toBe(true);
      if (i > 0) expect(scaled.addresses[i]).toBeGreaterThan(scaled.addresses[i - 1]);
      expect([3, 24, 61, 200]).toContain(scaled.addresses[i] >>> (bits - 8));
    }
    expect(scaled.source).toBe("synthetic scaled to 2^26");
  });

  it("is deterministic and carries attributes", () => {
    const locale = Uint8Array.from(full.addresses, (a) => a % 3);
    const pop = { ...full, locale };
    const a = scalePopulation(pop, 20, createRng(7));
    const b = scalePopulation(pop, 20, createRng(7));
    expect(Array.from(a.addresses)).toEqual(Array.from(b.addresses));
    expect(a.size).toBeGreaterThan(20);
    const localesInCell = new Map<number, Set<number>>();
    full.addresses.forEach((x, h) => {
      const cell = x >>> 12;
      if (!localesInCell.has(cell)) localesInCell.set(cell, new Set());
      localesInCell.get(cell)?.add(locale[h]);
    });
    for (let i = 0; i < a.size; i++) {
      expect(localesInCell.get(a.addresses[i])?.has(a.locale[i])).toBe(true);
    }
  });

  it("scales observers and initial infections, refuses a scaled input", () => {
    const input: EngineInput = {
      seed: 1,
      startMs: 0,
      endMs: 3_600_000,
      population: full,
      worms: [
        { def: codeRedV2, introducedAtMs: 0, initialInfected: 1, initialWakeStaggered: false },
        { def: codeRedV2, introducedAtMs: 0, initialInfected: 4096, initialWakeStaggered: false },
      ],
      observers: [
        { name: "t", type: "telescope", block: { base: 44 << 24, bits: 8 } },
        { name: "s", type: "server", block: { base: ((44 << 24) | 1234567) >>> 0, bits: 32 } },
      ],
      patch: [],
      reboot: [],
    };
    const scaled = scaleEngineInput(input, 20, createRng(2));
    expect(scaled.addressBits).toBe(20);
    expect(scaled.worms.map((w) => w.initialInfected)).toEqual([1, 1]);
    expect(scaled.observers[0].block).toEqual({ base: 44 << 12, bits: 20 });
    expect(scaled.observers[1].block).toEqual({ base: ((44 << 24) | 1234567) >>> 12, bits: 32 });
    expect(() => scaleEngineInput(scaled, 16, createRng(2))).toThrow(RangeError);
    expect(scaleEngineInput(input, 32, createRng(2))).toBe(input);
  });
});
