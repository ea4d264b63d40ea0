/**
 * The defense contract: what intervenes. A defense is created once per run from its spec and
 * contributes processes (events at rates, e.g. patching hosts) whose rates it may change at
 * scheduled instants. Patching and reboots are the first two defenses; filters, throttles and
 * tarpits will add a factor on probes between address sets through the same contract.
 */
import type { EngineControl } from "./engine-view.ts";
import type { Process } from "./process.ts";

/** A defense as the engine input names it. */
export interface DefenseSpec {
  readonly type: string;
  /** Type-specific options (validated by the scenario schema). */
  readonly [option: string]: unknown;
}

/** A live defense. */
export interface Defense {
  /** Its processes, in a fixed order. */
  readonly processes: readonly Process[];
  /** Instants (seconds from the start) at which its rates change; the engine calls refresh then. */
  readonly changeTimes: readonly number[];
  /** Re-reads its rates at time t (called at the start and at each change time). */
  refresh(t: number): void;
}

/** What a defense gets when it is created. */
export interface DefenseContext {
  readonly engine: EngineControl;
  /** Epoch milliseconds of the run's start and end. */
  readonly startMs: number;
  readonly endMs: number;
}

/** A defense type: one file under src/defenses/, listed in its registry. */
export interface DefensePlugin {
  readonly type: string;
  /** One line for docs. */
  readonly description: string;
  create(spec: DefenseSpec, context: DefenseContext): Defense;
}
