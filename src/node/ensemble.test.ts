import { describe, expect, it } from "vitest";
import { resolveScenario } from "../scenario/resolve.ts";
import { buildModelPopulation, runSimulation } from "../scenario/run.ts";
import { ensembleFiles, type EnsembleSummaryJson } from "./ensemble-files.ts";
import { runEnsemble } from "./ensemble.ts";

// A small, fast outbreak: 20,000 vulnerable hosts, a probe rate raised so it spreads within 6 hours.
const scenario = resolveScenario({
  extends: "jul19-2001",
  until: "2001-07-19T16:00:00Z",
  population: { model: "july2001", vulnerableHosts: 20_000, excludedPrefix8s: [44, 189, 190] },
  worms: [{ variant: "crv2", probesPerSecond: 200 }],
});
const population = buildModelPopulation(scenario);

/** Output files with the one timing field zeroed. */
function filesWithoutTiming(files: Record<string, string | Uint8Array>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, data] of Object.entries(files)) {
    out[name] =
      typeof data === "string"
        ? data.replace(/"wallSeconds": [\d.]+/, '"wallSeconds": 0')
        : Buffer.from(data).toString("base64");
  }
  return out;
}

describe("runEnsemble (worker threads)", () => {
  it("writes the same files with 1 and with 2 threads", async () => {
    const one = await runEnsemble(scenario, population, { runs: 4, threads: 1 });
    const done: number[] = [];
    const two = await runEnsemble(scenario, population, {
      runs: 4,
      threads: 2,
      onRunDone: (n) => done.push(n),
    });
    expect(done).toEqual([1, 2, 3, 4]);
    const a = filesWithoutTiming(ensembleFiles(scenario, one));
    const b = filesWithoutTiming(ensembleFiles(scenario, two));
    expect(Object.keys(a).sort()).toEqual([
      "outbreak.png",
      "outbreak.svg",
      "scenario.json",
      "summary.json",
      "timeseries.csv",
    ]);
    for (const name of Object.keys(a)) expect(b[name], name).toBe(a[name]);
    // Runs differ from each other (distinct seeds), so the band is not degenerate.
    const ever = one.members.map((m) => m.summary.infectedEver);
    expect(new Set(ever).size).toBeGreaterThan(1);
  });

  it("makes run 0 the plain run of the scenario seed, and adds the ensemble to summary.json", async () => {
    const out = await runEnsemble(scenario, population, { runs: 3, threads: 2 });
    const plain = runSimulation(scenario, population);
    expect({ ...out.run0.summary, wallSeconds: 0 }).toEqual({ ...plain.summary, wallSeconds: 0 });
    const summary = JSON.parse(
      ensembleFiles(scenario, out)["summary.json"] as string,
    ) as EnsembleSummaryJson;
    expect(summary.schema).toBe(1);
    expect(summary.ensemble.runs).toBe(3);
    expect(summary.ensemble.seeds[0]).toBe(scenario.seed);
    expect(Object.keys(summary.ensemble.metrics)).toEqual([
      "infectedEver",
      "infectedAtEnd",
      "peakNewPerMinute",
      "telescopeUniqueSources",
      "timeTo0.5Hours",
      "timeTo0.9Hours",
    ]);
    expect(summary.ensemble.hourly).toHaveLength(6);
    const csv = ensembleFiles(scenario, out)["timeseries.csv"] as string;
    expect(csv.split("\n")[0]).toBe(
      `# wormscope ${summary.version} seed ${scenario.seed} scenario ${summary.scenarioHash}`,
    );
    expect(csv.split("\n")[1]).toContain("infected_mean,infected_p5,infected_p95");
    expect(csv.split("\n")).toHaveLength(6 * 60 + 3);
  });
});
