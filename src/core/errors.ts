/**
 * An error in what the user gave us (a file, a flag, a scenario field). The CLI prints its message
 * without a stack trace and exits with `exitCode` (2 by default: bad input).
 */
export class UserInputError extends Error {
  constructor(
    message: string,
    readonly exitCode: number = 2,
  ) {
    super(message);
    this.name = "UserInputError";
  }
}
