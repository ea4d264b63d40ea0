/**
 * Streams a packet capture, pcap (both byte orders, microsecond or nanosecond) or pcapng (SHB, IDB,
 * EPB, SPB and the obsolete PB, per-section byte order, per-interface link type and time
 * resolution). Each TCP segment goes to the HTTP flow tracker; TCP SYNs to port 80 are counted per
 * source (the darknet view). A record too large to be real ends the file with a clear error.
 */
import { FORMAT, type FileTally } from "../tally/file-tally.ts";
import type { Tally } from "../tally/tally.ts";
import { decodeFrame, isKnownLinkType, TCP_FLAG } from "./link-layer.ts";
import { HttpFlowTracker, type ReassemblyLimits, type ReassemblyStats } from "./tcp-http.ts";

/** Largest record or block accepted, in bytes. */
export const MAX_RECORD_BYTES = 16 * 1024 * 1024;

const PCAPNG_SHB = 0x0a0d0d0a;

/** Largest epoch seconds a JavaScript Date holds (8.64e15 ms). */
const MAX_EPOCH_SECONDS = 8.64e12;

/** Whether the first 4 bytes are a pcap or pcapng magic number. */
export function isPcapMagic(b: Uint8Array): boolean {
  if (b.length < 4) return false;
  const be = ((b[0] << 24) | (b[1] << 16) | (b[2] << 8) | b[3]) >>> 0;
  const le = ((b[3] << 24) | (b[2] << 16) | (b[1] << 8) | b[0]) >>> 0;
  return (
    be === PCAPNG_SHB ||
    be === 0xa1b2c3d4 ||
    le === 0xa1b2c3d4 ||
    be === 0xa1b23c4d ||
    le === 0xa1b23c4d
  );
}

interface Iface {
  linkType: number;
  /** Seconds per timestamp unit. */
  unitSeconds: number;
}

/** Streams one capture into a tally. */
export class PcapReader {
  private buffer = new Uint8Array(0);
  private bytes = 0;
  private littleEndian = false;
  private ng = false;
  private started = false;
  private stopped = false;
  private nanos = false;
  private linkType = 1;
  private interfaces: Iface[] = [];
  private record = 0;
  private readonly http: HttpFlowTracker;

  constructor(
    private readonly tally: Tally,
    private readonly file: FileTally,
    limits: Partial<ReassemblyLimits> = {},
  ) {
    this.http = new HttpFlowTracker(
      (src, t, verdict) => tally.record(file, src, t, verdict),
      limits,
    );
  }

  /** The TCP reassembly's counters (bytes buffered now and at most, flows dropped, gaps skipped). */
  get reassemblyStats(): Readonly<ReassemblyStats> {
    return this.http.stats;
  }

  /** Feeds the next chunk. */
  push(chunk: Uint8Array): void {
    if (this.stopped) return;
    const need = this.bytes + chunk.length;
    if (need > this.buffer.length) {
      const grown = new Uint8Array(Math.max(need, this.buffer.length * 2, 65536));
      grown.set(this.buffer.subarray(0, this.bytes));
      this.buffer = grown;
    }
    this.buffer.set(chunk, this.bytes);
    this.bytes = need;
    const used = this.parse();
    this.buffer.copyWithin(0, used, this.bytes);
    this.bytes -= used;
  }

  /** Ends the capture; a partial last record is reported. */
  end(): void {
    if (!this.stopped && this.bytes > 0) {
      this.file.error ??= `capture ends inside a record (${this.bytes} bytes left over)`;
    }
    this.file.format = this.ng ? "pcapng" : "pcap";
    const s = this.http.stats;
    this.file.reassembly = {
      flowsEvicted: s.flowsEvicted,
      gapsSkipped: s.gapsSkipped,
      peakBufferedBytes: s.peakBufferedBytes,
    };
  }

  private u32(at: number): number {
    const b = this.buffer;
    return this.littleEndian
      ? ((b[at + 3] << 24) | (b[at + 2] << 16) | (b[at + 1] << 8) | b[at]) >>> 0
      : ((b[at] << 24) | (b[at + 1] << 16) | (b[at + 2] << 8) | b[at + 3]) >>> 0;
  }

  private u16(at: number): number {
    const b = this.buffer;
    return this.littleEndian ? b[at] | (b[at + 1] << 8) : (b[at] << 8) | b[at + 1];
  }

  private stop(reason: string): number {
    this.stopped = true;
    this.file.error = `record ${this.record}: ${reason}; the rest of the capture was not read`;
    return this.bytes;
  }

  /** Parses whole records from the buffer; returns the bytes consumed. */
  private parse(): number {
    let pos = 0;
    if (!this.started) {
      if (this.bytes < 24) return 0;
      const b = this.buffer;
      this.ng = b[0] === 0x0a && b[1] === 0x0d && b[2] === 0x0d && b[3] === 0x0a;
      if (!this.ng) {
        this.littleEndian = b[0] === 0xd4 || b[0] === 0x4d;
        this.nanos = this.u32(0) === 0xa1b23c4d;
        this.linkType = this.u32(20) & 0xffff;
        pos = 24;
      }
      this.started = true;
    }
    return this.ng ? this.parseNg(pos) : this.parseClassic(pos);
  }

  private parseClassic(pos: number): number {
    while (pos + 16 <= this.bytes) {
      const captured = this.u32(pos + 8);
      if (captured > MAX_RECORD_BYTES) return this.stop(`captured length ${captured} too large`);
      if (pos + 16 + captured > this.bytes) break;
      const t = this.u32(pos) + this.u32(pos + 4) * (this.nanos ? 1e-9 : 1e-6);
      this.packet(this.linkType, pos + 16, pos + 16 + captured, t);
      pos += 16 + captured;
    }
    return pos;
  }

  private parseNg(pos: number): number {
    while (pos + 12 <= this.bytes) {
      const b = this.buffer;
      if (b[pos] === 0x0a && b[pos + 1] === 0x0d && b[pos + 2] === 0x0d && b[pos + 3] === 0x0a) {
        // section header: its byte-order magic sets the byte order of the section
        this.littleEndian = b[pos + 8] === 0x4d;
        this.interfaces = [];
      }
      const type = this.u32(pos);
      const total = this.u32(pos + 4);
      if (total < 12 || total % 4 !== 0 || total > MAX_RECORD_BYTES) {
        return this.stop(`bad pcapng block length ${total}`);
      }
      if (pos + total > this.bytes) break;
      if (type === 1 && total >= 20) {
        this.interfaces.push({
          linkType: this.u16(pos + 8),
          unitSeconds: this.tsResolution(pos, total),
        });
      } else if (type === 6 && total >= 32) {
        const iface = this.interfaces[this.u32(pos + 8)];
        const captured = this.u32(pos + 20);
        if (iface === undefined || 28 + captured > total) {
          this.record++;
          this.file.lines++;
          this.file.addMalformed(this.record, "bad enhanced packet block", b, pos, pos + 64);
        } else {
          const t = (this.u32(pos + 12) * 4294967296 + this.u32(pos + 16)) * iface.unitSeconds;
          this.packet(iface.linkType, pos + 28, pos + 28 + captured, t);
        }
      } else if (type === 3 && total >= 16 && this.interfaces.length > 0) {
        const captured = Math.min(this.u32(pos + 8), total - 16);
        this.packet(this.interfaces[0].linkType, pos + 12, pos + 12 + captured, NaN);
      } else if (type === 2 && total >= 32) {
        const iface = this.interfaces[this.u16(pos + 8)];
        const captured = this.u32(pos + 20);
        if (iface !== undefined && 28 + captured <= total) {
          const t = (this.u32(pos + 12) * 4294967296 + this.u32(pos + 16)) * iface.unitSeconds;
          this.packet(iface.linkType, pos + 28, pos + 28 + captured, t);
        }
      }
      pos += total;
    }
    return pos;
  }

  /** Seconds per timestamp unit of an interface block (option if_tsresol, code 9). */
  private tsResolution(pos: number, total: number): number {
    let at = pos + 16;
    const end = pos + total - 4;
    while (at + 4 <= end) {
      const code = this.u16(at);
      const length = this.u16(at + 2);
      if (code === 0) break;
      if (code === 9 && length >= 1) {
        const v = this.buffer[at + 4];
        return v & 0x80 ? 2 ** -(v & 0x7f) : 10 ** -v;
      }
      at += 4 + Math.ceil(length / 4) * 4;
    }
    return 1e-6;
  }

  private packet(linkType: number, start: number, end: number, time: number): void {
    const file = this.file;
    // a timestamp no date can hold (a damaged block, a huge if_tsresol unit) is unknown
    const t = Math.abs(time) <= MAX_EPOCH_SECONDS ? time : NaN;
    file.lines++;
    file.countFormat(this.ng ? FORMAT.pcapng : FORMAT.pcap);
    this.record++;
    if (!isKnownLinkType(linkType)) {
      file.unknownLinkTypes.set(linkType, (file.unknownLinkTypes.get(linkType) ?? 0) + 1);
      return;
    }
    const seg = decodeFrame(linkType, this.buffer, start, end);
    if (seg === "skip") return;
    if (typeof seg === "string") {
      file.addMalformed(this.record, seg, this.buffer, start, Math.min(end, start + 64));
      return;
    }
    if (seg.flags & TCP_FLAG.syn && !(seg.flags & TCP_FLAG.ack) && seg.dstPort === 80) {
      this.tally.recordSyn80(file, seg.srcIp, t);
    }
    this.http.segment(seg, this.buffer, t);
  }
}
