import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { eachCsvRecord, parseCsv, type CsvRecord } from "./csv.ts";

const fieldsOf = (text: string): string[][] => parseCsv(text).records.map((r) => [...r.fields]);

describe("parseCsv", () => {
  it("reads CRLF and LF records", () => {
    expect(fieldsOf("a,b\r\nc,d\r\n")).toEqual([
      ["a", "b"],
      ["c", "d"],
    ]);
    expect(fieldsOf("a,b\nc,d")).toEqual([
      ["a", "b"],
      ["c", "d"],
    ]);
  });

  it("keeps a bare LF and commas inside quotes, and counts lines", () => {
    const parsed = parseCsv('x,"one\ntwo, three",y\r\nnext,"a""b",\r\nlast\r\n');
    expect(parsed.error).toBeUndefined();
    expect(parsed.records.map((r) => [r.line, ...r.fields])).toEqual([
      [1, "x", "one\ntwo, three", "y"],
      [3, "next", 'a"b', ""],
      [4, "last"],
    ]);
  });

  it("reports empty fields and blank lines as such", () => {
    expect(fieldsOf(",\n\n,a")).toEqual([["", ""], [""], ["", "a"]]);
    expect(fieldsOf("")).toEqual([]);
  });

  it("reports malformed quoting with its line", () => {
    expect(parseCsv('a\n"open\nstill').error).toEqual({
      line: 2,
      message: "unterminated quoted field",
    });
    expect(parseCsv('a\nb"c').error).toEqual({ line: 2, message: "quote inside unquoted field" });
    expect(parseCsv('"a"b').error?.message).toBe("text after a closing quote");
  });

  it("round-trips any table written with RFC 4180 quoting", () => {
    const field = fc.string({ unit: fc.constantFrom("a", ",", '"', "\n", "\r", " ", "1") });
    const table = fc.array(fc.array(field, { minLength: 1, maxLength: 4 }), {
      minLength: 1,
      maxLength: 5,
    });
    fc.assert(
      fc.property(table, (rows) => {
        // A record of one empty field is indistinguishable from a blank line; quote it.
        const text = rows
          .map((row) => row.map((f) => `"${f.replaceAll('"', '""')}"`).join(","))
          .join("\r\n");
        expect(fieldsOf(text)).toEqual(rows);
      }),
    );
  });
});

describe("eachCsvRecord", () => {
  it("sees the records parseCsv returns, in order, and returns its error", () => {
    const piece = fc.constantFrom("a", "b", ",", "\n", "\r\n", "\r", '"', '""', " ");
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 40 }), (pieces) => {
        const text = pieces.join("");
        const seen: CsvRecord[] = [];
        const error = eachCsvRecord(text, (record) => void seen.push(record));
        const parsed = parseCsv(text);
        expect(seen).toEqual(parsed.records);
        expect(error).toEqual(parsed.error);
      }),
      { seed: 15, numRuns: 2000 },
    );
  });
});
