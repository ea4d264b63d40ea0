/**
 * `wormscope simulate --engine fast|reference --address-bits N`: the two options, parsed. The run
 * itself (scaling, the reference engine's refusal) is the library's runSimulationWith.
 */
import { UserInputError } from "../core/errors.ts";
import type { EngineName } from "../scenario/run.ts";
import { REFERENCE_MAX_ADDRESS_BITS } from "../sim/reference/reference-engine.ts";

export type { EngineName };

/** Parses --engine (default fast). */
export function parseEngine(text: string | undefined): EngineName {
  if (text === undefined || text === "fast") return "fast";
  if (text === "reference") return "reference";
  throw new UserInputError(`--engine: expected fast or reference, got "${text}"`);
}

/** Parses --address-bits (16-32; default 32; the reference engine needs 24 or fewer). */
export function parseAddressBits(text: string | undefined, engine: EngineName): number {
  if (text === undefined) {
    if (engine === "fast") return 32;
    throw new UserInputError(
      `--engine reference runs on a scaled-down Internet: add --address-bits 16 to ${REFERENCE_MAX_ADDRESS_BITS} (e.g. 20)`,
    );
  }
  const bits = /^\d{1,2}$/.test(text) ? Number(text) : NaN;
  if (!(bits >= 16 && bits <= 32)) {
    throw new UserInputError(
      `--address-bits: expected a whole number from 16 to 32, got "${text}"`,
    );
  }
  if (engine === "reference" && bits > REFERENCE_MAX_ADDRESS_BITS) {
    throw new UserInputError(
      `--engine reference needs --address-bits ${REFERENCE_MAX_ADDRESS_BITS} or fewer, got ${bits}`,
    );
  }
  return bits;
}
