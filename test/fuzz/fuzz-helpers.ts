/**
 * Shared pieces of the fuzz suite: the one rule every parser must keep (a result, or the
 * project's UserInputError; never another error) and a reader driver that feeds bytes in chunks.
 */
import { UserInputError } from "../../src/core/errors.ts";
import { InputReader } from "../../src/analysis/input-reader.ts";
import { summarize } from "../../src/analysis/report/summary.ts";
import { Tally } from "../../src/analysis/tally/tally.ts";

/** Fixed seed of every property in the suite, so a failure reproduces. */
export const FUZZ_SEED = 20010719;

/** Runs `f`; a UserInputError is an accepted outcome, any other throw fails the property. */
export function returnsOrUserError(f: () => unknown): void {
  try {
    f();
  } catch (e) {
    if (e instanceof UserInputError) return;
    throw e;
  }
}

/** Streams `bytes` through an InputReader in chunks of the sizes in `cuts` (cycled). */
export function analyseBytes(bytes: Uint8Array, cuts: readonly number[] = [bytes.length || 1]) {
  const tally = new Tally();
  const file = tally.openFile("fuzz");
  const reader = new InputReader(tally, file);
  for (let at = 0, k = 0; at < bytes.length; k++) {
    const n = Math.max(1, cuts[k % cuts.length]);
    reader.push(bytes.subarray(at, at + n));
    at += n;
  }
  reader.end();
  return { tally, file, summary: summarize(tally) };
}
