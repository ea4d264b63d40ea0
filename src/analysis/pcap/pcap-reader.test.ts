import { describe, expect, it } from "vitest";
import { CLASS } from "../classes.ts";
import { InputReader } from "../input-reader.ts";
import { summarize } from "../report/summary.ts";
import { Tally } from "../tally/tally.ts";
import {
  ipv4TcpPacket,
  linkFrame,
  pcapFile,
  pcapngFile,
  type TimedFrame,
} from "../../../test/support/capture-builder.ts";
import { LINKTYPE, TCP_FLAG } from "./link-layer.ts";

const text = (s: string): Uint8Array => Uint8Array.from(s, (c) => c.charCodeAt(0));
const ip = (a: number, b: number, c: number, d: number): number =>
  ((a << 24) | (b << 16) | (c << 8) | d) >>> 0;
const CLIENT = ip(10, 1, 2, 3);
const SERVER = ip(192, 0, 2, 80);
const T0 = 996660000; // 2001-08-01T10:00:00Z

function read(bytes: Uint8Array, chunk = 1 << 20): Tally {
  const tally = new Tally();
  const reader = new InputReader(tally, tally.openFile("cap"));
  for (let at = 0; at < bytes.length; at += chunk) reader.push(bytes.subarray(at, at + chunk));
  reader.end();
  return tally;
}

/** A client flow: SYN, then `payload` cut into `pieces`, sent in `order`. */
function flow(
  linkType: number,
  payload: string,
  pieces: number,
  order?: number[],
  srcPort = 1025,
  dstPort = 80,
): TimedFrame[] {
  const data = text(payload);
  const frames: TimedFrame[] = [];
  const isn = 1000;
  const pkt = (seq: number, flags: number, body?: Uint8Array): Uint8Array =>
    linkFrame(
      linkType,
      ipv4TcpPacket({ src: CLIENT, dst: SERVER, srcPort, dstPort, seq, flags, payload: body }),
      true,
    );
  frames.push({ timeSeconds: T0, data: pkt(isn, TCP_FLAG.syn) });
  const size = Math.ceil(data.length / pieces);
  const parts = Array.from({ length: pieces }, (_, i) => i);
  for (const i of order ?? parts) {
    frames.push({
      timeSeconds: T0 + 1 + i,
      data: pkt(isn + 1 + i * size, 0x18, data.subarray(i * size, (i + 1) * size)),
    });
  }
  return frames;
}

const CODE_RED_LIKE = `GET /default.ida?${"N".repeat(224)}%u9090%u6858%ucbd3%u7801 HTTP/1.0\r\nContent-type: text/xml\r\nContent-length: 10\r\n\r\n0123456789`;

describe("pcap and pcapng", () => {
  for (const [name, linkType] of Object.entries(LINKTYPE)) {
    it(`finds a request in a ${name} pcap, byte orders and resolutions`, () => {
      const frames = flow(
        linkType,
        `${CODE_RED_LIKE}GET /scripts/root.exe?/c+dir HTTP/1.0\r\n\r\n`,
        3,
      );
      for (const bytes of [
        pcapFile(frames, { linkType }),
        pcapFile(frames, { linkType, littleEndian: false, nanos: true }),
        pcapngFile(frames, { linkType, tsresolDigits: 9 }),
        pcapngFile(frames, { linkType, littleEndian: false }),
      ]) {
        const t = read(bytes, 100);
        expect(t.requests[CLASS.crv1v2]).toBe(1);
        expect(t.partial[CLASS.crv1v2]).toBe(1);
        expect(t.requests[CLASS.nimda]).toBe(1);
        expect(t.sources.keys).toEqual([CLIENT]);
        // a request is timed by the segment that completes its request line
        expect(t.firstSeconds).toBeCloseTo(T0 + 3, 3);
        expect(t.syn80BySource.get(CLIENT)).toBe(1);
        // its first scan for `watch`: the SYN, before the Code Red request it carried
        const firstScan = t.firstScanSeconds.get(CLIENT) ?? NaN;
        expect(firstScan).toBeGreaterThanOrEqual(T0);
        expect(firstScan).toBeLessThan(T0 + 3);
        expect(t.files[0].malformed).toBe(0);
      }
    });
  }

  it("reassembles out-of-order and retransmitted segments on any port", () => {
    const frames = flow(
      LINKTYPE.ethernet,
      `${CODE_RED_LIKE}GET /index.html HTTP/1.1\r\nHost: x\r\n\r\n`,
      6,
      [0, 2, 1, 1, 4, 3, 5],
      4000,
      8080,
    );
    const t = read(pcapFile(frames, { linkType: LINKTYPE.ethernet }));
    expect(t.requests[CLASS.crv1v2]).toBe(1);
    expect(t.requests[CLASS.other]).toBe(1);
    expect(t.syn80BySource.size).toBe(0);
    expect(t.files[0].format).toBe("pcap");
  });

  it("ignores non-HTTP flows and counts darknet SYNs per source", () => {
    const frames: TimedFrame[] = [
      {
        timeSeconds: T0,
        data: linkFrame(
          LINKTYPE.raw,
          ipv4TcpPacket({
            src: CLIENT,
            dst: SERVER,
            srcPort: 5,
            dstPort: 22,
            seq: 1,
            payload: text("SSH-2.0-OpenSSH\r\nGET /default.ida?NNNN HTTP/1.0\r\n"),
          }),
        ),
      },
    ];
    for (let i = 0; i < 5; i++) {
      const src = ip(172, 16, 0, i % 2);
      frames.push({
        timeSeconds: T0 + i,
        data: linkFrame(
          LINKTYPE.raw,
          ipv4TcpPacket({
            src,
            dst: ip(192, 0, 2, i),
            srcPort: 2000 + i,
            dstPort: 80,
            seq: i,
            flags: TCP_FLAG.syn,
          }),
        ),
      });
    }
    const t = read(pcapngFile(frames, { linkType: LINKTYPE.raw }));
    expect(t.requests.reduce((a, b) => a + b, 0)).toBe(0);
    expect(t.files[0].syn80Packets).toBe(5);
    expect([...t.syn80BySource.entries()].sort()).toEqual(
      [
        [ip(172, 16, 0, 0), 3],
        [ip(172, 16, 0, 1), 2],
      ].sort(),
    );
    expect(t.files[0].format).toBe("pcapng");
  });

  it("keeps results and reports an error for a truncated or corrupt capture", () => {
    const bytes = pcapFile(flow(LINKTYPE.ethernet, CODE_RED_LIKE, 1), {
      linkType: LINKTYPE.ethernet,
    });
    const cut = read(bytes.subarray(0, bytes.length - 7));
    expect(cut.files[0].error).toMatch(/capture ends inside a record/);
    const bad = bytes.slice();
    bad[24 + 8] = 0xff;
    bad[24 + 11] = 0x7f;
    const corrupt = read(bad);
    expect(corrupt.files[0].error).toMatch(/too large/);
  });

  it("never throws on random bytes after a capture magic", () => {
    let x = 12345;
    for (let run = 0; run < 200; run++) {
      const junk = new Uint8Array(200 + (run % 50) * 37);
      for (let i = 0; i < junk.length; i++)
        junk[i] = (x = (Math.imul(x, 1103515245) + 12345) >>> 0) >>> 24;
      junk.set(run % 2 ? [0xd4, 0xc3, 0xb2, 0xa1] : [0x0a, 0x0d, 0x0d, 0x0a]);
      expect(() => read(junk, 1 + (run % 64))).not.toThrow();
    }
  });
});

describe("unknown link types", () => {
  it("packets of a link type wormscope does not decode are counted per type, not dropped silently", () => {
    const frames = flow(147, CODE_RED_LIKE, 3);
    for (const bytes of [
      pcapFile(frames, { linkType: 147 }),
      pcapngFile(frames, { linkType: 147 }),
    ]) {
      const tally = read(bytes);
      const file = tally.files[0];
      expect([...file.unknownLinkTypes]).toEqual([[147, frames.length]]);
      expect(file.requests[CLASS.crv1v2]).toBe(0);
      expect(summarize(tally).files[0].unknownLinkTypes).toEqual([
        { linkType: 147, packets: frames.length },
      ]);
    }
  });

  it("a known link type leaves the list empty", () => {
    const tally = read(
      pcapFile(flow(LINKTYPE.ethernet, CODE_RED_LIKE, 2), { linkType: LINKTYPE.ethernet }),
    );
    expect(summarize(tally).files[0].unknownLinkTypes).toEqual([]);
  });
});
