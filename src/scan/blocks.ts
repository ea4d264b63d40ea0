/** Named address blocks of the scanning layer (CIDR arithmetic itself lives in src/net/prefix.ts). */
import type { Cidr } from "../net/prefix.ts";

/** The /8 block with this first octet, e.g. 127/8 and 224/8 that Code Red II regenerates in. */
export function octetBlock(firstOctet: number): Cidr {
  return { base: (firstOctet << 24) >>> 0, bits: 8 };
}
