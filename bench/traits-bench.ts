/**
 * The cost of the host traits (issue 10): jul19-2001 and aug04-2001 (7 days) at full scale with
 * the presets' per-host rate heterogeneity (and address churn: the presets' calibrated rate is 0, so
 * a second pass sets {@link BENCH_CHURN}), side by side with both off, runs alternating off/on on the
 * same population so load drifts hit both; medians and their ratio (target <= 1.3).
 */
import { resolveScenario } from "../src/scenario/resolve.ts";
import { buildModelPopulation } from "../src/scenario/run.ts";
import { toEngineInput } from "../src/scenario/engine-input.ts";
import { runFastEngine } from "../src/sim/fast-engine.ts";
import type { ScenarioFile } from "../src/scenario/schema.ts";
import { median, note, timed } from "./measure.ts";

/** "Off": one rate for every host, fixed addresses ("on" is the presets' own calibrated traits). */
export const TRAITS_OFF: Pick<ScenarioFile, "rateHeterogeneity" | "addressChurn"> = {
  rateHeterogeneity: { distribution: "lognormal", sigma: 0 },
  addressChurn: { dynamicShare: 0, perHostPerHour: 0 },
};

/** Churn for the "churn on" pass: the second fit's rate, half the hosts 0.015 moves an hour. */
export const BENCH_CHURN = { dynamicShare: 0.5, perHostPerHour: 0.015 };

export interface TraitsBench {
  preset: string;
  /** What "on" is: the presets' traits, or those with {@link BENCH_CHURN}. */
  on: string;
  simulatedHours: number;
  repeats: number;
  offSecondsMedian: number;
  onSecondsMedian: number;
  /** on / off (wall time). */
  ratio: number;
  /** Median process CPU seconds and their ratio (less sensitive to other load on the machine). */
  offCpuSecondsMedian: number;
  onCpuSecondsMedian: number;
  cpuRatio: number;
  infectedEverOff: number;
  infectedEverOn: number;
  infectedAddressesEverOn: number;
}

/** Times `preset` (to `hours` simulated) with the traits off and on, alternating. */
export function benchTraits(
  preset: string,
  repeats: number,
  hours?: number,
  churn?: typeof BENCH_CHURN,
): TraitsBench {
  const base = resolveScenario({ extends: preset });
  const until =
    hours === undefined
      ? base.until
      : new Date(Date.parse(base.start) + hours * 3_600_000).toISOString();
  const off = resolveScenario({ extends: preset, ...TRAITS_OFF }, { until });
  const on = resolveScenario(
    churn ? { extends: preset, addressChurn: churn } : { extends: preset },
    { until },
  );
  const population = buildModelPopulation(off);
  const inputs = { off: toEngineInput(off, population), on: toEngineInput(on, population) };
  const times = { off: [] as number[], on: [] as number[] };
  const cpu = { off: [] as number[], on: [] as number[] };
  const ever = { off: 0, on: 0, addresses: 0 };
  for (let i = 0; i < repeats; i++) {
    for (const k of ["off", "on"] as const) {
      const run = timed(() => runFastEngine(inputs[k]));
      times[k].push(run.seconds);
      cpu[k].push(run.cpuSeconds);
      ever[k] = run.value.infectedEver;
      if (k === "on") ever.addresses = run.value.infectedAddressesEver;
      note(`${preset} traits ${k} run ${i + 1}/${repeats}: ${run.seconds.toFixed(3)} s`);
    }
  }
  const offSecondsMedian = median(times.off);
  const onSecondsMedian = median(times.on);
  return {
    preset,
    on: churn
      ? `heterogeneity + churn ${churn.perHostPerHour}/h`
      : "the presets' traits (heterogeneity; no churn)",
    simulatedHours: (inputs.off.endMs - inputs.off.startMs) / 3_600_000,
    repeats,
    offSecondsMedian,
    onSecondsMedian,
    ratio: onSecondsMedian / offSecondsMedian,
    offCpuSecondsMedian: median(cpu.off),
    onCpuSecondsMedian: median(cpu.on),
    cpuRatio: median(cpu.on) / median(cpu.off),
    infectedEverOff: ever.off,
    infectedEverOn: ever.on,
    infectedAddressesEverOn: ever.addresses,
  };
}
