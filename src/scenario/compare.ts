/**
 * "What if": a scenario run with and without its defenses on the same seed and population, and,
 * with several defenses, each defense alone, so each gets its own count of infections prevented.
 * @see ../../docs/defenses.md (--compare)
 */
import type { Population } from "../net/population.ts";
import type { DefenseSummary } from "../report/summary.ts";
import type { ResolvedScenario } from "./resolve.ts";
import type { SimulationOutput } from "./simulation.ts";

/** The same scenario without any defense (patching and reboot schedules stay: they are the world). */
export function withoutDefenses(scenario: ResolvedScenario): ResolvedScenario {
  const { defenses: _d, asTopology: _a, ...rest } = scenario;
  return rest;
}

/** The scenario with only defense `index` of its list. */
export function withDefenseAlone(scenario: ResolvedScenario, index: number): ResolvedScenario {
  const list = scenario.defenses ?? [];
  if (index < 0 || index >= list.length) throw new RangeError(`no defense ${index}`);
  return { ...scenario, defenses: [list[index]] };
}

/** What --compare found. */
export interface DefenseComparison {
  /** The run without defenses. */
  readonly baseline: SimulationOutput;
  /** Per defense, hosts ever infected without defenses minus with it (alone when there are several). */
  readonly prevented: readonly number[];
}

/**
 * Runs the baseline (and each defense alone when there are several) with `run`, and returns the
 * defended run's defense summaries with `infectionsPrevented` set.
 */
export function compareDefenses(
  scenario: ResolvedScenario,
  population: Population,
  defended: SimulationOutput,
  run: (s: ResolvedScenario, p: Population) => SimulationOutput,
): DefenseComparison & { readonly defenses: DefenseSummary[] } {
  const list = scenario.defenses ?? [];
  if (list.length === 0) throw new RangeError("the scenario lists no defenses to compare");
  const baseline = run(withoutDefenses(scenario), population);
  const base = baseline.summary.infectedEver;
  const prevented =
    list.length === 1
      ? [base - defended.summary.infectedEver]
      : list.map(
          (_, i) => base - run(withDefenseAlone(scenario, i), population).summary.infectedEver,
        );
  const defenses = (defended.summary.defenses ?? []).map((d) => ({
    ...d,
    infectionsPrevented: prevented[d.index],
  }));
  return { baseline, prevented, defenses };
}
