/**
 * Writes the adversarial TCP reassembly capture of issue 15 to a file (it sends nothing: the packets
 * are bytes in a pcap file): `flows` flows to port 80, each a SYN and then `segments` segments of
 * `size` bytes, all beyond a missing first segment and in descending order, so every one of them is
 * held out of order. None ends. `sequential` (the default, the pattern of the unit test in
 * src/analysis/pcap/tcp-http.test.ts) sends each flow whole before the next, so every flow fills its
 * buffers before the next opens: the most the tracker can be made to hold. `interleaved` sends every
 * SYN first, then one segment of each flow in turn, so all flows are open at once and the oldest are
 * dropped over and over. Payloads are the letter A. Ethernet, little-endian, microseconds; written
 * in chunks, never held whole (the default is about 980 MB).
 * Usage: tsx scripts/gen-reassembly-capture.ts OUT.pcap [flows=20000] [segments=32] [size=1460]
 *        [sequential|interleaved]
 * Then: node bin/wormscope.js analyze OUT.pcap (docs/security.md, Bounded memory).
 */
import { closeSync, openSync, writeSync } from "node:fs";
import { LINKTYPE, TCP_FLAG } from "../src/analysis/pcap/link-layer.ts";
import { ipv4TcpPacket, linkFrame, pcapFile } from "../test/support/capture-builder.ts";

const args = process.argv.slice(2);
const [out, flowsText = "20000", segmentsText = "32", sizeText = "1460", order = "sequential"] =
  args;
const [flows, segments, size] = [flowsText, segmentsText, sizeText].map(Number);
if (
  !out ||
  ![flows, segments, size].every((n) => Number.isInteger(n) && n > 0) ||
  size > 1460 ||
  (order !== "sequential" && order !== "interleaved")
) {
  console.error(
    "usage: tsx scripts/gen-reassembly-capture.ts OUT.pcap [flows] [segments] [size<=1460] [sequential|interleaved]",
  );
  process.exit(2);
}

const SERVER = 0xc0000250; // 192.0.2.80, TEST-NET-1 (RFC 5737)
const CLIENTS = 0x0a000000; // 10.0.0.0/8; flow f comes from 10.0.0.0 + f
const payload = new Uint8Array(size).fill(65);

/** One Ethernet frame of flow `f`, captured at `seconds`. */
function frame(f: number, seq: number, flags: number, seconds: number, body?: Uint8Array) {
  const ip = ipv4TcpPacket({
    src: (CLIENTS + f) >>> 0,
    dst: SERVER,
    srcPort: 1025 + (f % 60000),
    dstPort: 80,
    seq,
    flags,
    payload: body,
  });
  return { timeSeconds: seconds, data: linkFrame(LINKTYPE.ethernet, ip) };
}

const fd = openSync(out, "w");
let written = 0;
/** Writes `frames` as pcap records (a pcap file of them without its 24-byte header). */
const put = (frames: ReturnType<typeof frame>[], header = false): void => {
  const bytes = pcapFile(frames, { linkType: LINKTYPE.ethernet });
  const body = header ? bytes : bytes.subarray(24);
  writeSync(fd, body);
  written += body.length;
};
try {
  put([], true);
  const t0 = 996_000_000; // 2001-07-24, an arbitrary instant
  const syn = (f: number) => frame(f, 1000, TCP_FLAG.syn, t0);
  // Sequence 1001 (the first payload byte) never comes: every segment is out of order.
  const segment = (f: number, k: number) =>
    frame(f, 1001 + size * k, 0x18, t0 + segments - k + 1, payload);
  const batch = 1000;
  if (order === "sequential") {
    for (let f = 0; f < flows; f++) {
      const frames = [syn(f)];
      for (let k = segments; k >= 1; k--) frames.push(segment(f, k));
      put(frames);
    }
  } else {
    for (let f = 0; f < flows; f += batch) {
      const frames = [];
      for (let g = f; g < Math.min(flows, f + batch); g++) frames.push(syn(g));
      put(frames);
    }
    for (let k = segments; k >= 1; k--) {
      for (let f = 0; f < flows; f += batch) {
        const frames = [];
        for (let g = f; g < Math.min(flows, f + batch); g++) frames.push(segment(g, k));
        put(frames);
      }
    }
  }
} finally {
  closeSync(fd);
}
console.log(
  `${out}: ${flows} flows x ${segments} segments of ${size} bytes, ${order}, ${written} bytes`,
);
