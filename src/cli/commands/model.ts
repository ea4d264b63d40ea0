/**
 * `wormscope model`: solves the logistic, two-factor and AAWP models for a preset and charts them
 * together (the stochastic mean joins as one more series from the simulation engine).
 */
import { Command } from "@commander-js/extra-typings";
import { UserInputError } from "../../core/errors.ts";
import { analyticSeries, type NamedSeries } from "../../models/analytic-series.ts";
import {
  ANALYTIC_PRESETS,
  analyticPreset,
  type AnalyticPreset,
} from "../../models/presets-analytic.ts";
import { svgToPng } from "../../node/png.ts";
import { makeDirectory } from "../../node/make-directory.ts";
import { writeFilesAtomic } from "../../node/write-file-atomic.ts";
import { runEnsemble } from "../../node/ensemble.ts";
import { resolveScenario } from "../../scenario/resolve.ts";
import { buildModelPopulation } from "../../scenario/run.ts";
import { lineChartSvg, type ChartSeries, type LineChartSpec } from "../../report/line-chart.ts";

const HOUR_MS = 3_600_000;
/** CAIDA's published >359,000 infected by the end of 19 July (../../../docs/sources.md section 4). */
const CAIDA_INFECTED = 359_000;

/** Registers `model` on the program. */
export function register(program: Command): void {
  program
    .command("model")
    .description("solve the analytic worm models (logistic, two-factor, AAWP) for a preset")
    .option("--preset <name>", `one of: ${Object.keys(ANALYTIC_PRESETS).join(", ")}`, "jul19-2001")
    .option("--json", "print the series as JSON")
    .option("--out <dir>", "write model.json, model.svg and model.png to this directory")
    .option(
      "--runs <n>",
      "stochastic runs of the fast engine to overlay (mean, 5-95% band; 0: none)",
      "20",
    )
    // commander has printed its message already; bad usage exits 2, help exits 0
    .action(async (opts) => {
      const preset = analyticPreset(opts.preset);
      if (!preset) {
        const known = Object.keys(ANALYTIC_PRESETS).join(", ");
        throw new UserInputError(`--preset: unknown preset "${opts.preset}" (known: ${known})`);
      }
      const timesHours = Float64Array.from(
        { length: preset.durationHours * 12 + 1 },
        (_, i) => i / 12,
      );
      const series = analyticSeries(preset, timesHours);
      const runs = parseRuns(opts.runs);
      if (opts.out !== undefined) makeDirectory(opts.out);
      const stochastic = runs > 0 ? await stochasticMean(preset, runs) : null;
      const json = { ...modelJson(preset, series), stochastic: stochastic?.json ?? null };
      if (opts.out !== undefined) {
        const svg = lineChartSvg(
          modelChartSpec(preset, series, stochastic ? [stochastic.chart] : []),
        );
        writeFilesAtomic(opts.out, {
          "model.json": `${JSON.stringify(json, null, 2)}\n`,
          "model.svg": svg,
          "model.png": svgToPng(svg),
        });
      }
      process.stdout.write(
        opts.json ? `${JSON.stringify(json, null, 2)}\n` : summary(preset, series),
      );
      if (stochastic && !opts.json) {
        const last = stochastic.json.everInfected[stochastic.json.everInfected.length - 1];
        const half = stochastic.json.everInfected.find((p) => p.mean >= last.mean / 2);
        const fmt = (x: number) => Math.round(x).toLocaleString("en-US");
        process.stdout.write(
          `  ${`Stochastic mean, ${stochastic.json.runs} runs`.padEnd(36)} at end ${fmt(last.mean).padStart(8)} (5-95%: ${fmt(last.p5)}-${fmt(last.p95)}); half of end at ${isoAt(preset, half?.hours ?? NaN)}\n`,
        );
      }
      if (opts.out !== undefined && !opts.json)
        process.stdout.write(`wrote ${opts.out}/model.{json,svg,png}\n`);
    });
}

function parseRuns(text: string): number {
  if (!/^\d{1,4}$/.test(text))
    throw new UserInputError(`--runs: expected a whole number, got "${text}"`);
  return Number(text);
}

/**
 * The mean and 5-95% band of ever-infected hosts over `runs` runs of the fast engine on the preset's
 * scenario (an ensemble over worker threads), sampled every 5 minutes like the analytic series.
 */
async function stochasticMean(preset: AnalyticPreset, runs: number) {
  const scenario = resolveScenario({ extends: preset.name });
  const population = buildModelPopulation(scenario);
  process.stderr.write(`running ${runs} stochastic runs of ${preset.name}...\n`);
  const out = await runEnsemble(scenario, population, { runs });
  const band = out.bands.infectedEver;
  const start = Date.parse(scenario.start);
  const points: Array<readonly [number, number]> = [];
  const range: Array<readonly [number, number, number]> = [];
  const json: Array<{ hours: number; mean: number; p5: number; p95: number }> = [];
  for (let m = 4; m < out.bands.minutes; m += 5) {
    const x = start + (m + 1) * 60_000;
    points.push([x, band.mean[m]]);
    range.push([x, band.p5[m], band.p95[m]]);
    json.push({ hours: (m + 1) / 60, mean: band.mean[m], p5: band.p5[m], p95: band.p95[m] });
  }
  const chart: ChartSeries = {
    name: `Stochastic mean, ${runs} runs (5-95% band)`,
    points,
    band: range,
    color: "#000000",
  };
  return { chart, json: { runs, seed: scenario.seed, everInfected: json } };
}

function isoAt(preset: AnalyticPreset, hours: number): string {
  return new Date(Date.parse(preset.startIso) + hours * HOUR_MS)
    .toISOString()
    .replace(/:\d\d\.\d{3}Z$/, "Z");
}

function modelJson(preset: AnalyticPreset, series: NamedSeries[]) {
  return {
    preset,
    series: series.map((s) => ({
      name: s.name,
      unit: s.unit,
      timesHours: Array.from(s.timesHours),
      values: Array.from(s.values, (v) => Math.round(v * 10) / 10),
    })),
  };
}

function summary(preset: AnalyticPreset, series: NamedSeries[]): string {
  const hosts = (x: number) => Math.round(x).toLocaleString("en-US");
  let out = `${preset.description} (${preset.name}): N = ${hosts(preset.vulnerableHosts)}, K = ${preset.ratePerHour}/h, start ${preset.startIso}\n`;
  for (const s of series) {
    const last = s.values.length - 1;
    let peak = 0;
    for (let i = 1; i <= last; i++) if (s.values[i] > s.values[peak]) peak = i;
    const half = s.values.findIndex((v) => v >= s.values[peak] / 2);
    out += `  ${s.name.padEnd(36)} at end ${hosts(s.values[last]).padStart(8)}; max ${hosts(s.values[peak]).padStart(8)} at ${isoAt(preset, s.timesHours[peak])}; half of max at ${isoAt(preset, s.timesHours[half])}\n`;
  }
  return out;
}

/** The overlay chart; a stochastic mean (with its band) is appended to `extra`. */
export function modelChartSpec(
  preset: AnalyticPreset,
  series: NamedSeries[],
  extra: ChartSeries[] = [],
): LineChartSpec {
  const start = Date.parse(preset.startIso);
  const x = (h: number) => start + h * HOUR_MS;
  const dashes = [false, true, true, false];
  return {
    title: `Analytic models: ${preset.description}`,
    subtitle: `N = ${preset.vulnerableHosts.toLocaleString("en-US")} vulnerable, K = ${preset.ratePerHour}/h, ${preset.initialInfected} host(s) at ${preset.startIso}`,
    xAxis: { label: "Time (UTC)", kind: "time" },
    yAxes: [{ label: "Infected hosts" }],
    series: [
      ...series.map((s, i) => ({
        name: s.name,
        dashed: dashes[i % dashes.length],
        points: Array.from(s.timesHours, (h, j) => [x(h), s.values[j]] as const),
      })),
      ...extra,
    ],
    markedPoints: [
      {
        name: "CAIDA: >359,000 by 00:00 UTC",
        x: x(preset.durationHours),
        y: CAIDA_INFECTED,
        label: ">359,000 (CAIDA)",
      },
    ],
  };
}
