/**
 * Builds small pcap and pcapng files in memory, for tests and fixtures: IPv4/TCP packets wrapped in
 * any supported link layer. Checksums are left zero (the reader does not check them).
 */
import { writeUint16, writeUint32 } from "../../src/analysis/bytes.ts";
import { LINKTYPE } from "../../src/analysis/pcap/link-layer.ts";

/** One TCP packet to build. */
export interface TcpPacketSpec {
  src: number;
  dst: number;
  srcPort: number;
  dstPort: number;
  seq: number;
  /** TCP flag bits; default ACK|PSH. */
  flags?: number;
  payload?: Uint8Array;
}

/** A frame with its capture time (seconds). */
export interface TimedFrame {
  timeSeconds: number;
  data: Uint8Array;
}

/** An IPv4 packet carrying one TCP segment. */
export function ipv4TcpPacket(p: TcpPacketSpec): Uint8Array {
  const payload = p.payload ?? new Uint8Array(0);
  const b = new Uint8Array(40 + payload.length);
  b[0] = 0x45;
  writeUint16(b, 2, b.length);
  b[8] = 64;
  b[9] = 6;
  writeUint32(b, 12, p.src);
  writeUint32(b, 16, p.dst);
  writeUint16(b, 20, p.srcPort);
  writeUint16(b, 22, p.dstPort);
  writeUint32(b, 24, p.seq >>> 0);
  b[32] = 5 << 4;
  b[33] = p.flags ?? 0x18;
  writeUint16(b, 34, 65535);
  b.set(payload, 40);
  return b;
}

/** Wraps an IPv4 packet in the link-layer header of `linkType` (Ethernet gets one VLAN tag if `vlan`). */
export function linkFrame(linkType: number, ip: Uint8Array, vlan = false): Uint8Array {
  let head: number[];
  switch (linkType) {
    case LINKTYPE.ethernet:
      head = [...new Array<number>(12).fill(2), ...(vlan ? [0x81, 0, 0, 7] : []), 0x08, 0x00];
      break;
    case LINKTYPE.null:
      head = [2, 0, 0, 0];
      break;
    case LINKTYPE.loop:
      head = [0, 0, 0, 2];
      break;
    case LINKTYPE.linuxSll:
      head = [0, 0, 0, 1, 0, 6, 1, 2, 3, 4, 5, 6, 0, 0, 0x08, 0x00];
      break;
    case LINKTYPE.linuxSll2:
      head = [0x08, 0x00, 0, 0, 0, 0, 0, 2, 0, 1, 0, 6, 1, 2, 3, 4, 5, 6, 0, 0];
      break;
    default:
      head = [];
  }
  const out = new Uint8Array(head.length + ip.length);
  out.set(head);
  out.set(ip, head.length);
  return out;
}

/** A classic pcap file. */
export function pcapFile(
  frames: readonly TimedFrame[],
  options: { linkType: number; littleEndian?: boolean; nanos?: boolean },
): Uint8Array {
  const le = options.littleEndian ?? true;
  const size = 24 + frames.reduce((a, f) => a + 16 + f.data.length, 0);
  const b = new Uint8Array(size);
  writeUint32(b, 0, options.nanos ? 0xa1b23c4d : 0xa1b2c3d4, le);
  writeUint16(b, 4, 2, le);
  writeUint16(b, 6, 4, le);
  writeUint32(b, 16, 262144, le);
  writeUint32(b, 20, options.linkType, le);
  let at = 24;
  const unit = options.nanos ? 1e9 : 1e6;
  for (const f of frames) {
    const whole = Math.floor(f.timeSeconds);
    writeUint32(b, at, whole, le);
    writeUint32(b, at + 4, Math.round((f.timeSeconds - whole) * unit), le);
    writeUint32(b, at + 8, f.data.length, le);
    writeUint32(b, at + 12, f.data.length, le);
    b.set(f.data, at + 16);
    at += 16 + f.data.length;
  }
  return b;
}

/** A pcapng file: one section, one interface with `if_tsresol` = 10^-`tsresolDigits`, EPBs. */
export function pcapngFile(
  frames: readonly TimedFrame[],
  options: { linkType: number; littleEndian?: boolean; tsresolDigits?: number },
): Uint8Array {
  const le = options.littleEndian ?? true;
  const digits = options.tsresolDigits ?? 6;
  const blocks: Uint8Array[] = [];
  const block = (type: number, body: Uint8Array): void => {
    const padded = Math.ceil(body.length / 4) * 4;
    const b = new Uint8Array(12 + padded);
    writeUint32(b, 0, type, le);
    writeUint32(b, 4, b.length, le);
    b.set(body, 8);
    writeUint32(b, b.length - 4, b.length, le);
    blocks.push(b);
  };
  const shb = new Uint8Array(16);
  writeUint32(shb, 0, 0x1a2b3c4d, le);
  writeUint16(shb, 4, 1, le);
  shb.fill(255, 8, 16);
  block(0x0a0d0d0a, shb);
  const idb = new Uint8Array(8 + 8 + 4);
  writeUint16(idb, 0, options.linkType, le);
  writeUint32(idb, 4, 262144, le);
  writeUint16(idb, 8, 9, le);
  writeUint16(idb, 10, 1, le);
  idb[12] = digits;
  block(1, idb);
  for (const f of frames) {
    const ticks = Math.round(f.timeSeconds * 10 ** digits);
    const epb = new Uint8Array(20 + f.data.length);
    writeUint32(epb, 0, 0, le);
    writeUint32(epb, 4, Math.floor(ticks / 4294967296), le);
    writeUint32(epb, 8, ticks % 4294967296, le);
    writeUint32(epb, 12, f.data.length, le);
    writeUint32(epb, 16, f.data.length, le);
    epb.set(f.data, 20);
    block(6, epb);
  }
  const out = new Uint8Array(blocks.reduce((a, b) => a + b.length, 0));
  let at = 0;
  for (const b of blocks) {
    out.set(b, at);
    at += b.length;
  }
  return out;
}
