/**
 * Block-level steps of the July 2001 model: which /16s are active and how heavy each is, which
 * country owns each, and how many vulnerable hosts each holds. Typed arrays throughout, one entry per
 * active /16, in ascending /16 order.
 */
import { UserInputError } from "../core/errors.ts";
import type { Rng } from "../core/rng.ts";
import { createSamplers } from "../core/samplers.ts";
import { HOST_REGIONS, isSpecialUse16, type EligibleBlock8 } from "./address-blocks.ts";
import type { Internet2001Params } from "./internet-2001-params.ts";

/** The active /16s of a model Internet. */
export interface ActiveBlocks16 {
  /** /16 prefixes (first two octets as one number), ascending. */
  readonly prefix16: Uint32Array;
  /** Index into HOST_REGIONS per active /16. */
  readonly region: Uint8Array;
  /** Lognormal density weight per active /16. */
  readonly weight: Float64Array;
}

/** Chooses the active /16s of the eligible /8s and draws their lognormal weights. */
export function drawActiveBlocks16(
  blocks: readonly EligibleBlock8[],
  params: Internet2001Params,
  rng: Rng,
): ActiveBlocks16 {
  const prefixes: number[] = [];
  const regions: number[] = [];
  const weights: number[] = [];
  const sparse = new Set(params.sparsePrefix8s);
  for (const block of blocks) {
    const fraction = sparse.has(block.prefix8)
      ? params.sparseActive16Fraction
      : params.active16Fraction;
    const regionIndex = HOST_REGIONS.indexOf(block.region);
    for (let low = 0; low < 256; low++) {
      const p16 = block.prefix8 * 256 + low;
      // Draw for every /16 so that the stream does not depend on the special-use list.
      const active = rng.next() < fraction;
      const z = standardNormal(rng);
      if (!active || isSpecialUse16(p16)) continue;
      prefixes.push(p16);
      regions.push(regionIndex);
      weights.push(Math.exp(params.density16Sigma * z));
    }
  }
  return {
    prefix16: Uint32Array.from(prefixes),
    region: Uint8Array.from(regions),
    weight: Float64Array.from(weights),
  };
}

/**
 * Gives each active /16 one owning country, with probability proportional to the country's share
 * times its weight for the /16's region, and returns the owner index per active /16.
 */
export function drawOwners(
  active: ActiveBlocks16,
  params: Internet2001Params,
  rng: Rng,
): Uint8Array {
  const demand = regionDemand(params);
  const owners = new Uint8Array(active.prefix16.length);
  for (let i = 0; i < owners.length; i++) {
    const row = demand[active.region[i]];
    let u = rng.next() * row.total;
    let owner = 0;
    while (owner < row.last && (u -= row.perCountry[owner]) >= 0) owner++;
    owners[i] = row.total > 0 ? owner : 255;
  }
  return owners;
}

/**
 * Vulnerable hosts per active /16: exact host totals per country and per (country, region) by
 * largest remainder, then a multinomial over the owner's /16s in that region by weight, capped at
 * `maxHostsPer16` with the excess redrawn.
 */
export function drawHostsPer16(
  active: ActiveBlocks16,
  owners: Uint8Array,
  params: Internet2001Params,
  rng: Rng,
): Uint32Array {
  const samplers = createSamplers(rng);
  const countries = Object.keys(params.countryShares);
  const perCountry = largestRemainder(
    params.vulnerableHosts,
    countries.map((c) => params.countryShares[c]),
  );
  const hosts = new Uint32Array(active.prefix16.length);
  countries.forEach((country, c) => {
    const weights = HOST_REGIONS.map((r) => params.countryRegions[country][r] ?? 0);
    const perRegion = largestRemainder(perCountry[c], weights);
    HOST_REGIONS.forEach((region, r) => {
      if (perRegion[r] === 0) return;
      const members: number[] = [];
      for (let i = 0; i < owners.length; i++) {
        if (owners[i] === c && active.region[i] === r) members.push(i);
      }
      if (members.length === 0) {
        throw new UserInputError(
          `population: no active /16 of region ${region} for country "${country}" ` +
            `(${perRegion[r]} hosts); raise active16Fraction or change countryRegions/cutoffDate`,
        );
      }
      spreadHosts(perRegion[r], members, active.weight, hosts, params.maxHostsPer16, samplers);
    });
  });
  return hosts;
}

function spreadHosts(
  hostCount: number,
  members: readonly number[],
  weight: Float64Array,
  hosts: Uint32Array,
  maxHostsPer16: number,
  samplers: ReturnType<typeof createSamplers>,
): void {
  let open = members.slice();
  let remaining = hostCount;
  while (remaining > 0) {
    if (open.length === 0) {
      throw new UserInputError(`population: maxHostsPer16 too small to place ${hostCount} hosts`);
    }
    let weightLeft = 0;
    for (const i of open) weightLeft += weight[i];
    let toPlace = remaining;
    remaining = 0;
    for (let k = 0; k < open.length && toPlace > 0; k++) {
      const i = open[k];
      const drawn =
        k === open.length - 1
          ? toPlace
          : samplers.binomial(toPlace, Math.min(1, weight[i] / weightLeft));
      toPlace -= drawn;
      weightLeft -= weight[i];
      const room = maxHostsPer16 - hosts[i];
      hosts[i] += Math.min(drawn, room);
      remaining += Math.max(0, drawn - room);
    }
    open = open.filter((i) => hosts[i] < maxHostsPer16);
  }
}

/** Per host region, each country's expected share of all hosts that the model places there. */
export interface DemandRow {
  readonly perCountry: Float64Array;
  readonly total: number;
  /** Last country with positive demand, so rounding never picks a country absent from the region. */
  readonly last: number;
}

/** The rows of {@link DemandRow}, in {@link HOST_REGIONS} order. */
export function regionDemand(params: Internet2001Params): DemandRow[] {
  const countries = Object.keys(params.countryShares);
  return HOST_REGIONS.map((region) => {
    const perCountry = new Float64Array(countries.length);
    countries.forEach((country, c) => {
      const weights = params.countryRegions[country];
      let sum = 0;
      for (const r of HOST_REGIONS) sum += weights[r] ?? 0;
      perCountry[c] = (params.countryShares[country] * (weights[region] ?? 0)) / sum;
    });
    let last = perCountry.length - 1;
    while (last > 0 && !(perCountry[last] > 0)) last--;
    return { perCountry, total: perCountry.reduce((a, b) => a + b, 0), last };
  });
}

/** Splits `total` into integers proportional to `weights` (largest remainder, ties to the first). */
export function largestRemainder(total: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  if (!(sum > 0)) return weights.map(() => 0);
  const exact = weights.map((w) => (total * w) / sum);
  const counts = exact.map(Math.floor);
  let left = total - counts.reduce((a, b) => a + b, 0);
  const order = exact
    .map((x, i) => i)
    .sort((a, b) => exact[b] - counts[b] - (exact[a] - counts[a]) || a - b);
  for (let k = 0; left > 0; k = (k + 1) % order.length, left--) counts[order[k]]++;
  return counts;
}

/** A standard normal variate (Box-Muller, one of the pair). */
function standardNormal(rng: Rng): number {
  const radius = Math.sqrt(-2 * Math.log1p(-rng.next()));
  return radius * Math.cos(2 * Math.PI * rng.next());
}
