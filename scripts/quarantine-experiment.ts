/**
 * The quarantine experiment (issue 11 item 10): Moore, Shannon, Voelker and Savage's question,
 * "how fast must a containment system react?", answered with wormscope's filters. Share of the
 * vulnerable hosts ever infected at the end of the run against reaction time, for address
 * blacklisting and content filtering, on seven deployments (all customer networks; the top 10, 20,
 * 40 and 100 ASes; 50% and 90% of customer networks), 20 seeds per point (seeds 1-20), two models:
 * - "calibrated": the jul19-2001 preset as it is (wormscope's calibrated Code Red v2: 375,000
 *   vulnerable hosts, 13.9 probes/s with success 0.41, lognormal rate heterogeneity, patching and
 *   reboots; 14 hours, to the worm's own stop at 00:00 UTC 20 July);
 * - "paper": the paper's own setting as far as it is known (docs/research/issue-11-defenses.md):
 *   360,000 hosts, 10 probes/s, every probe of a vulnerable host infects it, no patching, reboots,
 *   heterogeneity or churn, one initial host, 24 hours.
 * Runs go through `wormscope sweep` into a run store (resumable: run it again to finish), then the
 * table and the charts are computed from the store.
 *
 *   npx tsx scripts/quarantine-experiment.ts [--out out/quarantine] [--threads 2] [--seeds 20]
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { RunStore } from "../src/node/run-store.ts";
import { svgToPng } from "../src/node/png.ts";
import { lineChartSvg, type ChartSeries } from "../src/report/line-chart.ts";
import { flag } from "./script-args.ts";

const out = flag("--out", "out/quarantine");
const threads = flag("--threads", "2");
const seedCount = Number(flag("--seeds", "20"));
const seeds = Array.from({ length: seedCount }, (_, i) => i + 1);

const DEPLOYMENTS: { label: string; value: unknown }[] = [
  { label: "all", value: "all" },
  { label: "top 10 ASes", value: { topAses: 10 } },
  { label: "top 20 ASes", value: { topAses: 20 } },
  { label: "top 40 ASes", value: { topAses: 40 } },
  { label: "top 100 ASes", value: { topAses: 100 } },
  { label: "50% of customers", value: { customerNetworks: 0.5 } },
  { label: "90% of customers", value: { customerNetworks: 0.9 } },
];
const REACTIONS: Record<string, number[]> = {
  "address-blacklist": [5, 10, 15, 20, 30, 45, 60, 120],
  "content-filter": [30, 60, 90, 120, 180, 240, 360, 480],
};
/** The paper's setting (see the header). */
const PAPER_BASE = {
  extends: "jul19-2001",
  start: "2001-07-18T00:00:00Z",
  until: "2001-07-19T00:00:00Z",
  population: { model: "july2001", vulnerableHosts: 360_000, patchedAtStart: 0 },
  worms: [
    {
      variant: "crv2",
      introducedAt: "2001-07-18T00:00:00Z",
      initialInfected: 1,
      probesPerSecond: 10,
      infectionSuccess: 1,
    },
  ],
  patching: [],
  reboots: [],
  observers: [],
  rateHeterogeneity: { distribution: "lognormal", sigma: 0 },
  addressChurn: { dynamicShare: 0, perHostPerHour: 0 },
};
const CALIBRATED_BASE = { extends: "jul19-2001", observers: [] };
const MODELS: Record<string, unknown> = { calibrated: CALIBRATED_BASE, paper: PAPER_BASE };

/**
 * Analytic thresholds of the simple SI theory for the paper's setting (research notes, D: N = 360,000,
 * r = 10/s, K = 3.02/h): the largest reaction time keeping under 1% of N in 95% of runs.
 */
const ANALYTIC_MINUTES: Record<string, number> = {
  "address-blacklist": 20.4,
  "content-filter": 141,
};

mkdirSync(out, { recursive: true });
const store = join(out, "runs.sqlite");
const sweeps: { name: string; model: string; type: string }[] = [];
for (const [model, base] of Object.entries(MODELS)) {
  for (const type of Object.keys(REACTIONS)) {
    const name = `quarantine-${model}-${type}`;
    const sweep = {
      name,
      base: { ...(base as object), defenses: [{ type, reactionMinutes: 0, deployment: "all" }] },
      grid: {
        "defenses.0.deployment": DEPLOYMENTS.map((d) => d.value),
        "defenses.0.reactionMinutes": REACTIONS[type],
      },
      seeds,
    };
    const file = join(out, `${name}.json`);
    writeFileSync(file, JSON.stringify(sweep, null, 2) + "\n");
    sweeps.push({ name, model, type });
    process.stderr.write(
      `sweep ${name}: ${DEPLOYMENTS.length * REACTIONS[type].length} points x ${seeds.length} seeds\n`,
    );
    const r = spawnSync(
      process.execPath,
      ["--import", "tsx", "src/cli/main.ts", "sweep", file, "--store", store, "--threads", threads],
      { stdio: "inherit" },
    );
    if (r.status !== 0) process.exit(r.status ?? 1);
  }
}

interface Cell {
  deployment: string;
  reaction: number;
  fractions: number[];
}
const quantile = (xs: number[], q: number): number => {
  const s = [...xs].sort((a, b) => a - b);
  const i = (s.length - 1) * q;
  const lo = Math.floor(i);
  return s[lo] + (s[Math.min(s.length - 1, lo + 1)] - s[lo]) * (i - lo);
};
const pct = (x: number): string => (x * 100 < 0.01 && x > 0 ? "<0.01" : (x * 100).toFixed(2));

const db = RunStore.open(store);
const lines: string[] = [
  "# The quarantine experiment: results",
  "",
  `Generated by \`npx tsx scripts/quarantine-experiment.ts\` (${seeds.length} seeds per point: ${seeds[0]}-${seeds[seeds.length - 1]}). Infected = hosts ever infected / vulnerable hosts at the end of the run. "contained" = share of seeds under 1%.`,
  "",
];
for (const s of sweeps) {
  const rows = db.sweepRows(s.name);
  const cells = new Map<string, Cell>();
  for (const row of rows) {
    const values = JSON.parse(row.values) as Record<string, unknown>;
    const dep = DEPLOYMENTS.find(
      (d) => JSON.stringify(d.value) === JSON.stringify(values["defenses.0.deployment"]),
    );
    const reaction = values["defenses.0.reactionMinutes"] as number;
    const key = `${dep?.label}|${reaction}`;
    const cell = cells.get(key) ?? { deployment: dep?.label ?? "?", reaction, fractions: [] };
    cell.fractions.push(row.infected_ever / row.vulnerable);
    cells.set(key, cell);
  }
  lines.push(`## ${s.model}: ${s.type}`, "");
  lines.push(
    `| deployment | ${REACTIONS[s.type].map((r) => `${r} min`).join(" | ")} | largest R contained in >=95% of seeds |`,
  );
  lines.push(`|---|${REACTIONS[s.type].map(() => "---").join("|")}|---|`);
  const series: ChartSeries[] = [];
  for (const d of DEPLOYMENTS) {
    const row: string[] = [];
    let threshold: number | null = null;
    let broken = false;
    const points: [number, number][] = [];
    const band: [number, number, number][] = [];
    for (const r of REACTIONS[s.type]) {
      const c = cells.get(`${d.label}|${r}`);
      if (!c) {
        row.push("-");
        continue;
      }
      const contained = c.fractions.filter((f) => f < 0.01).length / c.fractions.length;
      row.push(
        `${pct(quantile(c.fractions, 0.5))}% [${pct(quantile(c.fractions, 0.05))}-${pct(quantile(c.fractions, 0.95))}], ${Math.round(contained * 100)}%`,
      );
      if (!broken && contained >= 0.95) threshold = r;
      else broken = true;
      points.push([r, 100 * quantile(c.fractions, 0.5)]);
      band.push([r, 100 * quantile(c.fractions, 0.05), 100 * quantile(c.fractions, 0.95)]);
    }
    lines.push(
      `| ${d.label} | ${row.join(" | ")} | ${threshold === null ? "none" : `${threshold} min`} |`,
    );
    series.push({ name: d.label, points, band });
  }
  lines.push("", "Cells: median infected % [5%-95% of seeds], share of seeds contained (<1%).", "");
  const svg = lineChartSvg({
    title: `Quarantine (${s.model} model): ${s.type}`,
    subtitle: `hosts ever infected at the end, median and 5-95% of ${seeds.length} seeds; analytic SI threshold for the paper's setting: ${ANALYTIC_MINUTES[s.type]} min`,
    xAxis: {
      label: "Reaction time (minutes)",
      kind: "value",
      min: 0,
      max: Math.max(...REACTIONS[s.type]),
    },
    yAxes: [{ label: "Vulnerable hosts infected (%)", min: 0, max: 100 }],
    series,
  });
  writeFileSync(join(out, `${s.model}-${s.type}.svg`), svg);
  writeFileSync(join(out, `${s.model}-${s.type}.png`), svgToPng(svg));
}
db.close();
writeFileSync(join(out, "quarantine.md"), lines.join("\n") + "\n");
process.stdout.write(lines.join("\n") + "\n");
