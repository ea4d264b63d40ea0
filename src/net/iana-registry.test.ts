// Tests run in Node only and may read the repository's data files.

import { readFileSync } from "node:fs";

import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { eligibleBlocks8, regionOfDesignation } from "./address-blocks.ts";
import { parseIanaRegistry } from "./iana-registry.ts";
import { IANA_IPV4_BLOCKS } from "./iana-table.ts";

const csvText = readFileSync(
  fileURLToPath(new URL("../../data/iana-ipv4-address-space.csv", import.meta.url)),
  "latin1",
);

describe("IANA registry", () => {
  const parsed = parseIanaRegistry(csvText);

  it("the CSV has CRLF records and quoted fields with bare LFs, so naive splitting fails", () => {
    expect(csvText.split("\n").length - 1).toBe(374);
    expect(csvText.split("\r\n").length - 1).toBe(257);
  });

  it("parses 256 rows in /8 order", () => {
    expect(parsed).toHaveLength(256);
    parsed.forEach((row, i) => expect(row.prefix8).toBe(i));
  });

  it("the generated table matches the CSV exactly", () => {
    expect(IANA_IPV4_BLOCKS).toEqual(parsed);
  });

  it("knows the reserved blocks", () => {
    for (const p of [0, 10, 127, ...Array.from({ length: 32 }, (_, i) => 224 + i)]) {
      expect(parsed[p].status, `${p}/8`).toBe("RESERVED");
    }
    expect(parsed.filter((b) => b.status === "RESERVED")).toHaveLength(35);
  });

  it("knows 069/8 came in 2002 and 211/8 is APNIC", () => {
    expect(parsed[69]).toEqual({
      prefix8: 69,
      designation: "ARIN",
      allocated: "2002-08",
      status: "ALLOCATED",
    });
    expect(parsed[211].designation).toBe("APNIC");
    expect(regionOfDesignation(parsed[211].designation)).toBe("APNIC");
    expect(regionOfDesignation(parsed[130].designation)).toBe("ARIN");
    expect(regionOfDesignation(parsed[53].designation)).toBe("RIPE");
  });

  it("eligible /8s for July 2001 exclude later and reserved blocks", () => {
    const eligible = eligibleBlocks8(IANA_IPV4_BLOCKS, "2001-07").map((b) => b.prefix8);
    for (const p of [0, 10, 127, 224, 255, 69, 200, 219, 1]) expect(eligible).not.toContain(p);
    for (const p of [24, 61, 67, 68, 80, 130, 211, 218]) expect(eligible).toContain(p);
    expect(eligible).toHaveLength(124);
    expect(eligibleBlocks8(IANA_IPV4_BLOCKS, "2001-07", [189, 190])).toHaveLength(122);
  });

  it("rejects a text that is not the registry", () => {
    expect(() => parseIanaRegistry("Prefix,Designation\r\n")).toThrow(/header/);
    const truncated = csvText.slice(0, csvText.indexOf("255/8"));
    expect(() => parseIanaRegistry(truncated)).toThrow(/255 rows/);
    expect(() => parseIanaRegistry(csvText.replace("1981-09", "1981-9"))).toThrow(/line 2: date/);
  });
});
