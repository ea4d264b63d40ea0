/**
 * The HTML report of a sweep (`wormscope runs report SWEEP`): for the first swept path, the mean
 * ever-infected curve per value with its 5-95% band over the runs at that value (the other paths
 * pooled); with two or more paths, a heat map of the mean final figure over the first two; and a
 * table of every point (values, runs, mean and 5-95% of the figure). Self-contained, deterministic.
 */
import { quantile } from "./ensemble.ts";
import { escapeHtml } from "./analyze-html.ts";
import { lineChartSvg, type ChartSeries } from "./line-chart.ts";

/** One stored run as the report needs it. */
export interface SweepReportRun {
  readonly point: number;
  readonly values: Readonly<Record<string, unknown>>;
  /** The figure compared across points (e.g. hosts ever infected at the end). */
  readonly figure: number;
  /** Ever-infected hosts at the end of each minute. */
  readonly everPerMinute: ArrayLike<number>;
}

/** What the report shows. */
export interface SweepReportInput {
  readonly sweep: string;
  readonly paths: readonly string[];
  readonly figureName: string;
  readonly startMs: number;
  readonly runs: readonly SweepReportRun[];
  /** Points planned and runs planned (the report says how many are stored). */
  readonly plannedRuns: number;
  readonly provenance: string;
}

const MINUTE_MS = 60_000;

function valueText(v: unknown): string {
  return typeof v === "string" ? v : JSON.stringify(v);
}

function stats(values: readonly number[]): { mean: number; p5: number; p95: number } {
  const sorted = [...values].sort((a, b) => a - b);
  const mean = sorted.reduce((s, v) => s + v, 0) / Math.max(1, sorted.length);
  return { mean, p5: quantile(sorted, 0.05), p95: quantile(sorted, 0.95) };
}

/** Mean and 5-95% band per minute of the curves of `runs` (all of one length). */
function bandSeries(
  name: string,
  runs: readonly SweepReportRun[],
  startMs: number,
  step: number,
): ChartSeries {
  const minutes = Math.min(...runs.map((r) => r.everPerMinute.length));
  const points: [number, number][] = [];
  const band: [number, number, number][] = [];
  for (let m = 0; m < minutes; m += step) {
    const s = stats(runs.map((r) => r.everPerMinute[m]));
    const x = startMs + (m + 1) * MINUTE_MS;
    points.push([x, s.mean]);
    band.push([x, s.p5, s.p95]);
  }
  return { name, points, band };
}

/** The line chart: one mean curve with band per value of the first path. */
export function sweepLinesSvg(input: SweepReportInput): string {
  const path = input.paths[0];
  const groups = new Map<string, SweepReportRun[]>();
  for (const r of input.runs) {
    const k = path === undefined ? "all runs" : `${path} = ${valueText(r.values[path])}`;
    const g = groups.get(k) ?? [];
    g.push(r);
    groups.set(k, g);
  }
  const minutes = Math.min(...input.runs.map((r) => r.everPerMinute.length));
  const step = Math.max(1, Math.floor(minutes / 400));
  const series = [...groups].map(([k, g]) =>
    bandSeries(`${k} (${g.length} runs)`, g, input.startMs, step),
  );
  return lineChartSvg({
    title: `${input.sweep}: hosts ever infected, mean and 5-95% band per value`,
    subtitle: input.provenance,
    xAxis: { label: "Time (UTC)", kind: "time" },
    yAxes: [{ label: "Hosts ever infected" }],
    series,
  });
}

/** A colour on a light-to-dark blue ramp for t in [0, 1]. */
function ramp(t: number): string {
  const c = (a: number, b: number) => Math.round(a + (b - a) * Math.min(1, Math.max(0, t)));
  return `rgb(${c(239, 8)},${c(243, 48)},${c(255, 107)})`;
}

/** The heat map over the first two paths: the mean figure per cell, as SVG. */
export function sweepHeatmapSvg(input: SweepReportInput): string {
  const [px, py] = input.paths;
  const xs: string[] = [];
  const ys: string[] = [];
  const cells = new Map<string, number[]>();
  for (const r of input.runs) {
    const x = valueText(r.values[px]);
    const y = valueText(r.values[py]);
    if (!xs.includes(x)) xs.push(x);
    if (!ys.includes(y)) ys.push(y);
    const k = `${x}\u0000${y}`;
    const c = cells.get(k) ?? [];
    c.push(r.figure);
    cells.set(k, c);
  }
  const means = new Map([...cells].map(([k, v]) => [k, stats(v).mean]));
  const all = [...means.values()];
  const lo = Math.min(...all);
  const hi = Math.max(...all);
  const cw = 110;
  const ch = 44;
  const left = 150;
  const top = 60;
  const width = left + cw * xs.length + 30;
  const height = top + ch * ys.length + 70;
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="12">`,
    `<text x="${width / 2}" y="22" text-anchor="middle" font-size="14" font-weight="bold">${escapeHtml(`${input.sweep}: mean ${input.figureName}`)}</text>`,
  ];
  ys.forEach((y, j) => {
    parts.push(
      `<text x="${left - 8}" y="${top + j * ch + ch / 2 + 4}" text-anchor="end">${escapeHtml(y)}</text>`,
    );
    xs.forEach((x, i) => {
      const m = means.get(`${x}\u0000${y}`);
      const t = m === undefined || hi === lo ? 0.5 : (m - lo) / (hi - lo);
      const fill = m === undefined ? "#ddd" : ramp(t);
      const ink = t > 0.55 ? "#fff" : "#000";
      parts.push(
        `<rect x="${left + i * cw}" y="${top + j * ch}" width="${cw - 2}" height="${ch - 2}" fill="${fill}"/>`,
        `<text x="${left + i * cw + cw / 2}" y="${top + j * ch + ch / 2 + 4}" text-anchor="middle" fill="${ink}">${m === undefined ? "no runs" : Math.round(m).toLocaleString("en-US")}</text>`,
      );
    });
  });
  xs.forEach((x, i) => {
    parts.push(
      `<text x="${left + i * cw + cw / 2}" y="${top + ys.length * ch + 18}" text-anchor="middle">${escapeHtml(x)}</text>`,
    );
  });
  parts.push(
    `<text x="${left + (cw * xs.length) / 2}" y="${top + ys.length * ch + 44}" text-anchor="middle" font-weight="bold">${escapeHtml(px)}</text>`,
    `<text x="16" y="${top + (ch * ys.length) / 2}" font-weight="bold" transform="rotate(-90 16 ${top + (ch * ys.length) / 2})" text-anchor="middle">${escapeHtml(py)}</text>`,
    "</svg>",
  );
  return parts.join("\n");
}

/** The whole report as one HTML page. */
export function sweepReportHtml(input: SweepReportInput): string {
  const byPoint = new Map<number, SweepReportRun[]>();
  for (const r of input.runs) byPoint.set(r.point, [...(byPoint.get(r.point) ?? []), r]);
  const rows = [...byPoint]
    .sort((a, b) => a[0] - b[0])
    .map(([point, runs]) => {
      const s = stats(runs.map((r) => r.figure));
      const cells = input.paths
        .map((p) => `<td>${escapeHtml(valueText(runs[0].values[p]))}</td>`)
        .join("");
      const n = (v: number) => Math.round(v).toLocaleString("en-US");
      return `<tr><td>${point}</td>${cells}<td>${runs.length}</td><td>${n(s.mean)}</td><td>${n(s.p5)}-${n(s.p95)}</td></tr>`;
    })
    .join("\n");
  const heat = input.paths.length >= 2 ? `<h2>Heat map</h2>\n${sweepHeatmapSvg(input)}` : "";
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(`wormscope sweep ${input.sweep}`)}</title>
<style>body{font-family:sans-serif;margin:2em;max-width:1100px}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:4px 8px;text-align:right}th{background:#f4f4f4}</style>
</head><body>
<h1>Sweep ${escapeHtml(input.sweep)}</h1>
<p>${input.runs.length} of ${input.plannedRuns} runs stored. ${escapeHtml(input.provenance)}</p>
<h2>Curves</h2>
${sweepLinesSvg(input)}
${heat}
<h2>Points</h2>
<table><tr><th>point</th>${input.paths.map((p) => `<th>${escapeHtml(p)}</th>`).join("")}<th>runs</th><th>mean ${escapeHtml(input.figureName)}</th><th>5-95%</th></tr>
${rows}
</table>
</body></html>
`;
}
