/**
 * The model population's expected share of Chinese-locale hosts per /8: the model gives every
 * active /16 an owner country drawn by the /8's region (its registry), and each country its locale
 * shares, so a /8's expected share is that of its region's hosts. Code Red II runs 600 threads on
 * Chinese-locale systems, 300 elsewhere: the estimate of `analyze` takes the rate of the hosts near
 * a server from here.
 */
import { eligibleBlocks8, HOST_REGIONS } from "./address-blocks.ts";
import { regionDemand } from "./internet-2001-blocks.ts";
import { JULY_2001_DEFAULTS, type Internet2001Params } from "./internet-2001-params.ts";

/** The share of Chinese-locale hosts among the hosts of each region, in {@link HOST_REGIONS} order. */
export function chineseLocaleSharePerRegion(params: Internet2001Params): number[] {
  const countries = Object.keys(params.countryShares);
  return regionDemand(params).map((row) => {
    let chinese = 0;
    countries.forEach((country, c) => {
      const shares = params.localeShares[country] ?? params.localeShares.other;
      chinese += row.perCountry[c] * shares[1];
    });
    return row.total > 0 ? chinese / row.total : Number.NaN;
  });
}

/** The share of Chinese-locale hosts in the whole model population under `params`. */
export function chineseLocaleShare(params: Internet2001Params = JULY_2001_DEFAULTS): number {
  const rows = regionDemand(params);
  const perRegion = chineseLocaleSharePerRegion(params);
  let hosts = 0;
  let chinese = 0;
  rows.forEach((row, r) => {
    if (!(row.total > 0)) return;
    hosts += row.total;
    chinese += row.total * perRegion[r];
  });
  return chinese / hosts;
}

let defaults: Float64Array | null = null;

/**
 * Per /8 (index 0-255), the expected share of Chinese-locale hosts under `params` (default: July
 * 2001's); NaN for a /8 where the model places no hosts.
 */
export function chineseLocaleSharePerPrefix8(
  params: Internet2001Params = JULY_2001_DEFAULTS,
): Float64Array {
  if (params === JULY_2001_DEFAULTS && defaults) return defaults;
  const perRegion = chineseLocaleSharePerRegion(params);
  const share = new Float64Array(256).fill(Number.NaN);
  for (const block of eligibleBlocks8(params.registry, params.cutoffDate)) {
    const r = HOST_REGIONS.indexOf(block.region);
    if (r >= 0) share[block.prefix8] = perRegion[r];
  }
  if (params === JULY_2001_DEFAULTS) defaults = share;
  return share;
}
