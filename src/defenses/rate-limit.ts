/**
 * Williamson's virus throttle ("Throttling viruses", ACSAC 2002): a covered host makes at most
 * `newConnectionsPerSecond` connections to new addresses per second. A scanning worm's probes all go
 * to new addresses, so a covered infected host probes at min(its rate, the limit). Coverage is drawn
 * per host from the defense's stream, the same in both engines.
 * @see ../../docs/defenses.md (rate-limit)
 */
import type { DefensePlugin, RateCap } from "../plugin/defense.ts";
import { NO_PROCESSES } from "./no-processes.ts";
import { coveredHosts } from "./patch-campaign.ts";

/** Options of the throttle. */
export interface RateLimitSpec {
  readonly type: "rate-limit";
  readonly newConnectionsPerSecond: number;
  readonly coverage: number;
}

export const defenseRateLimit: DefensePlugin = {
  type: "rate-limit",
  description: "covered hosts make at most newConnectionsPerSecond new connections per second",
  create: () => NO_PROCESSES,
  rateCap(spec, context): RateCap {
    const s = spec as unknown as RateLimitSpec;
    return {
      perSecond: s.newConnectionsPerSecond,
      covered: coveredHosts(context.hosts, s.coverage, context.rng),
      fromSeconds: 0,
    };
  },
};
