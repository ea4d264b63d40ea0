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
 * with the same seed, however the run is cut into steps. runSimulation and runSimulationWith (fast
 * engine) are this, run to the end in one step.
 */
import { UserInputError } from "../core/errors.ts";
import { isoUtc } from "../core/time.ts";
import type { Population } from "../net/population.ts";
import { buildSummary, type Summary } from "../report/summary.ts";
import type { EngineResult } from "../sim/engine-result.ts";
import { FastSimulation, type DefendedView } from "../sim/fast-engine.ts";
import type { RunOptions } from "../sim/run-options.ts";
import { scaledEngineInput } from "./engine-input.ts";
import { scenarioHash } from "./hash.ts";
import type { ResolvedScenario } from "./resolve.ts";

/** What a simulation returns. */
export interface SimulationOutput {
  readonly result: EngineResult;
  readonly summary: Summary;
  readonly scenarioHash: string;
}

/** Options of a simulation (none changes its outcome). */
export interface SimulationOptions extends RunOptions {
  /** Times the engine for the summary's `wallSeconds` (e.g. performance.now); without it, 0. */
  readonly clock?: () => number;
  /** Run on a 2^addressBits Internet (16 to 32; default 32, the full scenario). */
  readonly addressBits?: number;
}

/** The output of a finished run: its result, summary.json and the scenario hash. */
export function simulationOutput(
  scenario: ResolvedScenario,
  hash: string,
  result: EngineResult,
  engineSeconds: number,
): SimulationOutput {
  return {
    result,
    summary: buildSummary(scenario, hash, result, engineSeconds),
    scenarioHash: hash,
  };
}

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
  /**
   * What the defenses in force shield now: per /16 the share of uniformly aimed probes filtered
   * before they reach it, and per host whether a blacklist blocks it or a rate cap limits it
   * (each null when no such defense is in force). Computed when read.
   */
  readonly defended: DefendedView;
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
  /**
   * The hosts whose state may have changed since the previous call, in order (a host can appear more
   * than once, or have changed back): a view, valid until the simulation runs on. The first call
   * starts the record and returns none. A viewer that follows the states frame by frame compares
   * these hosts instead of every host.
   */
  changedHosts(): Uint32Array;
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

/**
 * Builds a steppable simulation of a resolved scenario on the fast engine (over full IPv4 unless
 * `options.addressBits` scales the Internet down).
 */
export function createSimulation(
  scenario: ResolvedScenario,
  population: Population,
  options: SimulationOptions = {},
): Simulation {
  const hash = scenarioHash(scenario);
  const input = scaledEngineInput(scenario, population, options.addressBits ?? 32);
  let engineMs = 0;
  let reached = 0;
  let output: SimulationOutput | null = null;
  /** Engine time (building the engine included), for the summary's wallSeconds. */
  const timed = <T>(f: () => T): T => {
    const t0 = options.clock?.() ?? 0;
    const value = f();
    if (options.clock) engineMs += options.clock() - t0;
    return value;
  };
  const engine = timed(() => new FastSimulation(input, { onProgress: options.onProgress }));
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
        get defended() {
          return s.defended;
        },
      };
    },
    changedHosts() {
      return engine.takeChangedHosts();
    },
    finish() {
      if (output) return output;
      const result = timed(() => engine.finish());
      reached = engine.durationSeconds;
      output = simulationOutput(scenario, hash, result, engineMs / 1000);
      return output;
    },
  };
}
