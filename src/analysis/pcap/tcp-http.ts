/**
 * Reassembles the client-to-server byte stream of each TCP flow and extracts HTTP request lines from
 * it, on any port. Bounded memory: at most {@link MAX_FLOWS} flows (the oldest is dropped), at most
 * {@link MAX_FLOW_BUFFER_BYTES} buffered per flow, at most {@link MAX_PENDING_SEGMENTS} out-of-order
 * segments of at most {@link MAX_PENDING_BYTES} in all per flow (a gap that does not fill is
 * skipped), and at most {@link MAX_TOTAL_BUFFERED_BYTES} over all flows (the oldest flows are
 * dropped to stay under it). Dropped flows and skipped gaps are counted in {@link ReassemblyStats}.
 */
import type { Verdict } from "../classes.ts";
import { classifyRequestField } from "../logs/parse-access.ts";
import { startsWithCi } from "../bytes.ts";
import { TCP_FLAG, type TcpSegment } from "./link-layer.ts";

/** Most flows tracked at once. */
export const MAX_FLOWS = 16384;
/** Most bytes buffered per flow while waiting for the end of a request line or header block. */
export const MAX_FLOW_BUFFER_BYTES = 16384;
/** Most out-of-order segments held per flow. */
export const MAX_PENDING_SEGMENTS = 32;
/** Most bytes held in out-of-order segments per flow. */
export const MAX_PENDING_BYTES = 16384;
/** Most bytes buffered over all flows (line buffers and out-of-order segments): 512 MiB. */
export const MAX_TOTAL_BUFFERED_BYTES = 512 * 1024 * 1024;

/** The limits of a {@link HttpFlowTracker}; the defaults are the constants above. */
export interface ReassemblyLimits {
  maxFlows: number;
  maxFlowBufferBytes: number;
  maxPendingSegments: number;
  maxPendingBytes: number;
  maxTotalBufferedBytes: number;
}

export const DEFAULT_REASSEMBLY_LIMITS: ReassemblyLimits = {
  maxFlows: MAX_FLOWS,
  maxFlowBufferBytes: MAX_FLOW_BUFFER_BYTES,
  maxPendingSegments: MAX_PENDING_SEGMENTS,
  maxPendingBytes: MAX_PENDING_BYTES,
  maxTotalBufferedBytes: MAX_TOTAL_BUFFERED_BYTES,
};

/** What the bounds cost: flows given up and gaps skipped, and the bytes buffered. */
export interface ReassemblyStats {
  /** Bytes buffered now over all flows (line buffers' capacity and out-of-order segments). */
  bufferedBytes: number;
  /** The most that {@link bufferedBytes} ever was. */
  peakBufferedBytes: number;
  /** Flows dropped, unfinished, to stay within the flow count or the total byte bound. */
  flowsEvicted: number;
  /** Gaps in a flow given up on because its out-of-order segments hit their bound. */
  gapsSkipped: number;
}

const STATE_LINE = 0;
const STATE_HEADERS = 1;
const STATE_BODY = 2;
const STATE_NOT_HTTP = 3;

interface Flow {
  nextSeq: number;
  buffer: Uint8Array;
  bytes: number;
  state: number;
  bodyRemaining: number;
  contentLength: number;
  pending: Array<{ seq: number; data: Uint8Array }>;
  pendingBytes: number;
}

/** Receives one HTTP request: source address, time, verdict. */
export type RequestHandler = (srcIp: number, timeSeconds: number, verdict: Verdict) => void;

function isTokenByte(c: number): boolean {
  return (c >= 65 && c <= 90) || c === 45 || c === 95;
}

/** Tracks TCP flows and reports every HTTP request line found in them. */
export class HttpFlowTracker {
  private readonly flows = new Map<string, Flow>();
  private readonly limits: ReassemblyLimits;
  readonly stats: ReassemblyStats = {
    bufferedBytes: 0,
    peakBufferedBytes: 0,
    flowsEvicted: 0,
    gapsSkipped: 0,
  };

  constructor(
    private readonly onRequest: RequestHandler,
    limits: Partial<ReassemblyLimits> = {},
  ) {
    this.limits = { ...DEFAULT_REASSEMBLY_LIMITS, ...limits };
    const l = this.limits;
    // one flow at its bounds must fit in the total
    l.maxTotalBufferedBytes = Math.max(
      l.maxTotalBufferedBytes,
      l.maxFlowBufferBytes + l.maxPendingBytes,
    );
  }

  /** Adds `delta` bytes to the total (negative to release). */
  private charge(delta: number): void {
    const s = this.stats;
    s.bufferedBytes += delta;
    if (s.bufferedBytes > s.peakBufferedBytes) s.peakBufferedBytes = s.bufferedBytes;
  }

  /** Drops the oldest flows other than `keep` until `need` more bytes fit in the total. */
  private makeRoom(need: number, keep: Flow): void {
    if (this.stats.bufferedBytes + need <= this.limits.maxTotalBufferedBytes) return;
    for (const [key, flow] of this.flows) {
      if (flow === keep) continue;
      this.drop(key, flow);
      this.stats.flowsEvicted++;
      if (this.stats.bufferedBytes + need <= this.limits.maxTotalBufferedBytes) return;
    }
  }

  private drop(key: string, flow: Flow): void {
    this.charge(-(flow.buffer.length + flow.pendingBytes));
    flow.buffer = new Uint8Array(0);
    flow.bytes = 0;
    flow.pending = [];
    flow.pendingBytes = 0;
    this.flows.delete(key);
  }

  /** Feeds one decoded segment whose payload is `frame[seg.payloadStart..seg.payloadEnd)`. */
  segment(seg: TcpSegment, frame: Uint8Array, timeSeconds: number): void {
    const key = `${seg.srcIp}:${seg.srcPort}>${seg.dstIp}:${seg.dstPort}`;
    let flow = this.flows.get(key);
    if (seg.flags & TCP_FLAG.syn) {
      if (flow === undefined) flow = this.open(key);
      flow.nextSeq = (seg.seq + 1) >>> 0;
    }
    const length = seg.payloadEnd - seg.payloadStart;
    if (length > 0) {
      if (flow === undefined) {
        flow = this.open(key);
        flow.nextSeq = seg.seq;
      }
      if (flow.state !== STATE_NOT_HTTP) {
        const data = frame.subarray(seg.payloadStart, seg.payloadEnd);
        this.accept(flow, seg.seq, data, seg.srcIp, timeSeconds);
      }
    }
    if (seg.flags & (TCP_FLAG.fin | TCP_FLAG.rst) && flow !== undefined) this.drop(key, flow);
  }

  private open(key: string): Flow {
    if (this.flows.size >= this.limits.maxFlows) {
      const oldest = this.flows.entries().next().value;
      if (oldest !== undefined) {
        this.drop(oldest[0], oldest[1]);
        this.stats.flowsEvicted++;
      }
    }
    const flow: Flow = {
      nextSeq: 0,
      buffer: new Uint8Array(0),
      bytes: 0,
      state: STATE_LINE,
      bodyRemaining: 0,
      contentLength: 0,
      pending: [],
      pendingBytes: 0,
    };
    this.flows.set(key, flow);
    return flow;
  }

  private accept(flow: Flow, seq: number, data: Uint8Array, src: number, t: number): void {
    const ahead = (seq - flow.nextSeq) | 0;
    if (ahead > 0) {
      const l = this.limits;
      if (
        flow.pending.length < l.maxPendingSegments &&
        flow.pendingBytes + data.length <= l.maxPendingBytes
      ) {
        this.makeRoom(data.length, flow);
        flow.pending.push({ seq, data: data.slice() });
        flow.pendingBytes += data.length;
        this.charge(data.length);
      } else {
        this.stats.gapsSkipped++;
        this.skipGap(flow, src, t);
      }
      return;
    }
    if (-ahead < data.length) this.append(flow, data.subarray(-ahead), src, t);
    // apply pending segments that now fit
    for (let progress = true; progress && flow.pending.length > 0;) {
      progress = false;
      for (let i = 0; i < flow.pending.length; i++) {
        const p = flow.pending[i];
        const offset = (p.seq - flow.nextSeq) | 0;
        if (offset <= 0) {
          flow.pending.splice(i, 1);
          flow.pendingBytes -= p.data.length;
          this.charge(-p.data.length);
          if (-offset < p.data.length) this.append(flow, p.data.subarray(-offset), src, t);
          progress = true;
          break;
        }
      }
    }
  }

  private skipGap(flow: Flow, src: number, t: number): void {
    flow.pending.sort((a, b) => (a.seq - b.seq) | 0);
    const first = flow.pending[0];
    if (first === undefined) return;
    flow.nextSeq = first.seq;
    flow.bytes = 0;
    flow.state = STATE_LINE;
    this.accept(flow, first.seq, first.data, src, t);
  }

  private append(flow: Flow, data: Uint8Array, src: number, t: number): void {
    flow.nextSeq = (flow.nextSeq + data.length) >>> 0;
    let at = 0;
    if (flow.state === STATE_BODY) {
      at = Math.min(flow.bodyRemaining, data.length);
      flow.bodyRemaining -= at;
      if (flow.bodyRemaining > 0) return;
      flow.state = STATE_LINE;
    }
    const max = this.limits.maxFlowBufferBytes;
    const room = max - flow.bytes;
    const take = Math.min(room, data.length - at);
    if (flow.bytes + take > flow.buffer.length) {
      const grown = new Uint8Array(Math.min(max, Math.max(1024, (flow.bytes + take) * 2)));
      this.makeRoom(grown.length - flow.buffer.length, flow);
      this.charge(grown.length - flow.buffer.length);
      grown.set(flow.buffer.subarray(0, flow.bytes));
      flow.buffer = grown;
    }
    flow.buffer.set(data.subarray(at, at + take), flow.bytes);
    flow.bytes += take;
    this.parse(flow, src, t, data.length - at - take);
  }

  /** Consumes what it can from the flow buffer; `overflow` bytes did not fit. */
  private parse(flow: Flow, src: number, t: number, overflow: number): void {
    const b = flow.buffer;
    const max = this.limits.maxFlowBufferBytes;
    let pos = 0;
    for (;;) {
      if (flow.state === STATE_LINE) {
        while (pos < flow.bytes && (b[pos] === 13 || b[pos] === 10)) pos++;
        const lf = b.subarray(0, flow.bytes).indexOf(10, pos);
        if (lf < 0) {
          if (flow.bytes - pos >= max || overflow > 0) flow.state = STATE_NOT_HTTP;
          break;
        }
        let method = pos;
        while (method < lf && method - pos < 24 && isTokenByte(b[method])) method++;
        if (method === pos || b[method] !== 32) {
          flow.state = STATE_NOT_HTTP;
          break;
        }
        const end = lf > pos && b[lf - 1] === 13 ? lf - 1 : lf;
        this.onRequest(src, t, classifyRequestField(b, pos, end));
        flow.state = STATE_HEADERS;
        flow.contentLength = 0;
        pos = lf + 1;
      } else if (flow.state === STATE_HEADERS) {
        const lf = b.subarray(0, flow.bytes).indexOf(10, pos);
        if (lf < 0) {
          if (flow.bytes - pos >= max || overflow > 0) flow.state = STATE_NOT_HTTP;
          break;
        }
        const end = lf > pos && b[lf - 1] === 13 ? lf - 1 : lf;
        if (end === pos) {
          flow.state = STATE_BODY;
          flow.bodyRemaining = flow.contentLength;
        } else if (startsWithCi(b, pos, end, "content-length:")) {
          let v = 0;
          for (let k = pos + 15; k < end; k++) {
            const c = b[k];
            if (c >= 48 && c <= 57) v = Math.min(v * 10 + c - 48, 2 ** 40);
          }
          flow.contentLength = v;
        }
        pos = lf + 1;
      } else if (flow.state === STATE_BODY) {
        const skip = Math.min(flow.bodyRemaining, flow.bytes - pos);
        pos += skip;
        flow.bodyRemaining -= skip;
        if (flow.bodyRemaining > 0) {
          flow.bodyRemaining = Math.max(0, flow.bodyRemaining - overflow);
          break;
        }
        flow.state = STATE_LINE;
      } else {
        break;
      }
    }
    if (flow.state === STATE_NOT_HTTP) {
      this.charge(-(flow.buffer.length + flow.pendingBytes));
      flow.bytes = 0;
      flow.buffer = new Uint8Array(0);
      flow.pending = [];
      flow.pendingBytes = 0;
      return;
    }
    b.copyWithin(0, pos, flow.bytes);
    flow.bytes -= pos;
  }
}
