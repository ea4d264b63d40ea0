/**
 * Minimal CIDR block arithmetic for the scanning layer (the full prefix toolkit lives in src/net).
 * A block is a base address (uint32, host bits zero) and a prefix length.
 */
export interface Block {
  /** First address of the block as uint32. */
  readonly base: number;
  /** Prefix length, 0 to 32. */
  readonly bits: number;
}

/** Number of addresses two CIDR blocks share (one contains the other, or they are disjoint). */
export function blockIntersectionSize(a: Block, b: Block): number {
  const bits = Math.min(a.bits, b.bits);
  const mask = bits === 0 ? 0 : (0xffffffff << (32 - bits)) >>> 0;
  if ((a.base & mask) >>> 0 !== (b.base & mask) >>> 0) return 0;
  return 2 ** (32 - Math.max(a.bits, b.bits));
}

/** The /8 block numbers 127 and 224 that Code Red II regenerates targets in. */
export function octetBlock(firstOctet: number): Block {
  return { base: (firstOctet << 24) >>> 0, bits: 8 };
}
