/**
 * Firewall logs: Linux netfilter's LOG target (iptables, nftables `log`, ufw's `[UFW BLOCK]`), as
 * syslog writes them, e.g.
 * `2001-07-19T16:00:01+00:00 gw kernel: [UFW BLOCK] IN=eth0 OUT= SRC=192.0.2.7 DST=198.51.100.1
 * LEN=48 ... PROTO=TCP SPT=3456 DPT=80 WINDOW=8192 RES=0x00 SYN URGP=0`.
 * A record with PROTO=TCP, DPT=80 and the SYN flag without ACK is a SYN to port 80 from SRC, the
 * darknet view of a scan. The time is syslog's: ISO 8601 (rsyslog's RSYSLOG_FileFormat,
 * `journalctl -o short-iso`) is placed in time; the traditional `Jul 19 16:00:01` has no year, so
 * such records are counted without a time.
 * @see https://www.netfilter.org/documentation/ (the LOG target's fields)
 */
import { latin1, parseIpv4 } from "../bytes.ts";
import { parseIsoTime } from "./record-time.ts";

/** How a syslog line starts: 1 an ISO 8601 time, 2 a traditional `Mmm dd hh:mm:ss`, 0 neither. */
export function syslogPrefix(b: Uint8Array, start: number, end: number): 0 | 1 | 2 {
  // On analyze's hot path (every access line starting with a digit): a few byte tests, no closure.
  if (end - start < 20) return 0;
  const c0 = b[start];
  if (c0 >= 48 && c0 <= 57) {
    return b[start + 4] === 45 && b[start + 7] === 45 && b[start + 10] === 84 ? 1 : 0;
  }
  if (c0 < 65 || c0 > 90 || b[start + 3] !== 32 || b[start + 6] !== 32) return 0;
  const d4 = b[start + 4];
  const d5 = b[start + 5];
  if (!(d4 === 32 || (d4 >= 48 && d4 <= 57)) || !(d5 >= 48 && d5 <= 57)) return 0;
  return b[start + 9] === 58 && b[start + 12] === 58 ? 2 : 0;
}

/** The fields of one record that `watch` and `analyze` use. */
export interface NetfilterFields {
  /** Epoch seconds, NaN when the line has no year (traditional syslog) or no time. */
  timeSeconds: number;
  /** SRC as uint32, -1 when not IPv4. */
  source: number;
  /** Whether the record is a TCP SYN (no ACK) to port 80. */
  syn80: boolean;
}

export const newNetfilterFields = (): NetfilterFields => ({
  timeSeconds: NaN,
  source: -1,
  syn80: false,
});

/** Index of `token` (ASCII) in b[from, end), or -1. */
function find(b: Uint8Array, from: number, end: number, token: string): number {
  const first = token.charCodeAt(0);
  outer: for (let i = from; i <= end - token.length; i++) {
    if (b[i] !== first) continue;
    for (let k = 1; k < token.length; k++) if (b[i + k] !== token.charCodeAt(k)) continue outer;
    return i;
  }
  return -1;
}

/** End of the value starting at i (the next space or the line's end). */
function valueEnd(b: Uint8Array, i: number, end: number): number {
  while (i < end && b[i] !== 32) i++;
  return i;
}

/**
 * Reads a syslog line holding a netfilter LOG record into `f` (prefix as {@link syslogPrefix}
 * gave it); returns null, or why the line is not such a record.
 */
export function parseNetfilterLine(
  b: Uint8Array,
  start: number,
  end: number,
  prefix: 1 | 2,
  f: NetfilterFields,
): string | null {
  const src = find(b, start, end, " SRC=");
  if (src < 0) return "syslog line without a netfilter (iptables LOG) record";
  const dst = find(b, src, end, " DST=");
  const proto = find(b, src, end, " PROTO=");
  if (dst < 0 || proto < 0) return "netfilter record without DST= or PROTO=";
  f.timeSeconds = prefix === 1 ? parseIsoTime(latin1(b, start, valueEnd(b, start, end), 40)) : NaN;
  if (prefix === 1 && f.timeSeconds !== f.timeSeconds) return "bad ISO 8601 time";
  f.source = parseIpv4(b, src + 5, valueEnd(b, src + 5, end));
  f.syn80 = false;
  if (find(b, proto, proto + 11, " PROTO=TCP ") !== proto) return null;
  const dpt = find(b, proto, end, " DPT=");
  if (dpt < 0) return "TCP record without DPT=";
  const portEnd = valueEnd(b, dpt + 5, end);
  if (portEnd !== dpt + 7 || b[dpt + 5] !== 56 || b[dpt + 6] !== 48) return null;
  f.syn80 = find(b, dpt, end, " SYN ") >= 0 && find(b, dpt, end, " ACK ") < 0;
  return null;
}
