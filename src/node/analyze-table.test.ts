import { describe, expect, it } from "vitest";
import { InputReader } from "../analysis/input-reader.ts";
import { summarize } from "../analysis/report/summary.ts";
import { Tally } from "../analysis/tally/tally.ts";
import { renderAnalyzeTable } from "./analyze-table.ts";

/** Control characters other than the line feeds between lines. */
const CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/;

describe("analyze terminal table (issue 15)", () => {
  it("prints no control characters from file names or log lines, and keeps the table's shape", () => {
    const tally = new Tally();
    // A file name as a glob over someone else's files may give it: clear screen, retitle, newline.
    const name = "\u001b[2J\u001b]0;pwned\u0007evil\n\u009b31m.log";
    const reader = new InputReader(tally, tally.openFile(name));
    const bad = `10.0.0.9 - - [04/Aug/2001:99:00:00 +0000] "GET /\u001b[2J HTTP/1.0" 200 1 "-" "\u001b]0;x\u0007"`;
    const crii = `10.0.0.7 - - [04/Aug/2001:10:00:00 +0000] "GET /default.ida?${"X".repeat(224)}%u9090 HTTP/1.0" 404 1 "-" "-"`;
    reader.push(Buffer.from(`${bad}\n${bad}\n${crii}\n`, "latin1"));
    reader.end();
    const out = renderAnalyzeTable(summarize(tally));
    expect(out).not.toMatch(CONTROL);
    expect(out).toContain("[2J]0;pwnedevil31m.log");
    expect(out).toContain("malformed [2J]0;pwnedevil31m.log:1:");
    // every row of the file table is as wide as its border
    const table = out.split("\n").slice(0, 5);
    for (const row of table) expect(row.length).toBe(table[0].length);
  });
});
