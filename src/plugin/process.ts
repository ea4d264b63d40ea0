/**
 * A process: anything that fires events at a rate (infection by a scanning strategy, patching,
 * reboots, a defense's hazard). The engine loop only sums the rates of its processes, draws the time
 * of the next event from the total, picks one process in proportion to its rate and fires it. A
 * process keeps its own aggregates and allocates nothing per event.
 */
import type { Samplers } from "../core/samplers.ts";

/** Something that fires events at a rate. */
export interface Process {
  /** A name for errors and profiles ("crii:same16", "patching"). */
  readonly name: string;
  /** Events per second now (0 when it cannot fire). */
  rate(): number;
  /** Fires one event now, drawing what it needs from `s`. */
  fire(s: Samplers): void;
}
