/**
 * Where a filter is deployed (Moore, Shannon, Voelker and Savage's "deployment scenario"), as a
 * partition of the /16 blocks into components: a probe crosses a deployment point exactly when its
 * source and destination /16s lie in different components.
 * - `"all"`: every customer network (AS) filters its own traffic both ways: one component per AS.
 * - `{ customerNetworks: f }`: each AS deploys with probability f; a deploying AS is its own
 *   component, the others share one (traffic between two networks that both do not filter passes).
 * - `{ topAses: N }`: the N best-connected ASes filter what transits them: two /16s are in one
 *   component when the path between their ASes crosses none of the top N.
 * @see ../../docs/defenses.md (deployment)
 * @see ../../docs/as-model.md
 */
import type { Rng } from "../core/rng.ts";
import { customerComponents, topAsComponents, type AsTopology } from "../net/as-model.ts";

/** A deployment as a scenario names it. */
export type DeploymentSpec =
  "all" | { readonly customerNetworks: number } | { readonly topAses: number };

/** One line describing a deployment, for summaries and charts. */
export function describeDeployment(d: DeploymentSpec): string {
  if (d === "all") return "all customer networks";
  if ("customerNetworks" in d)
    return `${Math.round(d.customerNetworks * 100)}% of customer networks`;
  return `top ${d.topAses} ASes`;
}

/** The /16 partition of a deployment, with the shares a filter needs to count what it drops. */
export class Components {
  /** Component id per /16. */
  readonly of16: Int32Array;
  /** Per /16: the share of all /16s in its component. */
  private readonly shareAll: Float64Array;
  /** Per /16: the share of the /16s of its /8 in its component. */
  private readonly share8: Float64Array;

  constructor(of16: Int32Array) {
    if (of16.length !== 65536) throw new RangeError(`components: 65536 /16s, got ${of16.length}`);
    this.of16 = of16;
    const sizes = new Map<number, number>();
    for (const c of of16) sizes.set(c, (sizes.get(c) ?? 0) + 1);
    this.shareAll = new Float64Array(65536);
    this.share8 = new Float64Array(65536);
    for (let b = 0; b < 256; b++) {
      const in8 = new Map<number, number>();
      for (let s = b * 256; s < b * 256 + 256; s++) in8.set(of16[s], (in8.get(of16[s]) ?? 0) + 1);
      for (let s = b * 256; s < b * 256 + 256; s++) {
        this.shareAll[s] = (sizes.get(of16[s]) ?? 0) / 65536;
        this.share8[s] = (in8.get(of16[s]) ?? 0) / 256;
      }
    }
  }

  /** Whether /16s a and b are in one component (no deployment point between them). */
  same(a: number, b: number): boolean {
    return this.of16[a] === this.of16[b];
  }

  /** Share of destinations outside the component of /16 `s`: over the space (0) or its /8 (8). */
  outside(s: number, level: 0 | 8): number {
    return 1 - (level === 0 ? this.shareAll[s] : this.share8[s]);
  }
}

/** The components of deployment `d` on topology `topo` (customer draws from `rng`). */
export function deploymentComponents(
  d: DeploymentSpec,
  topo: AsTopology | null,
  rng: Rng,
): Components {
  if (!topo) throw new RangeError("a filter deployment needs the AS model (asTopology)");
  if (d === "all") return new Components(customerComponents(topo, 1, rng.fork("deployment")));
  if ("customerNetworks" in d) {
    return new Components(customerComponents(topo, d.customerNetworks, rng.fork("deployment")));
  }
  return new Components(topAsComponents(topo, d.topAses));
}
