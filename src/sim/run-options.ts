/** Options of an engine run that do not change its outcome (both engines take them). */
export interface RunOptions {
  /** Called now and then with the simulated fraction done, 0 to 1. */
  readonly onProgress?: (fractionDone: number) => void;
}
