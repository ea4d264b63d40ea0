import { describe, expect, it } from "vitest";
import { InputReader } from "../input-reader.ts";
import { summarize } from "../report/summary.ts";
import { Tally } from "../tally/tally.ts";
import { ipv4TcpPacket, pcapFile, type TimedFrame } from "../../../test/support/capture-builder.ts";
import { LINKTYPE, TCP_FLAG, type TcpSegment } from "./link-layer.ts";
import {
  HttpFlowTracker,
  MAX_FLOW_BUFFER_BYTES,
  MAX_PENDING_BYTES,
  MAX_TOTAL_BUFFERED_BYTES,
  type ReassemblyLimits,
} from "./tcp-http.ts";

const SERVER = 0xc0000250;

/**
 * The adversarial pattern: every flow sends a SYN, then `segments` segments of `size` bytes, all
 * beyond a gap (the first segment never comes), so each one is held out of order. Feeds the
 * tracker directly and checks the buffered-bytes counter after every segment.
 */
function outOfOrderFlood(
  flows: number,
  segments: number,
  size: number,
  limits: Partial<ReassemblyLimits>,
  cap: number,
) {
  const tracker = new HttpFlowTracker(() => undefined, limits);
  const frame = new Uint8Array(size).fill(65);
  let highest = 0;
  for (let f = 0; f < flows; f++) {
    const base: TcpSegment = {
      srcIp: 0x0a000000 + f,
      dstIp: SERVER,
      srcPort: 1025,
      dstPort: 80,
      seq: 1000,
      flags: TCP_FLAG.syn,
      payloadStart: 0,
      payloadEnd: 0,
    };
    tracker.segment(base, frame, 0);
    for (let k = segments; k >= 1; k--) {
      // descending sequence numbers, all after a missing first segment
      const seg = { ...base, flags: 0x18, seq: 1001 + size * k, payloadEnd: size };
      tracker.segment(seg, frame, 0);
      highest = Math.max(highest, tracker.stats.bufferedBytes);
      if (tracker.stats.bufferedBytes > cap)
        throw new Error(`over the cap: ${tracker.stats.bufferedBytes}`);
    }
  }
  return { stats: tracker.stats, highest };
}

describe("TCP reassembly memory bound", () => {
  it("the default bounds add up to the documented 512 MiB", () => {
    expect(MAX_TOTAL_BUFFERED_BYTES).toBe(512 * 1024 * 1024);
    expect(16384 * (MAX_FLOW_BUFFER_BYTES + MAX_PENDING_BYTES)).toBe(MAX_TOTAL_BUFFERED_BYTES);
  });

  it("many flows of out-of-order segments never buffer more than the total cap (scaled-down limits)", () => {
    const cap = 256 * 1024;
    const limits = { maxFlows: 1000, maxPendingBytes: 8192, maxTotalBufferedBytes: cap };
    const { stats, highest } = outOfOrderFlood(2000, 32, 1000, limits, cap);
    expect(highest).toBeLessThanOrEqual(cap);
    expect(stats.peakBufferedBytes).toBeLessThanOrEqual(cap);
    expect(stats.peakBufferedBytes).toBeGreaterThan(cap / 2);
    expect(stats.flowsEvicted).toBeGreaterThan(0);
    expect(stats.gapsSkipped).toBeGreaterThan(0);
  });

  it("with the default limits, out-of-order segments are bounded per flow (16 KiB line buffer + 16 KiB held), not 32 x 1460 bytes", () => {
    const flows = 1000;
    const { stats } = outOfOrderFlood(flows, 32, 1460, {}, MAX_TOTAL_BUFFERED_BYTES);
    expect(stats.peakBufferedBytes).toBeLessThanOrEqual(
      flows * (MAX_FLOW_BUFFER_BYTES + MAX_PENDING_BYTES),
    );
    expect(stats.peakBufferedBytes).toBeLessThan(flows * 32 * 1460);
    expect(stats.gapsSkipped).toBeGreaterThan(0);
  });

  it("a flow that ends (FIN) releases what it buffered", () => {
    const tracker = new HttpFlowTracker(() => undefined);
    const frame = new Uint8Array(100).fill(65);
    const seg: TcpSegment = {
      srcIp: 1,
      dstIp: SERVER,
      srcPort: 1025,
      dstPort: 80,
      seq: 5000,
      flags: 0x18,
      payloadStart: 0,
      payloadEnd: 100,
    };
    tracker.segment({ ...seg, flags: TCP_FLAG.syn, payloadEnd: 0, seq: 100 }, frame, 0);
    tracker.segment(seg, frame, 0);
    expect(tracker.stats.bufferedBytes).toBe(100);
    tracker.segment({ ...seg, flags: TCP_FLAG.fin | TCP_FLAG.ack, payloadEnd: 0 }, frame, 0);
    expect(tracker.stats.bufferedBytes).toBe(0);
  });

  it("a capture's reassembly counters reach the JSON summary", () => {
    const frames: TimedFrame[] = [];
    const payload = new Uint8Array(1400).fill(65);
    for (let f = 0; f < 4; f++) {
      const src = 0x0a000000 + f;
      const pkt = (seq: number, flags: number, body?: Uint8Array) =>
        ipv4TcpPacket({ src, dst: SERVER, srcPort: 1025, dstPort: 80, seq, flags, payload: body });
      frames.push({ timeSeconds: 1, data: pkt(0, TCP_FLAG.syn) });
      for (let k = 40; k >= 1; k--)
        frames.push({ timeSeconds: 1, data: pkt(1 + 1400 * k, 0x18, payload) });
    }
    const tally = new Tally();
    const reader = new InputReader(tally, tally.openFile("flood.pcap"));
    reader.push(pcapFile(frames, { linkType: LINKTYPE.raw }));
    reader.end();
    const r = summarize(tally).files[0].reassembly;
    expect(r?.gapsSkipped).toBeGreaterThan(0);
    expect(r?.peakBufferedBytes).toBeLessThanOrEqual(
      4 * (MAX_FLOW_BUFFER_BYTES + MAX_PENDING_BYTES),
    );
    expect(r?.flowsEvicted).toBe(0);
  });
});
