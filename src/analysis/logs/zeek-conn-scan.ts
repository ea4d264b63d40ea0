/**
 * Which Zeek `conn.log` records are SYN-only scans of port 80, the darknet view: TCP to
 * `id.resp_p` 80, a handshake that never completed (`conn_state` S0: no reply; REJ: refused with a
 * RST; RSTOS0: the originator sent a SYN and then a RST; SH: a SYN and then a FIN, no SYN-ACK), no
 * payload from the originator (`orig_bytes` 0 or unset) and, when `history` is logged, a history
 * that starts with the originator's SYN (`S`) and has no originator data (`D`).
 * @see https://docs.zeek.org/en/lts/scripts/base/protocols/conn/main.zeek.html
 */

const SCAN_STATES = new Set(["S0", "REJ", "RSTOS0", "SH"]);

/** The fields of one conn record that decide; `undefined` when the log does not have them. */
export interface ConnFields {
  proto: string | undefined;
  respPort: number;
  connState: string | undefined;
  origBytes: number | undefined;
  history: string | undefined;
}

/** Whether a conn record is a SYN-only scan of TCP port 80. */
export function isPort80Scan(c: ConnFields): boolean {
  if (c.respPort !== 80) return false;
  if (c.proto !== undefined && c.proto !== "tcp") return false;
  if (c.connState === undefined || !SCAN_STATES.has(c.connState)) return false;
  if (c.origBytes !== undefined && c.origBytes !== 0) return false;
  if (c.history !== undefined && c.history !== "") {
    if (c.history[0] !== "S" || c.history.includes("D")) return false;
  }
  return true;
}
