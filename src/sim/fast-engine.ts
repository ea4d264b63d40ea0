/**
 * The fast engine: exact in distribution for Poisson scanning, with cost proportional to state changes
 * and observed events, not to probes.
 *
 * Every infected scanning host probes as a Poisson process. Superposed, the infections of susceptible
 * hosts form a Poisson process whose rate is known in closed form from aggregates (total scanning rate
 * times susceptible count for uniform scanning; per-block products for local preference). The engine
 * draws the time of the next state change (infection, patch, reboot) from the total rate, chooses which
 * one in proportion to its rate, then the block and the host. Rates only change at events or at
 * scheduled instants (calendar days, minute ticks, host deadlines), where the draw is simply renewed:
 * exponential waiting times are memoryless, so this is exact.
 * @see ../../docs/simulate.md
 * @see ../../docs/architecture.md (the engine loop)
 */
import type { EngineInput } from "./engine-input.ts";
import type { EngineResult } from "./engine-result.ts";
import { FastSimulation, type DefendedView, type FastSnapshot } from "./fast/simulation.ts";
import type { RunOptions } from "./run-options.ts";

export type { RunOptions, EngineResult, FastSnapshot, DefendedView };
export { FastSimulation };

/** Runs the fast engine on a resolved input, start to end. */
export function runFastEngine(input: EngineInput, options: RunOptions = {}): EngineResult {
  return new FastSimulation(input, options).finish();
}
