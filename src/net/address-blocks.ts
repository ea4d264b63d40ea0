/**
 * Which /8 and /16 blocks could hold hosts at a given date, and which region serves each /8. The
 * region decides which countries' hosts a /8 can hold in the population model.
 */
import type { IanaBlock } from "./iana-registry.ts";
import { parseCidr, type Cidr } from "./prefix.ts";

/** Service region of a /8: one of the five RIRs, or IANA itself (special use, never hosts). */
export type Region = "ARIN" | "APNIC" | "RIPE" | "LACNIC" | "AFRINIC" | "IANA";

/** All regions that can hold hosts. */
export const HOST_REGIONS: readonly Region[] = ["ARIN", "APNIC", "RIPE", "LACNIC", "AFRINIC"];

/** A /8 that can hold hosts, with its region and whether one organisation holds all of it. */
export interface EligibleBlock8 {
  readonly prefix8: number;
  readonly region: Region;
  /** True for a /8 held by one organisation (e.g. `"Ford Motor Company"`, `"US-DOD"`). */
  readonly singleHolder: boolean;
}

/**
 * /8s never usable by public hosts whatever the registry says: 0 (this network), 10 (private),
 * 127 (loopback), 224-239 (multicast), 240-255 (reserved).
 * @see RFC 5735 / RFC 3330 (special-use IPv4 addresses)
 */
export const NEVER_HOST_PREFIX8S: readonly number[] = [
  0,
  10,
  127,
  ...Array.from({ length: 32 }, (_, i) => 224 + i),
];

/**
 * Special-use blocks inside otherwise usable /8s, excluded at /16 granularity or finer: RFC 1918
 * private space in 172/8 and 192/8, link-local 169.254/16, the benchmark range 198.18/15, and the two
 * class-B ends reserved in 2001 (128.0/16, 191.255/16).
 * @see RFC 1918; RFC 3330 (2002, the special-use list as it stood just after 2001)
 */
export const SPECIAL_USE_BLOCKS: readonly Cidr[] = [
  "128.0.0.0/16",
  "169.254.0.0/16",
  "172.16.0.0/12",
  "191.255.0.0/16",
  "192.168.0.0/16",
  "198.18.0.0/15",
].map((text) => {
  const parsed = parseCidr(text);
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.value;
});

/**
 * Region of a registry designation. The five RIRs and the blocks they administer map to themselves;
 * single-organisation legacy holders are US organisations (ARIN region) except Daimler AG (53/8,
 * Germany: RIPE region).
 */
export function regionOfDesignation(designation: string): Region {
  const holder = designation.replace(/^Administered by /, "");
  if (holder === "ARIN") return "ARIN";
  if (holder === "APNIC") return "APNIC";
  if (holder === "RIPE NCC") return "RIPE";
  if (holder === "LACNIC") return "LACNIC";
  if (holder === "AFRINIC") return "AFRINIC";
  if (/^(IANA|Multicast|Future use)/.test(holder)) return "IANA";
  return holder === "Daimler AG" ? "RIPE" : "ARIN";
}

/** True when a designation names one organisation rather than an RIR. */
export function isSingleHolder(designation: string): boolean {
  const region = regionOfDesignation(designation);
  const holder = designation.replace(/^Administered by /, "");
  return region !== "IANA" && holder !== region && !(region === "RIPE" && holder === "RIPE NCC");
}

/**
 * The /8s that could hold hosts at `cutoffMonth` (`"YYYY-MM"`, inclusive): status ALLOCATED or
 * LEGACY, designated on or before the cutoff, never one of {@link NEVER_HOST_PREFIX8S}, and not in
 * `excludedPrefix8s`. Ascending by prefix.
 */
export function eligibleBlocks8(
  registry: readonly IanaBlock[],
  cutoffMonth: string,
  excludedPrefix8s: readonly number[] = [],
): EligibleBlock8[] {
  const never = new Set([...NEVER_HOST_PREFIX8S, ...excludedPrefix8s]);
  return registry
    .filter((b) => b.status !== "RESERVED" && b.allocated <= cutoffMonth && !never.has(b.prefix8))
    .map((b) => ({
      prefix8: b.prefix8,
      region: regionOfDesignation(b.designation),
      singleHolder: isSingleHolder(b.designation),
    }))
    .filter((b) => b.region !== "IANA")
    .sort((a, b) => a.prefix8 - b.prefix8);
}

/** True when the whole /16 `prefix16` lies in a special-use block (so it holds no hosts). */
export function isSpecialUse16(prefix16: number): boolean {
  const base = prefix16 * 65536;
  return SPECIAL_USE_BLOCKS.some(
    (block) => block.bits <= 16 && (base & (0xffffffff << (32 - block.bits))) >>> 0 === block.base,
  );
}
