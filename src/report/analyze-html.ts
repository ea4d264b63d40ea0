/**
 * The self-contained HTML report of `wormscope analyze`: tables and inline SVG charts, no scripts,
 * no external resources. Every piece of log-derived text is untrusted and goes through
 * {@link escapeHtml}, so a `<script>` in a user agent or a host field is shown as text.
 */
import { CLASS_NAMES, type ClassName } from "../analysis/classes.ts";
import type { AnalyzeSummary } from "../analysis/report/summary.ts";
import { analyzeWarnings } from "../analysis/report/warnings.ts";
import type { GroupEstimate } from "../analysis/estimate/outbreak-size.ts";

/** Escapes text for HTML element content and quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

const COLORS: Record<ClassName, string> = {
  crv1v2: "#d62728",
  crii: "#9467bd",
  codeRedUnknown: "#ff7f0e",
  idaOther: "#8c564b",
  nimda: "#2ca02c",
  other: "#7f7f7f",
};

/** Most hours drawn with gaps filled; longer spans plot only the hours that had requests. */
const MAX_FILLED_HOURS = 24 * 120;

function num(x: number): string {
  return Math.round(x).toLocaleString("en-US");
}

function table(head: string[], rows: Array<Array<string | number>>): string {
  const th = head.map((h) => `<th>${escapeHtml(h)}</th>`).join("");
  const tr = rows
    .map((r) => `<tr>${r.map((c) => `<td>${escapeHtml(String(c))}</td>`).join("")}</tr>`)
    .join("\n");
  return `<table><thead><tr>${th}</tr></thead><tbody>${tr}</tbody></table>`;
}

/** An inline SVG chart of requests per hour for the given classes. */
export function hourlyChartSvg(
  s: AnalyzeSummary,
  classes: readonly ClassName[],
  title: string,
): string {
  const width = 900;
  const height = 260;
  const left = 60;
  const bottom = 40;
  const top = 30;
  const points = s.hourly.map((h) => [Date.parse(h.hour) / 3600000, h] as const);
  if (points.length === 0) return "";
  const x0 = points[0][0];
  const x1 = Math.max(points[points.length - 1][0], x0 + 1);
  const fill = x1 - x0 <= MAX_FILLED_HOURS;
  let yMax = 1;
  for (const [, h] of points) for (const c of classes) yMax = Math.max(yMax, h[c]);
  const sx = (x: number): number => left + ((x - x0) / (x1 - x0)) * (width - left - 10);
  const sy = (y: number): number => height - bottom - (y / yMax) * (height - bottom - top);
  const series = classes.map((c) => {
    const byHour = new Map(points.map(([x, h]) => [x, h[c]]));
    const xs = fill
      ? Array.from({ length: x1 - x0 + 1 }, (_, i) => x0 + i)
      : points.map(([x]) => x);
    const d = xs.map(
      (x, i) => `${i === 0 ? "M" : "L"}${sx(x).toFixed(1)},${sy(byHour.get(x) ?? 0).toFixed(1)}`,
    );
    return `<path d="${d.join("")}" fill="none" stroke="${COLORS[c]}" stroke-width="1.5"/>`;
  });
  const legend = classes
    .map(
      (c, i) => `<text x="${left + i * 130}" y="18" fill="${COLORS[c]}" font-size="12">${c}</text>`,
    )
    .join("");
  const axis =
    `<line x1="${left}" y1="${height - bottom}" x2="${width - 10}" y2="${height - bottom}" stroke="#333"/>` +
    `<line x1="${left}" y1="${top}" x2="${left}" y2="${height - bottom}" stroke="#333"/>` +
    `<text x="${left - 6}" y="${top + 4}" text-anchor="end" font-size="11">${num(yMax)}</text>` +
    `<text x="${left - 6}" y="${height - bottom}" text-anchor="end" font-size="11">0</text>` +
    `<text x="${left}" y="${height - 12}" font-size="11">${escapeHtml(s.hourly[0].hour)}</text>` +
    `<text x="${width - 10}" y="${height - 12}" text-anchor="end" font-size="11">${escapeHtml(s.hourly[s.hourly.length - 1].hour)}</text>` +
    `<text x="${width / 2}" y="${height - 12}" text-anchor="middle" font-size="11">hour (UTC); requests per hour</text>`;
  return (
    `<figure><figcaption>${escapeHtml(title)}</figcaption>` +
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" role="img">` +
    `${axis}${series.join("")}${legend}</svg></figure>`
  );
}

function estimateRows(label: string, e: GroupEstimate): Array<string | number> {
  return [
    label,
    num(e.sources),
    num(e.requests),
    num(e.hosts),
    `${num(e.hostsLow)} - ${num(e.hostsHigh)}`,
    `${num(e.hostsAtHighRate)} - ${num(e.hostsAtLowRate)}`,
    e.addressesPerSeenHost.toFixed(2),
    e.probesPerSource.toFixed(2),
    e.expectedProbesPerSource.toFixed(2),
  ];
}

/** Renders the whole report as one HTML document. */
export function renderAnalyzeHtml(s: AnalyzeSummary): string {
  const files = table(
    ["file", "format", "lines", "malformed", ...CLASS_NAMES, "error"],
    s.files.map((f) => [
      f.path,
      f.format,
      num(f.lines),
      num(f.malformed),
      ...CLASS_NAMES.map((c) => num(f.requests[c])),
      f.error ?? "",
    ]),
  );
  const warnings = analyzeWarnings(s);
  const warningList =
    warnings.length === 0
      ? ""
      : `<h2>Warnings</h2><ul class="warnings">${warnings.map((w) => `<li>${escapeHtml(w)}</li>`).join("")}</ul>`;
  const captures = s.files.filter((f) => f.reassembly !== null || f.unknownLinkTypes.length > 0);
  const captureTable =
    captures.length === 0
      ? ""
      : `<h2>Captures: decoding and TCP reassembly</h2>` +
        table(
          [
            "file",
            "unknown link types (packets skipped)",
            "flows dropped",
            "gaps skipped",
            "peak buffered bytes",
          ],
          captures.map((f) => [
            f.path,
            f.unknownLinkTypes.map((u) => `${u.linkType}: ${num(u.packets)}`).join(", ") || "none",
            f.reassembly === null ? "" : num(f.reassembly.flowsEvicted),
            f.reassembly === null ? "" : num(f.reassembly.gapsSkipped),
            f.reassembly === null ? "" : num(f.reassembly.peakBufferedBytes),
          ]),
        );
  const top = table(
    ["source", "classes", ...CLASS_NAMES, "first seen", "last seen", "locality"],
    s.topSources.map((t) => [
      t.address,
      t.classes.join(" "),
      ...CLASS_NAMES.map((c) => num(t.requests[c])),
      t.firstSeen ?? "",
      t.lastSeen ?? "",
      t.locality ?? "",
    ]),
  );
  const malformed = table(
    ["file", "line", "reason", "text"],
    s.files.flatMap((f) => f.malformedSamples.map((m) => [f.path, m.line, m.reason, m.text])),
  );
  const samples = table(
    ["file", "line", "class", "text"],
    s.files.flatMap((f) =>
      Object.entries(f.samples).flatMap(([cls, list]) =>
        (list ?? []).map((m) => [f.path, m.line, cls, m.text]),
      ),
    ),
  );
  const e = s.estimate;
  const estimate = table(
    [
      "class",
      "sources",
      "requests",
      "infected hosts",
      `${Math.round(e.confidence * 100)}% interval`,
      "model band (rate, sigma)",
      "addresses per seen host",
      "probes/source",
      "uniform predicts",
    ],
    [
      estimateRows("CRv1/v2", e.crv1v2),
      estimateRows("CRII", e.crii),
      estimateRows("Code Red, variant unknown", e.codeRedUnknown),
    ],
  );
  const assumptions = table(
    ["assumption", "value"],
    Object.entries(e.assumptions).map(([k, v]) => [k, String(v)]),
  );
  const notes = e.notes.map((n) => `<li>${escapeHtml(n)}</li>`).join("");
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<title>wormscope analyze report</title>
<style>
body{font:14px/1.4 system-ui,sans-serif;margin:2em;color:#222}
table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ccc;padding:3px 8px;text-align:left}
th{background:#f3f3f3}td{font-family:ui-monospace,monospace;white-space:pre-wrap;word-break:break-all;max-width:50em}
</style></head><body>
<h1>wormscope: Code Red in ${num(s.lines)} lines</h1>
<p>Requests: ${CLASS_NAMES.map((c) => `${c} ${num(s.requests[c])}`).join(", ")}. Partial: CRv1/v2 ${num(s.partial.crv1v2)}, CRII ${num(s.partial.crii)}.
Time span: ${escapeHtml(s.firstSeen ?? "-")} to ${escapeHtml(s.lastSeen ?? "-")}. Server: ${escapeHtml(s.serverIp ?? "unknown")}.</p>
<h2>Files</h2>${files}
${warningList}${captureTable}
<h2>Requests per hour</h2>
${hourlyChartSvg(s, ["crv1v2", "crii", "codeRedUnknown", "nimda", "idaOther"], "Worm requests per hour")}
${hourlyChartSvg(s, ["other"], "Other requests per hour")}
<h2>Top sources</h2>${top}
<h2>Estimate</h2>${estimate}${assumptions}<ul>${notes}</ul>
<h2>Example lines per class</h2>${samples}
<h2>Malformed lines (samples)</h2>${malformed}
</body></html>
`;
}
