/**
 * Decodes one captured frame down to its TCP segment: link layer (Ethernet with VLAN tags, raw IP,
 * Linux SLL and SLL2, BSD loopback), then IPv4, then TCP. IPv6 and non-first IP fragments are not
 * decoded.
 */

/** pcap LINKTYPE values understood here. */
export const LINKTYPE = {
  null: 0,
  ethernet: 1,
  rawOpenBsd: 12,
  rawBsd: 14,
  raw: 101,
  loop: 108,
  linuxSll: 113,
  ipv4: 228,
  linuxSll2: 276,
} as const;

const KNOWN_LINK_TYPES: ReadonlySet<number> = new Set(Object.values(LINKTYPE));

/** Whether `linkType` is one {@link decodeFrame} understands. */
export function isKnownLinkType(linkType: number): boolean {
  return KNOWN_LINK_TYPES.has(linkType);
}

/** A decoded TCP segment; `payloadStart..payloadEnd` index the frame. */
export interface TcpSegment {
  srcIp: number;
  dstIp: number;
  srcPort: number;
  dstPort: number;
  seq: number;
  flags: number;
  payloadStart: number;
  payloadEnd: number;
}

/** TCP flag bits. */
export const TCP_FLAG = { fin: 1, syn: 2, rst: 4, ack: 16 } as const;

/** Result of decoding: a segment, "skip" (not IPv4/TCP), or a reason the frame is malformed. */
export type DecodeResult = TcpSegment | "skip" | (string & {});

function u16(b: Uint8Array, at: number): number {
  return (b[at] << 8) | b[at + 1];
}

function u32(b: Uint8Array, at: number): number {
  return ((b[at] << 24) | (b[at + 1] << 16) | (b[at + 2] << 8) | b[at + 3]) >>> 0;
}

/** Offset of the IPv4 header in frame `b[start..end)` of `linkType`, -1 to skip, -2 if too short. */
function ipv4Offset(linkType: number, b: Uint8Array, start: number, end: number): number {
  switch (linkType) {
    case LINKTYPE.ethernet: {
      let at = start + 12;
      if (at + 2 > end) return -2;
      let type = u16(b, at);
      while (type === 0x8100 || type === 0x88a8) {
        at += 4;
        if (at + 2 > end) return -2;
        type = u16(b, at);
      }
      return type === 0x0800 ? at + 2 : -1;
    }
    case LINKTYPE.null:
    case LINKTYPE.loop: {
      if (start + 4 > end) return -2;
      // the family is in the capturing host's byte order (null) or network order (loop)
      const family = b[start] === 0 ? b[start + 3] : b[start];
      return family === 2 ? start + 4 : -1;
    }
    case LINKTYPE.raw:
    case LINKTYPE.rawOpenBsd:
    case LINKTYPE.rawBsd:
    case LINKTYPE.ipv4:
      return start;
    case LINKTYPE.linuxSll:
      if (start + 16 > end) return -2;
      return u16(b, start + 14) === 0x0800 ? start + 16 : -1;
    case LINKTYPE.linuxSll2:
      if (start + 20 > end) return -2;
      return u16(b, start) === 0x0800 ? start + 20 : -1;
    default:
      return -1;
  }
}

/** Decodes frame `b[start..end)` captured with `linkType`. */
export function decodeFrame(
  linkType: number,
  b: Uint8Array,
  start: number,
  end: number,
): DecodeResult {
  const ip = ipv4Offset(linkType, b, start, end);
  if (ip === -1) return "skip";
  if (ip < 0 || ip + 20 > end) return "frame shorter than its headers";
  if (b[ip] >> 4 !== 4) return "skip";
  const ihl = (b[ip] & 15) * 4;
  const totalLength = u16(b, ip + 2);
  if (ihl < 20 || totalLength < ihl) return "bad IPv4 header";
  if (b[ip + 9] !== 6) return "skip";
  if ((u16(b, ip + 6) & 0x1fff) !== 0) return "skip"; // a later fragment
  const ipEnd = Math.min(end, ip + totalLength);
  const tcp = ip + ihl;
  if (tcp + 20 > ipEnd) return "frame shorter than its headers";
  const dataOffset = (b[tcp + 12] >> 4) * 4;
  if (dataOffset < 20 || tcp + dataOffset > ipEnd) return "bad TCP header";
  return {
    srcIp: u32(b, ip + 12),
    dstIp: u32(b, ip + 16),
    srcPort: u16(b, tcp),
    dstPort: u16(b, tcp + 2),
    seq: u32(b, tcp + 4),
    flags: b[tcp + 13],
    payloadStart: tcp + dataOffset,
    payloadEnd: ipEnd,
  };
}
