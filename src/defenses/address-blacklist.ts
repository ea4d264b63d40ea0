/**
 * Address blacklisting (Moore et al.'s "address blacklisting"): an infected host's address is
 * blocked `reactionMinutes` after it was infected there (its own detection delay), if it is still
 * infected then; from then on its probes that cross a deployment point are dropped. The block holds
 * while the host keeps the address (a cured and re-infected host stays blocked); a host that moves
 * (address churn) is free at its new address until it is detected there.
 * @see ../../docs/defenses.md (address-blacklist)
 */
import type { DefensePlugin, ProbeFilter } from "../plugin/defense.ts";
import { deploymentComponents, type DeploymentSpec } from "./deployment.ts";
import { NO_PROCESSES } from "./no-processes.ts";

/** Options of the address blacklist. */
export interface AddressBlacklistSpec {
  readonly type: "address-blacklist";
  readonly reactionMinutes: number;
  readonly deployment: DeploymentSpec;
}

export const defenseAddressBlacklist: DefensePlugin = {
  type: "address-blacklist",
  description:
    "an infected host's address is blocked reactionMinutes after its infection; its probes crossing a deployment point are dropped",
  create: () => NO_PROCESSES,
  filter(spec, context): ProbeFilter {
    const s = spec as unknown as AddressBlacklistSpec;
    const comps = deploymentComponents(s.deployment, context.asTopology, context.rng);
    const delay = s.reactionMinutes * 60;
    const first = Math.min(...context.wormIntroducedSeconds.map((t) => Math.max(0, t)));
    return {
      changeTimes: [],
      blockAfterSeconds: delay,
      engagedAt: () => (Number.isFinite(first) ? first + delay : null),
      passes: (_w, from16, blocked, to16) => !blocked || comps.same(from16, to16),
      dropShare: (_w, from16, blocked, level) => (blocked ? comps.outside(from16, level) : 0),
    };
  },
};
