/**
 * Shared driver of the slow agreement suite: fixed seed lists, one configuration's fast and reference
 * samples, the wrong variants' fast samples, and a printed table of p-values (also written to
 * out/validation/agreement-<group>.json for docs/validation.md).
 */
import { mkdirSync, writeFileSync } from "node:fs";
import type { Population } from "../../src/net/population.ts";
import { runFastEngine } from "../../src/sim/fast-engine.ts";
import {
  agreementInput,
  type AgreementConfig,
  type WrongVariant,
} from "../support/agreement-configs.ts";
import {
  compareSamples,
  sampleEngine,
  type AgreementReport,
  type RunSample,
} from "../support/agreement.ts";
import { extraStatistics } from "../support/agreement-statistics.ts";
import { runReferenceEngine } from "../../src/sim/reference/reference-engine.ts";

/** Seeds of the fast engine: 1 to 200. */
export const FAST_SEEDS = Array.from({ length: 200 }, (_, i) => i + 1);
/** Seeds of the reference engine: 100001 to 100200 (disjoint from the fast engine's). */
export const REFERENCE_SEEDS = Array.from({ length: 200 }, (_, i) => 100_001 + i);

/** One row of the results table. */
export interface AgreementRow {
  readonly name: string;
  readonly expect: "agree" | "reject";
  /** A wrong variant that only the extra statistics can reject. */
  readonly rejectedByExtras: boolean;
  readonly report: AgreementReport;
  readonly referenceSeconds: number;
  readonly fastSeconds: number;
}

/** The seed lists of a group: the first `runs` of {@link FAST_SEEDS} and {@link REFERENCE_SEEDS}. */
export interface SeedLists {
  readonly fast: readonly number[];
  readonly reference: readonly number[];
}

/**
 * The first `runs` seeds of each engine (200 by default): fast 1 to runs, reference 100001 to
 * 100000 + runs (runs <= 100,000, so the lists stay disjoint).
 */
export function seedLists(runs = FAST_SEEDS.length): SeedLists {
  if (!(runs >= 1 && runs <= 100_000))
    throw new RangeError(`runs must be 1 to 100000, got ${runs}`);
  const fast = Array.from({ length: runs }, (_, i) => i + 1);
  return { fast, reference: fast.map((s) => 100_000 + s) };
}

/** Reference samples of a configuration (timed). */
export function referenceSamples(
  config: AgreementConfig,
  population: Population,
  seeds: SeedLists = seedLists(),
): { samples: RunSample[]; seconds: number } {
  const t0 = performance.now();
  const samples = sampleEngine(
    runReferenceEngine,
    (s) => agreementInput(config, s, population),
    seeds.reference,
    extraStatistics(config.extras ?? []),
  );
  return { samples, seconds: (performance.now() - t0) / 1000 };
}

/** Compares the fast engine on `config` (or a wrong variant) with reference samples. */
export function fastRow(
  name: string,
  expect: AgreementRow["expect"],
  config: AgreementConfig,
  population: Population,
  reference: { samples: RunSample[]; seconds: number },
  rejectedByExtras = false,
  seeds: SeedLists = seedLists(),
): AgreementRow {
  const t0 = performance.now();
  const fast = sampleEngine(
    runFastEngine,
    (s) => agreementInput(config, s, population),
    seeds.fast,
    extraStatistics(config.extras ?? []),
  );
  const fastSeconds = (performance.now() - t0) / 1000;
  const report = compareSamples(fast, reference.samples);
  const seconds = { referenceSeconds: reference.seconds, fastSeconds };
  return { name, expect, rejectedByExtras, report, ...seconds };
}

// Exact p-values are 1 - P(D < d) in double precision: below ~1e-14 only "tiny" is meaningful.
const p = (x: number): string =>
  x < 1e-14 ? "<1e-14" : x < 1e-4 ? x.toExponential(1) : x.toFixed(4);

/** Prints the table and writes it as JSON. */
export function publish(
  group: string,
  rows: readonly AgreementRow[],
  seeds: SeedLists = seedLists(),
): void {
  const lines = [
    `agreement suite (${group}): ${seeds.fast.length} fast vs ${seeds.reference.length} reference runs`,
    "configuration | expect | KS p t10 | KS p t50 | KS p t90 | band ever (ratio, p) | band infected (ratio, p) | verdict",
  ];
  for (const r of rows) {
    const [ever, infected] = r.report.bands;
    lines.push(
      [
        r.name,
        r.expect,
        ...r.report.ks.map((k) => `${p(k.pValue)} (D=${k.statistic.toFixed(3)})`),
        `${ever.worstRatio.toFixed(2)}, ${p(ever.pValue)}`,
        `${infected.worstRatio.toFixed(2)}, ${p(infected.pValue)}`,
        r.report.pass ? "agree" : "reject",
      ].join(" | "),
    );
    for (const k of r.report.extraKs) {
      const verdict = k.pass ? "agree" : "reject";
      const at = `alpha ${k.alpha.toPrecision(2)}`;
      lines.push(`  ${k.name}: KS ${p(k.pValue)} (D=${k.statistic.toFixed(3)}; ${at}) ${verdict}`);
    }
    for (const b of r.report.extraBands) {
      const verdict = b.pass ? "agree" : "reject";
      lines.push(`  ${b.curve}: band ${b.worstRatio.toFixed(2)}, ${p(b.pValue)} ${verdict}`);
    }
  }
  process.stdout.write(lines.join("\n") + "\n");
  mkdirSync("out/validation", { recursive: true });
  writeFileSync(`out/validation/agreement-${group}.json`, JSON.stringify(rows, null, 2) + "\n");
}

/**
 * Runs the named configurations (fast vs reference) and the wrong variants compared with them,
 * publishes the table, and returns the rows for assertions.
 */
export function runGroup(
  group: string,
  configNames: readonly string[],
  population: Population,
  configs: readonly AgreementConfig[],
  wrong: readonly WrongVariant[],
  seeds: SeedLists = seedLists(),
): AgreementRow[] {
  const rows: AgreementRow[] = [];
  const references = new Map<string, { samples: RunSample[]; seconds: number }>();
  for (const config of configs.filter((c) => configNames.includes(c.name))) {
    const reference = referenceSamples(config, population, seeds);
    references.set(config.name, reference);
    rows.push(fastRow(config.name, "agree", config, population, reference, false, seeds));
  }
  for (const w of wrong) {
    const reference = references.get(w.against);
    if (!reference) continue;
    const extras = w.rejectedByExtras;
    rows.push(fastRow(w.name, "reject", w.config, population, reference, extras, seeds));
  }
  publish(group, rows, seeds);
  return rows;
}
