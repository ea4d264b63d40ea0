/**
 * Fuzz: host lists (parseHostList in src/net/host-list.ts, plain and CSV) return a population or
 * throw UserInputError (HostListError), on random text, on lists built from address-like pieces and
 * on mutations of a valid CSV list.
 */
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { parseHostList } from "../../src/net/host-list.ts";
import { FUZZ_SEED, returnsOrUserError } from "./fuzz-helpers.ts";

const PIECES = [
  "1.2.3.4",
  "255.255.255.255",
  "0.0.0.0",
  "10.0.0.1",
  "999.1.1.1",
  "1.2.3",
  "1.2.3.4.5",
  "::1",
  "address",
  "country",
  "os",
  "patched",
  "locale",
  "US",
  "CN",
  "nt4-iis4",
  "win2000-iis5",
  "true",
  "false",
  ",",
  "\n",
  "\r\n",
  "#",
  '"',
  " ",
  "",
  "\u0000",
  "\u001b[31m",
  "\uFEFF",
];

const VALID = ["address,country", "1.2.3.4,US", "5.6.7.8,CN", "9.9.9.9,KR"].join("\n");

describe("fuzz: host lists", () => {
  it("random text: a population or a user error", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 400 }), (text) =>
        returnsOrUserError(() => parseHostList(text, "fuzz.txt")),
      ),
      { seed: FUZZ_SEED, numRuns: 1000 },
    );
  });

  it("lists of address-like pieces: a population or a user error", () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...PIECES), { maxLength: 80 }), (parts) =>
        returnsOrUserError(() => parseHostList(parts.join(""), "fuzz.csv")),
      ),
      { seed: FUZZ_SEED, numRuns: 1000 },
    );
  });

  it("mutations of a valid CSV list: a population or a user error", () => {
    expect(parseHostList(VALID, "valid.csv").size).toBe(3);
    fc.assert(
      fc.property(
        fc.nat({ max: VALID.length }),
        fc.nat({ max: 8 }),
        fc.constantFrom(...PIECES),
        (at, cut, piece) =>
          returnsOrUserError(() =>
            parseHostList(VALID.slice(0, at) + piece + VALID.slice(at + cut), "fuzz.csv"),
          ),
      ),
      { seed: FUZZ_SEED, numRuns: 1000 },
    );
  });
});
