/**
 * What the page and the engine worker say to each other. The worker runs a scenario through the
 * step API, frame by frame, and sends the finished run as typed arrays (transferred, not copied).
 */
import type { EnsembleSummary } from "../../src/report/ensemble.ts";
import type { Summary } from "../../src/report/summary.ts";
import type { ChangeLogData } from "./change-log.ts";

/** Page -> worker: run this scenario file (JSON as the CLI reads it). */
export interface RunRequest {
  readonly type: "run";
  /** Identifies the run in the replies (a newer run supersedes an older one). */
  readonly id: number;
  readonly scenario: unknown;
  /** Overrides the scenario's seed when given. */
  readonly seed?: number;
  /** The baseline run, or a what-if variant shown beside it. */
  readonly role: Role;
  /** Ensembles: how many runs (seeds derived from the scenario's as `simulate --runs` does). */
  readonly runs?: number;
}

/** Worker -> page: an ensemble's per-minute bands (the CLI's aggregation, src/report/ensemble.ts). */
export interface EnsembleResult {
  readonly role: "ensemble";
  readonly type: "ensemble";
  readonly id: number;
  readonly summary: EnsembleSummary;
  readonly minutes: number;
  readonly everP5: Float64Array;
  readonly everP95: Float64Array;
  readonly infectedP5: Float64Array;
  readonly infectedP95: Float64Array;
}

/** Which of the page's two runs a message is about. */
export type Role = "baseline" | "variant" | "observer" | "ensemble";

/** Worker -> page: how far the run has got. */
export interface RunProgress {
  readonly role: Role;
  readonly type: "progress";
  readonly id: number;
  /** Share of the simulated period done, 0 to 1. */
  readonly done: number;
  readonly time: string;
  readonly infected: number;
  readonly infectedEver: number;
}

/** Worker -> page: the scenario (or its run) was refused, with the CLI's message. */
export interface RunError {
  readonly role: Role;
  readonly type: "error";
  readonly id: number;
  readonly message: string;
}

/** Worker -> page: a finished run, ready to scrub. */
export interface RunResult {
  readonly role: Role;
  readonly type: "result";
  readonly id: number;
  readonly summary: Summary;
  /** Milliseconds the worker took, from the request to this message (engine and frames). */
  readonly workerMs: number;
  /** Where the worker's time went: building the population, the engine, recording the frames. */
  readonly timings: {
    readonly populationMs: number;
    readonly engineMs: number;
    readonly framesMs: number;
  };
  readonly startMs: number;
  readonly endMs: number;
  /** Per host, in population order. */
  readonly addresses: Uint32Array;
  /** Per host: index into {@link countries}. */
  readonly country: Uint8Array;
  readonly countries: readonly string[];
  /** Frame k shows the state at startMs + frameSeconds[k] * 1000. */
  readonly frameSeconds: Float64Array;
  /** Every host's state (src/plugin/host-states.ts) at frame 0, and its changes frame by frame. */
  readonly states: ChangeLogData;
  /** What the defenses shielded, frame by frame (null: the run has no filter, blacklist or cap). */
  readonly defended: DefendedFrames | null;
  /** Per host: the first frame at which it is (or was) infected; 0xffff never. */
  readonly firstInfectedFrame: Uint16Array;
  /** Per minute, summed over worms. */
  readonly minutes: number;
  readonly infectedNow: Float64Array;
  readonly everInfected: Float64Array;
  readonly newPerMinute: Float64Array;
  readonly probesPerMinute: Float64Array;
  /** Worm variant names, in scenario order. */
  readonly variants: readonly string[];
  /** Each load16 observer's expected probes per minute and /16 (row-major minute x /16). */
  readonly loads: readonly {
    readonly name: string;
    readonly first16: number;
    readonly count16: number;
    readonly perMinute: Float32Array;
  }[];
}

/** Host flags of the defended layer. */
export const BLACKLISTED = 1;
export const THROTTLED = 2;

/** What the defenses shielded at each frame of a run. */
export interface DefendedFrames {
  /**
   * The distinct per-/16 shares of uniformly aimed probes that filters dropped before they reached
   * the /16 (65536 each; they change only when a filter does), and each frame's (-1: none).
   */
  readonly inbound16: readonly Float32Array[];
  readonly frameInbound: Int16Array;
  /** Per host: {@link BLACKLISTED} | {@link THROTTLED}, at frame 0 and changed frame by frame. */
  readonly flags: ChangeLogData;
}

export type WorkerReply = RunProgress | RunError | RunResult | EnsembleResult;
