/** The readable form of the benchmark: one table, each figure beside its target and the ratio. */
import Table from "cli-table3";
import type { BaselineBench } from "./baseline.ts";
import type { BenchResults } from "./suite.ts";
import type { TraitsBench } from "./traits-bench.ts";

const int = (x: number): string => Math.round(x).toLocaleString("en-US");
const sci = (x: number): string => x.toExponential(2);
const sec = (x: number): string => `${x.toFixed(3)} s`;

export type Row = [figure: string, value: string, target: string];

function ratio(value: number, target: number, lowerIsBetter: boolean): string {
  const r = lowerIsBetter ? target / value : value / target;
  return `${r >= 1 ? "meets" : "misses"} (${r.toFixed(2)}x)`;
}

function engineRows(label: string, b: BenchResults["jul19"], targetSeconds: number): Row[] {
  return [
    [
      `${label}: engine time, median of ${b.repeats}`,
      `${sec(b.engineSecondsMedian)} (min ${b.engineSecondsMin.toFixed(3)}, max ${b.engineSecondsMax.toFixed(3)}; CPU ${b.engineCpuSecondsMedian.toFixed(3)})`,
      `< ${targetSeconds} s: ${ratio(b.engineSecondsMedian, targetSeconds, true)}`,
    ],
    [
      `${label}: population build (not timed above)`,
      sec(b.populationBuildSeconds),
      `${int(b.hosts)} hosts`,
    ],
    [`${label}: events sampled`, int(b.eventsSampled), `${sci(b.eventsPerSecond)} events/s`],
    [
      `${label}: probes represented`,
      sci(b.probesRepresented),
      `${int(b.infectedEver)} ever infected`,
    ],
    [
      `${label}: probes represented per second`,
      sci(b.probesRepresentedPerSecond),
      `${b.ratioToPerProbeRecord.toFixed(0)}x the per-probe record (9.18e7/s)`,
    ],
  ];
}

/** The host-traits rows: on / off wall medians, their ratio against the 1.3x target, CPU ratio. */
export function traitsRows(traits: readonly TraitsBench[]): Row[] {
  return traits.map((t) => [
    `${t.preset} ${t.simulatedHours} h: ${t.on} on / off`,
    `${t.onSecondsMedian.toFixed(3)} s / ${t.offSecondsMedian.toFixed(3)} s`,
    `<= 1.3x: ${t.ratio.toFixed(2)}x wall ${t.ratio <= 1.3 ? "PASS" : "MISS"}, ${t.cpuRatio.toFixed(2)}x CPU (ever ${int(t.infectedEverOn)} hosts, ${int(t.infectedAddressesEverOn)} addresses; off ${int(t.infectedEverOff)})`,
  ]);
}

/**
 * The analyzer rows: in-process, then the compiled CLI's whole process on one file with one job and
 * on four files with two, each beside `grep -c default.ida` on the same file(s) and the time ratio.
 */
export function analyzerRows(a: BenchResults["analyzer"]): Row[] {
  if (!a.available) return [["analyzer", "not available", a.reason]];
  const n = (k: string): number => Number(a[k]);
  const rows: Row[] = [
    [
      "analyzer: 1M-line combined log, in-process",
      `${n("mbPerSecond").toFixed(0)} MB/s (${n("analyzerSeconds").toFixed(2)} s)`,
      `grep -c default.ida ${n("grepMbPerSecond").toFixed(0)} MB/s (${n("grepSeconds").toFixed(2)} s)`,
    ],
  ];
  if (a.cliAvailable !== true) {
    rows.push([
      "analyzer: compiled CLI",
      "not measured",
      typeof a.cliReason === "string" ? a.cliReason : "no figures",
    ]);
    return rows;
  }
  rows.push(
    [
      "analyzer: compiled CLI, 1 file, --jobs 1 (one core)",
      `${n("cliOneMbPerSecond").toFixed(0)} MB/s (${n("cliOneSeconds").toFixed(2)} s)`,
      `>= 150 MB/s: ${ratio(n("cliOneMbPerSecond"), 150, false)}, 250: ${ratio(n("cliOneMbPerSecond"), 250, false)}; grep -c ${n("grepOneMbPerSecond").toFixed(0)} MB/s, ${n("cliOneGrepRatio").toFixed(1)}x its time`,
    ],
    [
      `analyzer: compiled CLI, ${n("copies")} files, --jobs 2 (two cores)`,
      `${n("cliFourMbPerSecond").toFixed(0)} MB/s (${n("cliFourSeconds").toFixed(2)} s)`,
      `${n("cliFourSpeedup").toFixed(2)}x one job; grep -c ${n("grepFourMbPerSecond").toFixed(0)} MB/s, ${n("cliFourGrepRatio").toFixed(1)}x its time`,
    ],
  );
  return rows;
}

/** Renders the results as a three-column table: figure, value, target or comparison. */
export function benchTable(r: BenchResults): string {
  const rows: Row[] = [...engineRows("jul19-2001", r.jul19, 1)];
  rows.push([
    "jul19-2001: peak RSS (process, after this section)",
    `${r.jul19.peakRssMB.toFixed(0)} MB`,
    `< 500 MB: ${ratio(r.jul19.peakRssMB, 500, true)}`,
  ]);
  if (r.aug04.available) rows.push(...engineRows("aug04-2001 7 days", r.aug04, 5));
  else rows.push(["aug04-2001 7 days", "not available", r.aug04.reason]);
  rows.push(...traitsRows(r.traits ?? []));
  const d = r.defenses;
  if (d) {
    for (const [label, seconds, x, ever] of [
      ["prompt (contained)", d.promptSecondsMedian, d.promptRatio, d.infectedEverPrompt],
      ["late (outbreak completes)", d.lateSecondsMedian, d.lateRatio, d.infectedEverLate],
    ] as const) {
      rows.push([
        `jul19-2001 with every defense type, ${label} / plain`,
        `${seconds.toFixed(3)} s / ${d.plainSecondsMedian.toFixed(3)} s`,
        `<= 2x: ${x.toFixed(2)}x ${x <= 2 ? "PASS" : "MISS"} (ever ${int(ever)}; plain ${int(d.infectedEverPlain)})`,
      ]);
    }
  }
  const w = r.sweeps;
  if (w?.available) {
    rows.push(
      [
        `sweep of ${w.runs} runs: one local process / two queue workers`,
        `${w.localRunsPerSecond.toFixed(2)} / ${w.queueRunsPerSecond.toFixed(2)} runs/s`,
        `${w.speedup.toFixed(2)}x (mean run ${w.meanRunSeconds.toFixed(3)} s; same store content: ${w.identicalContent ? "yes" : "NO"})`,
      ],
      [
        "sweep overhead per run: store / queue",
        `${(w.storeOverheadPerRunSeconds * 1000).toFixed(0)} ms / ${(w.queueOverheadPerRunSeconds * 1000).toFixed(0)} ms`,
        "wall time per run beyond computing, summed over computing processes",
      ],
    );
  } else if (w) rows.push(["sweeps", "not available", w.reason]);
  const s = r.speedup;
  if (s.available) {
    rows.push(
      [
        `speedup: fast engine, 2^${s.addressBits} to ${s.until.slice(11, 16)}Z`,
        `${(s.fastSecondsMedian * 1000).toFixed(1)} ms`,
        `${int(s.fastEventsSampled)} events, ${int(s.hosts)} hosts`,
      ],
      [
        `speedup: reference engine, same input`,
        sec(s.referenceSeconds),
        `${sci(s.referenceProbesSimulated)} probes, ${sci(s.referenceProbesPerSecond)}/s (${s.referenceRatioToPerProbeRecord.toFixed(3)}x record)`,
      ],
      [
        "speedup (reference time / fast time)",
        int(s.speedup),
        `>= 1000: ${ratio(s.speedup, 1000, false)}`,
      ],
      [
        "speedup: ever infected fast / reference",
        `${int(s.infectedEverFast)} / ${int(s.infectedEverReference)}`,
        "one seed each, same input",
      ],
    );
  } else rows.push(["speedup", "not available", s.reason]);
  rows.push(...analyzerRows(r.analyzer));
  const e = r.ensemble;
  rows.push(
    [
      `ensemble: ${e.runs} runs of ${e.preset}, ${e.threads} threads`,
      `${e.wallSeconds.toFixed(1)} s wall`,
      `< 60 s: ${ratio(e.wallSeconds, 60, true)}`,
    ],
    [
      "ensemble: engine time per run (in workers)",
      sec(e.engineSecondsPerRun),
      `CPU ${e.cpuSeconds.toFixed(0)} s in all; peak RSS ${e.peakRssMB.toFixed(0)} MB`,
    ],
    [
      "ensemble: ever infected mean [5%, 95%]",
      `${int(e.infectedEver.mean ?? 0)} [${int(e.infectedEver.p5 ?? 0)}, ${int(e.infectedEver.p95 ?? 0)}]`,
      `min ${int(e.infectedEver.min ?? 0)}, max ${int(e.infectedEver.max ?? 0)}`,
    ],
    [
      `ensemble: ${e.identity.runs} runs, 1 vs 2 threads`,
      e.identity.identical
        ? "identical outputs"
        : `DIFFER: ${e.identity.differingFiles.join(", ")}`,
      `${e.identity.wallSeconds1Thread.toFixed(1)} s vs ${e.identity.wallSeconds2Threads.toFixed(1)} s wall`,
    ],
  );
  if (r.baseline.available) rows.push(...baselineRows(r.baseline));
  else rows.push(["before vs after", "not measured", r.baseline.reason]);
  const table = new Table({
    head: ["figure", "measured", "target / comparison"],
    style: { head: [], border: [] },
  });
  for (const row of rows) table.push(row);
  const head =
    `wormscope ${r.version} bench, ${r.date}, node ${r.node}, ${r.cpu} (${r.cores} cores), ` +
    `load average ${r.loadAverage1MinAtStart.toFixed(2)} -> ${r.loadAverage1MinAtEnd.toFixed(2)}, ` +
    `${r.benchSeconds.toFixed(0)} s in all`;
  return `${head}\n${table.toString()}`;
}

/** The before-vs-after rows: engine medians here and at the baseline commit, and their ratio. */
export function baselineRows(b: BaselineBench): Row[] {
  return b.rows.map((r) => [
    `${r.preset}: engine time here vs ${b.ref} (${b.commit.slice(0, 7)})`,
    `${sec(r.currentMedian)} vs ${sec(r.baselineMedian)} (medians of ${r.current.length})`,
    `${r.ratio.toFixed(3)}x: ${r.ratio <= 1.05 ? "within" : "outside"} 5% slower`,
  ]);
}

/** The baseline comparison alone, as a table. */
export function baselineTable(b: BaselineBench): string {
  const table = new Table({
    head: ["figure", "measured", "target / comparison"],
    style: { head: [], border: [] },
  });
  for (const row of baselineRows(b)) table.push(row);
  return table.toString();
}
