/** The seeded runs whose summaries are kept as golden outputs (see golden.test.ts). */
import { resolveScenario } from "../../src/scenario/resolve.ts";
import { buildModelPopulation, runSimulationWith } from "../../src/scenario/run.ts";

/** One golden run: a preset, a seed and the engine it runs on. */
export interface GoldenRun {
  readonly name: string;
  readonly preset: string;
  readonly seed: number;
  readonly engine: "fast" | "reference";
  readonly addressBits: number;
}

const fast = (preset: string, seed: number): GoldenRun => ({
  name: `${preset}-seed${seed}`,
  preset,
  seed,
  engine: "fast",
  addressBits: 32,
});

/** jul19, aug04 and jul12 at seeds 1 and 7 on the fast engine; jul19 on the reference engine at 2^20. */
export const goldenRuns: readonly GoldenRun[] = [
  fast("jul19-2001", 1),
  fast("jul19-2001", 7),
  fast("aug04-2001", 1),
  fast("aug04-2001", 7),
  fast("jul12-2001", 1),
  fast("jul12-2001", 7),
  {
    name: "jul19-2001-seed1-reference-20bits",
    preset: "jul19-2001",
    seed: 1,
    engine: "reference",
    addressBits: 20,
  },
];

/** summary.json of a golden run as the CLI writes it, without the one timing field. */
export function goldenText(run: GoldenRun): string {
  const scenario = resolveScenario({ extends: run.preset, seed: run.seed });
  const population = buildModelPopulation(scenario);
  const { summary } = runSimulationWith(scenario, population, {
    engine: run.engine,
    addressBits: run.addressBits,
  });
  const { wallSeconds: _timing, ...rest } = summary;
  return JSON.stringify(rest, null, 2) + "\n";
}
