/**
 * The --compare chart: hosts ever infected and infected now, with and without the scenario's
 * defenses on the same seed, and a vertical line where each defense engages.
 */
import type { EngineResult } from "../sim/engine-result.ts";
import { lineChartSvg, type ChartSeries } from "./line-chart.ts";
import { sumOverWorms, type Summary } from "./summary.ts";

/** Per-minute curves of a run: [minute end (epoch ms), value]. */
function curves(result: EngineResult): { ever: [number, number][]; now: [number, number][] } {
  const W = result.wormVariants.length;
  const M = result.minutes;
  const ever: [number, number][] = [];
  const now: [number, number][] = [];
  for (let m = 0; m < M; m++) {
    const t = result.input.startMs + (m + 1) * 60_000;
    ever.push([t, result.everAtEnd[m]]);
    now.push([t, sumOverWorms(result.infectedAtEnd, W, M, m)]);
  }
  return { ever, now };
}

/** Renders the comparison as SVG. */
export function compareChartSvg(
  defended: { result: EngineResult; summary: Summary },
  baseline: { result: EngineResult; summary: Summary },
): string {
  const d = curves(defended.result);
  const b = curves(baseline.result);
  const top = Math.max(1, baseline.summary.infectedEver, defended.summary.infectedEver);
  const series: ChartSeries[] = [
    { name: "Ever infected, no defenses", points: b.ever, color: "#D55E00" },
    { name: "Infected now, no defenses", points: b.now, color: "#D55E00", dashed: true },
    { name: "Ever infected, with defenses", points: d.ever, color: "#0072B2" },
    { name: "Infected now, with defenses", points: d.now, color: "#0072B2", dashed: true },
  ];
  const marks = ["#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000"];
  (defended.summary.defenses ?? []).forEach((x, i) => {
    if (x.engagedAt === null) return;
    const t = Date.parse(x.engagedAt);
    series.push({
      name: `${x.type} engages ${x.engagedAt.slice(11, 16)}`,
      points: [
        [t, 0],
        [t, top],
      ],
      color: marks[i % marks.length],
      dashed: true,
    });
  });
  const s = defended.summary;
  return lineChartSvg({
    title: `${s.scenario}: with and without defenses`,
    subtitle: `seed ${s.seed} · scenario ${s.scenarioHash} · wormscope ${s.version} · ever infected ${baseline.summary.infectedEver.toLocaleString("en-US")} -> ${s.infectedEver.toLocaleString("en-US")}`,
    xAxis: {
      label: "Time (UTC)",
      kind: "time",
      min: defended.result.input.startMs,
      max: defended.result.input.endMs,
    },
    yAxes: [{ label: "Hosts", min: 0 }],
    series,
  });
}
