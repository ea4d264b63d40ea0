/**
 * The files `wormscope simulate --runs N --out DIR` writes: run 0's files, with summary.json gaining
 * the `ensemble` object, timeseries.csv the mean and band columns, and the chart showing the mean with
 * its shaded 5-95% band.
 */
import { ensembleChartSvg } from "../report/ensemble-chart.ts";
import { withEnsembleColumns } from "../report/ensemble-csv.ts";
import type { EnsembleSummary } from "../report/ensemble.ts";
import type { Summary } from "../report/summary.ts";
import { timeseriesCsv } from "../report/timeseries-csv.ts";
import type { ResolvedScenario } from "../scenario/resolve.ts";
import type { EnsembleOutput } from "./ensemble.ts";
import { svgToPng } from "./png.ts";

/** summary.json of an ensemble: run 0's schema-1 summary plus `ensemble`. */
export type EnsembleSummaryJson = Summary & { ensemble: EnsembleSummary };

/** Run 0's summary with the ensemble object added. */
export function ensembleSummaryJson(output: EnsembleOutput): EnsembleSummaryJson {
  return { ...output.run0.summary, ensemble: output.ensemble };
}

/** Builds every output file of an ensemble, as name -> contents. */
export function ensembleFiles(
  scenario: ResolvedScenario,
  output: EnsembleOutput,
): Record<string, string | Uint8Array> {
  const { run0 } = output;
  const svg = ensembleChartSvg(
    run0.summary,
    output.ensemble,
    output.bands,
    run0.result.wormVariants,
  );
  return {
    "summary.json": JSON.stringify(ensembleSummaryJson(output), null, 2) + "\n",
    "timeseries.csv": withEnsembleColumns(timeseriesCsv(run0.result, run0.summary), output.bands),
    "outbreak.svg": svg,
    "outbreak.png": svgToPng(svg),
    "scenario.json": JSON.stringify(scenario, null, 2) + "\n",
  };
}
