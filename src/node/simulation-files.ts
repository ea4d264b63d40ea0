/** The files `wormscope simulate --out DIR` writes, as name -> contents. */
import { outbreakChartSvg } from "../report/outbreak-chart.ts";
import { timeseriesCsv } from "../report/timeseries-csv.ts";
import type { ResolvedScenario } from "../scenario/resolve.ts";
import type { SimulationOutput } from "../scenario/run.ts";
import { svgToPng } from "./png.ts";

/** Builds every output file of a run. */
export function simulationFiles(
  scenario: ResolvedScenario,
  output: SimulationOutput,
): Record<string, string | Uint8Array> {
  const svg = outbreakChartSvg(output.result, output.summary);
  return {
    "summary.json": JSON.stringify(output.summary, null, 2) + "\n",
    "timeseries.csv": timeseriesCsv(output.result, output.summary),
    "outbreak.svg": svg,
    "outbreak.png": svgToPng(svg),
    "scenario.json": JSON.stringify(scenario, null, 2) + "\n",
  };
}
