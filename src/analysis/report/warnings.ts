/**
 * The warnings of an analysis, as sentences: packets of link types wormscope does not decode, TCP
 * flows dropped to keep reassembly within its memory bound, and the estimate's own warnings. The
 * CLI prints each on stderr after `wormscope: warning: `; the HTML report lists the same sentences.
 * File names in them are untrusted text: escape or strip them for the output at hand.
 */
import type { AnalyzeSummary } from "./summary.ts";

/** Every warning of `s`, in the order the CLI prints them. */
export function analyzeWarnings(s: AnalyzeSummary): string[] {
  const out: string[] = [];
  for (const f of s.files) {
    for (const u of f.unknownLinkTypes) {
      out.push(
        `${f.path}: ${u.packets} packet${u.packets === 1 ? "" : "s"} of link type ${u.linkType} skipped (not a link type wormscope decodes; see docs/detect.md)`,
      );
    }
  }
  for (const f of s.files) {
    if (f.reassembly !== null && f.reassembly.flowsEvicted > 0) {
      out.push(
        `${f.path}: ${f.reassembly.flowsEvicted} TCP flows dropped unfinished to keep reassembly within its memory bound; requests in them may be missed`,
      );
    }
  }
  out.push(...s.estimate.warnings);
  return out;
}
