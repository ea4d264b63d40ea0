/**
 * Fuzz: scenario JSON. parseScenario then resolveScenario, on random JSON values and on mutations
 * of a valid scenario, either returns or throws UserInputError.
 */
import { describe, it } from "vitest";
import fc from "fast-check";
import { parseScenario, resolveScenario } from "../../src/scenario/resolve.ts";
import { FUZZ_SEED, returnsOrUserError } from "./fuzz-helpers.ts";

const VALID = {
  extends: "jul19-2001",
  seed: 3,
  until: "2001-07-19T14:00:00Z",
};

const KEYS = [
  "extends",
  "seed",
  "start",
  "until",
  "worms",
  "population",
  "observers",
  "defenses",
  "variant",
  "name",
  "kind",
  "hosts",
  "rate",
  "probesPerSecond",
  "patch",
  "at",
  "fraction",
];

const leaf = fc.oneof(
  fc.string({ maxLength: 30 }),
  fc.constantFrom("jul19-2001", "aug04-2001", "crv2", "crii", "telescope", "2001-07-19T10:00:00Z"),
  fc.double(),
  fc.integer(),
  fc.boolean(),
  fc.constant(null),
);
const jsonish = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    leaf,
    fc.array(tie("value"), { maxLength: 4 }),
    fc.dictionary(fc.oneof(fc.constantFrom(...KEYS), fc.string({ maxLength: 8 })), tie("value"), {
      maxKeys: 5,
    }),
  ),
})).value;

function check(raw: unknown): void {
  returnsOrUserError(() => resolveScenario(parseScenario(raw, "fuzz.json"), {}, "fuzz.json"));
}

describe("fuzz: scenario JSON", () => {
  it("random JSON values: a scenario or a UserInputError", () => {
    fc.assert(fc.property(jsonish, check), { seed: FUZZ_SEED, numRuns: 1000 });
  });

  it("a valid scenario with random fields added or replaced", () => {
    fc.assert(
      fc.property(fc.dictionary(fc.constantFrom(...KEYS), jsonish, { maxKeys: 3 }), (extra) =>
        check({ ...VALID, ...extra }),
      ),
      { seed: FUZZ_SEED, numRuns: 1000 },
    );
  });

  it("random text through JSON.parse: a SyntaxError is the CLI's to report, anything parsed is checked", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (text) => {
        let raw: unknown;
        try {
          raw = JSON.parse(text);
        } catch {
          return;
        }
        check(raw);
      }),
      { seed: FUZZ_SEED, numRuns: 1000 },
    );
  });
});
