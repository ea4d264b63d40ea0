/**
 * Speed-up of the fast engine over the per-probe reference engine, side by side on the IDENTICAL input:
 * jul19-2001 scaled to a 2^24-address Internet (scaleEngineInput: each host kept with probability
 * 2^-8, addresses keep their top 24 bits, so density and outbreak pace are preserved), both engines
 * run from the preset's start to the same horizon, same seed. The reference engine simulates every
 * probe, so its time grows with the probes sent; the horizon caps it (default 17:00 UTC, seven hours
 * in, ~80% of the hosts infected; `--reference-until` moves it).
 *
 * speedup = reference engine seconds / fast engine seconds (median of `fastRepeats`).
 */
import { createRng } from "../src/core/rng.ts";
import { resolveScenario } from "../src/scenario/resolve.ts";
import { buildModelPopulation } from "../src/scenario/run.ts";
import { toEngineInput } from "../src/scenario/engine-input.ts";
import type { EngineInput } from "../src/sim/engine-input.ts";
import type { EngineResult } from "../src/sim/engine-result.ts";
import { runFastEngine } from "../src/sim/fast-engine.ts";
import { PER_PROBE_RECORD_PACKETS_PER_SECOND, probesRepresented } from "./engine-bench.ts";
import { median, note, timed } from "./measure.ts";

/** Address bits of the scaled scenario. */
export const SPEEDUP_ADDRESS_BITS = 24;
/** Untimed fast-engine runs before the timed ones. */
export const FAST_WARMUP_RUNS = 5;
/** Default horizon of the comparison. */
export const SPEEDUP_DEFAULT_UNTIL = "2001-07-19T17:00:00Z";

/** The reference engine's entry points, loaded at run time (see {@link loadReference}). */
interface ReferenceModule {
  runReferenceEngine(input: EngineInput): EngineResult;
  scaleEngineInput(
    input: EngineInput,
    bits: number,
    rng: ReturnType<typeof createRng>,
  ): EngineInput;
}

/** Figures of the comparison, or why it could not run. */
export type SpeedupBench =
  | { available: false; reason: string }
  | {
      available: true;
      scenario: string;
      addressBits: number;
      start: string;
      until: string;
      hosts: number;
      compared: string;
      fastRepeats: number;
      fastSecondsMedian: number;
      fastEventsSampled: number;
      referenceSeconds: number;
      referenceProbesSimulated: number;
      referenceProbesPerSecond: number;
      /** Reference probes per second / the 9.18e7 packets/s per-probe record. */
      referenceRatioToPerProbeRecord: number;
      fastProbesRepresented: number;
      infectedEverFast: number;
      infectedEverReference: number;
      speedup: number;
    };

/** Loads the reference engine, or says why it is not there. */
async function loadReference(): Promise<ReferenceModule | string> {
  try {
    const engine = await import("../src/sim/reference/reference-engine.ts");
    const scale = await import("../src/sim/reference/scale.ts");
    return {
      runReferenceEngine: engine.runReferenceEngine,
      scaleEngineInput: scale.scaleEngineInput,
    };
  } catch (error) {
    return `reference engine not available (${error instanceof Error ? error.message : String(error)})`;
  }
}

/** Runs the comparison. */
export async function benchSpeedup(
  fastRepeats = 9,
  until = SPEEDUP_DEFAULT_UNTIL,
): Promise<SpeedupBench> {
  const reference = await loadReference();
  if (typeof reference === "string") return { available: false, reason: reference };
  const scenario = resolveScenario({ extends: "jul19-2001" }, { until });
  const full = toEngineInput(scenario, buildModelPopulation(scenario));
  const input = reference.scaleEngineInput(
    full,
    SPEEDUP_ADDRESS_BITS,
    createRng(scenario.seed).fork("bench:scale"),
  );
  // Warm-up: on this small input a fast run takes milliseconds, so JIT compilation and the first
  // garbage collections would otherwise dominate; the reference engine runs for seconds and needs none.
  for (let i = 0; i < FAST_WARMUP_RUNS; i++) runFastEngine(input);
  const fastTimes: number[] = [];
  let fast: EngineResult | null = null;
  for (let i = 0; i < fastRepeats; i++) {
    const run = timed(() => runFastEngine(input));
    fastTimes.push(run.seconds);
    fast = run.value;
  }
  if (!fast) throw new RangeError("fastRepeats must be >= 1");
  note(`speedup: fast engine ${(median(fastTimes) * 1000).toFixed(1)} ms; reference running...`);
  const ref = timed(() => reference.runReferenceEngine(input));
  note(`speedup: reference engine ${ref.seconds.toFixed(1)} s`);
  const fastSecondsMedian = median(fastTimes);
  const refProbes = probesRepresented(ref.value);
  return {
    available: true,
    scenario: "jul19-2001",
    addressBits: SPEEDUP_ADDRESS_BITS,
    start: scenario.start,
    until: scenario.until,
    hosts: input.population.size,
    compared:
      `fast vs reference engine on the identical jul19-2001 input scaled to 2^${SPEEDUP_ADDRESS_BITS}` +
      ` addresses, both from ${scenario.start} to ${scenario.until}, same seed; engine time only` +
      ` (fast: median of ${fastRepeats} after ${FAST_WARMUP_RUNS} warm-up runs; reference: one run)`,
    fastRepeats,
    fastSecondsMedian,
    fastEventsSampled: fast.eventsSampled,
    referenceSeconds: ref.seconds,
    referenceProbesSimulated: refProbes,
    referenceProbesPerSecond: refProbes / ref.seconds,
    referenceRatioToPerProbeRecord: refProbes / ref.seconds / PER_PROBE_RECORD_PACKETS_PER_SECOND,
    fastProbesRepresented: probesRepresented(fast),
    infectedEverFast: fast.infectedEver,
    infectedEverReference: ref.value.infectedEver,
    speedup: ref.seconds / fastSecondsMedian,
  };
}
