/** Small synthetic populations for engine tests (not a model of any real Internet). */
import { createRng } from "../../src/core/rng.ts";
import type { Population } from "../../src/net/population.ts";

/** `size` unique random addresses in the given /8 blocks, all Win2000/English, unpatched. */
export function syntheticPopulation(size: number, seed: number, blocks8: number[]): Population {
  const rng = createRng(seed);
  const set = new Set<number>();
  while (set.size < size) {
    const b = blocks8[rng.int(blocks8.length)];
    set.add(((b << 24) | (rng.nextUint32() & 0xffffff)) >>> 0);
  }
  const addresses = Uint32Array.from(set).sort();
  return {
    size,
    addresses,
    country: new Uint8Array(size),
    countries: ["other"],
    locale: new Uint8Array(size).fill(2),
    os: new Uint8Array(size),
    patched: new Uint8Array(size),
    liveAddressesPer16: new Float64Array(65536),
    source: "synthetic",
  };
}
