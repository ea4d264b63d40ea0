/**
 * Suricata `eve.json` events: `event_type: "http"` records are requests (source `src_ip`, time
 * `timestamp`, classified by `http.url`); `event_type: "alert"` records are requests too, classified
 * by `http.url` when the alert carries the request (an alert on an HTTP transaction does), else by
 * the signature text (see {@link classifySignature}); an alert whose signature names nothing this
 * detector knows is not a request. An http event and an alert of the same transaction (same
 * `flow_id` and `tx_id`) count once, classified by the request line: an alert without one waits
 * (among at most {@link MAX_PENDING_ALERTS}) for its transaction's http event, which replaces it,
 * and counts by its signature only if none comes. Other event types (flow, dns, stats...) are read
 * and skipped.
 * @see https://docs.suricata.io/en/suricata-7.0.15/output/eve/eve-json-format.html
 */
import { CLASS, type Verdict } from "../classes.ts";
import { FORMAT, type FileTally } from "../tally/file-tally.ts";
import type { Tally } from "../tally/tally.ts";
import { classifyUri, stringBytes } from "./classify-uri.ts";
import { obj, recordJsonRequest, str, type JsonObject } from "./json-fields.ts";
import { parseIsoTime } from "./record-time.ts";

/** Transactions remembered for the http/alert dedup; past it the oldest is forgotten. */
export const MAX_REMEMBERED_TRANSACTIONS = 65536;

/** Alerts without a request line held back for their http event; past it the oldest is counted. */
export const MAX_PENDING_ALERTS = 4096;

/** Bytes of a held-back alert's line kept for a class sample. */
const PENDING_SAMPLE_BYTES = 600;

/** An alert counted by its signature once it is clear no http event of its transaction follows. */
export interface PendingAlert {
  host: string;
  time: number;
  verdict: Verdict;
  line: number;
  text: Uint8Array;
}

/** The dedup state of one eve file. */
export class EveState {
  readonly seen = new Map<string, true>();
  readonly pending = new Map<string, PendingAlert>();

  /** Counts every held-back alert (at the end of the file). */
  flush(tally: Tally, file: FileTally): void {
    for (const p of this.pending.values()) countPending(tally, file, p);
    this.pending.clear();
  }
}

function countPending(tally: Tally, file: FileTally, p: PendingAlert): void {
  const line = { b: p.text, start: 0, end: p.text.length };
  recordJsonRequest(tally, file, p.host, p.time, p.verdict, p.line, line);
}

function remember<V>(map: Map<string, V>, key: string, value: V, max: number): V | undefined {
  map.set(key, value);
  if (map.size <= max) return undefined;
  for (const [oldest, v] of map) {
    map.delete(oldest);
    return v;
  }
  return undefined;
}

/**
 * The class of an alert that carries no request line, from its signature text (ASCII case and
 * spacing ignored): `CodeRed`/`Code Red` gives `codeRedUnknown` (the signature does not say which
 * variant), unless it names `root.exe` (Code Red II's backdoor, which Nimda also probes: `nimda`,
 * as the request would be); `.ida`/`.idq` gives `idaOther` (such rules, e.g. `GPL EXPLOIT ISAPI
 * .ida attempt`, do not tell a worm from any other overflow attempt); `root.exe`, `cmd.exe`, `Nimda`
 * give `nimda`; anything else gives null (not a request this detector counts).
 */
export function classifySignature(signature: string): Verdict | null {
  const s = signature
    .slice(0, 512)
    .toLowerCase()
    .replace(/[\s_-]+/g, "");
  if (s.includes("root.exe") || s.includes("cmd.exe") || s.includes("nimda")) return CLASS.nimda;
  if (s.includes("codered")) return CLASS.codeRedUnknown;
  if (s.includes(".ida") || s.includes(".idq")) return CLASS.idaOther;
  return null;
}

function transactionKey(o: JsonObject): string | undefined {
  const flow = o.flow_id;
  const tx = o.tx_id;
  if ((typeof flow !== "number" && typeof flow !== "string") || typeof tx !== "number") {
    return undefined;
  }
  return `${String(flow).slice(0, 32)}/${tx}`;
}

/** Reads one eve event; returns null or why the line is malformed. */
export function readEveRecord(
  tally: Tally,
  file: FileTally,
  state: EveState,
  o: JsonObject,
  n: number,
  line: { b: Uint8Array; start: number; end: number },
): string | null {
  const type = o.event_type;
  file.countFormat(FORMAT.suricataEve);
  if (type !== "http" && type !== "alert") return null;
  const http = obj(o, "http");
  const url = http === undefined ? undefined : str(http, "url");
  let verdict: Verdict;
  const hasRequest = type === "http" || url !== undefined;
  if (hasRequest) {
    const u = stringBytes(url ?? "");
    verdict = classifyUri(u, 0, u.length);
  } else {
    const signature = str(obj(o, "alert") ?? {}, "signature");
    const v = signature === undefined ? null : classifySignature(signature);
    if (v === null) return null;
    verdict = v;
  }
  const host = str(o, "src_ip");
  if (host === undefined || host === "") return "no src_ip";
  const time = parseIsoTime(str(o, "timestamp") ?? "");
  if (time !== time) return "bad timestamp";
  const key = transactionKey(o);
  if (key !== undefined) {
    if (state.seen.has(key)) return null;
    if (!hasRequest) {
      if (state.pending.has(key)) return null;
      const text = line.b.slice(line.start, Math.min(line.end, line.start + PENDING_SAMPLE_BYTES));
      const p = { host, time, verdict, line: n, text };
      const evicted = remember(state.pending, key, p, MAX_PENDING_ALERTS);
      if (evicted !== undefined) countPending(tally, file, evicted);
      return null;
    }
    state.pending.delete(key);
    remember(state.seen, key, true, MAX_REMEMBERED_TRANSACTIONS);
  }
  recordJsonRequest(tally, file, host, time, verdict, n, line);
  return null;
}
