/**
 * The terminal summary of `wormscope analyze`: per-file counts, sources, top sources, estimate.
 * Log-derived text is already printable (control bytes escaped by the library as `\xHH`); file
 * names, which come from the command line (a glob over files someone else named, say), are not, so
 * every cell and line has its control characters removed as well ({@link printable}).
 */
import Table from "cli-table3";
import { printable } from "../core/terminal-text.ts";
import { CLASS_NAMES } from "../analysis/classes.ts";
import type { AnalyzeSummary } from "../analysis/report/summary.ts";
import type { GroupEstimate } from "../analysis/estimate/outbreak-size.ts";

const SHORT: Record<string, string> = {
  crv1v2: "CRv1/v2",
  crii: "CRII",
  codeRedUnknown: "CR (?)",
  idaOther: ".ida other",
  nimda: "Nimda",
  other: "other",
};

function n(x: number): string {
  return Math.round(x).toLocaleString("en-US");
}

/** A model parameter as printed: three significant digits. */
function param(x: number | string | boolean): string {
  return typeof x === "number" ? String(Number(x.toPrecision(3))) : String(x);
}

function estimateLine(
  label: string,
  e: GroupEstimate,
  confidence: number,
  windowSeconds: number,
): string {
  return (
    `  ${label}: ${n(e.sources)} sources in ${(windowSeconds / 3600).toFixed(1)} h -> ~${n(e.hosts)} infected hosts ` +
    `(${Math.round(confidence * 100)}% CI ${n(e.hostsLow)}-${n(e.hostsHigh)}; ` +
    `model band ${n(e.hostsAtHighRate)}-${n(e.hostsAtLowRate)}` +
    (e.addressesPerSeenHost > 1.005
      ? `; ${e.addressesPerSeenHost.toFixed(2)} addresses per seen host); `
      : "); ") +
    `${e.probesPerSource.toFixed(2)} probes/source (uniform scanning predicts ${e.expectedProbesPerSource.toFixed(2)})`
  );
}

/** Renders the summary as text tables for a terminal. */
export function renderAnalyzeTable(s: AnalyzeSummary): string {
  const head = ["file", "format", "lines", "malformed", ...CLASS_NAMES.map((c) => SHORT[c])];
  const files = new Table({ head, style: { head: [], border: [] } });
  for (const f of s.files) {
    files.push([
      printable(f.path),
      printable(f.format),
      n(f.lines),
      n(f.malformed),
      ...CLASS_NAMES.map((c) => n(f.requests[c])),
    ]);
  }
  if (s.files.length > 1) {
    files.push([
      "total",
      "",
      n(s.lines),
      n(s.malformed),
      ...CLASS_NAMES.map((c) => n(s.requests[c])),
    ]);
  }
  const out: string[] = [files.toString()];
  out.push(
    `partial (not byte-exact): CRv1/v2 ${n(s.partial.crv1v2)}, CRII ${n(s.partial.crii)}; ` +
      `distinct sources: ${CLASS_NAMES.map((c) => `${SHORT[c]} ${n(s.sources[c])}`).join(", ")}; all ${n(s.sources.any)}`,
  );
  if (s.firstSeen !== null) out.push(`time span: ${s.firstSeen} .. ${s.lastSeen}`);
  if (s.topSources.length > 0) {
    const top = new Table({
      head: ["source", "classes", "worm requests", "first seen", "last seen", "locality"],
      style: { head: [], border: [] },
    });
    for (const src of s.topSources.slice(0, 10)) {
      const worm = CLASS_NAMES.filter((c) => c !== "other").reduce(
        (a, c) => a + src.requests[c],
        0,
      );
      top.push(
        [
          src.address,
          src.classes.map((c) => SHORT[c]).join(" "),
          n(worm),
          src.firstSeen ?? "",
          src.lastSeen ?? "",
          src.locality ?? "",
        ].map(printable),
      );
    }
    out.push("top sources:", top.toString());
  }
  if (s.syn80.packets > 0) {
    out.push(`TCP SYNs to port 80: ${n(s.syn80.packets)} from ${n(s.syn80.sources)} sources`);
  }
  const e = s.estimate;
  const a = e.assumptions;
  if (e.crv1v2.sources + e.crii.sources + e.codeRedUnknown.sources > 0) {
    out.push(
      `estimate: ${param(a.crv1v2ProbesPerSecond)} probes/s per CRv1/v2 host at the mean (band ${param(a.crv1v2ProbesPerSecondLow)}-${param(a.crv1v2ProbesPerSecondHigh)}), ` +
        `per-host rates lognormal with sigma ${param(a.rateSigma)} (band ${param(a.rateSigmaLow)}-${param(a.rateSigmaHigh)}), ` +
        `${param(Number(a.dynamicShare) * 100)}% of hosts changing address ${param(a.movesPerHostPerHour)} times an hour; CRII x3 with local preference:`,
    );
    if (e.crv1v2.sources > 0)
      out.push(estimateLine("CRv1/v2", e.crv1v2, e.confidence, e.windowSeconds.crv1v2));
    if (e.crii.sources > 0)
      out.push(estimateLine("CRII", e.crii, e.confidence, e.windowSeconds.crii));
    if (e.codeRedUnknown.sources > 0) {
      out.push(
        estimateLine(
          "Code Red, variant unknown",
          e.codeRedUnknown,
          e.confidence,
          e.windowSeconds.codeRedUnknown,
        ),
      );
    }
    for (const note of e.notes) out.push(`  note: ${note}`);
  }
  for (const f of s.files) {
    const path = printable(f.path);
    for (const m of f.malformedSamples.slice(0, 3)) {
      out.push(`malformed ${path}:${m.line}: ${printable(m.reason)}: ${printable(m.text)}`);
    }
    if (f.malformed > 3) out.push(`  (${n(f.malformed - 3)} more malformed lines in ${path})`);
  }
  // The tables' cells are clean already; this catches the lines built around them.
  return out.map((block) => block.split("\n").map(printable).join("\n")).join("\n");
}
