/**
 * The cost of the defenses (issue 11): jul19-2001 at full scale with every defense type enabled
 * together, side by side with the plain run, alternating on one population so load drifts hit both;
 * medians and their ratio (target <= 2). Two defended variants:
 * - "prompt": the acceptance set of the issue (content filter at 2 h and address blacklist at 20 min
 *   on all networks, with an ingress filter, a throttle and a patch campaign): the worm is contained,
 *   so the run is cheaper than the plain one;
 * - "late": the same types tuned so the outbreak still runs its course (filters engage at 20:00 on
 *   half the networks, the blacklist after 2 h on the top 20 ASes): the filters' thinning works on
 *   every infection event while most would-be infections are refused, the costly case.
 */
import { resolveScenario } from "../src/scenario/resolve.ts";
import { buildModelPopulation } from "../src/scenario/run.ts";
import { toEngineInput } from "../src/scenario/engine-input.ts";
import { runFastEngine } from "../src/sim/fast-engine.ts";
import type { ScenarioFile } from "../src/scenario/schema.ts";
import { median, note, timed } from "./measure.ts";

/** Every defense type, prompt (the containing settings). */
export const DEFENSES_PROMPT: NonNullable<ScenarioFile["defenses"]> = [
  { type: "content-filter", reactionMinutes: 120, deployment: "all" },
  { type: "address-blacklist", reactionMinutes: 20, deployment: "all" },
  { type: "ingress-filter", block: "128.32.0.0/16", from: "2001-07-19T12:00:00Z" },
  { type: "rate-limit", newConnectionsPerSecond: 1, coverage: 0.1 },
  { type: "patch-campaign", from: "2001-07-19T16:00:00Z", halfLifeHours: 12, priority: "any" },
];

/** Every defense type, late and partial: the outbreak still completes. */
export const DEFENSES_LATE: NonNullable<ScenarioFile["defenses"]> = [
  { type: "content-filter", reactionMinutes: 600, deployment: { customerNetworks: 0.5 } },
  { type: "address-blacklist", reactionMinutes: 120, deployment: { topAses: 20 } },
  { type: "ingress-filter", block: "128.32.0.0/16", from: "2001-07-19T12:00:00Z" },
  { type: "rate-limit", newConnectionsPerSecond: 1, coverage: 0.1 },
  {
    type: "patch-campaign",
    from: "2001-07-19T16:00:00Z",
    halfLifeHours: 12,
    priority: "infected-first",
  },
];

export interface DefensesBench {
  repeats: number;
  plainSecondsMedian: number;
  promptSecondsMedian: number;
  lateSecondsMedian: number;
  /** defended / plain (wall time). */
  promptRatio: number;
  lateRatio: number;
  infectedEverPlain: number;
  infectedEverPrompt: number;
  infectedEverLate: number;
}

/** Times jul19-2001 plain, with the prompt and with the late defenses, alternating. */
export function benchDefenses(repeats: number): DefensesBench {
  const plain = resolveScenario({ extends: "jul19-2001" });
  const prompt = resolveScenario({ extends: "jul19-2001", defenses: DEFENSES_PROMPT });
  const late = resolveScenario({ extends: "jul19-2001", defenses: DEFENSES_LATE });
  const population = buildModelPopulation(plain);
  const inputs = {
    plain: toEngineInput(plain, population),
    prompt: toEngineInput(prompt, population),
    late: toEngineInput(late, population),
  };
  const times = { plain: [] as number[], prompt: [] as number[], late: [] as number[] };
  const ever = { plain: 0, prompt: 0, late: 0 };
  for (let i = 0; i < repeats; i++) {
    for (const k of ["plain", "prompt", "late"] as const) {
      const run = timed(() => runFastEngine(inputs[k]));
      times[k].push(run.seconds);
      ever[k] = run.value.infectedEver;
      note(`jul19-2001 defenses ${k} run ${i + 1}/${repeats}: ${run.seconds.toFixed(3)} s`);
    }
  }
  const m = { plain: median(times.plain), prompt: median(times.prompt), late: median(times.late) };
  return {
    repeats,
    plainSecondsMedian: m.plain,
    promptSecondsMedian: m.prompt,
    lateSecondsMedian: m.late,
    promptRatio: m.prompt / m.plain,
    lateRatio: m.late / m.plain,
    infectedEverPlain: ever.plain,
    infectedEverPrompt: ever.prompt,
    infectedEverLate: ever.late,
  };
}
