/**
 * The Internet of July 2001: the vulnerable IIS hosts Code Red spread over, placed only in /8s the
 * IANA registry had designated by then, clustered in a heavy-tailed way per /16, each with a country
 * (CAIDA's shares), a system locale, an OS/IIS version and a patch state.
 * @see ../../docs/sources.md sections 4 and 6
 */
import type { Rng } from "../core/rng.ts";
import { eligibleBlocks8 } from "./address-blocks.ts";
import {
  drawActiveBlocks16,
  drawHostsPer16,
  drawOwners,
  type ActiveBlocks16,
} from "./internet-2001-blocks.ts";
import {
  resolveInternet2001Options,
  type Internet2001Options,
  type Internet2001Params,
} from "./internet-2001-params.ts";
import { OS_NT4_IIS4, OS_WIN2000_IIS5, type Population } from "./population.ts";

/** `Population.source` of a model population. */
export const JULY_2001_SOURCE = "model:july2001";

/**
 * Builds the vulnerable population of July 2001 from `rng` (the caller passes
 * `rng.fork("population")`). Deterministic: the same seed and options give identical arrays.
 * Sub-streams are forked per step, so changing an attribute option (say `nt4Iis4Share`) leaves the
 * addresses unchanged. Throws a UserInputError for invalid options.
 */
export function populationJuly2001(options: Internet2001Options, rng: Rng): Population {
  const params = resolveInternet2001Options(options);
  const blocks = eligibleBlocks8(params.registry, params.cutoffDate, params.excludedPrefix8s);
  const active = drawActiveBlocks16(blocks, params, rng.fork("blocks"));
  const owners = drawOwners(active, params, rng.fork("owners"));
  const hostsPer16 = drawHostsPer16(active, owners, params, rng.fork("hosts"));
  const size = params.vulnerableHosts;
  const addresses = drawAddresses(active, hostsPer16, size, rng.fork("addresses"));
  const country = new Uint8Array(size);
  let host = 0;
  for (let i = 0; i < hostsPer16.length; i++) {
    country.fill(owners[i], host, host + hostsPer16[i]);
    host += hostsPer16[i];
  }
  const countries = Object.keys(params.countryShares);
  const { locale, os, patched } = drawAttributes(
    country,
    countries,
    params,
    rng.fork("attributes"),
  );
  return {
    size,
    addresses,
    country,
    countries,
    locale,
    os,
    patched,
    liveAddressesPer16: liveAddresses(active, hostsPer16, params),
    source: JULY_2001_SOURCE,
  };
}

/**
 * Draws distinct host addresses inside each active /16, avoiding .0 and .255 in the last octet
 * (network and broadcast addresses of the /24s most sites used). Ascending by construction: /16s in
 * order, each /16's offsets sorted.
 */
function drawAddresses(
  active: ActiveBlocks16,
  hostsPer16: Uint32Array,
  size: number,
  rng: Rng,
): Uint32Array {
  const addresses = new Uint32Array(size);
  const taken = new Uint8Array(65536);
  let host = 0;
  for (let i = 0; i < hostsPer16.length; i++) {
    const count = hostsPer16[i];
    if (count === 0) continue;
    const base = active.prefix16[i] * 65536;
    const start = host;
    for (let placed = 0; placed < count;) {
      const offset = rng.nextUint32() >>> 16;
      const low = offset & 255;
      if (low === 0 || low === 255 || taken[offset] === 1) continue;
      taken[offset] = 1;
      addresses[host++] = base + offset;
      placed++;
    }
    const slice = addresses.subarray(start, host);
    slice.sort();
    for (let k = 0; k < slice.length; k++) taken[slice[k] & 0xffff] = 0;
  }
  return addresses;
}

function drawAttributes(
  country: Uint8Array,
  countries: readonly string[],
  params: Internet2001Params,
  rng: Rng,
): { locale: Uint8Array; os: Uint8Array; patched: Uint8Array } {
  const size = country.length;
  const locale = new Uint8Array(size);
  const os = new Uint8Array(size);
  const patched = new Uint8Array(size);
  const cumulative = countries.map((c) => {
    const [english, chinese] = params.localeShares[c] ?? params.localeShares.other;
    return [english, english + chinese] as const;
  });
  for (let i = 0; i < size; i++) {
    const [english, englishOrChinese] = cumulative[country[i]];
    const u = rng.next();
    // LOCALE_ENGLISH = 0, LOCALE_CHINESE = 1, LOCALE_OTHER = 2.
    locale[i] = u < english ? 0 : u < englishOrChinese ? 1 : 2;
    os[i] = rng.next() < params.nt4Iis4Share ? OS_NT4_IIS4 : OS_WIN2000_IIS5;
    if (params.patchedAtStart > 0) patched[i] = rng.next() < params.patchedAtStart ? 1 : 0;
  }
  return { locale, os, patched };
}

function liveAddresses(
  active: ActiveBlocks16,
  hostsPer16: Uint32Array,
  params: Internet2001Params,
): Float64Array {
  const live = new Float64Array(65536);
  for (let i = 0; i < hostsPer16.length; i++) {
    const estimate =
      params.liveAddressesBasePerActive16 + params.liveAddressesPerVulnerableHost * hostsPer16[i];
    live[active.prefix16[i]] = Math.min(65536, Math.max(estimate, hostsPer16[i]));
  }
  return live;
}
