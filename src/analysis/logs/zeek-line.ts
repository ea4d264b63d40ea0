/**
 * One data line of a Zeek TSV `http.log` or `conn.log` into the tally: an http record is a request
 * (source `id.orig_h`, time `ts`, classified by `uri`); a conn record that is a SYN-only scan of port
 * 80 counts as a SYN to port 80 from `id.orig_h` (as a capture's SYNs do).
 */
import { latin1, parseIpv4, parseUint } from "../bytes.ts";
import { CLASS } from "../classes.ts";
import { FORMAT, type FileTally } from "../tally/file-tally.ts";
import type { Tally } from "../tally/tally.ts";
import { classifyUri } from "./classify-uri.ts";
import { parseEpochText } from "./record-time.ts";
import { sourceKey } from "./source-key.ts";
import { isPort80Scan } from "./zeek-conn-scan.ts";
import { isZeekNil, splitZeekLine, zeekEnds, zeekStarts, type ZeekLayout } from "./zeek-tsv.ts";

/** Reads data line `b[start..end)` (number `n`) of a Zeek log with `layout`. */
export function readZeekLine(
  tally: Tally,
  file: FileTally,
  layout: ZeekLayout,
  b: Uint8Array,
  start: number,
  end: number,
  n: number,
): void {
  const fields = splitZeekLine(b, start, end, layout.separator);
  if (fields < layout.fieldCount) {
    return file.addMalformed(
      n,
      `expected ${layout.fieldCount} fields, found ${fields}`,
      b,
      start,
      end,
    );
  }
  const hs = zeekStarts[layout.origHost];
  const he = zeekEnds[layout.origHost];
  if (isZeekNil(layout, b, hs, he)) return file.addMalformed(n, "no id.orig_h", b, start, end);
  let time = NaN;
  if (layout.ts >= 0) {
    time = parseEpochText(latin1(b, zeekStarts[layout.ts], zeekEnds[layout.ts], 32));
    if (time !== time) return file.addMalformed(n, "bad ts", b, start, end);
  }
  if (layout.path === "http") {
    file.countFormat(FORMAT.zeekHttp);
    const us = zeekStarts[layout.uri];
    let ue = zeekEnds[layout.uri];
    if (isZeekNil(layout, b, us, ue)) ue = us;
    const verdict = classifyUri(b, us, ue);
    tally.record(file, sourceKey(b, hs, he), time, verdict);
    if ((verdict & 7) !== CLASS.other) file.addClassSample(verdict & 7, n, b, start, end);
    return;
  }
  file.countFormat(FORMAT.zeekConn);
  const text = (i: number): string | undefined =>
    i < 0 || isZeekNil(layout, b, zeekStarts[i], zeekEnds[i])
      ? undefined
      : latin1(b, zeekStarts[i], zeekEnds[i], 64);
  const count = (i: number): number | undefined => {
    const t = i < 0 || isZeekNil(layout, b, zeekStarts[i], zeekEnds[i]);
    return t ? undefined : parseUint(b, zeekStarts[i], zeekEnds[i]);
  };
  const respPort = count(layout.respPort);
  if (respPort === undefined || respPort < 0) {
    return file.addMalformed(n, "bad id.resp_p", b, start, end);
  }
  const scan = isPort80Scan({
    proto: text(layout.proto),
    respPort,
    connState: text(layout.connState),
    origBytes: count(layout.origBytes),
    history: text(layout.history),
  });
  const ip = parseIpv4(b, hs, he);
  if (scan && ip >= 0) tally.recordSyn80(file, ip, time);
}
