/**
 * Ingress filtering: from `from` on, a site blocks inbound port 80 from outside its block, so its
 * servers are unreachable from outside (probes from inside still reach them). The block is a /16 or
 * larger (a filter acts on whole /16s: the engines' unit).
 * @see ../../docs/defenses.md (ingress-filter)
 */
import type { Cidr } from "../net/prefix.ts";
import type { DefensePlugin, ProbeFilter } from "../plugin/defense.ts";
import { NO_PROCESSES } from "./no-processes.ts";

/** Options of an ingress filter (the block as parsed CIDR, the start as epoch ms). */
export interface IngressFilterSpec {
  readonly type: "ingress-filter";
  readonly block: Cidr;
  readonly fromMs: number;
}

export const defenseIngressFilter: DefensePlugin = {
  type: "ingress-filter",
  description: "from a time on, a block (/16 or larger) drops inbound probes from outside it",
  create: () => NO_PROCESSES,
  filter(spec, context): ProbeFilter {
    const s = spec as unknown as IngressFilterSpec;
    if (s.block.bits > 16) {
      throw new RangeError(
        `ingress-filter: the block must be a /16 or larger, got /${s.block.bits}`,
      );
    }
    const lo = s.block.base >>> 16;
    const count = 2 ** (16 - s.block.bits);
    const inside = (c: number) => c >= lo && c < lo + count;
    const from = Math.max(0, (s.fromMs - context.startMs) / 1000);
    const duration = (context.endMs - context.startMs) / 1000;
    const lo8 = lo >>> 8;
    const hi8 = (lo + count - 1) >>> 8;
    return {
      changeTimes: from > 0 && from < duration ? [from] : [],
      blockAfterSeconds: null,
      engagedAt: () => (from < duration ? from : null),
      passes: (_w, from16, _b, to16, t) => t < from || !inside(to16) || inside(from16),
      dropShare(_w, from16, _b, level, t) {
        if (t < from || inside(from16)) return 0;
        if (level === 0) return count / 65536;
        const b = from16 >>> 8;
        if (b < lo8 || b > hi8) return 0;
        return Math.min(count, 256) / 256;
      },
      inboundDropShare: (_w, to16, t) => (t < from || !inside(to16) ? 0 : 1 - count / 65536),
    };
  },
};
