/**
 * Fuzz: pcap and pcapng captures through the InputReader. Valid captures built with the capture
 * builder (random link types, byte orders, packets, HTTP payloads) are mutated with byte flips,
 * splices and truncations; the reader must never throw (a bad capture is reported in the file's
 * `error` and `malformed` counts) and a truncated or damaged capture must not hang.
 */
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { LINKTYPE } from "../../src/analysis/pcap/link-layer.ts";
import {
  ipv4TcpPacket,
  linkFrame,
  pcapFile,
  pcapngFile,
  type TimedFrame,
} from "../support/capture-builder.ts";
import { analyseBytes, FUZZ_SEED } from "./fuzz-helpers.ts";

const enc = (s: string): Uint8Array => Uint8Array.from(s, (c) => c.charCodeAt(0) & 255);

const PAYLOADS = [
  "GET /default.ida?NNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNN%u9090%u6858%ucbd3%u7801=a HTTP/1.0\r\n\r\n",
  "GET / HTTP/1.1\r\nHost: x\r\n\r\n",
  "POST /a HTTP/1.1\r\nContent-Length: 5\r\n\r\nhelloGET /scripts/root.exe?/c+dir HTTP/1.0\r\n\r\n",
  "POST /a HTTP/1.1\r\nContent-Length: 99999999999\r\n\r\n",
  "GET /",
  "x HTTP/1.0\r\n\r\n",
  "",
];

const linkType = fc.constantFrom(...Object.values(LINKTYPE), 147, 65535);
const segment = fc.record({
  src: fc.constantFrom(0x0a000001, 0x0a000002, 0xc0a80001),
  dst: fc.constantFrom(0x0a0000fe, 0xc0a800fe),
  srcPort: fc.constantFrom(1025, 1026, 80),
  dstPort: fc.constantFrom(80, 8080),
  seq: fc.oneof(fc.constantFrom(0, 1, 100, 0xfffffff0), fc.nat()),
  flags: fc.constantFrom(0x02, 0x12, 0x18, 0x10, 0x11, 0x04),
  payload: fc.constantFrom(...PAYLOADS).map(enc),
});
const frames = fc.array(
  fc.record({
    timeSeconds: fc.double({ min: 0, max: 2 ** 31, noNaN: true }),
    segment,
    vlan: fc.boolean(),
  }),
  { maxLength: 12 },
);
const capture = fc
  .record({
    ng: fc.boolean(),
    linkType,
    littleEndian: fc.boolean(),
    nanos: fc.boolean(),
    digits: fc.integer({ min: 0, max: 9 }),
    frames,
  })
  .map((c) => {
    const timed: TimedFrame[] = c.frames.map((f) => ({
      timeSeconds: f.timeSeconds,
      data: linkFrame(c.linkType, ipv4TcpPacket(f.segment), f.vlan),
    }));
    return c.ng
      ? pcapngFile(timed, {
          linkType: c.linkType,
          littleEndian: c.littleEndian,
          tsresolDigits: c.digits,
        })
      : pcapFile(timed, { linkType: c.linkType, littleEndian: c.littleEndian, nanos: c.nanos });
  });

/** Byte flips, random bytes written over a range, and a truncation. */
const mutation = fc.record({
  flips: fc.array(fc.tuple(fc.nat(), fc.integer({ min: 1, max: 255 })), { maxLength: 8 }),
  splice: fc.option(fc.tuple(fc.nat(), fc.uint8Array({ minLength: 1, maxLength: 16 }))),
  truncateTo: fc.option(fc.nat()),
});
const cuts = fc.array(fc.integer({ min: 1, max: 300 }), { minLength: 1, maxLength: 6 });

function mutate(b: Uint8Array, m: MutationValue): Uint8Array {
  const out = b.slice();
  if (out.length === 0) return out;
  for (const [at, x] of m.flips) out[at % out.length] ^= x;
  if (m.splice !== null)
    out.set(
      m.splice[1].subarray(0, out.length),
      Math.max(0, Math.min(m.splice[0] % out.length, out.length - m.splice[1].length)),
    );
  return m.truncateTo === null ? out : out.subarray(0, m.truncateTo % (out.length + 1));
}
type MutationValue = {
  flips: [number, number][];
  splice: [number, Uint8Array] | null;
  truncateTo: number | null;
};

function readsWithoutThrowing(bytes: Uint8Array, cut: number[]): void {
  const { file } = analyseBytes(bytes, cut);
  expect(file.lines).toBeGreaterThanOrEqual(file.malformed);
}

describe("fuzz: pcap and pcapng", () => {
  it("valid built captures read without an error", () => {
    fc.assert(
      fc.property(capture, cuts, (bytes, cut) => {
        const { file } = analyseBytes(bytes, cut);
        expect(file.error).toBeUndefined();
      }),
      { seed: FUZZ_SEED, numRuns: 2000 },
    );
  });

  it("mutated and truncated captures: never throw", () => {
    fc.assert(
      fc.property(capture, mutation, cuts, (bytes, m, cut) =>
        readsWithoutThrowing(mutate(bytes, m), cut),
      ),
      { seed: FUZZ_SEED, numRuns: 2000 },
    );
  });

  it("random bytes after a pcap or pcapng magic: never throw", () => {
    const magics = [
      [0xd4, 0xc3, 0xb2, 0xa1],
      [0xa1, 0xb2, 0xc3, 0xd4],
      [0x4d, 0x3c, 0xb2, 0xa1],
      [0xa1, 0xb2, 0x3c, 0x4d],
      [0x0a, 0x0d, 0x0d, 0x0a],
    ];
    fc.assert(
      fc.property(
        fc.constantFrom(...magics),
        fc.uint8Array({ maxLength: 1500 }),
        cuts,
        (magic, rest, cut) => {
          const b = new Uint8Array(4 + rest.length);
          b.set(magic);
          b.set(rest, 4);
          readsWithoutThrowing(b, cut);
        },
      ),
      { seed: FUZZ_SEED, numRuns: 2000 },
    );
  });

  it("regression (found by this suite): a pcapng timestamp beyond what a date holds is unknown, not a RangeError", () => {
    const request = ipv4TcpPacket({
      src: 0x0a000001,
      dst: 0x0a0000fe,
      srcPort: 1025,
      dstPort: 80,
      seq: 1,
      payload: enc(PAYLOADS[0]),
    });
    const bytes = pcapngFile([{ timeSeconds: 2 ** 50, data: linkFrame(LINKTYPE.raw, request) }], {
      linkType: LINKTYPE.raw,
      tsresolDigits: 0,
    });
    const { summary } = analyseBytes(bytes);
    expect(summary.requests.crv1v2).toBe(1);
    expect(summary.firstSeen).toBeNull();
    expect(summary.hourly).toEqual([]);
  });
});
