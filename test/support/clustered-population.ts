/**
 * A small synthetic population with /8 and /16 structure for engine agreement tests: hosts sit in a
 * few /8 blocks, part of them packed into dense /16s, so local-preference scanning behaves very
 * differently from uniform scanning. Not a model of any real Internet.
 */
import type { Rng } from "../../src/core/rng.ts";
import {
  LOCALE_CHINESE,
  LOCALE_ENGLISH,
  OS_NT4_IIS4,
  OS_WIN2000_IIS5,
} from "../../src/net/population.ts";
import type { Population } from "../../src/net/population.ts";
import { addressSpace } from "../../src/scan/address-space.ts";

/** Shape of a clustered population. */
export interface ClusteredPopulationOptions {
  /** Address bits of the space (16 to 24). */
  readonly bits: number;
  /** First octets of the populated /8 blocks. */
  readonly blocks8: readonly number[];
  /** Dense /16 blocks per /8 and the share of a dense /16's addresses that hold a host. */
  readonly dense16PerBlock8: number;
  readonly dense16Fill: number;
  /** Hosts scattered uniformly over each /8 besides the dense /16s. */
  readonly scatteredPerBlock8: number;
  /** Shares of hosts with a Chinese locale, running NT4/IIS4, and patched at the start. */
  readonly chineseShare: number;
  readonly nt4Share: number;
  readonly patchedShare: number;
}

/** Builds a clustered population (deterministic given `rng`). */
export function clusteredPopulation(o: ClusteredPopulationOptions, rng: Rng): Population {
  const space = addressSpace(o.bits);
  const set = new Set<number>();
  for (const b8 of o.blocks8) {
    const base8 = b8 * space.size8;
    const dense = new Set<number>();
    while (dense.size < o.dense16PerBlock8) dense.add(rng.int(256));
    for (const b16 of dense) {
      for (let k = 0; k < space.size16; k++) {
        if (rng.next() < o.dense16Fill) set.add(base8 + b16 * space.size16 + k);
      }
    }
    const target = set.size + o.scatteredPerBlock8;
    while (set.size < target) set.add(base8 + rng.int(space.size8));
  }
  const addresses = Uint32Array.from(set).sort();
  const n = addresses.length;
  const locale = new Uint8Array(n);
  const os = new Uint8Array(n);
  const patched = new Uint8Array(n);
  for (let h = 0; h < n; h++) {
    locale[h] = rng.next() < o.chineseShare ? LOCALE_CHINESE : LOCALE_ENGLISH;
    os[h] = rng.next() < o.nt4Share ? OS_NT4_IIS4 : OS_WIN2000_IIS5;
    patched[h] = rng.next() < o.patchedShare ? 1 : 0;
  }
  return {
    size: n,
    addresses,
    country: new Uint8Array(n),
    countries: ["other"],
    locale,
    os,
    patched,
    liveAddressesPer16: new Float64Array(65536),
    source: `synthetic:clustered-2^${o.bits}`,
  };
}
