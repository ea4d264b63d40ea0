/**
 * IPv4 addresses as unsigned 32-bit integers: strict parsing and formatting of dotted quads, and the
 * /8 and /16 prefixes every block-level aggregate in wormscope is keyed by.
 */
import { UserInputError } from "../core/errors.ts";
import { quoteField as clip } from "./quote-field.ts";

/** The outcome of a parse: a value, or a message saying what is wrong with the input. */
export type ParseResult<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: string };

/** Number of IPv4 addresses, 2^32. */
export const IPV4_ADDRESS_COUNT = 4294967296;

const OCTET = /^(0|[1-9][0-9]{0,2})$/;

/**
 * Parses a dotted quad (`"130.107.2.1"`) into a uint32. Strict: exactly four decimal octets 0-255,
 * no surrounding whitespace, no leading zeros (`"010.0.0.1"` is octal to some parsers, decimal to
 * others), no shorthand forms such as `"1.2.3"`.
 */
export function parseIpv4(text: string): ParseResult<number> {
  const parts = text.split(".");
  if (parts.length !== 4) {
    return { ok: false, error: `"${clip(text)}" is not a dotted quad (need 4 octets)` };
  }
  let addr = 0;
  for (const part of parts) {
    if (!OCTET.test(part)) {
      const why = /^0[0-9]+$/.test(part) ? "leading zero (ambiguous octal)" : "not a decimal octet";
      // Quote the octet only when the whole text is quoted in full, so no more of it shows.
      const octet = text.length > 40 ? "" : ` "${part}"`;
      return { ok: false, error: `"${clip(text)}": octet${octet} ${why}` };
    }
    const octet = Number(part);
    if (octet > 255) return { ok: false, error: `"${clip(text)}": octet ${octet} is above 255` };
    addr = addr * 256 + octet;
  }
  return { ok: true, value: addr };
}

/** Parses a dotted quad like {@link parseIpv4}, throwing a {@link UserInputError} when invalid. */
export function ipv4(text: string): number {
  const parsed = parseIpv4(text);
  if (!parsed.ok) throw new UserInputError(`invalid IPv4 address: ${parsed.error}`);
  return parsed.value;
}

/** Formats a uint32 as a dotted quad. */
export function formatIpv4(addr: number): string {
  return `${addr >>> 24}.${(addr >>> 16) & 255}.${(addr >>> 8) & 255}.${addr & 255}`;
}

/** True when `value` is an integer in [0, 2^32). */
export function isUint32(value: number): boolean {
  return Number.isInteger(value) && value >= 0 && value < IPV4_ADDRESS_COUNT;
}

/** The /8 an address belongs to: its first octet, 0-255. */
export function prefix8(addr: number): number {
  return addr >>> 24;
}

/** The /16 an address belongs to: its first two octets as one number, 0-65535. */
export function prefix16(addr: number): number {
  return addr >>> 16;
}
