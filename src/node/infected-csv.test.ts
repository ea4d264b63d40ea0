import { describe, expect, it } from "vitest";
import { UserInputError } from "../core/errors.ts";
import { timeseriesCsv } from "../report/timeseries-csv.ts";
import { resolveScenario } from "../scenario/resolve.ts";
import { buildModelPopulation, runSimulation } from "../scenario/run.ts";
import { parseInfectedCsv, readInfectedCsv } from "./infected-csv.ts";

function errorOf(text: string): string {
  try {
    parseInfectedCsv(text, "in.csv", 2);
  } catch (error) {
    expect(error).toBeInstanceOf(UserInputError);
    return (error as Error).message;
  }
  throw new Error("expected a UserInputError");
}

describe("parseInfectedCsv", () => {
  it("reads ISO times (no offset means UTC) into hours from the first row, skips comments", () => {
    const s = parseInfectedCsv(
      "# comment\ntime,infected,note\n2001-07-19T10:00:00Z,1,a\n\n2001-07-19T10:30,5,b\n2001-07-19 11:00:00+00:00,9,c\n",
      "in.csv",
      2,
    );
    expect(Array.from(s.timesHours)).toEqual([0, 0.5, 1]);
    expect(Array.from(s.infected)).toEqual([1, 5, 9]);
    expect(s.startMs).toBe(Date.parse("2001-07-19T10:00:00Z"));
  });

  it("reads numeric minutes as hours, keeping the origin", () => {
    const s = parseInfectedCsv("Infected,Minutes\r\n3,30\r\n4,90\r\n", "in.csv", 2);
    expect(Array.from(s.timesHours)).toEqual([0.5, 1.5]);
    expect(s.startMs).toBeUndefined();
  });

  it("names file, line and field for every bad row", () => {
    const message = errorOf(
      "time,infected\n2001-07-19T10:00Z,1\nyesterday,2\n2001-07-19T09:00Z,3\n2001-07-19T11:00Z,-4\n2001-07-19T12:00Z,x\n2001-07-19T13:00Z\n",
    );
    expect(message.split("\n")).toEqual([
      'in.csv:3: time: not an ISO 8601 time: "yesterday"',
      "in.csv:4: time: not after the previous row",
      "in.csv:5: infected: negative: -4",
      'in.csv:6: infected: not a number: "x"',
      "in.csv:7: row: expected 2 fields, got 1",
    ]);
  });

  it("quotes at most 40 characters of a bad field, without control characters (issue 15)", () => {
    const long = "\u001b]0;pwned\u0007" + "x".repeat(30) + "TAILPART" + "y".repeat(10_000);
    const message = errorOf(`hours,infected\n1,${long}\n${long},2\n`);
    expect(message).not.toContain("TAILPART");
    expect(message).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/);
    expect(message).toContain('in.csv:2: infected: not a number: "]0;pwnedxxxx');
    expect(message).toContain('in.csv:3: hours: not a number: "]0;pwnedxxxx');
    for (const row of message.split("\n")) expect(row.length).toBeLessThan(120);
  });

  it("reports a missing column, too few rows, an unreadable file", () => {
    expect(errorOf("when,infected\n1,2\n")).toBe(
      "in.csv:1: header: no time column (time, hours, minutes or seconds)",
    );
    expect(errorOf("hours,infected\n1,2\n")).toBe("in.csv: 1 data rows, at least 2 needed");
    expect(() => readInfectedCsv("/nonexistent/x.csv")).toThrow(
      "/nonexistent/x.csv: cannot read (ENOENT)",
    );
  });

  it("reads the timeseries.csv that simulate writes, provenance line first (wormscope fit)", () => {
    const scenario = resolveScenario(
      { extends: "jul19-2001" },
      { until: "2001-07-19T12:00:00Z" },
      "preset",
    );
    const { result, summary } = runSimulation(scenario, buildModelPopulation(scenario));
    const csv = timeseriesCsv(result, summary);
    expect(csv.startsWith(`# wormscope ${summary.version} seed ${scenario.seed} scenario `)).toBe(
      true,
    );
    const s = parseInfectedCsv(csv, "timeseries.csv");
    expect(s.timesHours.length).toBe(result.minutes);
    expect(s.startMs).toBe(Date.parse(scenario.start));
    expect(s.infected[result.minutes - 1]).toBe(summary.infectedAtEnd);
  });

  it("reads the committed CAIDA-like series", () => {
    const s = readInfectedCsv("test/data/caida-like-jul19.csv");
    expect(s.timesHours.length).toBe(43);
    expect(s.infected[42]).toBeGreaterThan(359_000);
  });
});
