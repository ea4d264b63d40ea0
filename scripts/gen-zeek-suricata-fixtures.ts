/**
 * Writes test/data/zeek-suricata/: one Apache combined log (SyntheticCombinedLog, seed 14, 300
 * lines, a quarter of them worm probes; the Code Red tail read from the real 2001 lines) and the
 * same traffic as Zeek 6.0 http.log (TSV and JSON), Zeek conn.log (TSV and JSON, as a darknet at
 * the server's address saw it: every connection attempt unanswered, conn_state S0) and a Suricata
 * 7.0 eve.json (an http event per request, an alert per worm request, half of them carrying the
 * request and half not, some before the http event). It sends nothing. Run:
 * `npx tsx scripts/gen-zeek-suricata-fixtures.ts` (deterministic: the files do not change).
 * Field layouts: https://docs.zeek.org/en/lts/log-formats.html,
 * https://docs.zeek.org/en/lts/scripts/base/protocols/{http,conn}/main.zeek.html,
 * https://docs.suricata.io/en/suricata-7.0.15/output/eve/eve-json-format.html
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { SyntheticCombinedLog } from "../src/analysis/synthetic/combined-log.ts";

const OUT = "test/data/zeek-suricata";
const SERVER = "192.0.2.80";
const LINE =
  /^(\S+) - - \[(\d\d)\/(\w{3})\/(\d{4}):(\d\d):(\d\d):(\d\d) \+0000\] "(\S+) (.*?) HTTP\/(1\.[01])" (\d+) (\d+) "([^"]*)" "([^"]*)"$/;
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

function codeRedTail(): string {
  const line = readFileSync("test/data/real-logs/codered-2001-lines.log", "latin1").split("\n")[0];
  let i = line.indexOf("?") + 1;
  while (line[i] === "N") i++;
  return line.slice(i, line.indexOf(" HTTP/", i)).trimEnd();
}

interface Request {
  host: string;
  seconds: number;
  method: string;
  uri: string;
  version: string;
  status: number;
  bytes: number;
  referrer: string;
  agent: string;
  worm: "crv1v2" | "crii" | "nimda" | null;
}

function parse(line: string): Request {
  const m = LINE.exec(line);
  if (m === null) throw new Error(`not a combined line: ${line.slice(0, 80)}`);
  const seconds = Date.UTC(+m[4], MONTHS.indexOf(m[3]), +m[2], +m[5], +m[6], +m[7]) / 1000;
  const uri = m[9].trimEnd();
  const worm = uri.startsWith("/default.ida?N")
    ? "crv1v2"
    : uri.startsWith("/default.ida?X")
      ? "crii"
      : uri.includes(".exe")
        ? "nimda"
        : null;
  return {
    host: m[1],
    seconds,
    method: m[8],
    uri,
    version: m[10],
    status: +m[11],
    bytes: +m[12],
    referrer: m[13],
    agent: m[14],
    worm,
  };
}

const B62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
function zeekUid(prefix: string, k: number): string {
  let x = (k + 1) * 2654435761;
  let s = prefix;
  for (let i = 0; i < 17; i++) {
    s += B62[x % 62];
    x = Math.floor(x / 62) + (k + 7) * (i + 3) * 40503;
  }
  return s;
}
const origPort = (k: number): number => 1025 + ((k * 7919) % 4000);
const ts = (s: number): string => s.toFixed(6);
const iso = (s: number): string => new Date(s * 1000).toISOString().replace("Z", "000+0000");
const zeekOpen = (s: number): string =>
  new Date(s * 1000).toISOString().slice(0, 19).replace("T", "-").replaceAll(":", "-");

function zeekHeader(path: string, fields: string[], types: string[], open: number): string {
  return [
    "#separator \\x09",
    "#set_separator\t,",
    "#empty_field\t(empty)",
    "#unset_field\t-",
    `#path\t${path}`,
    `#open\t${zeekOpen(open)}`,
    `#fields\t${fields.join("\t")}`,
    `#types\t${types.join("\t")}`,
  ].join("\n");
}

// Zeek 6.0 http.log (base/protocols/http/main.zeek, HTTP::Info)
const HTTP_FIELDS =
  "ts uid id.orig_h id.orig_p id.resp_h id.resp_p trans_depth method host uri referrer version user_agent origin request_body_len response_body_len status_code status_msg info_code info_msg tags username password proxied orig_fuids orig_filenames orig_mime_types resp_fuids resp_filenames resp_mime_types".split(
    " ",
  );
const HTTP_TYPES =
  "time string addr port addr port count string string string string string string string count count count string count string set[enum] string string set[string] vector[string] vector[string] vector[string] vector[string] vector[string] vector[string]".split(
    " ",
  );
// Zeek 6.0 conn.log (base/protocols/conn/main.zeek, Conn::Info)
const CONN_FIELDS =
  "ts uid id.orig_h id.orig_p id.resp_h id.resp_p proto service duration orig_bytes resp_bytes conn_state local_orig local_resp missed_bytes history orig_pkts orig_ip_bytes resp_pkts resp_ip_bytes tunnel_parents".split(
    " ",
  );
const CONN_TYPES =
  "time string addr port addr port enum string interval count count string bool bool count string count count count count set[string]".split(
    " ",
  );

const STATUS: Record<number, string> = { 200: "OK", 404: "Not Found" };

function httpRecord(r: Request, k: number): Array<[string, string | number | string[] | null]> {
  const body = r.bytes > 0 && r.status === 200;
  return [
    ["ts", r.seconds],
    ["uid", zeekUid("C", k)],
    ["id.orig_h", r.host],
    ["id.orig_p", origPort(k)],
    ["id.resp_h", SERVER],
    ["id.resp_p", 80],
    ["trans_depth", 1],
    ["method", r.method],
    // the worm sends no Host header
    ["host", r.worm === null ? "www.example.com" : null],
    ["uri", r.uri],
    ["referrer", r.referrer === "-" ? null : r.referrer],
    ["version", r.version],
    ["user_agent", r.agent === "-" ? null : r.agent],
    ["origin", null],
    ["request_body_len", 0],
    ["response_body_len", r.bytes],
    ["status_code", r.status],
    ["status_msg", STATUS[r.status] ?? null],
    ["info_code", null],
    ["info_msg", null],
    ["tags", []],
    ["username", null],
    ["password", null],
    ["proxied", null],
    ["orig_fuids", null],
    ["orig_filenames", null],
    ["orig_mime_types", null],
    ["resp_fuids", body ? [zeekUid("F", k)] : null],
    ["resp_filenames", null],
    ["resp_mime_types", body ? ["text/html"] : null],
  ];
}

function connRecord(
  seconds: number,
  uid: string,
  host: string,
  port: number,
  respPort: number,
  proto: string,
  state: string,
  history: string,
  pkts: number,
  origBytes: number,
): Array<[string, string | number | string[] | null | boolean]> {
  // a SYN retransmitted after 3 s and 6 s more (Windows 2000); 48-byte SYNs with options
  const duration = pkts === 1 ? null : pkts === 2 ? 2.999 : 8.998;
  return [
    ["ts", seconds],
    ["uid", uid],
    ["id.orig_h", host],
    ["id.orig_p", port],
    ["id.resp_h", SERVER],
    ["id.resp_p", respPort],
    ["proto", proto],
    ["service", state === "SF" ? "http" : null],
    ["duration", state === "SF" ? 0.412 : duration],
    ["orig_bytes", origBytes],
    ["resp_bytes", state === "SF" ? 1024 : 0],
    ["conn_state", state],
    ["local_orig", false],
    ["local_resp", true],
    ["missed_bytes", 0],
    ["history", history],
    ["orig_pkts", pkts],
    ["orig_ip_bytes", pkts * 48 + origBytes],
    ["resp_pkts", state === "SF" ? 4 : 0],
    ["resp_ip_bytes", state === "SF" ? 1232 : 0],
    ["tunnel_parents", []],
  ];
}

type Rec = Array<[string, string | number | string[] | null | boolean]>;

function tsvLine(rec: Rec): string {
  return rec
    .map(([name, v]) => {
      if (v === null) return "-";
      if (Array.isArray(v)) return v.length === 0 ? "(empty)" : v.join(",");
      if (typeof v === "boolean") return v ? "T" : "F";
      if (name === "ts") return ts(v as number);
      if (name === "duration") return (v as number).toFixed(6);
      return String(v);
    })
    .join("\t");
}

function jsonLine(rec: Rec): string {
  // Zeek's JSON writer leaves unset fields out and writes ts as epoch seconds
  const o: Record<string, unknown> = {};
  for (const [name, v] of rec) if (v !== null) o[name] = v;
  return JSON.stringify(o);
}

function main(): void {
  mkdirSync(OUT, { recursive: true });
  const log = new SyntheticCombinedLog({ seed: 14, codeRedTail: codeRedTail(), wormShare: 0.25 });
  const apache = log.next(300);
  writeFileSync(join(OUT, "apache-combined.log"), apache, "latin1");
  const requests = apache.split("\n").filter(Boolean).map(parse);
  const first = requests[0].seconds;
  const last = requests[requests.length - 1].seconds;

  const httpRecs = requests.map(httpRecord);
  const close = `#close\t${zeekOpen(last + 60)}`;
  writeFileSync(
    join(OUT, "http.log"),
    [zeekHeader("http", HTTP_FIELDS, HTTP_TYPES, first), ...httpRecs.map(tsvLine), close].join(
      "\n",
    ) + "\n",
    "latin1",
  );
  writeFileSync(join(OUT, "http.json.log"), httpRecs.map(jsonLine).join("\n") + "\n", "latin1");

  // a darknet at the server's address: every attempt unanswered (S0), the SYN sent 1-3 times
  const connRecs: Rec[] = requests.map((r, k) =>
    connRecord(
      r.seconds,
      zeekUid("C", k),
      r.host,
      origPort(k),
      80,
      "tcp",
      "S0",
      "S",
      1 + (k % 3),
      0,
    ),
  );
  // records that are not port-80 SYN scans, from addresses not in the Apache log
  connRecs.splice(
    10,
    0,
    connRecord(first + 20, zeekUid("C", 900), "198.51.100.7", 40000, 443, "tcp", "S0", "S", 1, 0),
  );
  connRecs.splice(
    40,
    0,
    connRecord(first + 90, zeekUid("C", 901), "198.51.100.8", 53000, 80, "udp", "S0", "D", 1, 30),
  );
  connRecs.splice(
    70,
    0,
    connRecord(
      first + 150,
      zeekUid("C", 902),
      "198.51.100.9",
      40001,
      80,
      "tcp",
      "SF",
      "ShADadFf",
      5,
      120,
    ),
  );
  connRecs.splice(
    100,
    0,
    connRecord(
      first + 210,
      zeekUid("C", 903),
      "198.51.100.10",
      40002,
      80,
      "tcp",
      "S1",
      "ShA",
      2,
      0,
    ),
  );
  writeFileSync(
    join(OUT, "conn.log"),
    [zeekHeader("conn", CONN_FIELDS, CONN_TYPES, first), ...connRecs.map(tsvLine), close].join(
      "\n",
    ) + "\n",
    "latin1",
  );
  writeFileSync(join(OUT, "conn.json.log"), connRecs.map(jsonLine).join("\n") + "\n", "latin1");

  const eve: string[] = [];
  let alerts = 0;
  requests.forEach((r, k) => {
    const flowId = 1_000_000_000_000 + k * 7_777_777;
    const tuple = {
      timestamp: iso(r.seconds),
      flow_id: flowId,
      in_iface: "eth0",
      event_type: "http",
      src_ip: r.host,
      src_port: origPort(k),
      dest_ip: SERVER,
      dest_port: 80,
      proto: "TCP",
      tx_id: 0,
    };
    const http: Record<string, unknown> = {};
    if (r.worm === null) http.hostname = "www.example.com";
    http.url = r.uri;
    if (r.agent !== "-") http.http_user_agent = r.agent;
    if (r.status === 200) http.http_content_type = "text/html";
    if (r.referrer !== "-") http.http_refer = r.referrer;
    http.http_method = r.method;
    http.protocol = `HTTP/${r.version}`;
    http.status = r.status;
    http.length = r.bytes;
    const httpEvent = JSON.stringify({ ...tuple, http });
    if (r.worm === null) return void eve.push(httpEvent);
    const signature =
      r.worm === "nimda"
        ? r.uri.includes("root.exe")
          ? { signature_id: 2101256, rev: 9, signature: "GPL EXPLOIT CodeRed v2 root.exe access" }
          : { signature_id: 2101002, rev: 9, signature: "GPL EXPLOIT cmd.exe access" }
        : { signature_id: 2101243, rev: 13, signature: "GPL EXPLOIT ISAPI .ida attempt" };
    const category =
      r.worm === "nimda" ? "Web Application Attack" : "Attempted Administrator Privilege Gain";
    const withRequest = alerts++ % 2 === 0;
    const alert = JSON.stringify({
      ...tuple,
      event_type: "alert",
      alert: { action: "allowed", gid: 1, ...signature, category, severity: 1 },
      ...(withRequest ? { http } : {}),
      app_proto: "http",
      flow: {
        pkts_toserver: 3,
        pkts_toclient: 2,
        bytes_toserver: 560,
        bytes_toclient: 120,
        start: iso(r.seconds - 0.05),
      },
    });
    if (alerts % 3 === 0) eve.push(alert, httpEvent);
    else eve.push(httpEvent, alert);
  });
  eve.splice(
    5,
    0,
    JSON.stringify({
      timestamp: iso(first + 8),
      event_type: "stats",
      stats: { uptime: 8, capture: { kernel_packets: 120, kernel_drops: 0 } },
    }),
  );
  writeFileSync(join(OUT, "eve.json"), eve.join("\n") + "\n", "latin1");
  process.stdout.write(
    `${OUT}: ${requests.length} requests, ${connRecs.length} conn records, ${eve.length} eve events\n`,
  );
}

main();
