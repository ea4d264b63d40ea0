/**
 * Summaries and lookups over a {@link Population}: hosts per /16, the index range of a block, and the
 * figures worth reporting about a population (concentration, shares).
 */
import { cidrLast, type Cidr } from "./prefix.ts";
import { LOCALE_CHINESE, LOCALE_ENGLISH, OS_NT4_IIS4, type Population } from "./population.ts";

/** Vulnerable hosts per /16, length 65536, indexed by `prefix16`. */
export function hostsPer16(population: Population): Uint32Array {
  const counts = new Uint32Array(65536);
  const addresses = population.addresses;
  for (let i = 0; i < addresses.length; i++) counts[addresses[i] >>> 16]++;
  return counts;
}

/** First index whose address is >= `addr` in an ascending address array. */
export function lowerBound(addresses: Uint32Array, addr: number): number {
  let lo = 0;
  let hi = addresses.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (addresses[mid] < addr) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The host index range `[start, end)` of the hosts inside `block` (addresses are sorted). */
export function hostRange(addresses: Uint32Array, block: Cidr): [start: number, end: number] {
  return [lowerBound(addresses, block.base), lowerBound(addresses, cidrLast(block) + 1)];
}

/** Figures describing a population. */
export interface PopulationStats {
  readonly hosts: number;
  /** /8s holding at least one host. */
  readonly prefix8Count: number;
  /** /16s holding at least one host. */
  readonly occupied16Count: number;
  /** Most hosts in one /16. */
  readonly maxHostsPer16: number;
  /** Median hosts per occupied /16. */
  readonly medianHostsPerOccupied16: number;
  /** Share of all hosts held by the densest 1% of occupied /16s. */
  readonly top1PercentOf16Share: number;
  /** Share of all hosts held by the densest 10% of occupied /16s. */
  readonly top10PercentOf16Share: number;
  /** Share of hosts per entry of `population.countries`. */
  readonly countryShares: Readonly<Record<string, number>>;
  readonly englishShare: number;
  readonly chineseShare: number;
  readonly nt4Iis4Share: number;
  readonly patchedShare: number;
  /** Sum of `liveAddressesPer16`. */
  readonly liveAddressesTotal: number;
}

/** Computes {@link PopulationStats}. */
export function populationStats(population: Population): PopulationStats {
  const size = population.size;
  const per16 = hostsPer16(population);
  const occupied = Array.from(per16.filter((count) => count > 0)).sort((a, b) => b - a);
  const topShare = (fraction: number): number => {
    const top = Math.max(1, Math.ceil(occupied.length * fraction));
    return occupied.slice(0, top).reduce((a, b) => a + b, 0) / Math.max(1, size);
  };
  const prefixes8 = new Set<number>();
  for (const addr of population.addresses) prefixes8.add(addr >>> 24);
  const perCountry = new Float64Array(population.countries.length);
  let english = 0;
  let chinese = 0;
  let nt4 = 0;
  let patched = 0;
  for (let i = 0; i < size; i++) {
    perCountry[population.country[i]]++;
    if (population.locale[i] === LOCALE_ENGLISH) english++;
    if (population.locale[i] === LOCALE_CHINESE) chinese++;
    if (population.os[i] === OS_NT4_IIS4) nt4++;
    patched += population.patched[i];
  }
  const share = (count: number): number => count / Math.max(1, size);
  return {
    hosts: size,
    prefix8Count: prefixes8.size,
    occupied16Count: occupied.length,
    maxHostsPer16: occupied[0] ?? 0,
    medianHostsPerOccupied16: occupied[occupied.length >> 1] ?? 0,
    top1PercentOf16Share: topShare(0.01),
    top10PercentOf16Share: topShare(0.1),
    countryShares: Object.fromEntries(
      population.countries.map((c, i) => [c, share(perCountry[i])]),
    ),
    englishShare: share(english),
    chineseShare: share(chinese),
    nt4Iis4Share: share(nt4),
    patchedShare: share(patched),
    liveAddressesTotal: population.liveAddressesPer16.reduce((a, b) => a + b, 0),
  };
}
