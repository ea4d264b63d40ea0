/**
 * The outbreak chart of an ensemble: the mean over the runs of infected and ever-infected hosts, each
 * with its shaded 5-95% band, and the mean new infections per minute, with the preset's published
 * figures marked as on the single-run chart.
 */
import type { EnsembleBand, EnsembleBands, EnsembleSummary } from "./ensemble.ts";
import type { ChartSeries } from "./line-chart.ts";
import { outbreakFrameSvg } from "./outbreak-chart.ts";
import type { Summary } from "./summary.ts";

const MINUTE_MS = 60_000;

function meanWithBand(
  name: string,
  band: EnsembleBand,
  x: (m: number) => number,
  withBand: boolean,
): ChartSeries {
  const points: [number, number][] = [];
  const shaded: [number, number, number][] = [];
  for (let m = 0; m < band.mean.length; m++) {
    points.push([x(m), band.mean[m]]);
    if (withBand) shaded.push([x(m), band.p5[m], band.p95[m]]);
  }
  return withBand ? { name, points, band: shaded } : { name, points };
}

/**
 * Renders the ensemble chart as SVG. `summary` is run 0's summary (scenario name, seed, hash);
 * `ensemble` gives the number of runs for the title.
 */
export function ensembleChartSvg(
  summary: Summary,
  ensemble: EnsembleSummary,
  bands: EnsembleBands,
  variants: readonly string[],
): string {
  const startMs = Date.parse(summary.start);
  const endMs = Date.parse(summary.end);
  const endOf = (m: number): number => startMs + (m + 1) * MINUTE_MS;
  const series: ChartSeries[] = [
    meanWithBand("Ever infected (mean, 5-95% band)", bands.infectedEver, endOf, true),
    meanWithBand("Infected now (mean, 5-95% band)", bands.infected, endOf, true),
    {
      ...meanWithBand(
        "New infections per minute (mean)",
        bands.newInfections,
        (m) => startMs + m * MINUTE_MS,
        false,
      ),
      yAxisIndex: 1,
    },
  ];
  return outbreakFrameSvg({
    title: `${summary.scenario}: ${variants.join(" + ")} outbreak, ${ensemble.runs} runs`,
    subtitle:
      `seed ${summary.seed} (runs derive their seeds from it) · scenario ${summary.scenarioHash}` +
      ` · wormscope ${summary.version}`,
    preset: summary.preset ?? "",
    startMs,
    endMs,
    series,
  });
}
