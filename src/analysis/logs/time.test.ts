import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { parseClfTime, parseErrorLogTime, parseW3cTime } from "./time.ts";

const b = (s: string): Uint8Array => Buffer.from(s, "latin1");
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

describe("log time parsers", () => {
  it("parse CLF times with zones like Date does", () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date("1990-01-01"), max: new Date("2099-12-31"), noInvalidDate: true }),
        fc.integer({ min: -12 * 60, max: 14 * 60 }),
        (d, offsetMinutes) => {
          const local = new Date(d.getTime() + offsetMinutes * 60000);
          const p = (n: number): string => String(n).padStart(2, "0");
          const sign = offsetMinutes < 0 ? "-" : "+";
          const abs = Math.abs(offsetMinutes);
          const text = `${p(local.getUTCDate())}/${MONTHS[local.getUTCMonth()]}/${local.getUTCFullYear()}:${p(local.getUTCHours())}:${p(local.getUTCMinutes())}:${p(local.getUTCSeconds())} ${sign}${p(Math.floor(abs / 60))}${p(abs % 60)}`;
          expect(parseClfTime(b(text), 0, text.length)).toBe(Math.floor(d.getTime() / 1000));
        },
      ),
      { numRuns: 300, seed: 3 },
    );
  });

  it("parse the real 2001 lines", () => {
    const t = "02/Aug/2001:06:01:38 -0400";
    expect(new Date(parseClfTime(b(t), 0, t.length) * 1000).toISOString()).toBe(
      "2001-08-02T10:01:38.000Z",
    );
    const e = "Sun Aug 5 16:23:04 2001";
    expect(new Date(parseErrorLogTime(b(e), 0, e.length) * 1000).toISOString()).toBe(
      "2001-08-05T16:23:04.000Z",
    );
    const e24 = "Sun Aug 05 16:23:04.123456 2001";
    expect(parseErrorLogTime(b(e24), 0, e24.length)).toBe(parseErrorLogTime(b(e), 0, e.length));
    const w = b("2001-08-01 23:59:59");
    expect(new Date(parseW3cTime(w, 0, 10, 11, 19) * 1000).toISOString()).toBe(
      "2001-08-01T23:59:59.000Z",
    );
  });

  it("gives the same answers through the per-hour cache, zones included", () => {
    const cases: Array<[string, string]> = [
      ["02/Aug/2001:06:01:38 -0400", "2001-08-02T10:01:38.000Z"],
      ["02/Aug/2001:06:59:59 -0400", "2001-08-02T10:59:59.000Z"],
      ["02/Aug/2001:06:00:00 +0000", "2001-08-02T06:00:00.000Z"],
      ["02/Aug/2001:06:61:00 +0000", ""],
      ["02/Aug/2001:06:30:00 +0530", "2001-08-02T01:00:00.000Z"],
      ["02/Aug/2001:07:00:00 +0000", "2001-08-02T07:00:00.000Z"],
    ];
    for (const [text, iso] of cases) {
      const t = parseClfTime(b(text), 0, text.length);
      if (iso === "") expect(t, text).toBeNaN();
      else expect(new Date(t * 1000).toISOString(), text).toBe(iso);
    }
  });

  it("reject garbage", () => {
    for (const t of [
      "",
      "02/Foo/2001:06:01:38 -0400",
      "99/Aug/2001:06:01:38 -0400",
      "xx/Aug/2001:06:01:38",
    ]) {
      expect(parseClfTime(b(t), 0, t.length), t).toBeNaN();
    }
    expect(parseErrorLogTime(b("Sun Aug"), 0, 7)).toBeNaN();
  });
});
