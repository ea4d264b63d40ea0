/**
 * One JSON line (a log line starting with `{`): a Zeek `http.log` or `conn.log` record written by
 * Zeek's JSON writer (`"id.orig_h"` keys, or an `id` object), or a Suricata `eve.json` event.
 * The line is bounded by the line splitter (64 KiB), so parsing it is bounded too; text that is not
 * a JSON object is a malformed line, whose sample is escaped and never printed raw.
 */
import { parseIpv4 } from "../bytes.ts";
import { FORMAT, type FileTally } from "../tally/file-tally.ts";
import type { Tally } from "../tally/tally.ts";
import { classifyUri, stringBytes } from "./classify-uri.ts";
import { epochFromNumber, parseEpochText, parseIsoTime } from "./record-time.ts";
import { obj, recordJsonRequest, str, type JsonObject } from "./json-fields.ts";
import { EveState, readEveRecord } from "./suricata-eve.ts";
import { isPort80Scan } from "./zeek-conn-scan.ts";

function has(o: JsonObject, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(o, key);
}

/** A Zeek `id.*` field, flat (`"id.orig_h"`, the JSON writer's default) or nested (`"id": {...}`). */
function idField(o: JsonObject, name: string): unknown {
  if (has(o, `id.${name}`)) return o[`id.${name}`];
  const id = obj(o, "id");
  return id !== undefined && has(id, name) ? id[name] : undefined;
}

function zeekTime(v: unknown): number {
  if (typeof v === "number") return epochFromNumber(v);
  if (typeof v !== "string") return NaN;
  const epoch = parseEpochText(v);
  return epoch === epoch ? epoch : parseIsoTime(v);
}

/** Reads JSON lines; keeps the Suricata request dedup state of one file. */
export class JsonLineReader {
  private readonly decoder = new TextDecoder("utf-8");
  /** Suricata's per-transaction dedup of alerts and http events. */
  readonly eve = new EveState();

  constructor(
    private readonly tally: Tally,
    private readonly file: FileTally,
  ) {}

  /** Ends the file: counts the alerts still waiting for an http event. */
  end(): void {
    this.eve.flush(this.tally, this.file);
  }

  /** Reads line `b[start..end)`, number `n`. */
  line(b: Uint8Array, start: number, end: number, n: number): void {
    const file = this.file;
    let value: unknown;
    try {
      value = JSON.parse(this.decoder.decode(b.subarray(start, end)));
    } catch {
      // V8's message quotes the input; the sample (escaped) is enough
      return file.addMalformed(n, "not valid JSON", b, start, end);
    }
    if (typeof value !== "object" || value === null || Array.isArray(value)) {
      return file.addMalformed(n, "JSON line is not an object", b, start, end);
    }
    const o = value as JsonObject;
    const line = { b, start, end };
    if (typeof o.event_type === "string") {
      const why = readEveRecord(this.tally, file, this.eve, o, n, line);
      if (why !== null) file.addMalformed(n, why, b, start, end);
      return;
    }
    const isHttp = has(o, "uid") && has(o, "trans_depth");
    const isConn =
      has(o, "uid") && has(o, "proto") && (has(o, "conn_state") || has(o, "missed_bytes"));
    if (!isHttp && !isConn) {
      return file.addMalformed(
        n,
        "JSON record of unknown kind (not Zeek http/conn, not Suricata eve)",
        b,
        start,
        end,
      );
    }
    const host = idField(o, "orig_h");
    if (typeof host !== "string" || host === "") {
      return file.addMalformed(n, "no id.orig_h", b, start, end);
    }
    let time = NaN;
    if (has(o, "ts")) {
      time = zeekTime(o.ts);
      if (time !== time) return file.addMalformed(n, "bad ts", b, start, end);
    }
    if (isHttp) {
      file.countFormat(FORMAT.zeekHttpJson);
      const uri = stringBytes(str(o, "uri") ?? "");
      recordJsonRequest(this.tally, file, host, time, classifyUri(uri, 0, uri.length), n, line);
      return;
    }
    file.countFormat(FORMAT.zeekConnJson);
    const port = idField(o, "resp_p");
    if (typeof port !== "number") return file.addMalformed(n, "bad id.resp_p", b, start, end);
    const origBytes = o.orig_bytes;
    const scan = isPort80Scan({
      proto: str(o, "proto"),
      respPort: port,
      connState: str(o, "conn_state"),
      origBytes: typeof origBytes === "number" ? origBytes : undefined,
      history: str(o, "history"),
    });
    const hb = stringBytes(host);
    const ip = parseIpv4(hb, 0, hb.length);
    if (scan && ip >= 0) this.tally.recordSyn80(file, ip, time);
  }
}
