/** The terminal summary of a simulation. */
import Table from "cli-table3";
import { printable } from "../core/terminal-text.ts";
import type { Summary } from "../report/summary.ts";

export { printable };

const n = (x: number): string => Math.round(x).toLocaleString("en-US");

/** Renders the summary as a two-column table. */
export function summaryTable(s: Summary): string {
  const table = new Table({ head: ["", printable(s.scenario)], style: { head: [], border: [] } });
  const rows: [string, string][] = [
    ["period (UTC)", `${s.start} -> ${s.end}`],
    ["seed / scenario hash", `${s.seed} / ${s.scenarioHash}`],
    ["vulnerable hosts", n(s.vulnerable)],
    ["infected ever (hosts / addresses)", `${n(s.infectedEver)} / ${n(s.infectedAddressesEver)}`],
    ["infected at end", n(s.infectedAtEnd)],
    ["peak new infections / min", `${n(s.peakNewPerMinute)} at ${s.peakAt ?? "-"}`],
    ["50% / 90% of final reached", `${s.timeTo["0.5"] ?? "-"} / ${s.timeTo["0.9"] ?? "-"}`],
  ];
  if (s.telescope) {
    rows.push([
      `telescope ${s.telescope.block}`,
      `${n(s.telescope.uniqueSources)} source addresses (${n(s.telescope.uniqueHosts)} hosts), ${n(s.telescope.probes)} probes`,
    ]);
  }
  for (const [name, o] of Object.entries(s.observers)) {
    if (s.telescope && name === "telescope") continue;
    if (o.type === "sequence") {
      const reached = Object.values(o.reached).reduce((a, b) => a + b, 0);
      rows.push([`sequence ${name} @${n(o.position)}`, `${n(reached)} infected hosts reached it`]);
      continue;
    }
    rows.push([
      `${o.type} ${name} ${o.block}`,
      `${n(o.uniqueSources)} source addresses (${n(o.uniqueHosts)} hosts), ${n(o.probes)} probes`,
    ]);
  }
  for (const [v, x] of Object.entries(s.variants)) {
    rows.push([
      `${v}`,
      `${n(x.infectedEver)} infected ever, ${x.probesTotal.toExponential(2)} probes`,
    ]);
  }
  for (const d of s.defenses ?? []) {
    const parts = [`engaged ${d.engagedAt ?? "never"}`];
    if (d.probesDropped > 0) parts.push(`${d.probesDropped.toExponential(2)} probes dropped`);
    if (d.infectionsBlocked > 0) parts.push(`${n(d.infectionsBlocked)} infections blocked`);
    if (d.hostsBlocked > 0) parts.push(`${n(d.hostsBlocked)} hosts blocked`);
    if (d.hostsPatched > 0) parts.push(`${n(d.hostsPatched)} hosts patched`);
    if (d.connectionsHeld > 0) parts.push(`${n(d.connectionsHeld)} connections held`);
    if (d.infectionsPrevented !== undefined) {
      parts.push(`${n(d.infectionsPrevented)} infections prevented`);
    }
    rows.push([`defense ${d.index}: ${d.type}`, parts.join(", ")]);
  }
  if (s.comparison) {
    rows.push([
      "without defenses (same seed)",
      `${n(s.comparison.baselineInfectedEver)} infected ever; ${n(s.comparison.infectionsPrevented)} prevented`,
    ]);
  }
  rows.push(["probes represented", s.probesTotal.toExponential(3)]);
  rows.push(["events sampled", n(s.eventsSampled)]);
  rows.push(["engine time", `${s.wallSeconds.toFixed(3)} s`]);
  // Every cell may hold user input (observer names): none reaches the terminal raw.
  for (const [label, value] of rows) table.push([printable(label), printable(value)]);
  return table.toString();
}
