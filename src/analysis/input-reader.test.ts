import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { InputReader } from "./input-reader.ts";
import { summarize } from "./report/summary.ts";
import { Tally } from "./tally/tally.ts";

const FRAGMENTS = [
  "10.0.0.1 - - ",
  "[02/Aug/2001:06:01:38 -0400] ",
  '"GET /default.ida?',
  "NNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNN",
  "XXXXXXXXXXXXXXXXXXXXXXXX",
  "%u9090%u6858%ucbd3%u7801",
  ' HTTP/1.0" 404 326',
  ' "-" "-"',
  "\n",
  "\r\n",
  '"',
  "[",
  "]",
  "#Fields: date time c-ip cs-uri-stem cs-uri-query\n",
  "2001-08-01 00:00:01 10.0.0.2 /default.ida NNNN\n",
  "[Sun Aug 5 16:23:04 2001] [error] [client 66.31.142.16] File does not exist: /x/default.ida\n",
  "/scripts/..%255c../cmd.exe",
  "\x00\xff\xc3\x28",
];

function run(bytes: Uint8Array, cuts: number[]) {
  const tally = new Tally();
  const file = tally.openFile("fuzz");
  const reader = new InputReader(tally, file);
  for (let at = 0, k = 0; at < bytes.length; k++) {
    const n = cuts[k % cuts.length];
    reader.push(bytes.subarray(at, at + n));
    at += n;
  }
  reader.end();
  return { tally, file, summary: summarize(tally) };
}

const cutsArb = fc.array(fc.integer({ min: 1, max: 300 }), { minLength: 1, maxLength: 8 });

describe("fuzz: InputReader on random input", () => {
  it("never throws on random bytes and keeps its counts consistent", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 4000 }), cutsArb, (bytes, cuts) => {
        const { file, summary } = run(bytes, cuts);
        const requests = Object.values(summary.requests).reduce((a, b) => a + b, 0);
        if (file.format !== "pcap" && file.format !== "pcapng") {
          let newlines = 0;
          for (const b of bytes) if (b === 10) newlines++;
          const trailing = bytes.length > 0 && bytes[bytes.length - 1] !== 10 ? 1 : 0;
          expect(file.lines).toBe(newlines + trailing);
          expect(requests + file.malformed + file.blankLines).toBeLessThanOrEqual(file.lines);
        }
        expect(file.malformedSamples.length).toBeLessThanOrEqual(10);
      }),
      { numRuns: 1500, seed: 20010719 },
    );
  });

  it("never throws on log-like garbage, and chunking never changes the result", () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...FRAGMENTS), { maxLength: 80 }),
        cutsArb,
        (pieces, cuts) => {
          const bytes = Buffer.from(pieces.join(""), "latin1");
          const a = run(bytes, cuts).summary;
          const b = run(bytes, [1 << 20]).summary;
          expect(a.requests).toEqual(b.requests);
          expect(a.partial).toEqual(b.partial);
          expect(a.malformed).toBe(b.malformed);
          expect(a.sources).toEqual(b.sources);
        },
      ),
      { numRuns: 1500, seed: 20010804 },
    );
  });
});
