/**
 * Scores `analyze`'s outbreak estimate on simulated server logs (issue 14 item 2): per case, seeds
 * 1..N (or --from..--to, to split the work over processes), each simulates, writes the server's
 * Apache log, cuts it to the case's window, analyses it and compares the estimate with the
 * simulator's truth (src/node/estimate-score.ts). Prints per seed one JSON line (--jsonl FILE
 * appends them) and, at the end, the coverage table of the seeds run (or of --table FILES, JSON
 * lines from earlier runs).
 *
 *   npx tsx scripts/score-estimates.ts [--case crv2-uniform|crii-dense16|all] [--seeds 50]
 *     [--from 1 --to 50] [--jsonl FILE] [--table FILE,FILE]
 */
import { appendFileSync, readFileSync } from "node:fs";
import { ipv4 } from "../src/net/ipv4.ts";
import type { Population } from "../src/net/population.ts";
import {
  scoreSeed,
  summarizeGroup,
  type ScoreCase,
  type ScoreGroup,
  type SeedScore,
  TOOK_OFF_HOSTS,
} from "../src/node/estimate-score.ts";
import { flag, helpRequested } from "./script-args.ts";

helpRequested(
  "npx tsx scripts/score-estimates.ts [--case NAME|all] [--seeds N | --from A --to B] [--jsonl FILE] [--table FILES]",
);

/** The /16 holding the most hosts not patched at the start; the server at its x.y.1.1. */
function densest16(population: Population): number {
  const per16 = new Uint32Array(65536);
  for (let h = 0; h < population.size; h++) {
    if (!population.patched[h]) per16[population.addresses[h] >>> 16]++;
  }
  let best = 0;
  for (let p = 1; p < 65536; p++) if (per16[p] > per16[best]) best = p;
  return ((best << 16) | 0x0101) >>> 0;
}

export const CASES: Record<string, ScoreCase> = {
  // Code Red v2 on 19 July, a server at an ordinary address, the whole day's log (10:00-24:00).
  "crv2-uniform": {
    name: "crv2-uniform",
    scenario: { extends: "jul19-2001" },
    serverAddress: () => ipv4("128.32.1.1"),
    groups: ["crv1v2"],
  },
  // Code Red II in August, the server in the densest /16 of hosts unpatched at the start, the log of
  // 4 August (CRII's first day: a dense /16 is infected within minutes of its first CRII host, and
  // its hosts scan for 24 h, 48 h on Chinese-locale systems, so by 5 August few are left).
  "crii-dense16": {
    name: "crii-dense16",
    scenario: { extends: "aug04-2001", until: "2001-08-05T00:00:00Z" },
    serverAddress: densest16,
    window: ["2001-08-04T00:00:00Z", "2001-08-05T00:00:00Z"],
    groups: ["crii", "crii.same16", "crii.same8", "crii.elsewhere", "crv1v2"],
  },
};

const table = flag("--table", "");
const scores: Record<string, SeedScore[]> = {};
if (table) {
  for (const f of table.split(",")) {
    for (const line of readFileSync(f, "utf8").split("\n")) {
      if (!line.trim()) continue;
      const row = JSON.parse(line) as SeedScore & { case: string };
      (scores[row.case] ??= []).push(row);
    }
  }
} else {
  const which = flag("--case", "all");
  const names = which === "all" ? Object.keys(CASES) : [which];
  const from = Number(flag("--from", "1"));
  const to = Number(flag("--to", flag("--seeds", "50")));
  const jsonl = flag("--jsonl", "");
  for (const name of names) {
    const c = CASES[name];
    if (!c) throw new Error(`unknown case ${name}; known: ${Object.keys(CASES).join(", ")}`);
    for (let seed = from; seed <= to; seed++) {
      const t0 = performance.now();
      const s = await scoreSeed(c, seed);
      const line = JSON.stringify({ case: name, ...s });
      if (jsonl) appendFileSync(jsonl, line + "\n");
      console.log(line);
      process.stderr.write(
        `${name} seed ${seed}: ${((performance.now() - t0) / 1000).toFixed(1)} s\n`,
      );
      (scores[name] ??= []).push(s);
    }
  }
}

/** Mean simulator and estimate rates of group `g` over the seeds where it took off. */
function groupRates(rows: readonly SeedScore[], g: ScoreGroup): string {
  const big = rows.map((r) => r.groups[g]).filter((x) => x && x.meanInfected >= TOOK_OFF_HOSTS);
  if (big.length === 0 || big.some((x) => x!.truthRate === undefined)) return "-";
  const m = (f: (x: NonNullable<(typeof big)[number]>) => number) =>
    (big.reduce((a, x) => a + f(x!), 0) / big.length).toFixed(1);
  return `${m((x) => x.truthRate)}, ${m((x) => x.estimateRate)}`;
}

const pct = (x: number) => `${(100 * x).toFixed(0)}%`;
const n = (x: number) => (x >= 100 ? x.toFixed(0) : x.toPrecision(3));
console.log(
  "\n| case | group | seeds | 95% interval coverage | (constant-population estimate) | seeds that took off | bias (mean est / mean truth - 1) | spread (sd of (est - truth) / truth) | truth: mean infected | ever infected in window | estimate, mean | sources seen, mean | probe rate /s at the mean multiplier: simulator, estimate (mean) |",
);
console.log("|---|---|---|---|---|---|---|---|---|---|---|---|---|");
for (const [name, rows] of Object.entries(scores)) {
  const c = CASES[name];
  for (const g of c.groups) {
    const s = summarizeGroup(rows, g);
    if (s.seeds === 0) continue;
    console.log(
      `| ${name} | ${g} | ${s.seeds} | ${pct(s.coverage)} | ${pct(s.constantCoverage)} | ${s.tookOff} | ${(100 * s.bias).toFixed(1)}% | ${(100 * s.spread).toFixed(1)}% | ${n(s.meanTruth)} | ${n(s.meanEver)} | ${n(s.meanEstimate)} | ${n(s.meanSources)} | ${groupRates(rows, g)} |`,
    );
  }
  const rates: Record<string, number[]> = {};
  for (const r of rows) {
    if (!Object.values(r.groups).some((g) => g.meanInfected >= TOOK_OFF_HOSTS)) continue;
    for (const [v, x] of Object.entries(r.probesPerHostSecond)) (rates[v] ??= []).push(x);
  }
  const assumed = rows[0].assumedProbesPerSecond;
  console.log(
    `\n${name}: probes per infected host-second in the window (simulator), mean over the seeds that took off: ${Object.entries(
      rates,
    )
      .map(([v, xs]) => `${v} ${(xs.reduce((a, b) => a + b, 0) / xs.length).toFixed(2)}`)
      .join(
        ", ",
      )}; the estimate assumes crv1v2 ${assumed.crv1v2.toFixed(2)}, crii ${assumed.crii.toFixed(2)}\n`,
  );
}
