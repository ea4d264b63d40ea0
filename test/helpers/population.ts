/** Small synthetic populations for engine tests (not a model of any real Internet). */
import { createRng } from "../../src/core/rng.ts";
import type { Population } from "../../src/net/population.ts";

/** Options of {@link syntheticPopulation}. */
export interface SyntheticOptions {
  /** Address bits of the space (default 32). Hosts go in the given first octets. */
  addressBits?: number;
  /** If set, hosts are confined to this many /16s per /8 (clustered). */
  blocks16Per8?: number;
  /** Share of hosts with a Chinese locale (default 0). */
  chineseShare?: number;
  /** Share of NT4/IIS4 hosts (default 0). */
  nt4Share?: number;
}

/** `size` unique random addresses in the given /8 blocks, unpatched. */
export function syntheticPopulation(
  size: number,
  seed: number,
  blocks8: number[],
  options: SyntheticOptions = {},
): Population {
  const bits = options.addressBits ?? 32;
  const rng = createRng(seed);
  const set = new Set<number>();
  const low = 2 ** (bits - 8);
  const per8 = options.blocks16Per8;
  while (set.size < size) {
    const b = blocks8[rng.int(blocks8.length)];
    let offset = rng.int(low);
    if (per8 !== undefined) {
      const size16 = 2 ** (bits - 16);
      offset = ((rng.int(per8) * 7919) % 256) * size16 + rng.int(size16);
    }
    set.add(b * low + offset);
  }
  const addresses = Float64Array.from(set).sort();
  const locale = new Uint8Array(size).fill(2);
  const os = new Uint8Array(size);
  for (let h = 0; h < size; h++) {
    if (rng.next() < (options.chineseShare ?? 0)) locale[h] = 1;
    if (rng.next() < (options.nt4Share ?? 0)) os[h] = 1;
  }
  return {
    size,
    addresses: Uint32Array.from(addresses),
    country: new Uint8Array(size),
    countries: ["other"],
    locale,
    os,
    patched: new Uint8Array(size),
    liveAddressesPer16: new Float64Array(65536),
    source: "synthetic",
  };
}
