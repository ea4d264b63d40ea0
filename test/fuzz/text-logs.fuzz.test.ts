/**
 * Fuzz: every text log format (common/combined access logs, IIS W3C, Apache error logs) through
 * the InputReader, in random chunkings. Bad lines are counted, never fatal: the reader must not
 * throw at all, and every line must be accounted for.
 */
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { TextLogReader } from "../../src/analysis/logs/text-log-reader.ts";
import { Tally } from "../../src/analysis/tally/tally.ts";
import { analyseBytes, FUZZ_SEED } from "./fuzz-helpers.ts";

const enc = (s: string): Uint8Array => Uint8Array.from(s, (c) => c.charCodeAt(0) & 255);

const ACCESS = [
  "10.0.0.1 - - ",
  "[02/Aug/2001:06:01:38 -0400] ",
  "[31/Feb/2001:25:61:61 +9999] ",
  '"GET /default.ida?',
  "NNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNN",
  "XXXXXXXXXXXXXXXX",
  "%u9090%u6858%ucbd3%u7801",
  "=a",
  ' HTTP/1.0" 404 326',
  ' "-" "Mozilla/4.0"',
  '"',
  "[",
  "]",
  " ",
  "-",
  "\n",
  "\r\n",
  "/scripts/..%255c../winnt/system32/cmd.exe?/c+dir",
  "::1 ",
  "999.999.999.999 ",
  "\x00\xff\xc0\xaf",
];
const W3C = [
  "#Software: Microsoft Internet Information Services 5.0\n",
  "#Version: 1.0\n",
  "#Date: 2001-08-01 00:00:00\n",
  "#Date: garbage\n",
  "#Fields: date time c-ip cs-method cs-uri-stem cs-uri-query sc-status\n",
  "#Fields: time c-ip cs-uri-stem\n",
  "#Fields: c-ip\n",
  "#Fields:\n",
  "#Remark\n",
  "2001-08-01 ",
  "00:00:01 ",
  "24:99:99 ",
  "10.0.0.2 ",
  "GET ",
  "/default.ida ",
  "NNNNNNNNNNNNNNNNNNNNNNNN ",
  "- ",
  "404",
  "\n",
  " ",
  "\t",
];
const ERROR = [
  "[Sun Aug 05 16:23:04 2001] ",
  "Sun Aug  5 16:23:04 2001 ",
  "[Mon Xyz 99 99:99:99 99999] ",
  "[error] ",
  "[client 66.31.142.16] ",
  "[client ",
  "]",
  "File does not exist: ",
  "/var/www/html/default.ida",
  ": ",
  "\n",
  "[",
  " ",
];

const fromPieces = (pieces: readonly string[]) =>
  fc.array(fc.constantFrom(...pieces), { maxLength: 120 }).map((p) => enc(p.join("")));
const rawBytes = fc.uint8Array({ maxLength: 2000 });
const cuts = fc.array(fc.integer({ min: 1, max: 97 }), { minLength: 1, maxLength: 8 });

function accounted(bytes: Uint8Array, cut: number[]): void {
  const { file, tally } = analyseBytes(bytes, cut);
  expect(file.lines).toBeGreaterThanOrEqual(file.malformed + file.blankLines);
  expect(tally.files.length).toBe(1);
}

describe("fuzz: text logs", () => {
  for (const [name, pieces] of [
    ["access (common/combined)", ACCESS],
    ["W3C", W3C],
    ["Apache error log", ERROR],
    ["all formats mixed", [...ACCESS, ...W3C, ...ERROR]],
  ] as const) {
    it(`${name}: never throws, every line accounted for`, () => {
      fc.assert(fc.property(fromPieces(pieces), cuts, accounted), {
        seed: FUZZ_SEED,
        numRuns: 1000,
      });
    });
  }

  it("random bytes: never throws", () => {
    fc.assert(fc.property(rawBytes, cuts, accounted), { seed: FUZZ_SEED, numRuns: 1000 });
  });

  it("a small line limit (overlong lines) through TextLogReader directly", () => {
    fc.assert(
      fc.property(fromPieces([...ACCESS, ...W3C, ...ERROR]), cuts, (bytes, cut) => {
        const tally = new Tally();
        const file = tally.openFile("fuzz");
        const reader = new TextLogReader(tally, file, 64);
        for (let at = 0, k = 0; at < bytes.length; k++) {
          reader.push(bytes.subarray(at, at + cut[k % cut.length]));
          at += cut[k % cut.length];
        }
        reader.end();
        expect(file.lines).toBeGreaterThanOrEqual(file.malformed + file.blankLines);
      }),
      { seed: FUZZ_SEED, numRuns: 1000 },
    );
  });
});
