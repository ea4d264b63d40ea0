/**
 * Line charts as SVG strings, rendered by Apache ECharts server-side (no DOM), so the same code runs in
 * Node and in a browser. Output is deterministic: the same spec gives the same SVG bytes.
 */
import * as echarts from "echarts/core";
import { LineChart, ScatterChart } from "echarts/charts";
import { GridComponent, LegendComponent, TitleComponent } from "echarts/components";
import { SVGRenderer } from "echarts/renderers";
import { hashString32 } from "../core/rng.ts";
import { CHART_MAX_POINTS, downsamplePoints, lttbIndices } from "./downsample.ts";

echarts.use([LineChart, ScatterChart, GridComponent, LegendComponent, TitleComponent, SVGRenderer]);

/** An x value: epoch milliseconds or an ISO 8601 string on a time axis, a plain number otherwise. */
export type ChartX = number | string;

/** The horizontal axis. `kind: "time"` reads x as epoch-ms or ISO 8601 and labels it in UTC. */
export interface ChartXAxis {
  /** Axis name with its unit, e.g. "Time (UTC)" or "Hours since start". */
  label: string;
  kind: "time" | "value";
  min?: ChartX;
  max?: ChartX;
}

/** A vertical axis: index 0 is drawn on the left, index 1 on the right. */
export interface ChartYAxis {
  /** Axis name with its unit, e.g. "Infected hosts" or "New infections per minute". */
  label: string;
  min?: number;
  max?: number;
}

/** One data series. */
export interface ChartSeries {
  /** Legend name. */
  name: string;
  points: ReadonlyArray<readonly [ChartX, number]>;
  /** Which y axis (0 left, 1 right); default 0. */
  yAxisIndex?: 0 | 1;
  /** Default "line". */
  style?: "line" | "area" | "scatter";
  /** Dashed line (for a model drawn against data, say). */
  dashed?: boolean;
  /** CSS colour; default from the palette by series position. */
  color?: string;
  /** A shaded band [x, lo, hi] behind the series, e.g. an ensemble 5-95% range. */
  band?: ReadonlyArray<readonly [ChartX, number, number]>;
}

/** A labelled point, e.g. a published figure the model should meet. */
export interface ChartMarkedPoint {
  name: string;
  x: ChartX;
  y: number;
  /** Text drawn beside the point; default `name`. */
  label?: string;
  yAxisIndex?: 0 | 1;
}

/** Everything a line chart shows. */
export interface LineChartSpec {
  title: string;
  subtitle?: string;
  /** Default 960. */
  widthPx?: number;
  /** Default 540. */
  heightPx?: number;
  xAxis: ChartXAxis;
  yAxes: readonly [ChartYAxis] | readonly [ChartYAxis, ChartYAxis];
  series: readonly ChartSeries[];
  markedPoints?: readonly ChartMarkedPoint[];
  /** Legend name of the marked points; default "Published figures". */
  markedPointsName?: string;
}

/** A colour-blind-friendly palette (Okabe and Ito). */
const PALETTE = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000"];
const MARK_COLOR = "#B00020";
/** Time-axis labels by level: dates at day boundaries, clock time within a day (UTC). */
const TIME_LABELS = {
  year: "{yyyy}",
  month: "{MMM} {yyyy}",
  day: "{d} {MMM}",
  hour: "{HH}:{mm}",
  minute: "{HH}:{mm}",
  second: "{HH}:{mm}:{ss}",
  millisecond: "{HH}:{mm}:{ss}",
};
const FONT = "DejaVu Sans, Helvetica, Arial, sans-serif";

/**
 * Renders `spec` as an SVG document (animation off, white background, legend, UTC time labels).
 */
export function lineChartSvg(spec: LineChartSpec): string {
  const widthPx = spec.widthPx ?? 960;
  const heightPx = spec.heightPx ?? 540;
  const chart = echarts.init(null, null, {
    renderer: "svg",
    ssr: true,
    width: widthPx,
    height: heightPx,
  });
  try {
    chart.setOption(buildOption(spec));
    return stableIds(chart.renderToSVGString());
  } finally {
    chart.dispose();
  }
}

/**
 * zrender names ids and classes after process-wide counters (zr0-cls-7, zr1-c0, ...). Renumbering them
 * in order of first appearance, under a prefix hashed from the content, makes output byte-stable, and
 * two charts inlined in one page do not share ids or classes.
 */
function stableIds(svg: string): string {
  const ID = /\bzr\d+-([a-z]+-?)(\d+)\b/g;
  const seen = new Map<string, string>();
  const counts = new Map<string, number>();
  const renumbered = svg.replace(ID, (token: string, kind: string) => {
    let id = seen.get(token);
    if (id === undefined) {
      const n = counts.get(kind) ?? 0;
      counts.set(kind, n + 1);
      id = `\u0000${kind}${n}`; // NUL cannot occur in XML text, so no user text matches
      seen.set(token, id);
    }
    return id;
  });
  const prefix = `ws${hashString32(renumbered).toString(16).padStart(8, "0")}-`;
  return renumbered.replace(/\u0000([a-z]+-?\d+)/g, (_m, id: string) => prefix + id);
}

function toX(x: ChartX, kind: ChartXAxis["kind"]): number {
  if (typeof x === "number") return x;
  const ms = kind === "time" ? Date.parse(x) : Number(x);
  if (!Number.isFinite(ms)) throw new RangeError(`chart x value is not a ${kind}: ${x}`);
  return ms;
}

/** Rows the bottom legend wraps into, from a generous estimate of the label widths (DejaVu Sans). */
function legendRows(names: readonly string[], widthPx: number): number {
  let rows = 1;
  let used = 0;
  for (const name of names) {
    const item = 25 + 5 + 7.5 * name.length + 32; // icon, gap, text at 12px, item gap
    if (used > 0 && used + item > widthPx - 20) {
      rows++;
      used = 0;
    }
    used += item;
  }
  return rows;
}

function widen(lo: number, hi: number, x: number): [number, number] {
  return [Math.min(lo, x), Math.max(hi, x)];
}

function buildOption(spec: LineChartSpec): echarts.EChartsCoreOption {
  const kind = spec.xAxis.kind;
  const twoAxes = spec.yAxes.length === 2;
  const series: Record<string, unknown>[] = [];
  const legend: string[] = [];
  spec.series.forEach((s, i) => {
    const color = s.color ?? PALETTE[i % PALETTE.length];
    const yAxisIndex = s.yAxisIndex ?? 0;
    legend.push(s.name);
    series.push(seriesOption(s, color, yAxisIndex, kind));
    if (s.band && s.band.length > 0) series.push(...bandOptions(s, color, yAxisIndex, kind));
  });
  const marks = spec.markedPoints ?? [];
  const markName = spec.markedPointsName ?? "Published figures";
  if (marks.length > 0) {
    let lo = Infinity;
    let hi = -Infinity;
    for (const s of spec.series) for (const [x] of s.points) [lo, hi] = widen(lo, hi, toX(x, kind));
    for (const m of marks) [lo, hi] = widen(lo, hi, toX(m.x, kind));
    const midX = (lo + hi) / 2;
    legend.push(markName);
    for (const axis of [0, 1] as const) {
      const onAxis = marks.filter((m) => (m.yAxisIndex ?? 0) === axis);
      if (onAxis.length > 0) series.push(markOption(markName, onAxis, axis, kind, midX));
    }
  }
  const axisName = (name: string) => ({
    name,
    nameLocation: "middle" as const,
    nameTextStyle: { fontSize: 13, fontFamily: FONT },
  });
  return {
    animation: false,
    useUTC: true,
    backgroundColor: "#ffffff",
    textStyle: { fontFamily: FONT },
    title: {
      text: spec.title,
      subtext: spec.subtitle ?? "",
      left: "center",
      textStyle: { fontSize: 16, fontFamily: FONT },
      subtextStyle: { fontSize: 12, fontFamily: FONT, color: "#444" },
    },
    // Node's text measurer assumes Arial widths; DejaVu Sans is wider, hence the generous gap.
    legend: { data: legend, bottom: 4, itemGap: 32, textStyle: { fontFamily: FONT } },
    grid: {
      left: 88,
      right: twoAxes ? 88 : 32,
      top: spec.subtitle ? 72 : 56,
      bottom: 72 + 26 * legendRows(legend, spec.widthPx ?? 960),
    },
    xAxis: {
      type: kind,
      ...axisName(spec.xAxis.label),
      nameGap: 28,
      min: spec.xAxis.min === undefined ? "dataMin" : toX(spec.xAxis.min, kind),
      max: spec.xAxis.max === undefined ? "dataMax" : toX(spec.xAxis.max, kind),
      splitLine: { show: false },
      axisLabel:
        kind === "time" ? { formatter: TIME_LABELS, hideOverlap: true } : { hideOverlap: true },
    },
    yAxis: spec.yAxes.map((y, i) => ({
      type: "value",
      ...axisName(y.label),
      nameGap: 64,
      position: i === 0 ? "left" : "right",
      min: y.min,
      max: y.max,
      splitLine: { show: i === 0 },
    })),
    series,
  };
}

function seriesOption(
  s: ChartSeries,
  color: string,
  yAxisIndex: number,
  kind: ChartXAxis["kind"],
): Record<string, unknown> {
  // Long series are downsampled (LTTB); up to CHART_MAX_POINTS points are drawn as given.
  const data = downsamplePoints(s.points.map(([x, y]) => [toX(x, kind), y] as const));
  if (s.style === "scatter") {
    return { type: "scatter", name: s.name, yAxisIndex, data, symbolSize: 5, itemStyle: { color } };
  }
  return {
    type: "line",
    name: s.name,
    yAxisIndex,
    data,
    showSymbol: false,
    z: 3,
    itemStyle: { color },
    lineStyle: { color, width: 2, type: s.dashed ? "dashed" : "solid" },
    ...(s.style === "area" ? { areaStyle: { color, opacity: 0.25 } } : {}),
  };
}

/** A band is two stacked invariant lines: the low edge (invisible) and the width, filled. */
function bandOptions(
  s: ChartSeries,
  color: string,
  yAxisIndex: number,
  kind: ChartXAxis["kind"],
): Record<string, unknown>[] {
  const band = downsampleBand(s.band ?? [], kind);
  const common = {
    type: "line",
    name: s.name,
    yAxisIndex,
    stack: `band:${s.name}`,
    showSymbol: false,
    silent: true,
    z: 1,
    itemStyle: { color },
    lineStyle: { opacity: 0 },
  };
  return [
    { ...common, data: band.map(([x, lo]) => [toX(x, kind), lo]) },
    {
      ...common,
      data: band.map(([x, lo, hi]) => [toX(x, kind), Math.max(0, hi - lo)]),
      areaStyle: { color, opacity: 0.2 },
    },
  ];
}

/**
 * A long band keeps the points LTTB keeps of either edge (at most CHART_MAX_POINTS in all); a band of
 * up to CHART_MAX_POINTS points is drawn as given.
 */
function downsampleBand(
  band: ReadonlyArray<readonly [ChartX, number, number]>,
  kind: ChartXAxis["kind"],
): ReadonlyArray<readonly [ChartX, number, number]> {
  if (band.length <= CHART_MAX_POINTS) return band;
  const x = band.map(([bx]) => toX(bx, kind));
  const half = Math.floor(CHART_MAX_POINTS / 2);
  const lo = lttbIndices(
    x,
    band.map(([, l]) => l),
    half,
  );
  const hi = lttbIndices(
    x,
    band.map(([, , h]) => h),
    half,
  );
  const keep = [...new Set([...lo, ...hi])].sort((a, b) => a - b);
  return keep.map((i) => band[i]);
}

function markOption(
  name: string,
  marks: readonly ChartMarkedPoint[],
  yAxisIndex: number,
  kind: ChartXAxis["kind"],
  midX: number,
): Record<string, unknown> {
  return {
    type: "scatter",
    name,
    yAxisIndex,
    z: 5,
    symbol: "diamond",
    symbolSize: 11,
    itemStyle: { color: MARK_COLOR },
    label: {
      show: true,
      fontSize: 11,
      fontFamily: FONT,
      color: "#222",
      backgroundColor: "rgba(255,255,255,0.85)",
      padding: 2,
    },
    data: marks.map((m) => ({
      name: m.name,
      value: [toX(m.x, kind), m.y],
      // Labels point inwards so the ones near the right edge are not clipped.
      label: {
        formatter: m.label ?? m.name,
        position: toX(m.x, kind) > midX ? "left" : "right",
      },
    })),
  };
}
