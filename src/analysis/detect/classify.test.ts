import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { CLASS, CLASS_COUNT, PARTIAL_BIT } from "../classes.ts";
import { classifyRequestField } from "../logs/parse-access.ts";
import { CODE_RED_TAIL_CHARS, CODE_RED_TAIL_PREFIX } from "./code-red-signature.ts";

const bytes = (s: string): Uint8Array => Uint8Array.from(s, (c) => c.charCodeAt(0) & 255);
const verdict = (request: string): number => {
  const b = bytes(request);
  return classifyRequestField(b, 0, b.length);
};

// Only the public prefix lives in source; the exact tail is taken from real test data elsewhere.
// Here a tail of the right length but other content must NOT be exact.
const fakeTail = `${CODE_RED_TAIL_PREFIX}${"%u0000".repeat(19)}=a`.slice(0, CODE_RED_TAIL_CHARS);

describe("classifyRequestField", () => {
  it("calls a 224-N request with a wrong tail crv1v2 partial, not exact", () => {
    expect(fakeTail.length).toBe(CODE_RED_TAIL_CHARS);
    expect(verdict(`GET /default.ida?${"N".repeat(224)}${fakeTail} HTTP/1.0`)).toBe(
      CLASS.crv1v2 | PARTIAL_BIT,
    );
  });

  it("calls a run of X crii, partial when cut short", () => {
    expect(verdict(`GET /default.ida?${"X".repeat(100)}`)).toBe(CLASS.crii | PARTIAL_BIT);
    expect(verdict(`GET /default.ida?${"X".repeat(5)}%u9090%u6858 HTTP/1.0`)).toBe(
      CLASS.crii | PARTIAL_BIT,
    );
  });

  it("keeps short runs and other .ida/.idq requests as idaOther", () => {
    expect(verdict("GET /NULL.IDA?CCCCCCCCCCCCCCCCCCCCCCCCCCCC=X HTTP/1.1")).toBe(CLASS.idaOther);
    expect(verdict("GET /default.ida?NNN HTTP/1.0")).toBe(CLASS.idaOther);
    expect(verdict("GET /default.ida HTTP/1.0")).toBe(CLASS.idaOther);
    expect(verdict("GET /scripts/query.idq?CiRestriction=x HTTP/1.0")).toBe(CLASS.idaOther);
    expect(verdict("GET /mydefault.ida?NNNNNNNNNNNNNNNNNNNNNNNNN HTTP/1.0")).toBe(CLASS.idaOther);
  });

  it("recognises Nimda and its relatives", () => {
    for (const target of [
      "/scripts/root.exe?/c+dir",
      "/MSADC/root.exe?/c+dir",
      "/c/winnt/system32/cmd.exe?/c+dir",
      "/scripts/..%255c../winnt/system32/cmd.exe?/c+dir",
      "/scripts/..%c0%af../winnt/system32/cmd.exe?/c+dir",
      "/scripts/..%c1%1c../winnt/system32/cmd.exe?/c+dir",
      "/_vti_bin/..%5c../..%5c../..%5c../winnt/system32/cmd.exe?/c+dir",
      "/scripts/..%2f../winnt/system32/CMD.EXE?/c+dir",
      "/scripts/..\\xC1\\x1C../winnt/",
    ]) {
      expect(verdict(`GET ${target} HTTP/1.0`), target).toBe(CLASS.nimda);
    }
  });

  it("leaves ordinary and look-alike requests as other", () => {
    for (const request of [
      "GET /_vti_bin/owssvr.dll?UL=1&ACT=4&BUILD=2614 HTTP/1.1",
      "GET /index.html HTTP/1.1",
      "GET /docs/cmdexe.html HTTP/1.1",
      "GET /search?q=default.ida HTTP/1.1",
      "GET /a/../b HTTP/1.1",
      "-",
      "",
    ]) {
      expect(verdict(request), request).toBe(CLASS.other);
    }
  });

  it("is case-insensitive for the .ida path but needs the literal run letters", () => {
    expect(verdict(`GET /DEFAULT.IDA?${"N".repeat(30)} HTTP/1.0`)).toBe(CLASS.crv1v2 | PARTIAL_BIT);
    expect(verdict(`GET /default.ida?${"n".repeat(30)} HTTP/1.0`)).toBe(CLASS.idaOther);
  });

  it("returns a valid verdict for any bytes, in linear time on long runs", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 600 }), (b) => {
        const v = classifyRequestField(b, 0, b.length);
        expect(v & 7).toBeLessThan(CLASS_COUNT);
      }),
      { numRuns: 2000, seed: 5 },
    );
    const long = bytes(
      `GET /default.ida?${"N".repeat(2_000_000)}${"..%".repeat(100_000)} HTTP/1.0`,
    );
    expect(classifyRequestField(long, 0, long.length)).toBe(CLASS.crv1v2 | PARTIAL_BIT);
  });
});
