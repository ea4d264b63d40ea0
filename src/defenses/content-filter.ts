/**
 * Content filtering (Moore et al.'s "content filtering"): `reactionMinutes` after a worm's
 * introduction its signature is known, and from then on every probe of that worm crossing a
 * deployment point is dropped, whoever sends it.
 * @see ../../docs/defenses.md (content-filter)
 */
import type { DefensePlugin, ProbeFilter } from "../plugin/defense.ts";
import { deploymentComponents, type DeploymentSpec } from "./deployment.ts";
import { NO_PROCESSES } from "./no-processes.ts";

/** Options of the content filter. */
export interface ContentFilterSpec {
  readonly type: "content-filter";
  readonly reactionMinutes: number;
  readonly deployment: DeploymentSpec;
}

export const defenseContentFilter: DefensePlugin = {
  type: "content-filter",
  description:
    "reactionMinutes after a worm's introduction, its probes crossing a deployment point are dropped",
  create: () => NO_PROCESSES,
  filter(spec, context): ProbeFilter {
    const s = spec as unknown as ContentFilterSpec;
    const comps = deploymentComponents(s.deployment, context.asTopology, context.rng);
    const delay = s.reactionMinutes * 60;
    /** Per worm: when its signature is filtered (seconds from the start). */
    const from = context.wormIntroducedSeconds.map((t) => Math.max(0, t + delay));
    const duration = (context.endMs - context.startMs) / 1000;
    const first = Math.min(...from);
    return {
      changeTimes: [...new Set(from)].filter((t) => t > 0 && t < duration),
      blockAfterSeconds: null,
      engagedAt: () => (first < duration ? first : null),
      passes: (w, from16, _b, to16, t) => t < from[w] || comps.same(from16, to16),
      dropShare: (w, from16, _b, level, t) => (t < from[w] ? 0 : comps.outside(from16, level)),
      // The components partition the /16s, so the senders outside to16's component are the
      // destinations outside it.
      inboundDropShare: (w, to16, t) => (t < from[w] ? 0 : comps.outside(to16, 0)),
    };
  },
};
