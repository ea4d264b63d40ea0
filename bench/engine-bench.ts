/**
 * Full-scale fast-engine timing of a preset: the population is built once, outside the timing (its build
 * time is reported separately), then `runFastEngine` alone is timed `repeats` times on the same input
 * (same seed, so the same events each time) and the median is reported.
 */
import { resolveScenario } from "../src/scenario/resolve.ts";
import { buildModelPopulation } from "../src/scenario/run.ts";
import { toEngineInput } from "../src/scenario/engine-input.ts";
import { runFastEngine } from "../src/sim/fast-engine.ts";
import type { EngineResult } from "../src/sim/engine-result.ts";
import { median, note, peakRssMB, timed } from "./measure.ts";

/** Published per-probe simulation record: 9.18 x 10^7 packets per second on one workstation. */
export const PER_PROBE_RECORD_PACKETS_PER_SECOND = 9.18e7;

/** Figures of one preset at full scale. */
export interface EngineBench {
  preset: string;
  start: string;
  until: string;
  simulatedHours: number;
  hosts: number;
  populationBuildSeconds: number;
  repeats: number;
  engineSecondsMedian: number;
  engineSecondsMin: number;
  engineSecondsMax: number;
  /** Median process CPU time of the same runs (less sensitive to other load than wall time). */
  engineCpuSecondsMedian: number;
  eventsSampled: number;
  eventsPerSecond: number;
  probesRepresented: number;
  probesRepresentedPerSecond: number;
  /** probesRepresentedPerSecond / the 9.18e7 packets/s per-probe record. */
  ratioToPerProbeRecord: number;
  infectedEver: number;
  peakRssMB: number;
}

/** Sum of the probes of every worm over the run (what the run represents). */
export function probesRepresented(result: EngineResult): number {
  let total = 0;
  for (const p of result.probes) total += p;
  return total;
}

/** Times the fast engine on `preset` at full scale; `untilMs` overrides the end of the run. */
export function benchPreset(preset: string, repeats: number, untilHours?: number): EngineBench {
  const base = resolveScenario({ extends: preset });
  const until =
    untilHours === undefined
      ? undefined
      : new Date(Date.parse(base.start) + untilHours * 3_600_000).toISOString();
  const scenario = until === undefined ? base : resolveScenario({ extends: preset }, { until });
  const built = timed(() => buildModelPopulation(scenario));
  const input = toEngineInput(scenario, built.value);
  const times: number[] = [];
  const cpuTimes: number[] = [];
  let result: EngineResult | null = null;
  for (let i = 0; i < repeats; i++) {
    const run = timed(() => runFastEngine(input));
    times.push(run.seconds);
    cpuTimes.push(run.cpuSeconds);
    result = run.value;
    note(
      `${preset} run ${i + 1}/${repeats}: ${run.seconds.toFixed(3)} s (CPU ${run.cpuSeconds.toFixed(3)} s)`,
    );
  }
  if (!result) throw new RangeError("repeats must be >= 1");
  const engineSecondsMedian = median(times);
  const probes = probesRepresented(result);
  return {
    preset,
    start: scenario.start,
    until: scenario.until,
    simulatedHours: (input.endMs - input.startMs) / 3_600_000,
    hosts: built.value.size,
    populationBuildSeconds: built.seconds,
    repeats,
    engineSecondsMedian,
    engineSecondsMin: Math.min(...times),
    engineSecondsMax: Math.max(...times),
    engineCpuSecondsMedian: median(cpuTimes),
    eventsSampled: result.eventsSampled,
    eventsPerSecond: result.eventsSampled / engineSecondsMedian,
    probesRepresented: probes,
    probesRepresentedPerSecond: probes / engineSecondsMedian,
    ratioToPerProbeRecord: probes / engineSecondsMedian / PER_PROBE_RECORD_PACKETS_PER_SECOND,
    infectedEver: result.infectedEver,
    peakRssMB: peakRssMB(),
  };
}
