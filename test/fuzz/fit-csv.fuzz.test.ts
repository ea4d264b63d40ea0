/**
 * Fuzz: the CSV reader of `wormscope fit` (parseInfectedCsv in src/node/infected-csv.ts) returns a
 * series or throws UserInputError, on random text and on mutations of a valid file.
 */
import { describe, it } from "vitest";
import fc from "fast-check";
import { parseInfectedCsv } from "../../src/node/infected-csv.ts";
import { FUZZ_SEED, returnsOrUserError } from "./fuzz-helpers.ts";

const VALID = [
  "time,infected",
  "2001-07-19T10:00:00Z,100",
  "2001-07-19T11:00:00Z,400",
  "2001-07-19T12:00:00Z,1600",
  "2001-07-19T13:00:00Z,6400",
  "2001-07-19T14:00:00Z,25600",
].join("\n");

const PIECES = [
  "time",
  "hours",
  "minutes",
  "seconds",
  "infected",
  ",",
  "\n",
  "\r\n",
  "#",
  '"',
  " ",
  "2001-07-19T10:00:00Z",
  "2001-07-19T10:00:00+05:00",
  "1e308",
  "-1",
  "NaN",
  "Infinity",
  "0",
  "12.5",
  "",
  "\u0000",
  "\uffff",
];
const csvText = fc.oneof(
  fc.string({ maxLength: 300 }),
  fc.array(fc.constantFrom(...PIECES), { maxLength: 80 }).map((p) => p.join("")),
);

describe("fuzz: fit CSV", () => {
  it("random text: a series or a UserInputError", () => {
    fc.assert(
      fc.property(csvText, (text) => returnsOrUserError(() => parseInfectedCsv(text, "fuzz.csv"))),
      { seed: FUZZ_SEED, numRuns: 2000 },
    );
  });

  it("a valid file with random splices", () => {
    fc.assert(
      fc.property(
        fc.nat({ max: VALID.length }),
        fc.nat({ max: 20 }),
        fc.constantFrom(...PIECES),
        (at, cut, piece) =>
          returnsOrUserError(() =>
            parseInfectedCsv(VALID.slice(0, at) + piece + VALID.slice(at + cut), "fuzz.csv"),
          ),
      ),
      { seed: FUZZ_SEED, numRuns: 2000 },
    );
  });
});
