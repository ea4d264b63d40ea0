/**
 * Parameters of the July 2001 Internet model ({@link populationJuly2001}), their defaults and their
 * validation. Every default is sourced or marked as an assumption.
 */
import { UserInputError } from "../core/errors.ts";
import { HOST_REGIONS, type Region } from "./address-blocks.ts";
import type { IanaBlock } from "./iana-registry.ts";
import { IANA_IPV4_BLOCKS } from "./iana-table.ts";

/** Locale shares of one country's hosts: [English, Chinese, other], summing to 1. */
export type LocaleShares = readonly [english: number, chinese: number, other: number];

/** Options of {@link populationJuly2001}; every field is optional and defaults to {@link JULY_2001_DEFAULTS}. */
export interface Internet2001Options {
  /**
   * Vulnerable IIS hosts to place. Default 375,000: an assumption a little above the >359,000 hosts
   * CAIDA saw infected on 19 July 2001, since not every vulnerable host was reached.
   * @see ../../docs/sources.md section 4 (CAIDA, V)
   */
  readonly vulnerableHosts?: number;
  /**
   * Last month (`"YYYY-MM"`, inclusive) whose IANA /8 designations count: later /8s hold no host.
   * Default `"2001-07"`. @see ../../docs/sources.md section 6
   */
  readonly cutoffDate?: string;
  /**
   * /8s excluded although the registry dates them before the cutoff. Default [189, 190]: the
   * registry dates both LACNIC blocks 1995-06, before LACNIC existed (2002); the other /8s designated
   * in 2005-06 (74-76, 89-91) suggest a typo for 2005-06 (assumption).
   */
  readonly excludedPrefix8s?: readonly number[];
  /**
   * Share of hosts per country code; keys become `Population.countries` in this order. Must sum to 1.
   * Default US 0.43, KR 0.11, CN 0.05, TW 0.04, other 0.37 (the remainder, not split further).
   * @see ../../docs/sources.md section 4 (CAIDA: infected by country, V)
   */
  readonly countryShares?: Readonly<Record<string, number>>;
  /**
   * For each country key, the share of its hosts in each RIR region's /8s (need not be normalised).
   * Default: US in ARIN space (RIR and US legacy holders); KR, CN, TW in APNIC space; other over all
   * regions weighted RIPE 0.47, ARIN 0.25, APNIC 0.25, LACNIC 0.02, AFRINIC 0.01 (assumption:
   * Europe, Canada, Japan and Australia dominate the remainder).
   */
  readonly countryRegions?: Readonly<Record<string, Readonly<Partial<Record<Region, number>>>>>;
  /**
   * Fraction of the /16s of an ordinary eligible /8 that are active (hold live hosts). Default 0.5
   * (assumption: with the sparse /8s below this gives ~13,000 active /16s, ~0.9 billion addresses,
   * in line with the roughly one billion addresses routed in 2001 (M, BGP table reports)).
   */
  readonly active16Fraction?: number;
  /**
   * /8s held by one organisation for internal use, whose /16s are rarely active: military and
   * government (6, 11, 21, 22, 26, 28, 29, 30, 33, 55, 214, 215), the US Postal Service (56) and
   * corporations (17 Apple, 19 Ford, 48 Prudential, 53 Daimler). Not 12/8 (AT&T) or 38/8 (PSINet):
   * both were public ISPs. @see ../../docs/sources.md section 4 (CAIDA counted only 136 infected .mil hosts)
   */
  readonly sparsePrefix8s?: readonly number[];
  /** Fraction of the /16s of a sparse /8 that are active. Default 0.03 (assumption). */
  readonly sparseActive16Fraction?: number;
  /**
   * Sigma of the lognormal weight of an active /16 (its expected share of hosts). Larger means more
   * concentrated: at 2.0 the top 1% of active /16s hold roughly a third of the hosts. Default 2.0
   * (assumption; real host density per prefix is heavy-tailed). @see ../../docs/sources.md section 6
   */
  readonly density16Sigma?: number;
  /** Most vulnerable hosts any one /16 may hold; excess is redrawn elsewhere. Default 16,384. */
  readonly maxHostsPer16?: number;
  /**
   * Locale shares per country key; `"other"` applies to any country not listed. Default: US mostly
   * English, CN and TW mostly Chinese, KR mostly other (Korean), others mixed (assumption).
   * @see ../../docs/sources.md section 2 (CRII: 600 threads on Chinese systems; CRv1 defaces English ones)
   */
  readonly localeShares?: Readonly<Record<string, LocaleShares>>;
  /**
   * Share of hosts running NT4 with IIS4 (Code Red II crashes them instead of infecting them); the
   * rest run Windows 2000 with IIS5. Default 0.1: an assumption, no measured figure exists.
   * @see ../../docs/sources.md section 2 (hosts it cannot infect)
   */
  readonly nt4Iis4Share?: number;
  /** Fraction of hosts already patched (immune) at the start. Default 0. @see ../../docs/sources.md section 4 */
  readonly patchedAtStart?: number;
  /**
   * Live addresses added to a /16 per vulnerable host in it (the vulnerable IIS servers sit among
   * other servers, workstations and routers). Default 20 (assumption).
   */
  readonly liveAddressesPerVulnerableHost?: number;
  /**
   * Live addresses of every active /16 regardless of its vulnerable hosts. Default 9,000: chosen so
   * that at the defaults the total live addresses come near the ISC Internet Domain Survey's
   * ~125.9 million hosts of July 2001 (M, not re-read here).
   * @see https://www.isc.org/survey/ (Internet Domain Survey, July 2001)
   */
  readonly liveAddressesBasePerActive16?: number;
  /** The /8 registry. Default: the IANA table shipped with wormscope. */
  readonly registry?: readonly IanaBlock[];
}

/** Every option resolved. */
export type Internet2001Params = {
  readonly [K in keyof Internet2001Options]-?: NonNullable<Internet2001Options[K]>;
};

/** The defaults of the July 2001 model; each is documented on {@link Internet2001Options}. */
export const JULY_2001_DEFAULTS: Internet2001Params = Object.freeze<Internet2001Params>({
  vulnerableHosts: 375_000,
  cutoffDate: "2001-07",
  excludedPrefix8s: [189, 190],
  countryShares: { US: 0.43, KR: 0.11, CN: 0.05, TW: 0.04, other: 0.37 },
  countryRegions: {
    US: { ARIN: 1 },
    KR: { APNIC: 1 },
    CN: { APNIC: 1 },
    TW: { APNIC: 1 },
    other: { RIPE: 0.47, ARIN: 0.25, APNIC: 0.25, LACNIC: 0.02, AFRINIC: 0.01 },
  },
  active16Fraction: 0.5,
  sparsePrefix8s: [6, 11, 17, 19, 21, 22, 26, 28, 29, 30, 33, 48, 53, 55, 56, 214, 215],
  sparseActive16Fraction: 0.03,
  density16Sigma: 2.0,
  maxHostsPer16: 16_384,
  localeShares: {
    US: [0.95, 0.01, 0.04],
    KR: [0.15, 0.01, 0.84],
    CN: [0.1, 0.88, 0.02],
    TW: [0.1, 0.88, 0.02],
    other: [0.45, 0.03, 0.52],
  },
  nt4Iis4Share: 0.1,
  patchedAtStart: 0,
  liveAddressesPerVulnerableHost: 20,
  liveAddressesBasePerActive16: 9_000,
  registry: IANA_IPV4_BLOCKS,
});

/** Fills in defaults and checks every option, throwing a {@link UserInputError} naming the field. */
export function resolveInternet2001Options(options: Internet2001Options): Internet2001Params {
  const p: Internet2001Params = { ...JULY_2001_DEFAULTS, ...dropUndefined(options) };
  const bad = (field: string, problem: string): never => {
    throw new UserInputError(`population option ${field}: ${problem}`);
  };
  if (
    !Number.isInteger(p.vulnerableHosts) ||
    p.vulnerableHosts < 1 ||
    p.vulnerableHosts > 2 ** 26
  ) {
    bad("vulnerableHosts", `must be an integer 1..${2 ** 26}, got ${p.vulnerableHosts}`);
  }
  if (!/^[0-9]{4}-(0[1-9]|1[0-2])$/.test(p.cutoffDate)) bad("cutoffDate", "must be YYYY-MM");
  checkFraction(p.active16Fraction, "active16Fraction", bad);
  checkFraction(p.sparseActive16Fraction, "sparseActive16Fraction", bad);
  checkFraction(p.nt4Iis4Share, "nt4Iis4Share", bad);
  checkFraction(p.patchedAtStart, "patchedAtStart", bad);
  if (!(p.density16Sigma >= 0 && p.density16Sigma <= 10))
    bad("density16Sigma", "must be in [0, 10]");
  if (!Number.isInteger(p.maxHostsPer16) || p.maxHostsPer16 < 1 || p.maxHostsPer16 > 65_024) {
    bad("maxHostsPer16", "must be an integer 1..65024");
  }
  for (const field of ["liveAddressesPerVulnerableHost", "liveAddressesBasePerActive16"] as const) {
    if (!(p[field] >= 0 && Number.isFinite(p[field]))) bad(field, "must be a finite number >= 0");
  }
  const countries = Object.keys(p.countryShares);
  if (countries.length === 0 || countries.length > 255)
    bad("countryShares", "needs 1..255 countries");
  let total = 0;
  for (const country of countries) {
    const share = p.countryShares[country];
    checkFraction(share, `countryShares.${country}`, bad);
    total += share;
    const regions = p.countryRegions[country];
    if (!regions) bad("countryRegions", `no regions for country "${country}"`);
    for (const [region, weight] of Object.entries(regions)) {
      if (!HOST_REGIONS.includes(region as Region))
        bad(`countryRegions.${country}`, `unknown region ${region}`);
      if (!(weight >= 0 && Number.isFinite(weight)))
        bad(`countryRegions.${country}.${region}`, "must be >= 0");
    }
    if (!Object.values(regions).some((w) => w > 0))
      bad(`countryRegions.${country}`, "all weights are 0");
  }
  if (Math.abs(total - 1) > 1e-9) bad("countryShares", `must sum to 1, sum is ${total}`);
  for (const [country, shares] of Object.entries(p.localeShares)) {
    if (
      shares.length !== 3 ||
      shares.some((s) => !(s >= 0)) ||
      Math.abs(shares[0] + shares[1] + shares[2] - 1) > 1e-9
    ) {
      bad(`localeShares.${country}`, "must be [english, chinese, other] summing to 1");
    }
  }
  if (!p.localeShares.other) bad("localeShares", `needs an "other" entry`);
  if (p.registry.length !== 256) bad("registry", "must have 256 /8 rows");
  return p;
}

function checkFraction(value: number, field: string, bad: (f: string, p: string) => never): void {
  if (!(value >= 0 && value <= 1)) bad(field, `must be a fraction in [0, 1], got ${value}`);
}

function dropUndefined<T extends object>(options: T): Partial<T> {
  return Object.fromEntries(
    Object.entries(options).filter(([, v]) => v !== undefined),
  ) as Partial<T>;
}
