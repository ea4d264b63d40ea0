/** `wormscope simulate --logs DIR` and its options, parsed (exit 2 on bad values). */
import { UserInputError } from "../core/errors.ts";
import type { ResolvedScenario } from "../scenario/resolve.ts";
import {
  DEFAULT_BACKGROUND_PER_HOUR,
  DEFAULT_LOGS_MAX_LINES,
  LOG_FORMATS,
  PUBLIC_CODE_RED_TAIL,
  readCodeRedTail,
  type LogFormat,
  type ObserverLogOptions,
} from "../node/observer-logs.ts";

/** The --logs options as commander gives them. */
export interface LogFlags {
  logs?: string;
  logsFormat?: string;
  backgroundPerHour?: string;
  logsMaxLines?: string;
  logsSignature?: string;
}

function wholeNumber(flag: string, text: string, min: number): number {
  const n = /^\d{1,15}$/.test(text) ? Number(text) : NaN;
  if (!(n >= min)) {
    throw new UserInputError(
      `${flag}: expected a whole number of at least ${min}, got "${text.slice(0, 40)}"`,
    );
  }
  return n;
}

/** The options of a --logs run, or null without --logs (the other flags then are an error). */
export function parseLogOptions(
  flags: LogFlags,
  scenario: ResolvedScenario,
): ObserverLogOptions | null {
  if (flags.logs === undefined) {
    const stray = (
      [
        ["--logs-format", flags.logsFormat],
        ["--background-per-hour", flags.backgroundPerHour],
        ["--logs-max-lines", flags.logsMaxLines],
        ["--logs-signature", flags.logsSignature],
      ] as const
    ).find(([, v]) => v !== undefined);
    if (stray) throw new UserInputError(`${stray[0]} needs --logs DIR`);
    return null;
  }
  if (flags.logs === "") throw new UserInputError("--logs: expected a directory");
  let formats: LogFormat[] = [...LOG_FORMATS];
  if (flags.logsFormat !== undefined) {
    const names = flags.logsFormat.split(",").map((f) => f.trim());
    for (const f of names) {
      if (!(LOG_FORMATS as readonly string[]).includes(f)) {
        throw new UserInputError(
          `--logs-format: expected a list of ${LOG_FORMATS.join(", ")}, got "${f.slice(0, 40)}"`,
        );
      }
    }
    formats = LOG_FORMATS.filter((f) => names.includes(f));
  }
  return {
    dir: flags.logs,
    formats,
    backgroundPerHour:
      flags.backgroundPerHour === undefined
        ? DEFAULT_BACKGROUND_PER_HOUR
        : wholeNumber("--background-per-hour", flags.backgroundPerHour, 0),
    maxLines:
      flags.logsMaxLines === undefined
        ? DEFAULT_LOGS_MAX_LINES
        : wholeNumber("--logs-max-lines", flags.logsMaxLines, 1),
    seed: scenario.seed,
    startMs: Date.parse(scenario.start),
    wormIsCrii: scenario.worms.map((w) => w.variant === "crii"),
    codeRedTail:
      flags.logsSignature === undefined
        ? PUBLIC_CODE_RED_TAIL
        : readCodeRedTail(flags.logsSignature),
  };
}
