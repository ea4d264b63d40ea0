/**
 * CIDR blocks (`130.107.0.0/16`) as a base address and a prefix length. Two CIDR blocks are either
 * disjoint or one contains the other, which keeps the algebra here small.
 */
import { formatIpv4, parseIpv4, type ParseResult } from "./ipv4.ts";

/** A CIDR block: `bits` leading bits fixed (0-32), `base` the first address, host bits zero. */
export interface Cidr {
  readonly base: number;
  readonly bits: number;
}

/** The netmask of a prefix length as a uint32 (`/16` gives 0xffff0000). */
export function maskOfBits(bits: number): number {
  // `x << 32` is `x << 0` in JavaScript, so /0 needs its own branch.
  return bits === 0 ? 0 : (0xffffffff << (32 - bits)) >>> 0;
}

/** Number of addresses in a block: 2^(32 - bits). */
export function cidrSize(block: Cidr): number {
  return 2 ** (32 - block.bits);
}

/** Last address of a block. */
export function cidrLast(block: Cidr): number {
  return block.base + cidrSize(block) - 1;
}

/** The block of `bits` bits that contains `addr`. */
export function cidrOf(addr: number, bits: number): Cidr {
  return { base: (addr & maskOfBits(bits)) >>> 0, bits };
}

/** True when `addr` lies inside `block`. */
export function cidrContains(block: Cidr, addr: number): boolean {
  return (addr & maskOfBits(block.bits)) >>> 0 === block.base;
}

/** True when every address of `inner` lies inside `outer`. */
export function cidrContainsCidr(outer: Cidr, inner: Cidr): boolean {
  return inner.bits >= outer.bits && cidrContains(outer, inner.base);
}

/** Number of addresses two blocks share: the smaller block's size when nested, else 0. */
export function cidrIntersectionSize(a: Cidr, b: Cidr): number {
  if (cidrContainsCidr(a, b)) return cidrSize(b);
  if (cidrContainsCidr(b, a)) return cidrSize(a);
  return 0;
}

/** Formats a block as `a.b.c.d/bits`. */
export function formatCidr(block: Cidr): string {
  return `${formatIpv4(block.base)}/${block.bits}`;
}

/**
 * Parses `a.b.c.d/bits`. Rejects a missing or out-of-range length and a base with host bits set
 * (`10.1.2.3/8`), naming the base the user probably meant.
 */
export function parseCidr(text: string): ParseResult<Cidr> {
  const slash = text.indexOf("/");
  if (slash < 0) return { ok: false, error: `"${text}" has no "/bits" prefix length` };
  const bitsText = text.slice(slash + 1);
  if (!/^(0|[1-9][0-9]?)$/.test(bitsText) || Number(bitsText) > 32) {
    return { ok: false, error: `"${text}": prefix length "${bitsText}" is not an integer 0-32` };
  }
  const bits = Number(bitsText);
  const addr = parseIpv4(text.slice(0, slash));
  if (!addr.ok) return addr;
  const block = cidrOf(addr.value, bits);
  if (block.base !== addr.value) {
    return {
      ok: false,
      error: `"${text}" has host bits set after /${bits}; did you mean ${formatCidr(block)}?`,
    };
  }
  return { ok: true, value: block };
}
