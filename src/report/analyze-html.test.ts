import { describe, expect, it } from "vitest";
import { InputReader } from "../analysis/input-reader.ts";
import { summarize } from "../analysis/report/summary.ts";
import { hourlyCsv, sourcesCsv, csvField } from "../analysis/report/csv.ts";
import { analyzeWarnings } from "../analysis/report/warnings.ts";
import { Tally } from "../analysis/tally/tally.ts";
import { LINKTYPE, TCP_FLAG } from "../analysis/pcap/link-layer.ts";
import { ipv4TcpPacket, pcapFile, type TimedFrame } from "../../test/support/capture-builder.ts";
import { escapeHtml, renderAnalyzeHtml } from "./analyze-html.ts";

const HOSTILE = [
  // host field with markup: kept as a named source
  `<script>alert(1)</script> - - [04/Aug/2001:10:00:00 +0000] "GET /default.ida?${"X".repeat(40)} HTTP/1.0" 404 1 "-" "-"`,
  // user agent with markup, on a malformed line (bad time) so it appears among the samples
  `10.0.0.9 - - [04/Aug/2001:99:00:00 +0000] "GET / HTTP/1.0" 200 1 "-" "<script>alert('ua')</script><img src=x onerror=alert(2)>"`,
  `10.0.0.9 - - [04/Aug/2001:10:00:00 +0000] "GET /x HTTP/1.0" 200 1 "-" "<script>alert('ua')</script>"`,
  `10.0.0.7 - - [04/Aug/2001:11:00:00 +0000] "GET /scripts/..%255c../winnt/system32/cmd.exe?/c+dir HTTP/1.0" 404 1 "-" "<script>alert('nimda-ua')</script>"`,
  `=cmd|' /C calc'!A0 - - [04/Aug/2001:11:00:00 +0000] "GET /scripts/root.exe?/c+dir HTTP/1.0" 404 1 "-" "-"`,
].join("\n");

function tallyOf(text: string): Tally {
  const tally = new Tally();
  const reader = new InputReader(tally, tally.openFile(`<b>evil</b>.log`));
  reader.push(Buffer.from(text, "latin1"));
  reader.end();
  return tally;
}

describe("analyze HTML report", () => {
  it("shows markup from the log as text, never as markup", () => {
    const html = renderAnalyzeHtml(summarize(tallyOf(HOSTILE), { serverIp: 0x0a000001 }));
    expect(html.toLowerCase()).not.toContain("<script");
    expect(html).not.toContain("<img");
    expect(html).not.toContain("<b>evil");
    expect(html).toContain("&#60;script&#62;alert(1)&#60;/script&#62;");
    expect(html).toContain("&#60;script&#62;alert(&#39;ua&#39;)");
    expect(html).toContain("&#60;b&#62;evil&#60;/b&#62;.log");
    // a user agent on a well-formed worm line, shown among the example lines
    expect(html).toContain("&#60;script&#62;alert(&#39;nimda-ua&#39;)&#60;/script&#62;");
    expect(html).toContain("<svg");
    expect(html).toMatch(/Content-Security-Policy/);
  });

  it("shows the warnings, unknown link types and reassembly counters the terminal shows, escaped", () => {
    const tally = new Tally();
    // A capture of a link type wormscope does not decode (147, user-defined), with a hostile name.
    const unknown = new InputReader(tally, tally.openFile(`<i>odd</i>.pcap`));
    unknown.push(pcapFile([{ timeSeconds: 1, data: new Uint8Array(60) }], { linkType: 147 }));
    unknown.end();
    // A capture of out-of-order segments beyond a gap: the tracker skips gaps.
    const frames: TimedFrame[] = [];
    const pkt = (seq: number, flags: number, payload?: Uint8Array) =>
      ipv4TcpPacket({
        src: 0x0a000001,
        dst: 0xc0000250,
        srcPort: 1025,
        dstPort: 80,
        seq,
        flags,
        payload,
      });
    frames.push({ timeSeconds: 1, data: pkt(0, TCP_FLAG.syn) });
    for (let k = 40; k >= 1; k--)
      frames.push({ timeSeconds: 1, data: pkt(1 + 1400 * k, 0x18, new Uint8Array(1400).fill(65)) });
    const flood = new InputReader(tally, tally.openFile(`"flood'.pcap`));
    flood.push(pcapFile(frames, { linkType: LINKTYPE.raw }));
    flood.end();
    const s = summarize(tally);
    // Dropped flows need more than 16,384 open flows, and the clamp an absurd rate: set them here.
    s.files[1].reassembly = { ...s.files[1].reassembly!, flowsEvicted: 3 };
    s.estimate.warnings.push("crv1v2 estimate <b>clamped</b> to 2^32");
    const html = renderAnalyzeHtml(s);

    const warnings = analyzeWarnings(s);
    expect(warnings).toHaveLength(3);
    for (const w of warnings) expect(html).toContain(`<li>${escapeHtml(w)}</li>`);
    expect(html).toContain(
      "&#60;i&#62;odd&#60;/i&#62;.pcap: 1 packet of link type 147 skipped (not a link type wormscope decodes",
    );
    expect(html).toContain(
      "&#34;flood&#39;.pcap: 3 TCP flows dropped unfinished to keep reassembly within its memory bound",
    );
    expect(html).toContain("crv1v2 estimate &#60;b&#62;clamped&#60;/b&#62; to 2^32");
    const r = s.files[1].reassembly;
    expect(r.gapsSkipped).toBeGreaterThan(0);
    expect(html).toContain("<th>peak buffered bytes</th>");
    expect(html).toContain(
      `<td>&#34;flood&#39;.pcap</td><td>none</td><td>3</td><td>${r.gapsSkipped.toLocaleString("en-US")}</td><td>${r.peakBufferedBytes.toLocaleString("en-US")}</td>`,
    );
    expect(html).toContain("<td>&#60;i&#62;odd&#60;/i&#62;.pcap</td><td>147: 1</td>");
    expect(html).not.toContain("<i>odd");
    expect(html).not.toContain("<b>clamped");
  });

  it("has no warnings section when there is nothing to warn about", () => {
    const html = renderAnalyzeHtml(summarize(tallyOf(HOSTILE)));
    expect(html).not.toContain("<h2>Warnings</h2>");
    expect(html).not.toContain("TCP reassembly</h2>");
  });

  it("escapes every HTML special character", () => {
    expect(escapeHtml(`<>&"'`)).toBe("&#60;&#62;&#38;&#34;&#39;");
  });
});

describe("schema-1 summary and CSV", () => {
  it("has the documented fields", () => {
    const s = summarize(tallyOf(HOSTILE), { serverIp: 0x0a000001 });
    expect(s.schema).toBe(1);
    expect(Object.keys(s.files[0])).toEqual(
      expect.arrayContaining(["path", "format", "lines", "malformed"]),
    );
    expect(Object.keys(s.requests)).toEqual([
      "crv1v2",
      "crii",
      "codeRedUnknown",
      "idaOther",
      "nimda",
      "other",
    ]);
    expect(s.requests).toMatchObject({ crii: 1, nimda: 2, other: 1 });
    expect(s.files[0].samples.nimda?.map((m) => m.line)).toEqual([4, 5]);
    expect(s.malformed).toBe(1);
    expect(s.partial).toEqual({ crv1v2: 0, crii: 1 });
    expect(s.sources).toMatchObject({ crii: 1, nimda: 2, other: 1, any: 4 });
    expect(s.hourly.map((h) => [h.hour, h.crii, h.nimda])).toEqual([
      ["2001-08-04T10:00:00.000Z", 1, 0],
      ["2001-08-04T11:00:00.000Z", 0, 2],
    ]);
    expect(s.locality?.crii).toEqual({ same16: 0, same8: 0, elsewhere: 0, unknown: 1 });
    expect(s.estimate.crii.sources).toBe(1);
    expect(JSON.parse(JSON.stringify(s))).toEqual(s);
  });

  it("writes CSV that spreadsheets will not execute", () => {
    const tally = tallyOf(HOSTILE);
    const csv = sourcesCsv(tally, 0x0a000001);
    expect(csv.split("\n")[0]).toBe(
      "address,firstSeen,lastSeen,requests,crv1v2,crii,codeRedUnknown,idaOther,nimda,other,partial,locality",
    );
    // the host field ends at the first space: "=cmd|'" becomes a defused "'=cmd|'"
    expect(csv).toMatch(/^'=cmd\|',/m);
    expect(csv).not.toMatch(/^=/m);
    expect(csvField('a,"b"')).toBe('"a,""b"""');
    expect(hourlyCsv(summarize(tally)).split("\n")).toHaveLength(4);
  });
});

describe("analyze HTML report, time panels and source map", () => {
  const line = (ip: string, when: string) =>
    `${ip} - - [${when} +0000] "GET /default.ida?${"X".repeat(40)} HTTP/1.0" 404 1 "-" "-"`;

  it("breaks the time axis at gaps longer than a day, and maps sources per /16", () => {
    const text = [
      line("10.1.2.3", "04/Aug/2001:10:00:00"),
      line("10.1.9.9", "04/Aug/2001:12:00:00"),
      line("192.0.2.7", "05/Sep/2004:01:00:00"),
    ].join("\n");
    const s = summarize(tallyOf(text), { serverIp: 0x0a010001 });
    expect(s.sourceBlocks16).toEqual([
      [0x0a010000, 0, 2, 0],
      [0xc0000000, 0, 1, 0],
    ]);
    const html = renderAnalyzeHtml(s);
    expect(html).toContain("2 periods: the time axis breaks");
    expect(html).toContain("2001-08-04 10:00 to 2001-08-04 12:00 UTC: 2 requests");
    expect(html).toContain("2004-09-05 01:00 to 2004-09-05 01:00 UTC: 1 requests");
    // One rect per /16 with sources, titled with its block.
    expect(html).toContain("10.1.0.0/16: 0 / 2 / 0 sources");
    expect(html).toContain("192.0.0.0/16: 0 / 1 / 0 sources");
    expect(html).toContain("<title>the server's /16</title>");
    expect(html).toContain("Code Red II: 3 source addresses seen; about");
  });
});
