import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { InputReader } from "../input-reader.ts";
import { summarize } from "../report/summary.ts";
import { Tally } from "../tally/tally.ts";
import { parseEpochText, parseIsoTime } from "./record-time.ts";
import {
  classifySignature,
  MAX_PENDING_ALERTS,
  MAX_REMEMBERED_TRANSACTIONS,
} from "./suricata-eve.ts";
import { JsonLineReader } from "./json-line.ts";
import { CLASS } from "../classes.ts";

function fixture(name: string): Buffer {
  return readFileSync(
    fileURLToPath(new URL(`../../../test/data/zeek-suricata/${name}`, import.meta.url)),
  );
}

function read(bytes: Uint8Array, cut = 1 << 20) {
  const tally = new Tally();
  const file = tally.openFile("t");
  const reader = new InputReader(tally, file);
  for (let at = 0; at < bytes.length; at += cut) reader.push(bytes.subarray(at, at + cut));
  reader.end();
  return { tally, file, summary: summarize(tally) };
}

function text(s: string) {
  return read(Buffer.from(s, "latin1"));
}

/** Source addresses with at least one request of a class other than `other`. */
function wormSources(tally: Tally): Set<number | string> {
  const out = new Set<number | string>();
  const t = tally.sources;
  for (let slot = 0; slot < t.size; slot++) {
    for (let c = 0; c < CLASS.other; c++) if (t.requestsOf(slot, c) > 0) out.add(t.keys[slot]);
  }
  return out;
}

describe("Zeek and Suricata logs of the same traffic as an Apache log (test/data/zeek-suricata)", () => {
  const apache = read(fixture("apache-combined.log"));

  it("the Apache log has every class the other formats must match", () => {
    expect(apache.summary.files[0].format).toBe("combined");
    expect(apache.summary.requests.crv1v2).toBeGreaterThan(40);
    expect(apache.summary.requests.crii).toBeGreaterThan(15);
    expect(apache.summary.requests.nimda).toBeGreaterThan(5);
    expect(apache.summary.malformed).toBe(0);
  });

  for (const [name, format] of [
    ["http.log", "zeek-http"],
    ["http.json.log", "zeek-http-json"],
    ["eve.json", "suricata-eve"],
  ] as const) {
    it(`${name} (${format}) gives the Apache log's counts, sources, hours and estimate`, () => {
      const { tally, summary } = read(fixture(name));
      const a = apache.summary;
      expect(summary.files[0].format).toBe(format);
      expect(summary.malformed).toBe(0);
      expect(summary.requests).toEqual(a.requests);
      expect(summary.partial).toEqual(a.partial);
      expect(summary.sources).toEqual(a.sources);
      expect(summary.firstSeen).toBe(a.firstSeen);
      expect(summary.lastSeen).toBe(a.lastSeen);
      expect(summary.hourly).toEqual(a.hourly);
      expect(summary.topSources).toEqual(a.topSources);
      expect(summary.estimate.crv1v2.hosts).toBe(a.estimate.crv1v2.hosts);
      expect(summary.estimate.crii.hosts).toBe(a.estimate.crii.hosts);
      expect(wormSources(tally)).toEqual(wormSources(apache.tally));
      // one chunking or another gives the same result
      expect(read(fixture(name), 997).summary.requests).toEqual(a.requests);
    });
  }

  for (const [name, format] of [
    ["conn.log", "zeek-conn"],
    ["conn.json.log", "zeek-conn-json"],
  ] as const) {
    it(`${name} (${format}) gives the Apache log's sources as port-80 scans, one per attempt`, () => {
      const { tally, summary } = read(fixture(name));
      expect(summary.files[0].format).toBe(format);
      expect(summary.malformed).toBe(0);
      expect(Object.values(summary.requests).every((n) => n === 0)).toBe(true);
      expect(summary.syn80.sources).toBe(apache.summary.sources.any);
      expect(summary.syn80.packets).toBe(apache.summary.lines);
      const apacheSources = new Set(apache.tally.sources.keys);
      expect(new Set(tally.syn80BySource.keys())).toEqual(apacheSources);
    });
  }
});

const TSV_HEADER = [
  "#separator \\x09",
  "#set_separator\t,",
  "#empty_field\t(empty)",
  "#unset_field\t-",
  "#path\thttp",
  "#fields\tts\tuid\tid.orig_h\tid.orig_p\tid.resp_h\tid.resp_p\ttrans_depth\tmethod\thost\turi",
  "#types\ttime\tstring\taddr\tport\taddr\tport\tcount\tstring\tstring\tstring",
].join("\n");

describe("Zeek TSV", () => {
  it("reads records after the header, unset and empty fields, a reordered #fields", () => {
    const s = text(
      `${TSV_HEADER}\n` +
        "996624001.5\tC1\t10.0.0.1\t1025\t192.0.2.80\t80\t1\tGET\t-\t/default.ida?NNNNNNNNNNNNNNNNNNNN\n" +
        "996624002\tC2\t10.0.0.2\t1026\t192.0.2.80\t80\t1\tGET\t-\t-\n" +
        "996624003\tC3\t10.0.0.3\t1026\t192.0.2.80\t80\t1\tGET\t(empty)\t/scripts/root.exe?/c+dir\n" +
        "#fields\turi\tid.orig_h\tts\n" +
        "/default.ida?XXXXXXXXXXXXXXXXXXXXXXXX\t10.0.0.4\t996624004\n",
    ).summary;
    expect(s.requests).toMatchObject({ crv1v2: 1, crii: 1, nimda: 1, other: 1 });
    expect(s.partial).toEqual({ crv1v2: 1, crii: 1 });
    expect(s.firstSeen).toBe("2001-08-01T00:00:01.500Z");
  });

  it("counts short records and bad times as malformed, with their line numbers", () => {
    const s = text(
      `${TSV_HEADER}\n` +
        "996624001\tC1\t10.0.0.1\n" +
        "yesterday\tC1\t10.0.0.1\t1025\t192.0.2.80\t80\t1\tGET\t-\t/\n" +
        "996624001\tC1\t-\t1025\t192.0.2.80\t80\t1\tGET\t-\t/\n",
    ).summary;
    expect(s.malformed).toBe(3);
    expect(s.files[0].malformedSamples.map((m) => [m.line, m.reason])).toEqual([
      [8, "expected 10 fields, found 3"],
      [9, "bad ts"],
      [10, "no id.orig_h"],
    ]);
  });

  it("records of other Zeek logs are counted as malformed, not read as access lines", () => {
    const s = text(
      "#separator \\x09\n#path\tdns\n#fields\tts\tuid\tquery\n996624001\tC1\texample.com\n",
    ).summary;
    expect(s.malformed).toBe(1);
    expect(s.files[0].malformedSamples[0].reason).toMatch(/other than http and conn/);
  });

  it("conn.log: only SYN-only scans of TCP port 80 count", () => {
    const rows = [
      ["tcp", "80", "S0", "0", "S"],
      ["tcp", "80", "REJ", "0", "Sr"],
      ["tcp", "80", "RSTOS0", "-", "SR"],
      ["tcp", "80", "SH", "0", "SF"],
      ["tcp", "80", "SF", "120", "ShADadFf"],
      ["tcp", "80", "S0", "40", "SD"],
      ["tcp", "443", "S0", "0", "S"],
      ["udp", "80", "S0", "0", "D"],
      ["tcp", "80", "S1", "0", "ShA"],
    ];
    const body = rows
      .map(
        (r, k) =>
          `996624001\tC${k}\t10.0.0.${k + 1}\t1025\t192.0.2.80\t${r[1]}\t${r[0]}\t${r[2]}\t${r[3]}\t${r[4]}`,
      )
      .join("\n");
    const s = text(
      `#separator \\x09\n#path\tconn\n#fields\tts\tuid\tid.orig_h\tid.orig_p\tid.resp_h\tid.resp_p\tproto\tconn_state\torig_bytes\thistory\n${body}\n`,
    ).summary;
    expect(s.syn80.sources).toBe(4);
    expect(s.syn80.top.map((t) => t.address).sort()).toEqual([
      "10.0.0.1",
      "10.0.0.2",
      "10.0.0.3",
      "10.0.0.4",
    ]);
    expect(s.files[0].format).toBe("zeek-conn");
  });
});

describe("JSON lines (Zeek JSON, Suricata eve.json)", () => {
  it("Zeek JSON with nested id, ISO ts, and missing uri", () => {
    const s = text(
      [
        '{"ts":"2001-08-01T00:00:01.000000Z","uid":"C1","id":{"orig_h":"10.0.0.1","orig_p":1025,"resp_h":"192.0.2.80","resp_p":80},"trans_depth":1,"method":"GET","uri":"/default.ida?NNNNNNNNNNNNNNNNNNNNNN"}',
        '{"ts":996624002.25,"uid":"C2","id.orig_h":"10.0.0.2","trans_depth":1}',
      ].join("\n"),
    ).summary;
    expect(s.requests).toMatchObject({ crv1v2: 1, other: 1 });
    expect(s.lastSeen).toBe("2001-08-01T00:00:02.250Z");
  });

  it("an alert without a request line counts by its signature when no http event follows", () => {
    const alert = (flow: number, sig: string) =>
      `{"timestamp":"2001-08-01T00:00:01.000000+0000","flow_id":${flow},"event_type":"alert","src_ip":"10.0.0.${flow}","dest_port":80,"tx_id":0,"alert":{"signature":"${sig}"}}`;
    const s = text(
      [
        alert(1, "GPL EXPLOIT ISAPI .ida attempt"),
        alert(2, "ET WORM CodeRed Propagation"),
        alert(3, "GPL EXPLOIT CodeRed v2 root.exe access"),
        alert(4, "ET SCAN Nmap UDP Sweep"),
        '{"timestamp":"2001-08-01T00:00:02+00:00","event_type":"flow","src_ip":"10.0.0.9"}',
      ].join("\n"),
    ).summary;
    expect(s.requests).toMatchObject({ idaOther: 1, codeRedUnknown: 1, nimda: 1, other: 0 });
    expect(s.malformed).toBe(0);
  });

  it("a signature names the class", () => {
    expect(classifySignature("GPL EXPLOIT cmd.exe access")).toBe(CLASS.nimda);
    expect(classifySignature("ET WORM Code-Red II")).toBe(CLASS.codeRedUnknown);
    expect(classifySignature("GPL EXPLOIT ISAPI .idq attempt")).toBe(CLASS.idaOther);
    expect(classifySignature("ET POLICY curl User-Agent")).toBeNull();
  });

  it("holds back at most MAX_PENDING_ALERTS alerts and still counts every one", () => {
    const n = MAX_PENDING_ALERTS + 50;
    const lines = Array.from(
      { length: n },
      (_, k) =>
        `{"timestamp":"2001-08-01T00:00:01Z","flow_id":${k},"tx_id":0,"event_type":"alert","src_ip":"10.0.${k >> 8}.${k & 255}","alert":{"signature":"CodeRed"}}`,
    );
    const { tally, summary } = text(lines.join("\n"));
    expect(summary.requests.codeRedUnknown).toBe(n);
    expect(tally.sources.size).toBe(n);
  });

  it("remembers at most MAX_REMEMBERED_TRANSACTIONS transactions", () => {
    const tally = new Tally();
    const file = tally.openFile("eve");
    const reader = new JsonLineReader(tally, file);
    const n = MAX_REMEMBERED_TRANSACTIONS + 1000;
    for (let k = 0; k < n; k++) {
      const line = Buffer.from(
        `{"timestamp":"2001-08-01T00:00:01Z","flow_id":${k},"tx_id":0,"event_type":"http","src_ip":"10.0.0.1","http":{"url":"/"}}`,
      );
      reader.line(line, 0, line.length, k + 1);
      expect(reader.eve.seen.size).toBeLessThanOrEqual(MAX_REMEMBERED_TRANSACTIONS);
    }
    reader.end();
    expect(file.requests[CLASS.other]).toBe(n);
  });

  it("bad JSON, empty objects, unknown records, control characters: malformed, never raw", () => {
    const s = text(
      [
        '{"event_type":"http",',
        "{}",
        '{"hello":"world"}',
        '{"timestamp":"2001-08-01T00:00:01Z","event_type":"http","src_ip":"10.0.0.1","http":{"url":"/\u001b[2J"}}',
        '{"timestamp":"yesterday","event_type":"http","src_ip":"10.0.0.1","http":{"url":"/"}}',
        `{"a":${"[".repeat(30000)}${"]".repeat(30000)}}`,
        '{"event_type":"http","timestamp":"2001-08-01T00:00:01Z","http":{"url":"/"}}',
      ].join("\n"),
    );
    expect(s.summary.malformed).toBe(7);
    expect(s.summary.files[0].malformedSamples.map((m) => m.reason)).toEqual([
      "not valid JSON",
      "JSON record of unknown kind (not Zeek http/conn, not Suricata eve)",
      "JSON record of unknown kind (not Zeek http/conn, not Suricata eve)",
      "not valid JSON",
      "bad timestamp",
      "JSON record of unknown kind (not Zeek http/conn, not Suricata eve)",
      "no src_ip",
    ]);
    for (const m of s.summary.files[0].malformedSamples) expect(m.text).not.toMatch(/[\x00-\x1f]/);
  });

  it("a 10 MB JSON line is cut at 64 KiB and counted as malformed", () => {
    const huge = `{"event_type":"http","http":{"url":"/${"N".repeat(10_000_000)}"}}\n`;
    const s = read(Buffer.from(huge + '{"event_type":"stats"}\n', "latin1"), 65536).summary;
    expect(s.malformed).toBe(1);
    expect(s.files[0].format).toBe("suricata-eve");
  });

  it("never throws on JSON-ish and Zeek-ish garbage, whatever the chunking", () => {
    const pieces = [
      '{"event_type":"http","src_ip":"10.0.0.1","timestamp":"2001-08-01T00:00:01Z","http":{"url":"/default.ida?NNNNNNNNNNNNNNNNNNNN"}}',
      '{"event_type":"alert","flow_id":1,"tx_id":0,"src_ip":"10.0.0.2","timestamp":"2001-08-01T00:00:01Z","alert":{"signature":"CodeRed"}}',
      '{"ts":1,"uid":"C","id.orig_h":"10.0.0.3","trans_depth":1,"uri":"/x"}',
      TSV_HEADER,
      "996624001\tC1\t10.0.0.1\t1025\t192.0.2.80\t80\t1\tGET\t-\t/default.ida?XXXXXXXXXXXXXXXXXXXXXXX",
      "#separator \\x2c",
      '{"',
      "\t",
      "\n",
      "\x00\xff{",
    ];
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...pieces), { maxLength: 40 }),
        fc.integer({ min: 1, max: 200 }),
        (parts, cut) => {
          const bytes = Buffer.from(parts.join("\n"), "latin1");
          const a = read(bytes, cut).summary;
          const b = read(bytes).summary;
          expect(a.requests).toEqual(b.requests);
          expect(a.malformed).toBe(b.malformed);
          expect(a.syn80).toEqual(b.syn80);
        },
      ),
      { numRuns: 400, seed: 14 },
    );
  });
});

describe("record times", () => {
  it("parses epoch text and ISO 8601 with zones", () => {
    expect(parseEpochText("996624001.500000")).toBe(996624001.5);
    expect(parseEpochText("996624001")).toBe(996624001);
    expect(parseEpochText("-1")).toBeNaN();
    expect(parseEpochText("1e9")).toBeNaN();
    expect(parseEpochText("9999999999999")).toBeNaN();
    expect(parseIsoTime("2001-08-01T00:00:03.000000+0000")).toBe(996624003);
    expect(parseIsoTime("2001-08-01T02:00:03+02:00")).toBe(996624003);
    expect(parseIsoTime("2001-07-31T20:00:03-0400")).toBe(996624003);
    expect(parseIsoTime("2001-08-01T00:00:03Z")).toBe(996624003);
    expect(parseIsoTime("2001-08-01T00:00:03")).toBe(996624003);
    expect(parseIsoTime("2001-13-01T00:00:03Z")).toBeNaN();
    expect(parseIsoTime("2001-08-01T00:00:03+0000junk")).toBeNaN();
  });
});
