/**
 * The messages between `analyze --jobs N` and its worker threads, and how an error crosses the
 * thread boundary: as its message and exit code, never as a stack trace.
 */
import { UserInputError } from "../core/errors.ts";
import type { TallySnapshot } from "../analysis/tally/tally-merge.ts";

/** A file for a worker: `index` is its place among the command's inputs. */
export interface AnalyzeTask {
  readonly index: number;
  readonly path: string;
}

/** An error as posted by a worker: its message and, for a user error, its exit code. */
export interface PostedError {
  readonly message: string;
  /** Set for a {@link UserInputError}. */
  readonly exitCode?: number;
}

/** What a worker posts back. */
export type WorkerReply =
  | { readonly type: "progress"; readonly index: number; readonly bytesRead: number }
  | {
      readonly type: "done";
      readonly index: number;
      readonly bytesRead: number;
      readonly snapshot: TallySnapshot;
    }
  | { readonly type: "error"; readonly index: number; readonly error: PostedError };

/** The postable form of `error`. */
export function errorMessage(error: unknown): PostedError {
  if (error instanceof UserInputError) return { message: error.message, exitCode: error.exitCode };
  return { message: error instanceof Error ? error.message : String(error) };
}

/**
 * The error to throw in the main thread for a posted one: a {@link UserInputError} with the same
 * message and exit code, or a plain Error (the CLI prints it as an internal error, exit 70).
 */
export function errorFromWorker(posted: PostedError): Error {
  return posted.exitCode === undefined
    ? new Error(posted.message)
    : new UserInputError(posted.message, posted.exitCode);
}
