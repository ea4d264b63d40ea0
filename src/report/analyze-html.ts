/**
 * The self-contained HTML report of `wormscope analyze`: tables and inline SVG charts, no scripts,
 * no external resources. Every piece of log-derived text is untrusted and goes through
 * {@link escapeHtml}, so a `<script>` in a user agent or a host field is shown as text.
 */
import { CLASS_NAMES, type ClassName } from "../analysis/classes.ts";
import type { AnalyzeSummary } from "../analysis/report/summary.ts";
import { analyzeWarnings } from "../analysis/report/warnings.ts";
import type { GroupEstimate } from "../analysis/estimate/outbreak-size.ts";
import { ipv4Cell } from "../net/hilbert.ts";
import { parseIpv4 } from "../net/ipv4.ts";

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

/** Hours without requests that split the chart into a new panel (one panel per contiguous period). */
export const PANEL_GAP_HOURS = 24;

/** Most panels drawn; the rest are listed in a table. */
export const MAX_PANELS = 8;

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

/** One contiguous period of the hourly series (no gap longer than {@link PANEL_GAP_HOURS}). */
interface Period {
  readonly hours: AnalyzeSummary["hourly"];
  readonly firstHour: number;
  readonly lastHour: number;
  readonly total: number;
}

/** The hourly series split at gaps, keeping hours that have any of `classes`. */
export function periodsOf(s: AnalyzeSummary, classes: readonly ClassName[]): Period[] {
  const rows = s.hourly.filter((h) => classes.some((c) => h[c] > 0));
  const out: Period[] = [];
  let current: AnalyzeSummary["hourly"] = [];
  let last = Number.NEGATIVE_INFINITY;
  const close = () => {
    if (current.length === 0) return;
    out.push({
      hours: current,
      firstHour: Date.parse(current[0].hour) / 3_600_000,
      lastHour: Date.parse(current[current.length - 1].hour) / 3_600_000,
      total: current.reduce((t, h) => t + classes.reduce((u, c) => u + h[c], 0), 0),
    });
    current = [];
  };
  for (const h of rows) {
    const x = Date.parse(h.hour) / 3_600_000;
    if (x - last > PANEL_GAP_HOURS) close();
    current.push(h);
    last = x;
  }
  close();
  return out;
}

function hourLabel(hour: number): string {
  return new Date(hour * 3_600_000).toISOString().slice(0, 13).replace("T", " ") + ":00";
}

/** One period as stacked bars per hour and class, with its own time axis (UTC). */
function periodSvg(p: Period, classes: readonly ClassName[]): string {
  const width = 900;
  const height = 200;
  const left = 60;
  const bottom = 34;
  const top = 12;
  const span = p.lastHour - p.firstHour + 1;
  const byHour = new Map(p.hours.map((h) => [Date.parse(h.hour) / 3_600_000, h]));
  let yMax = 1;
  for (const h of p.hours)
    yMax = Math.max(
      yMax,
      classes.reduce((t, c) => t + h[c], 0),
    );
  const plotW = width - left - 10;
  const barW = Math.max(0.5, plotW / span - (span < 200 ? 1 : 0));
  const sy = (y: number): number => (y / yMax) * (height - bottom - top);
  const bars: string[] = [];
  for (const [x, h] of byHour) {
    let y0 = 0;
    for (const c of classes) {
      if (h[c] === 0) continue;
      const hgt = sy(h[c]);
      const bx = left + ((x - p.firstHour) / span) * plotW;
      bars.push(
        `<rect x="${bx.toFixed(1)}" y="${(height - bottom - y0 - hgt).toFixed(1)}" width="${barW.toFixed(1)}" height="${hgt.toFixed(1)}" fill="${COLORS[c]}"><title>${escapeHtml(`${h.hour} ${c}: ${num(h[c])}`)}</title></rect>`,
      );
      y0 += hgt;
    }
  }
  // Up to six tick labels along the period.
  const ticks: string[] = [];
  const n = Math.min(6, span);
  for (let i = 0; i < n; i++) {
    const hour = p.firstHour + Math.round((i * (span - 1)) / Math.max(1, n - 1));
    const tx = left + ((hour - p.firstHour + 0.5) / span) * plotW;
    ticks.push(
      `<text x="${tx.toFixed(1)}" y="${height - bottom + 14}" text-anchor="middle" font-size="10">${escapeHtml(hourLabel(hour))}</text>`,
    );
  }
  const axis =
    `<line x1="${left}" y1="${height - bottom}" x2="${width - 10}" y2="${height - bottom}" stroke="#333"/>` +
    `<line x1="${left}" y1="${top}" x2="${left}" y2="${height - bottom}" stroke="#333"/>` +
    `<text x="${left - 6}" y="${top + 8}" text-anchor="end" font-size="11">${num(yMax)}</text>` +
    `<text x="${left - 6}" y="${height - bottom}" text-anchor="end" font-size="11">0</text>` +
    `<text x="${width / 2}" y="${height - 4}" text-anchor="middle" font-size="11">hour (UTC), requests per hour</text>`;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" role="img">${axis}${bars.join("")}${ticks.join("")}</svg>`;
}

/**
 * Requests per hour for the given classes: one panel per contiguous period (a gap of more than
 * {@link PANEL_GAP_HOURS} hours without requests starts a new one), the largest {@link MAX_PANELS}
 * drawn as stacked bars in time order, the others listed.
 */
export function hourlyChartSvg(
  s: AnalyzeSummary,
  classes: readonly ClassName[],
  title: string,
): string {
  const periods = periodsOf(s, classes);
  if (periods.length === 0) return "";
  const drawn = new Set([...periods].sort((a, b) => b.total - a.total).slice(0, MAX_PANELS));
  const legend = classes
    .map((c) => `<span style="color:${COLORS[c]}">&#9632; ${escapeHtml(c)}</span>`)
    .join(" ");
  const panels = periods
    .filter((p) => drawn.has(p))
    .map(
      (p) =>
        `<figure><figcaption>${escapeHtml(`${hourLabel(p.firstHour)} to ${hourLabel(p.lastHour)} UTC: ${num(p.total)} requests`)}</figcaption>${periodSvg(p, classes)}</figure>`,
    )
    .join("\n");
  const rest = periods.filter((p) => !drawn.has(p));
  const restTable =
    rest.length === 0
      ? ""
      : `<p>${rest.length} smaller periods not drawn:</p>` +
        table(
          ["from (UTC)", "to (UTC)", "requests"],
          rest.map((p) => [hourLabel(p.firstHour), hourLabel(p.lastHour), num(p.total)]),
        );
  const gaps =
    periods.length > 1
      ? `<p>${periods.length} periods: the time axis breaks wherever more than ${PANEL_GAP_HOURS} hours passed without such requests.</p>`
      : "";
  return `<section><h3>${escapeHtml(title)}</h3><p>${legend}</p>${gaps}${panels}${restTable}</section>`;
}

/** The locality table: sources in the server's /16, its /8 (not /16), elsewhere, per class. */
function localitySection(s: AnalyzeSummary): string {
  if (s.locality === null) {
    return "<p>Locality against the server needs its address (<code>--server-ip</code>).</p>";
  }
  const l = s.locality;
  const rows = (["crv1v2", "crii", "codeRedUnknown"] as const).map((c) => [
    c,
    num(l[c].same16),
    num(l[c].same8),
    num(l[c].elsewhere),
    num(l[c].unknown),
  ]);
  return (
    "<p>Code Red II prefers its own /16 and /8, so its sources cluster near the server; Code Red " +
    "v1/v2 scan uniformly, so theirs are almost all elsewhere.</p>" +
    table(["class", "server's /16", "server's /8, not its /16", "elsewhere", "not IPv4"], rows)
  );
}

/**
 * The sources on an IPv4 Hilbert map, one cell per /16 (256 x 256, each /8 a 16 x 16 square,
 * labelled), coloured by the class with most sources there; the server's /16 outlined.
 */
export function sourceMapSvg(s: AnalyzeSummary): string {
  if (s.sourceBlocks16.length === 0) return "<p>No IPv4 Code Red sources to map.</p>";
  const cell = 2;
  const size = 256 * cell;
  const pad = 4;
  const parts: string[] = [];
  for (let a = 0; a < 256; a++) {
    const [x, y] = ipv4Cell(a * 2 ** 24, 4);
    const px = pad + x * 16 * cell;
    const py = pad + y * 16 * cell;
    parts.push(
      `<rect x="${px}" y="${py}" width="${16 * cell}" height="${16 * cell}" fill="${a % 2 === (x + y) % 2 ? "#f7f7f7" : "#eeeeee"}"/>`,
      `<text x="${px + 8 * cell}" y="${py + 8 * cell + 3}" text-anchor="middle" font-size="8" fill="#aaa">${a}</text>`,
    );
  }
  const classes = ["crv1v2", "crii", "codeRedUnknown"] as const;
  for (const [block, ...counts] of s.sourceBlocks16) {
    const best = counts.indexOf(Math.max(...counts));
    const n = counts[best];
    const [x, y] = ipv4Cell(block, 8);
    const opacity = Math.min(1, 0.35 + 0.2 * Math.log10(1 + n)).toFixed(2);
    parts.push(
      `<rect x="${pad + x * cell}" y="${pad + y * cell}" width="${cell}" height="${cell}" fill="${COLORS[classes[best]]}" fill-opacity="${opacity}"><title>${escapeHtml(`${block >>> 24}.${(block >>> 16) & 255}.0.0/16: ${counts.join(" / ")} sources (crv1v2 / crii / unknown)`)}</title></rect>`,
    );
  }
  const parsed = s.serverIp === null ? null : parseIpv4(s.serverIp);
  const server = parsed?.ok ? parsed.value : null;
  if (server !== null) {
    const [x, y] = ipv4Cell(server, 8);
    parts.push(
      `<rect x="${pad + x * cell - 2}" y="${pad + y * cell - 2}" width="${cell + 4}" height="${cell + 4}" fill="none" stroke="#000" stroke-width="1.5"><title>the server's /16</title></rect>`,
    );
  }
  const legend = classes
    .map((c) => `<span style="color:${COLORS[c]}">&#9632; ${escapeHtml(c)}</span>`)
    .join(" ");
  return (
    `<p>${legend}; one cell per /16 on the Hilbert curve (each numbered square is a /8); darker: more sources${server === null ? "" : "; the server's /16 outlined"}.</p>` +
    `<svg xmlns="http://www.w3.org/2000/svg" width="${size + 2 * pad}" height="${size + 2 * pad}" role="img" font-family="sans-serif">${parts.join("")}</svg>`
  );
}

/** The estimate in words, one sentence per class that has sources. */
function estimateWords(s: AnalyzeSummary): string {
  const e = s.estimate;
  const groups = [
    ["Code Red v1/v2", e.crv1v2],
    ["Code Red II", e.crii],
    ["Code Red of unknown variant", e.codeRedUnknown],
  ] as const;
  const lines = groups
    .filter(([, g]) => g.sources > 0)
    .map(
      ([name, g]) =>
        `<li>${escapeHtml(name)}: ${num(g.sources)} source addresses seen; about ${num(g.hosts)} infected hosts behind them ` +
        `(${Math.round(e.confidence * 100)}% interval ${num(g.hostsLow)}-${num(g.hostsHigh)}; ${num(g.hostsAtHighRate)}-${num(g.hostsAtLowRate)} over the rate model's band), ` +
        `each host seen with probability ${g.seenProbability.toPrecision(2)} under the rate model.</li>`,
    );
  if (lines.length === 0) return "<p>No Code Red sources: nothing to estimate.</p>";
  const a = e.assumptions as unknown as Record<string, number | boolean>;
  const n2 = (k: string) => (typeof a[k] === "number" ? a[k].toPrecision(3) : "?");
  return (
    `<ul>${lines.join("")}</ul><p>How: every infected host scans at the simulator's calibrated rate ` +
    `(${n2("crv1v2ProbesPerSecond")} probes a second for Code Red v1/v2 at the mean, ${n2("criiProbesPerSecond")} for Code Red II, ` +
    `lognormal across hosts with sigma ${n2("rateSigma")}, capped at ${n2("rateCap")} times the mean) for the whole window, and ${n2("dynamicShare")} of the hosts change ` +
    `address ${n2("movesPerHostPerHour")} times an hour; the sources seen are divided by the share of hosts that would have ` +
    "been seen and by the addresses each shows. All assumptions and their values are listed below.</p>"
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
<h2>Where the sources are</h2>${sourceMapSvg(s)}
<h3>Against the server</h3>${localitySection(s)}
<h2>Top sources</h2>${top}
<h2>Estimate</h2>${estimateWords(s)}${estimate}${assumptions}<ul>${notes}</ul>
<h2>Example lines per class</h2>${samples}
<h2>Malformed lines (samples)</h2>${malformed}
</body></html>
`;
}
