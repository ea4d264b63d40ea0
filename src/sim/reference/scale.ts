/**
 * Scaling an engine input down to a 2^bits address space for the reference engine (or for the fast
 * engine on the identical input). Proportional: each host is kept with probability 2^(bits-32), so the
 * density of vulnerable hosts, and with it K = r N / space, the pace of a uniform outbreak, is
 * preserved. Addresses keep their top `bits` bits ({@link scaleAddress}), so /8 and /16 keep meaning
 * first octet and first two octets and local preference sees the same block structure.
 */
import type { Rng } from "../../core/rng.ts";
import type { Population } from "../../net/population.ts";
import { addressSpace, scaleAddress } from "../../scan/address-space.ts";
import type { Cidr } from "../../net/prefix.ts";
import type { EngineInput } from "../engine-input.ts";

/**
 * The population of a 2^bits-address Internet: each host kept with probability 2^(bits-32), mapped to
 * its scaled address; when two kept hosts share a scaled address the first (lowest IPv4 address) stays.
 * Attributes (country, locale, OS, patched) are kept; live addresses per /16 are scaled by the same
 * factor. Deterministic given `rng`.
 */
export function scalePopulation(population: Population, bits: number, rng: Rng): Population {
  const space = addressSpace(bits);
  const keep = 2 ** (bits - 32);
  const chosen: number[] = [];
  let lastAddress = -1;
  for (let h = 0; h < population.size; h++) {
    if (keep < 1 && rng.next() >= keep) continue;
    const a = scaleAddress(population.addresses[h], space);
    if (a === lastAddress) continue;
    lastAddress = a;
    chosen.push(h);
  }
  const n = chosen.length;
  const pick = <T extends Uint8Array | Uint32Array>(src: T, out: T): T => {
    for (let i = 0; i < n; i++) out[i] = src[chosen[i]];
    return out;
  };
  const addresses = new Uint32Array(n);
  for (let i = 0; i < n; i++) addresses[i] = scaleAddress(population.addresses[chosen[i]], space);
  return {
    size: n,
    addresses,
    country: pick(population.country, new Uint8Array(n)),
    countries: population.countries,
    locale: pick(population.locale, new Uint8Array(n)),
    os: pick(population.os, new Uint8Array(n)),
    patched: pick(population.patched, new Uint8Array(n)),
    liveAddressesPer16: population.liveAddressesPer16.map((x) => x * keep),
    source: bits === 32 ? population.source : `${population.source} scaled to 2^${bits}`,
  };
}

/**
 * An IPv4 block in the scaled space's representation (see address-space.ts). A block finer than one
 * scaled address (e.g. a single server, /32) becomes the one scaled address that contains it.
 */
export function scaleObserverBlock(block: Cidr, bits: number): Cidr {
  const drop = 32 - bits;
  if (drop === 0) return block;
  return { base: block.base >>> drop, bits: Math.min(block.bits + drop, 32) };
}

/**
 * A full-scale (32-bit) engine input scaled to 2^bits addresses: population ({@link scalePopulation}),
 * observer blocks ({@link scaleObserverBlock}) and the initial infections, scaled with the population
 * but never below 1 (a preset starting from one host still starts from one). Worms, times and hazards
 * are unchanged.
 */
export function scaleEngineInput(input: EngineInput, bits: number, rng: Rng): EngineInput {
  if ((input.addressBits ?? 32) !== 32) {
    throw new RangeError(`scaleEngineInput expects a 32-bit input, got ${input.addressBits} bits`);
  }
  addressSpace(bits);
  if (bits === 32) return input;
  const factor = 2 ** (bits - 32);
  return {
    ...input,
    addressBits: bits,
    population: scalePopulation(input.population, bits, rng),
    worms: input.worms.map((w) => ({
      ...w,
      initialInfected:
        w.initialInfected === 0 ? 0 : Math.max(1, Math.round(w.initialInfected * factor)),
    })),
    observers: input.observers.map((o) =>
      o.block ? { ...o, block: scaleObserverBlock(o.block, bits) } : o,
    ),
  };
}
