/**
 * The step API, for the dashboard and for notebooks: build a simulation of a resolved scenario, run it
 * to any instant, look at it, run on, and finish it for the same output as {@link runSimulation}.
 *
 * ```ts
 * const sim = createSimulation(scenario, population);
 * sim.runUntil("2001-07-19T14:00:00Z");
 * const snap = sim.snapshot(); // time, infected, infectedEver, series so far, every host's state
 * const { summary } = sim.finish();
 * ```
 * Stepping never changes the outcome: the summary is byte-identical to one call of runSimulation
 * with the same seed, however the run is cut into steps.
 */
import { UserInputError } from "../core/errors.ts";
import { isoUtc } from "../core/time.ts";
import type { Population } from "../net/population.ts";
import { buildSummary } from "../report/summary.ts";
import { FastSimulation } from "../sim/fast-engine.ts";
import { toEngineInput } from "./engine-input.ts";
import { scenarioHash } from "./hash.ts";
import type { ResolvedScenario } from "./resolve.ts";
import type { SimulationOptions, SimulationOutput } from "./run.ts";

/** A running simulation's state at the instant it was run to. Arrays are views, not copies. */
export interface SimulationSnapshot {
  /** The instant (ISO 8601, UTC) the simulation has been run to. */
  readonly time: string;
  /** Seconds from the scenario's start to `time`. */
  readonly seconds: number;
  /** True once the scenario's end has been reached. */
  readonly done: boolean;
  /** Hosts infected now, all worms, and per worm variant (in scenario order). */
  readonly infected: number;
  readonly infectedByWorm: readonly number[];
  /** Distinct hosts ever infected so far. */
  readonly infectedEver: number;
  /** The per-minute series so far: minutes closed, and arrays row-major worm x minute. */
  readonly series: {
    readonly minutesClosed: number;
    readonly minutes: number;
    readonly newInfections: Uint32Array;
    readonly probes: Float64Array;
    /** Distinct hosts ever infected at each closed minute's end. */
    readonly everAtEnd: Uint32Array;
  };
  /** Per host, in population order: state (0 susceptible, 1 infected, 2 patched, 3 backdoored). */
  readonly hostState: Uint8Array;
  /** Per host: index of its worm (meaningful while infected or backdoored). */
  readonly hostWorm: Uint8Array;
  /** Per host: bit w set when worm w ever infected it. */
  readonly everInfected: Uint32Array;
}

/** A simulation that runs in steps. */
export interface Simulation {
  readonly scenario: ResolvedScenario;
  /**
   * Runs to `until` (an ISO 8601 instant, or epoch milliseconds), clamped to the scenario's period.
   * Returns false once the end is reached. Running to an instant already passed does nothing.
   */
  runUntil(until: string | number): boolean;
  /** The state at the instant last run to (no copy per call). */
  snapshot(): SimulationSnapshot;
  /** Runs to the end and returns the result and summary, as {@link runSimulation} does. */
  finish(): SimulationOutput;
}

function instantMs(until: string | number): number {
  const ms = typeof until === "number" ? until : Date.parse(until);
  if (!Number.isFinite(ms)) {
    throw new UserInputError(`runUntil: expected an ISO 8601 instant or epoch ms, got "${until}"`);
  }
  return ms;
}

/** Builds a steppable simulation of a resolved scenario on the fast engine over full IPv4. */
export function createSimulation(
  scenario: ResolvedScenario,
  population: Population,
  options: SimulationOptions = {},
): Simulation {
  const hash = scenarioHash(scenario);
  const input = toEngineInput(scenario, population);
  const engine = new FastSimulation(input, { onProgress: options.onProgress });
  let engineMs = 0;
  let reached = 0;
  let output: SimulationOutput | null = null;
  const timed = <T>(f: () => T): T => {
    const t0 = options.clock?.() ?? 0;
    const value = f();
    if (options.clock) engineMs += options.clock() - t0;
    return value;
  };
  return {
    scenario,
    runUntil(until) {
      const seconds = (instantMs(until) - input.startMs) / 1000;
      reached = Math.min(Math.max(reached, seconds), engine.durationSeconds);
      timed(() => engine.runUntil(reached));
      return reached < engine.durationSeconds;
    },
    snapshot() {
      const s = engine.snapshot();
      return {
        time: isoUtc(input.startMs + reached * 1000),
        seconds: reached,
        done: reached >= engine.durationSeconds,
        infected: s.infected,
        infectedByWorm: s.infectedByWorm,
        infectedEver: s.infectedEver,
        series: {
          minutesClosed: s.minutesClosed,
          minutes: Math.ceil(engine.durationSeconds / 60),
          newInfections: s.newInfections,
          probes: s.probes,
          everAtEnd: s.everAtEnd,
        },
        hostState: s.hostState,
        hostWorm: s.hostWorm,
        everInfected: s.everInfected,
      };
    },
    finish() {
      if (output) return output;
      const result = timed(() => engine.finish());
      reached = engine.durationSeconds;
      const summary = buildSummary(scenario, hash, result, engineMs / 1000);
      output = { result, summary, scenarioHash: hash };
      return output;
    },
  };
}
