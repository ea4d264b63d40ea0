import { describe, expect, it } from "vitest";
import { emptyRows, pushHost, rowsByAddress } from "./host-list-rows.ts";

describe("host-list rows (typed columns)", () => {
  it("keeps every field of 5,000 rows through the columns' growth and interns countries", () => {
    const rows = emptyRows();
    const countries = ["US", "KR", "unknown", "other"];
    for (let i = 0; i < 5000; i++) {
      pushHost(rows, (i * 2654435761) >>> 0, i + 2, countries[i % 4], i % 3, i % 2, (i >> 1) % 2);
    }
    expect(rows.length).toBe(5000);
    expect(rows.addresses.length).toBeGreaterThanOrEqual(5000);
    expect(rows.countryNames).toEqual(countries);
    for (const i of [0, 1, 1023, 1024, 2047, 2048, 4999]) {
      expect(rows.addresses[i]).toBe((i * 2654435761) >>> 0);
      expect(rows.lines[i]).toBe(i + 2);
      expect(rows.countryNames[rows.countries[i]]).toBe(countries[i % 4]);
      expect([rows.locales[i], rows.oses[i], rows.patched[i]]).toEqual([
        i % 3,
        i % 2,
        (i >> 1) % 2,
      ]);
    }
  });

  it("orders rows by address, equal addresses in reading order (as a stable sort would)", () => {
    const rows = emptyRows();
    let seed = 7;
    for (let i = 0; i < 3000; i++) {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      // Few distinct high and low halves, so both radix passes see ties.
      const address = (((seed >>> 8) % 5) * 0x10000 + ((seed >>> 20) % 7) + 0xff000000) >>> 0;
      pushHost(rows, i % 10 === 0 ? 0xffffffff : address, i + 1, "unknown", 0, 0, 0);
    }
    const expected = Array.from({ length: rows.length }, (_, i) => i).sort(
      (a, b) => rows.addresses[a] - rows.addresses[b] || a - b,
    );
    expect(Array.from(rowsByAddress(rows))).toEqual(expected);
    expect(rowsByAddress(emptyRows())).toHaveLength(0);
  });
});
