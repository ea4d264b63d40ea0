/**
 * src/net: IPv4 addresses as uint32, CIDR blocks, the IANA /8 registry, and the populations of hosts
 * a simulation runs over (the July 2001 model or a real host list).
 */
export {
  IPV4_ADDRESS_COUNT,
  formatIpv4,
  ipv4,
  isUint32,
  parseIpv4,
  prefix16,
  prefix8,
  type ParseResult,
} from "./ipv4.ts";
export {
  cidrContains,
  cidrContainsCidr,
  cidrIntersectionSize,
  cidrLast,
  cidrOf,
  cidrSize,
  formatCidr,
  maskOfBits,
  parseCidr,
  type Cidr,
} from "./prefix.ts";
export { parseCsv, type CsvParse, type CsvRecord } from "./csv.ts";
export {
  IANA_CSV_HEADER,
  parseIanaRegistry,
  type IanaBlock,
  type IanaStatus,
} from "./iana-registry.ts";
export { IANA_IPV4_BLOCKS } from "./iana-table.ts";
export {
  HOST_REGIONS,
  NEVER_HOST_PREFIX8S,
  SPECIAL_USE_BLOCKS,
  eligibleBlocks8,
  isSingleHolder,
  isSpecialUse16,
  regionOfDesignation,
  type EligibleBlock8,
  type Region,
} from "./address-blocks.ts";
export {
  JULY_2001_DEFAULTS,
  resolveInternet2001Options,
  type Internet2001Options,
  type Internet2001Params,
  type LocaleShares,
} from "./internet-2001-params.ts";
export { JULY_2001_SOURCE, populationJuly2001 } from "./internet-2001.ts";
export {
  hostRange,
  hostsPer16,
  lowerBound,
  populationStats,
  type PopulationStats,
} from "./population-stats.ts";
export {
  LOCALE_CHINESE,
  LOCALE_ENGLISH,
  LOCALE_OTHER,
  OS_NT4_IIS4,
  OS_WIN2000_IIS5,
  type Population,
} from "./population.ts";
export { HOST_LIST_MAX_REPORTED_ERRORS, parseHostList, type HostListOptions } from "./host-list.ts";
export { HOST_LIST_UNKNOWN_COUNTRY } from "./host-list-rows.ts";
