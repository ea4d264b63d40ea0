/**
 * The address space a run uses: IPv4 (32 bits) or a scaled-down space of `bits` bits (16 to 32) for the
 * reference engine. Scaled addresses keep the top `bits` bits of an IPv4 address, so "/8" and "/16"
 * keep their meaning (first octet, first two octets) and a /16 holds 2^(bits-16) addresses.
 * Addresses and blocks are stored as uint32 in the low `bits` bits; a k-bit prefix of the scaled space
 * is the 32-bit CIDR block of length k + (32 - bits).
 */
import type { Cidr } from "../net/prefix.ts";

/** An address space. */
export interface AddressSpace {
  /** Address bits, 16 to 32. */
  readonly bits: number;
  /** Number of addresses, 2^bits. */
  readonly size: number;
  /** Addresses per /8 and per /16. */
  readonly size8: number;
  readonly size16: number;
  /** Right shifts giving the /8 and /16 block numbers of an address. */
  readonly shift8: number;
  readonly shift16: number;
}

/** A space of `bits` address bits. */
export function addressSpace(bits = 32): AddressSpace {
  if (!Number.isInteger(bits) || bits < 16 || bits > 32) {
    throw new RangeError(`address bits must be an integer from 16 to 32, got ${bits}`);
  }
  return Object.freeze({
    bits,
    size: 2 ** bits,
    size8: 2 ** (bits - 8),
    size16: 2 ** (bits - 16),
    shift8: bits - 8,
    shift16: bits - 16,
  });
}

/** The full IPv4 space. */
export const IPV4_SPACE = addressSpace(32);

/** Maps an IPv4 block (prefix length <= space bits) into the space. */
export function scaleBlock(block: Cidr, space: AddressSpace): Cidr {
  const drop = 32 - space.bits;
  if (drop === 0) return block;
  if (block.bits > space.bits) {
    throw new RangeError(`a /${block.bits} block does not fit a ${space.bits}-bit space`);
  }
  return { base: block.base >>> drop, bits: block.bits + drop };
}

/** Maps an IPv4 address into the space (keeps its top bits). */
export function scaleAddress(address: number, space: AddressSpace): number {
  return space.bits === 32 ? address >>> 0 : address >>> (32 - space.bits);
}

/** The /8 (k = 8) or /16 (k = 16) block of the space holding `address`, as a 32-bit CIDR block. */
export function localBlock(address: number, k: 8 | 16, space: AddressSpace): Cidr {
  const shift = space.bits - k;
  return { base: ((address >>> shift) * 2 ** shift) >>> 0, bits: 32 - shift };
}
