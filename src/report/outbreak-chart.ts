/**
 * The outbreak chart: infected hosts (left axis) and new infections per minute (right axis), with the
 * published figures of the preset marked for comparison.
 */
import type { EngineResult } from "../sim/engine-result.ts";
import { lineChartSvg, type ChartSeries } from "./line-chart.ts";
import { PUBLISHED_PEAK_PER_MINUTE, PUBLISHED_POINTS } from "./published-points.ts";

export { PUBLISHED_PEAK_PER_MINUTE, PUBLISHED_POINTS };
import { sumOverWorms, type Summary } from "./summary.ts";

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
  // CAIDA's count is of source addresses at a telescope: draw the model's, beside its hosts.
  const telescope = result.observers.find((o) => o.type === "telescope");
  const pairs = telescope?.sourceFirstSeenSeconds;
  if (telescope && pairs && telescope.uniqueSources !== telescope.uniqueHosts) {
    const perMinute = new Uint32Array(M);
    for (const s of pairs) if (s >= 0) perMinute[Math.min(M - 1, Math.floor(s / 60))]++;
    const points: [number, number][] = [];
    let so = 0;
    for (let m = 0; m < M; m++) points.push([t(m), (so += perMinute[m])]);
    series.push({ name: `Source addresses at ${telescope.name}`, points, dashed: true });
  }
  if (W > 1) {
    result.wormVariants.forEach((v, w) => {
      const points: [number, number][] = [];
      for (let m = 0; m < M; m++) points.push([t(m), result.infectedAtEnd[w * M + m]]);
      series.push({ name: `Infected now: ${v}`, points, dashed: true });
    });
  }
  return outbreakFrameSvg({
    title: `${summary.scenario}: ${result.wormVariants.join(" + ")} outbreak`,
    subtitle: `seed ${summary.seed} · scenario ${summary.scenarioHash} · wormscope ${summary.version}`,
    preset: key,
    startMs: result.input.startMs,
    endMs: result.input.endMs,
    series,
  });
}

/** What {@link outbreakFrameSvg} draws besides the frame. */
export interface OutbreakFrame {
  title: string;
  subtitle: string;
  /** Preset name, for its published figures (or ""). */
  preset: string;
  startMs: number;
  endMs: number;
  /** Series on the infected-hosts axis (0) and the new-infections axis (1). */
  series: ChartSeries[];
}

/**
 * The frame shared by single-run and ensemble outbreak charts: time axis, infected hosts on the left,
 * new infections per minute on the right, and the preset's published peak rate and points marked.
 */
export function outbreakFrameSvg(frame: OutbreakFrame): string {
  const { startMs, endMs } = frame;
  const series = [...frame.series];
  const peak = PUBLISHED_PEAK_PER_MINUTE[frame.preset];
  if (peak !== undefined && endMs > startMs) {
    series.push({
      name: `CAIDA peak >${peak.toLocaleString("en-US")}/min`,
      points: [
        [startMs, peak],
        [endMs, peak],
      ],
      yAxisIndex: 1,
      dashed: true,
    });
  }
  const marks = (PUBLISHED_POINTS[frame.preset] ?? []).filter((p) => {
    const x = typeof p.x === "string" ? Date.parse(p.x) : p.x;
    return x >= startMs && x <= endMs;
  });
  return lineChartSvg({
    title: frame.title,
    subtitle: frame.subtitle,
    xAxis: { label: "Time (UTC)", kind: "time", min: startMs, max: endMs },
    yAxes: [
      { label: "Infected hosts / source addresses", min: 0 },
      { label: "New infections per minute", min: 0 },
    ],
    series,
    markedPoints: marks,
    markedPointsName: "Published figures (CAIDA)",
  });
}
