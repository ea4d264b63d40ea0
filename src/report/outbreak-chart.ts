/**
 * The outbreak chart: infected hosts (left axis) and new infections per minute (right axis), with the
 * published figures of the preset marked for comparison.
 */
import type { EngineResult } from "../sim/engine-result.ts";
import { lineChartSvg, type ChartMarkedPoint, type ChartSeries } from "./line-chart.ts";
import { sumOverWorms, type Summary } from "./summary.ts";

/** Published figures to mark on a preset's chart. @see codered-facts.md section 4 */
export const PUBLISHED_POINTS: Readonly<Record<string, readonly ChartMarkedPoint[]>> = {
  "jul19-2001": [
    {
      name: "CAIDA: >359,000 infected by 00:00 UTC 20 July",
      x: "2001-07-20T00:00:00Z",
      y: 359_000,
      label: "CAIDA >359,000",
    },
  ],
};

/** Published peak rates, drawn as a reference line on the right axis. */
export const PUBLISHED_PEAK_PER_MINUTE: Readonly<Record<string, number>> = {
  "jul19-2001": 2_000,
};

/** Renders the outbreak chart as SVG. */
export function outbreakChartSvg(result: EngineResult, summary: Summary): string {
  const W = result.wormVariants.length;
  const M = result.minutes;
  const t = (m: number): number => result.input.startMs + (m + 1) * 60_000;
  const infected: [number, number][] = [];
  const ever: [number, number][] = [];
  const perMinute: [number, number][] = [];
  for (let m = 0; m < M; m++) {
    infected.push([t(m), sumOverWorms(result.infectedAtEnd, W, M, m)]);
    ever.push([t(m), result.everAtEnd[m]]);
    perMinute.push([
      result.input.startMs + m * 60_000,
      sumOverWorms(result.newInfections, W, M, m),
    ]);
  }
  const key = summary.preset ?? "";
  const series: ChartSeries[] = [
    { name: "Ever infected", points: ever, style: "line" },
    { name: "Infected now", points: infected, style: "line" },
    { name: "New infections per minute", points: perMinute, yAxisIndex: 1, style: "line" },
  ];
  if (W > 1) {
    result.wormVariants.forEach((v, w) => {
      const points: [number, number][] = [];
      for (let m = 0; m < M; m++) points.push([t(m), result.infectedAtEnd[w * M + m]]);
      series.push({ name: `Infected now: ${v}`, points, dashed: true });
    });
  }
  const peak = PUBLISHED_PEAK_PER_MINUTE[key];
  if (peak !== undefined && M > 0) {
    series.push({
      name: `CAIDA peak >${peak.toLocaleString("en-US")}/min`,
      points: [
        [result.input.startMs, peak],
        [result.input.endMs, peak],
      ],
      yAxisIndex: 1,
      dashed: true,
    });
  }
  const startMs = result.input.startMs;
  const marks = (PUBLISHED_POINTS[key] ?? []).filter((p) => {
    const x = typeof p.x === "string" ? Date.parse(p.x) : p.x;
    return x >= startMs && x <= result.input.endMs;
  });
  return lineChartSvg({
    title: `${summary.scenario}: ${result.wormVariants.join(" + ")} outbreak`,
    subtitle: `seed ${summary.seed} · scenario ${summary.scenarioHash} · wormscope ${summary.version}`,
    xAxis: { label: "Time (UTC)", kind: "time", min: startMs, max: result.input.endMs },
    yAxes: [
      { label: "Infected hosts", min: 0 },
      { label: "New infections per minute", min: 0 },
    ],
    series,
    markedPoints: marks,
    markedPointsName: "Published figures (CAIDA)",
  });
}
