import { describe, expect, it } from "vitest";
import { readFileSync, writeFileSync } from "node:fs";
import { createHash } from "node:crypto";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { analyzeInput, analyzeInputs } from "./analyze-input.ts";
import { summarize } from "../analysis/report/summary.ts";
import { Tally } from "../analysis/tally/tally.ts";
import { InputReader } from "../analysis/input-reader.ts";
import { SyntheticCombinedLog } from "../analysis/synthetic/combined-log.ts";
import { createRng } from "../core/rng.ts";
import {
  realCodeRedLines,
  realCodeRedTail,
  realLog,
  tempDir,
} from "../../test/support/analyze-test-helpers.ts";

function analyzeText(text: string | Buffer, chunkBytes = 1 << 20) {
  const tally = new Tally();
  const file = tally.openFile("mem");
  const reader = new InputReader(tally, file);
  const bytes = typeof text === "string" ? Buffer.from(text, "latin1") : text;
  for (let at = 0; at < bytes.length; at += chunkBytes)
    reader.push(bytes.subarray(at, at + chunkBytes));
  reader.end();
  return summarize(tally);
}

describe("real logs", () => {
  it("twiki 2004: 1,535 common-format lines, no Code Red, 169 hosts", async () => {
    const s = summarize(await analyzeInputs([realLog("twiki-2004-access.log")]));
    expect(s.files[0]).toMatchObject({ format: "common", lines: 1535, malformed: 0 });
    expect(s.requests).toEqual({
      crv1v2: 0,
      crii: 0,
      codeRedUnknown: 0,
      idaOther: 0,
      nimda: 0,
      other: 1535,
    });
    expect(s.sources.any).toBe(169);
    expect(s.topSources).toEqual([]);
  });

  it("the two real 2001 lines are crv1v2, exact, from 2 sources", async () => {
    const s = summarize(await analyzeInputs([realLog("codered-2001-lines.log")]));
    expect(s.files[0]).toMatchObject({ format: "combined", lines: 2, malformed: 0 });
    expect(s.requests.crv1v2).toBe(2);
    expect(s.partial.crv1v2).toBe(0);
    expect(s.sources.crv1v2).toBe(2);
    expect(s.topSources.map((t) => t.address).sort()).toEqual(["193.255.201.85", "211.218.252.9"]);
    expect(s.firstSeen).toBe("2001-08-02T10:01:38.000Z");
  });

  it("the 2001 Apache error-log lines are recognised as Code Red (variant unknown)", async () => {
    const s = summarize(await analyzeInputs([realLog("apache-error-2001.log")]));
    expect(s.files[0]).toMatchObject({
      format: "apache-error",
      lines: 39,
      blankLines: 13,
      malformed: 0,
    });
    expect(s.requests.codeRedUnknown).toBe(3);
    expect(s.sources.codeRedUnknown).toBe(3);
    const codeRed = s.topSources.filter((t) => t.classes.includes("codeRedUnknown"));
    expect(codeRed.map((t) => t.address).sort()).toEqual([
      "66.31.101.12",
      "66.31.142.16",
      "66.31.68.147",
    ]);
    expect(s.requests.crv1v2 + s.requests.crii + s.requests.nimda + s.requests.idaOther).toBe(0);
  });

  it("sums several files and keeps each one's counts", async () => {
    const s = summarize(
      await analyzeInputs([realLog("codered-2001-lines.log"), realLog("twiki-2004-access.log")]),
    );
    expect(s.files.map((f) => f.lines)).toEqual([2, 1535]);
    expect(s.lines).toBe(1537);
    expect(s.requests.crv1v2).toBe(2);
    expect(s.requests.other).toBe(1535);
  });
});

describe("formats and classes", () => {
  const [line1] = realCodeRedLines();

  it("a CRII line (the real line with X for N) is crii exact", () => {
    const s = analyzeText(`${line1.replace(/N{224}/, "X".repeat(224))}\n`);
    expect(s.requests.crii).toBe(1);
    expect(s.partial.crii).toBe(0);
  });

  it("a cut-short or altered line is partial", () => {
    const cut = line1.replace(/N{224}/, "N".repeat(150));
    const altered = line1.replace("%u7801", "%u7802");
    const s = analyzeText(`${cut}\n${altered}\n`);
    expect(s.requests.crv1v2).toBe(2);
    expect(s.partial.crv1v2).toBe(2);
  });

  it("text in the referer or user agent is not a request", () => {
    const target = line1.slice(line1.indexOf("/default.ida"), line1.indexOf("  HTTP"));
    const s = analyzeText(
      `10.0.0.1 - - [02/Aug/2001:06:01:38 -0400] "GET /index.html HTTP/1.0" 200 5 "http://x${target}" "GET ${target} HTTP/1.0"\n`,
    );
    expect(s.requests.other).toBe(1);
    expect(s.requests.crv1v2).toBe(0);
    expect(s.files[0].format).toBe("combined");
  });

  it("reads IIS W3C logs whose #Fields change mid-file", () => {
    const tail = realCodeRedTail();
    const log = [
      "#Software: Microsoft Internet Information Services 5.0",
      "#Version: 1.0",
      "#Date: 2001-08-01 00:00:00",
      "#Fields: time c-ip cs-method cs-uri-stem cs-uri-query sc-status",
      `00:00:05 10.1.2.3 GET /default.ida ${"N".repeat(224)}${tail} 404`,
      "00:01:00 10.1.2.4 GET /index.htm - 200",
      "#Fields: date time s-ip cs-method cs-uri-stem cs-uri-query c-ip sc-status",
      `2001-08-04 10:00:00 10.9.9.9 GET /default.ida ${"X".repeat(224)}${tail} 10.1.2.5 404`,
      "2001-08-04 10:00:01 10.9.9.9 GET /scripts/root.exe /c+dir 10.1.2.6 404",
      "2001-08-04 10:00:02 10.9.9.9 GET",
    ].join("\r\n");
    const s = analyzeText(log);
    expect(s.files[0].format).toBe("w3c");
    expect(s.requests).toMatchObject({ crv1v2: 1, crii: 1, nimda: 1, other: 1 });
    expect(s.partial).toEqual({ crv1v2: 0, crii: 0 });
    expect(s.files[0].malformed).toBe(1);
    expect(s.files[0].malformedSamples[0].line).toBe(10);
    expect(s.firstSeen).toBe("2001-08-01T00:00:05.000Z");
  });

  it("reads Apache 2.4 error lines (microseconds, module:level, client with port)", () => {
    const s = analyzeText(
      [
        "[Sun Aug 05 16:23:04.123456 2001] [core:info] [pid 42:tid 7] [client 66.31.142.16:3345] AH00128: File does not exist: /var/www/html/default.ida",
        "[Sun Aug 05 16:23:05.000001 2001] [core:error] [pid 42:tid 7] [client 10.0.0.5:80] AH00128: File does not exist: /var/www/html/scripts/root.exe, referer: http://x/default.ida",
        "[Sun Aug 05 16:23:06.000001 2001] [mpm_event:notice] [pid 1:tid 1] AH00489: Apache/2.4 configured",
      ].join("\n"),
    );
    expect(s.files[0]).toMatchObject({ format: "apache-error", malformed: 0 });
    expect(s.requests).toMatchObject({ codeRedUnknown: 1, nimda: 1, other: 0 });
    expect(s.topSources.map((t) => t.address).sort()).toEqual(["10.0.0.5", "66.31.142.16"]);
  });

  it("reads an access line whose host is named like a weekday", () => {
    const s = analyzeText('sun - - [02/Aug/2001:06:01:38 -0400] "GET / HTTP/1.0" 200 5\n');
    expect(s.files[0]).toMatchObject({ format: "common", malformed: 0 });
    expect(s.topSources).toEqual([]);
    expect(s.sources.any).toBe(1);
  });

  it("reads nginx's default format, including its \\x escapes", () => {
    const s = analyzeText(
      [
        '192.0.2.7 - - [19/Sep/2001:10:00:00 +0000] "GET /scripts/..\\xC1\\x1C../winnt/system32/ HTTP/1.0" 400 173 "-" "-"',
        '192.0.2.8 - - [19/Sep/2001:10:00:01 +0000] "GET /a\\x22b HTTP/1.1" 404 153 "-" "curl/7.88.1"',
      ].join("\n"),
    );
    expect(s.files[0].format).toBe("combined");
    expect(s.requests).toMatchObject({ nimda: 1, other: 1 });
  });

  it("counts a synthetic log exactly, whatever the chunk size", () => {
    const gen = new SyntheticCombinedLog({
      seed: 7,
      codeRedTail: realCodeRedTail(),
      wormShare: 0.2,
    });
    const text = gen.next(5000);
    const rng = createRng(99);
    for (const chunk of [1 << 20, 1 + rng.int(500), 4096]) {
      const s = analyzeText(text, chunk);
      expect(s.lines).toBe(5000);
      expect(s.malformed).toBe(0);
      expect(s.requests).toEqual({ ...gen.emitted, codeRedUnknown: 0, idaOther: 0 });
      expect(s.partial).toEqual({ crv1v2: 0, crii: 0 });
    }
  });
});

describe("hostile input", () => {
  it("survives random bytes, NUL bytes, invalid UTF-8 and CRLF, counting malformed lines", () => {
    const rng = createRng(2001);
    const junk = Buffer.alloc(200_000);
    for (let i = 0; i < junk.length; i++) junk[i] = rng.int(256);
    const [line1] = realCodeRedLines();
    const text = Buffer.concat([
      junk,
      Buffer.from(`\n${line1}\r\n\x00\x00\x00\n\xc3\x28\xa0\xa1 broken \xff\xfe\r\n`, "latin1"),
      Buffer.from(`${line1}\n`, "latin1"),
    ]);
    const s = analyzeText(text, 777);
    expect(s.requests.crv1v2).toBe(2);
    expect(s.malformed).toBeGreaterThan(100);
    expect(s.files[0].malformedSamples.length).toBeLessThanOrEqual(10);
    for (const m of s.files[0].malformedSamples) expect(m.text).toMatch(/^[\x20-\x7e]*$/);
  });

  it("handles a 10 MB line as one malformed line and goes on", async () => {
    const dir = tempDir();
    const path = join(dir, "long.log");
    const [line1] = realCodeRedLines();
    writeFileSync(
      path,
      Buffer.concat([Buffer.alloc(10 * 1024 * 1024, 65), Buffer.from(`\n${line1}\n`, "latin1")]),
    );
    const s = summarize(await analyzeInputs([path]));
    expect(s.lines).toBe(2);
    expect(s.malformed).toBe(1);
    expect(s.files[0].malformedSamples[0]).toMatchObject({ line: 1 });
    expect(s.files[0].malformedSamples[0].reason).toMatch(/longer than/);
    expect(s.requests.crv1v2).toBe(1);
  });

  it("reads gzip transparently and keeps partial results of a truncated gzip", async () => {
    const dir = tempDir();
    const gen = new SyntheticCombinedLog({ seed: 3, codeRedTail: realCodeRedTail() });
    const text = Buffer.from(gen.next(20000), "latin1");
    const gz = gzipSync(text);
    writeFileSync(join(dir, "a.log.gz"), gz);
    writeFileSync(join(dir, "cut.gz"), gz.subarray(0, Math.floor(gz.length / 2)));
    const whole = summarize(await analyzeInputs([join(dir, "a.log.gz")]));
    expect(whole.lines).toBe(20000);
    expect(whole.requests.crv1v2).toBe(gen.emitted.crv1v2);
    expect(whole.files[0].error).toBeNull();
    const tally = new Tally();
    await analyzeInput(tally, join(dir, "cut.gz"));
    const cut = summarize(tally);
    expect(cut.files[0].error).toMatch(/truncated gzip/);
    expect(cut.lines).toBeGreaterThan(1000);
    expect(cut.lines).toBeLessThan(20000);
  });

  it("rejects a missing file or a directory with a UserInputError naming it", async () => {
    await expect(analyzeInputs(["/nonexistent/x.log"])).rejects.toThrow(
      /cannot read \/nonexistent\/x.log/,
    );
    const dir = tempDir();
    await expect(analyzeInputs([dir])).rejects.toThrow(/is a directory/);
  });
});

describe("test data", () => {
  it("the in-repo real logs are byte-for-byte the files whose provenance test/data/README.md gives", () => {
    const readme = readFileSync(realLog("../README.md"), "utf8");
    for (const name of [
      "twiki-2004-access.log",
      "apache-error-2001.log",
      "codered-2001-lines.log",
    ]) {
      const section = readme.slice(readme.indexOf(`## real-logs/${name}`));
      const expected = /sha256 `([0-9a-f]{64})`/.exec(section)?.[1];
      const actual = createHash("sha256")
        .update(readFileSync(realLog(name)))
        .digest("hex");
      expect(actual, name).toBe(expected);
    }
  });
});

describe("reading through one reused buffer", () => {
  it("gives the summary of reading each file in one fresh chunk (the readers copy what they keep)", async () => {
    const dir = new URL("../../test/data/zeek-suricata/", import.meta.url);
    const paths = [
      ...[
        "apache-combined.log",
        "http.log",
        "http.json.log",
        "eve.json",
        "conn.log",
        "conn.json.log",
      ].map((name) => new URL(name, dir).pathname),
      realLog("twiki-2004-access.log"),
      realLog("apache-error-2001.log"),
    ];
    for (const path of paths) {
      const bytes = readFileSync(path);
      // the files cross several 64 KiB reads, or are short enough to check the one-read case
      const whole = new Tally();
      const reader = new InputReader(whole, whole.openFile(path));
      reader.push(new Uint8Array(bytes));
      reader.end();
      const read = await analyzeInputs([path]);
      expect(JSON.stringify(summarize(read)), path).toBe(JSON.stringify(summarize(whole)));
    }
  });
});
