/**
 * An AS-level model of the July 2001 Internet at /16 granularity, for the quarantine defenses: which
 * AS holds each /16, a provider tree grown by preferential attachment, a rank per AS (1 = best
 * connected), and the components a "topAses" or "customerNetworks" deployment cuts the /16s into.
 * @see ../../docs/as-model.md
 */
import { UserInputError } from "../core/errors.ts";
import { Fenwick } from "../core/fenwick.ts";
import type { Rng } from "../core/rng.ts";
import { eligibleBlocks8, isSpecialUse16 } from "./address-blocks.ts";
import type { IanaBlock } from "./iana-registry.ts";
import { JULY_2001_DEFAULTS } from "./internet-2001-params.ts";

/** An AS-level Internet: who holds each /16, the provider tree and the ranks. */
export interface AsTopology {
  /** Number of ASes; AS indices are 0..count-1. */
  readonly count: number;
  /** Length 65536: the AS index of each /16 (block c = address >>> 16), -1 when unassigned. */
  readonly asOf16: Int32Array;
  /** Per AS: its rank, a permutation of 1..count, 1 = best connected. */
  readonly rank: Int32Array;
  /** Per AS: its provider's index, -1 for the members of the tier-1 clique. */
  readonly provider: Int32Array;
  /** `"model:as2001"` for the model, `"file:<name>"` for a loaded table. */
  readonly source: string;
}

/** `AsTopology.source` of the model. */
export const AS_MODEL_SOURCE = "model:as2001";

/**
 * ASes in July 2001: 11,300, back-extrapolated linearly from APNIC's 12,656 (1 Mar 2002) and
 * 12,943 (19 Apr 2002) routing-table reports (D, +-500).
 * @see ../../docs/as-model.md and ../../docs/research/issue-11-defenses.md section 4 (APNIC: V; July: D)
 */
export const AS_COUNT_JULY_2001 = 11_300;

/**
 * Size of the tier-1 clique (fully meshed, no provider). 10: an assumption, roughly the number of
 * transit-free backbones of 2001 (M, not verified); docs/as-model.md gives the shares at 20 too.
 * @see ../../docs/as-model.md
 */
export const TIER1_CLIQUE_SIZE = 10;

/**
 * Largest AS, in /16s: 256, one /8 (assumption: the largest single holdings in the registry are
 * whole legacy /8s such as 12/8; no AS is given more at /16 granularity).
 * @see ../../docs/as-model.md
 */
export const MAX_AS_SPAN_16 = 256;

/**
 * Share of ASes that are transit (have a customer): 1,700 of 12,656 on 1 Mar 2002 (APNIC, V).
 * @see ../../docs/as-model.md and ../../docs/research/issue-11-defenses.md section 4 (V)
 */
export const TRANSIT_AS_SHARE = 1_700 / 12_656;

/**
 * The attachment offset `a` whose preferential-attachment tree (provider chosen with probability
 * proportional to degree + a) has a share `t` of ASes with customers: in the large-tree limit the
 * share of leaves is (2 + a) / (3 + 2a), so a = (3t - 1) / (1 - 2t) (D). The degree tail is then
 * P(k) ~ k^-(3 + a).
 */
export function attachmentOffsetForTransitShare(t: number): number {
  return (3 * t - 1) / (1 - 2 * t);
}

/**
 * Attachment offset of the model: -0.816, from {@link TRANSIT_AS_SHARE} (D). Degree tail exponent
 * 2.18 as a consequence (not fitted to any published exponent).
 * @see ../../docs/as-model.md
 */
export const ATTACHMENT_OFFSET = attachmentOffsetForTransitShare(TRANSIT_AS_SHARE);

/** Options of {@link buildAsModel}; every field is optional. */
export interface AsModelOptions {
  /** Number of ASes. Default {@link AS_COUNT_JULY_2001}. */
  readonly asCount?: number;
  /** Size of the tier-1 clique. Default {@link TIER1_CLIQUE_SIZE}. */
  readonly cliqueSize?: number;
  /** Largest AS in /16s. Default {@link MAX_AS_SPAN_16}. */
  readonly maxSpan16?: number;
  /** Attachment offset, > -1. Default {@link ATTACHMENT_OFFSET}. */
  readonly attachmentOffset?: number;
  /** The /8 registry. Default: the IANA table shipped with wormscope (as the population model). */
  readonly registry?: readonly IanaBlock[];
  /** Last month (`"YYYY-MM"`) whose /8 designations count. Default `"2001-07"` (as the population model). */
  readonly cutoffDate?: string;
  /** /8s treated as unallocated. Default [189, 190] (as the population model, see its TSDoc). */
  readonly excludedPrefix8s?: readonly number[];
}

/** Every option of {@link AsModelOptions} resolved. */
export type AsModelParams = {
  readonly [K in keyof AsModelOptions]-?: NonNullable<AsModelOptions[K]>;
};

/** The defaults of {@link buildAsModel}. */
export const AS_MODEL_DEFAULTS: AsModelParams = Object.freeze<AsModelParams>({
  asCount: AS_COUNT_JULY_2001,
  cliqueSize: TIER1_CLIQUE_SIZE,
  maxSpan16: MAX_AS_SPAN_16,
  attachmentOffset: ATTACHMENT_OFFSET,
  registry: JULY_2001_DEFAULTS.registry,
  cutoffDate: JULY_2001_DEFAULTS.cutoffDate,
  excludedPrefix8s: JULY_2001_DEFAULTS.excludedPrefix8s,
});

/**
 * The /16s an AS can hold, ascending: every /16 of an eligible /8 (`eligibleBlocks8`, as the
 * population model calls it) that is not special-use (RFC 1918 and the like, `isSpecialUse16`).
 */
export function allocatedBlocks16(params: AsModelParams): Int32Array {
  const blocks = eligibleBlocks8(params.registry, params.cutoffDate, params.excludedPrefix8s);
  const out: number[] = [];
  for (const block of blocks) {
    for (let low = 0; low < 256; low++) {
      const p16 = block.prefix8 * 256 + low;
      if (!isSpecialUse16(p16)) out.push(p16);
    }
  }
  return Int32Array.from(out);
}

/** Mean of the discrete power law P(k) ~ k^-alpha on 1..maxSpan. */
export function powerLawMean(alpha: number, maxSpan: number): number {
  let total = 0;
  let weighted = 0;
  for (let k = 1; k <= maxSpan; k++) {
    const p = k ** -alpha;
    total += p;
    weighted += k * p;
  }
  return weighted / total;
}

/**
 * The exponent alpha in [0, 50] of the discrete power law P(k) ~ k^-alpha on 1..maxSpan whose mean
 * is `mean` (bisection to 1e-12; the mean falls as alpha grows). Throws a RangeError when no
 * exponent in [0, 50] gives it.
 */
export function fitSpanExponent(mean: number, maxSpan: number): number {
  let lo = 0;
  let hi = 50;
  if (!(mean <= powerLawMean(lo, maxSpan) && mean >= powerLawMean(hi, maxSpan))) {
    throw new RangeError(`no power law on 1..${maxSpan} has mean ${mean}`);
  }
  while (hi - lo > 1e-12) {
    const mid = (lo + hi) / 2;
    if (powerLawMean(mid, maxSpan) > mean) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

/**
 * Builds the AS-level model from `rng` (the caller forks a stream for it, e.g.
 * `rng.fork("as-model")`). Steps, each on its own sub-stream: sizes in /16s drawn from a discrete
 * power law fitted so the mean span is allocated /16s / ASes, then nudged one /16 at a time until
 * they sum to exactly the allocated /16s ("as-sizes"); the ASes shuffled and given contiguous runs of
 * allocated /16s in that order ("as-order"); the provider tree by preferential attachment over ASes
 * in decreasing size ("as-providers"); rank by degree (ties: larger first, then lower index).
 * Deterministic; throws a {@link UserInputError} for bad options.
 */
export function buildAsModel(options: AsModelOptions, rng: Rng): AsTopology {
  const params = resolveAsModelOptions(options);
  const blocks = allocatedBlocks16(params);
  const n = params.asCount;
  if (blocks.length < n || blocks.length > n * params.maxSpan16) {
    throw new UserInputError(
      `as model option asCount: ${n} ASes cannot share ${blocks.length} allocated /16s with 1..${params.maxSpan16} each`,
    );
  }
  const sizes = drawSpans(n, blocks.length, params.maxSpan16, rng.fork("as-sizes"));
  shuffle(sizes, rng.fork("as-order"));
  const asOf16 = new Int32Array(65536).fill(-1);
  let next = 0;
  for (let as = 0; as < n; as++) {
    for (let k = 0; k < sizes[as]; k++) asOf16[blocks[next++]] = as;
  }
  const bySize = Int32Array.from({ length: n }, (_, i) => i).sort(
    (a, b) => sizes[b] - sizes[a] || a - b,
  );
  const providers = rng.fork("as-providers");
  const provider = attachProviders(bySize, params.cliqueSize, params.attachmentOffset, () =>
    providers.next(),
  );
  const degree = degrees(provider, Math.min(params.cliqueSize, n));
  const byRank = Int32Array.from({ length: n }, (_, i) => i).sort(
    (a, b) => degree[b] - degree[a] || sizes[b] - sizes[a] || a - b,
  );
  const rank = new Int32Array(n);
  byRank.forEach((as, i) => (rank[as] = i + 1));
  return { count: n, asOf16, rank, provider, source: AS_MODEL_SOURCE };
}

/**
 * The provider tree by preferential attachment. `order` lists the AS indices in placement order;
 * its first `cliqueSize` form the clique (provider -1). Each later AS takes as provider a placed AS
 * chosen with probability proportional to customers + 1 + `offset` (its degree + offset when it has
 * one provider; a clique member counts its peering as that one link), using `uniform()` in [0, 1)
 * for the choice. Returns the provider per AS index.
 */
export function attachProviders(
  order: Int32Array,
  cliqueSize: number,
  offset: number,
  uniform: () => number,
): Int32Array {
  const n = order.length;
  const provider = new Int32Array(n).fill(-1);
  const weights = new Fenwick(n);
  for (let i = 0; i < n; i++) {
    const as = order[i];
    if (i >= cliqueSize) {
      const chosen = weights.search(uniform() * weights.total());
      provider[as] = order[chosen];
      weights.add(chosen, 1);
    }
    weights.set(i, 1 + offset);
  }
  return provider;
}

/** Links per AS: customers, plus one provider link, or the clique's peering links for its members. */
export function degrees(provider: Int32Array, cliqueSize: number): Int32Array {
  const degree = new Int32Array(provider.length);
  for (let as = 0; as < provider.length; as++) {
    const p = provider[as];
    if (p >= 0) {
      degree[p]++;
      degree[as]++;
    } else degree[as] += cliqueSize - 1;
  }
  return degree;
}

/**
 * Components for a "topAses: n" deployment, per /16: a probe from /16 a to /16 b is dropped iff
 * `comp[a] !== comp[b]`. Assigned /16s get small non-negative ids; every unassigned /16 gets -1 (so
 * a probe between an assigned and an unassigned /16 counts as dropped; no host lives there).
 *
 * The path between ASes x != y in the tree is x up to their lowest common ancestor and down to y,
 * or, with different clique roots, x up to its root, across the clique's direct peering link, and
 * down to y. It is filtered iff it holds an AS of rank <= n, x and y included. Components: a top-n
 * AS is its own; a non-top AS x belongs to its highest ancestor h reached from x through non-top
 * ASes only (x itself when its provider is top-n), and when h is a clique member, to one component
 * shared by every such non-top clique member. Proof: if the path holds no top AS, x and y are
 * non-top and the path is made of non-top steps up from each, so both reach the same h (same root:
 * through the common ancestor; different roots: both reach their roots, which share the clique
 * component); conversely two ASes of one component reach h (or two non-top clique roots) through
 * non-top ASes, and their path lies on those chains and the clique link between them. Traffic
 * inside one AS never crosses a filter. n = 0 puts every assigned /16 in one component.
 */
export function topAsComponents(topo: AsTopology, n: number): Int32Array {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`n must be an integer >= 0, got ${n}`);
  const unset = -1;
  const cliqueLabel = topo.count;
  const label = new Int32Array(topo.count).fill(unset);
  const stack: number[] = [];
  for (let x = 0; x < topo.count; x++) {
    let y = x;
    while (label[y] === unset) {
      const p = topo.provider[y];
      if (topo.rank[y] <= n || (p >= 0 && topo.rank[p] <= n)) label[y] = y;
      else if (p < 0) label[y] = cliqueLabel;
      else {
        stack.push(y);
        y = p;
      }
    }
    // Everything stacked is non-top with a non-top provider: it shares y's (non-top) label.
    while (stack.length > 0) label[stack.pop()!] = label[y];
  }
  return per16(topo, label, topo.count + 1);
}

/**
 * Components for a "customerNetworks: fraction" deployment, per /16 (same convention as
 * {@link topAsComponents}): each AS's own address space is one customer network (at /16 granularity
 * an ISP's address space is its customers' networks), and each AS deploys with probability
 * `fraction`, one draw of `rng` per AS in index order, so fraction 1 is "all" (every AS its own
 * component) and the share filtered grows smoothly with the fraction. A deploying AS is its own
 * component; every other AS shares one. Fraction 0 puts every assigned /16 in one component.
 */
export function customerComponents(topo: AsTopology, fraction: number, rng: Rng): Int32Array {
  if (!(fraction >= 0 && fraction <= 1)) throw new RangeError(`fraction must be in [0, 1]`);
  const shared = topo.count;
  const label = new Int32Array(topo.count);
  for (let as = 0; as < topo.count; as++) {
    const u = rng.next();
    label[as] = fraction === 1 || u < fraction ? as : shared;
  }
  return per16(topo, label, topo.count + 1);
}

/** Per-/16 components from per-AS labels in 0..labels-1, renumbered 0.. in /16 order. */
function per16(topo: AsTopology, label: Int32Array, labels: number): Int32Array {
  const id = new Int32Array(labels).fill(-1);
  const comp = new Int32Array(65536).fill(-1);
  let next = 0;
  for (let c = 0; c < 65536; c++) {
    const as = topo.asOf16[c];
    if (as < 0) continue;
    const l = label[as];
    if (id[l] < 0) id[l] = next++;
    comp[c] = id[l];
  }
  return comp;
}

/**
 * Share of weighted (source, destination) pairs of assigned /16s whose components differ: ordered
 * pairs, the source drawn in proportion to `weight` and the destination to `destinationWeight`
 * (default `weight`), independently, so pairs inside one /16 or one AS count (and are never
 * filtered). Equals 1 - sum_c S_c D_c / (S D) over components c, S_c and D_c the weights in c.
 * Unassigned /16s (comp < 0) are left out. 0 when either total weight is 0.
 */
export function pathShareFiltered(
  comp: Int32Array,
  weight: Float64Array | Uint32Array,
  destinationWeight: Float64Array | Uint32Array = weight,
): number {
  if (comp.length !== 65536 || weight.length !== 65536 || destinationWeight.length !== 65536) {
    throw new RangeError("components and weights need one entry per /16 (65536)");
  }
  let comps = 0;
  for (const c of comp) comps = Math.max(comps, c + 1);
  const s = new Float64Array(comps);
  const d = new Float64Array(comps);
  let sTotal = 0;
  let dTotal = 0;
  for (let c = 0; c < 65536; c++) {
    if (comp[c] < 0) continue;
    s[comp[c]] += weight[c];
    d[comp[c]] += destinationWeight[c];
    sTotal += weight[c];
    dTotal += destinationWeight[c];
  }
  if (sTotal === 0 || dTotal === 0) return 0;
  let same = 0;
  for (let c = 0; c < comps; c++) same += s[c] * d[c];
  return 1 - same / (sTotal * dTotal);
}

/**
 * Share of weighted pairs of /16s (see {@link pathShareFiltered}) that a "topAses: n" deployment
 * filters, i.e. whose tree path transits an AS of rank <= n. Non-decreasing in n: each larger top
 * set refines the components. O(65536 + count).
 */
export function pathShareTransitingTopN(
  topo: AsTopology,
  n: number,
  weight: Float64Array | Uint32Array,
  destinationWeight: Float64Array | Uint32Array = weight,
): number {
  return pathShareFiltered(topAsComponents(topo, n), weight, destinationWeight);
}

/** Fills in the defaults and checks the options, throwing a {@link UserInputError} naming the field. */
export function resolveAsModelOptions(options: AsModelOptions): AsModelParams {
  const defined = Object.entries(options).filter(([, v]) => v !== undefined);
  const p: AsModelParams = { ...AS_MODEL_DEFAULTS, ...Object.fromEntries(defined) };
  const bad = (field: string, problem: string): never => {
    throw new UserInputError(`as model option ${field}: ${problem}`);
  };
  const integer = (field: "asCount" | "cliqueSize" | "maxSpan16", max: number): void => {
    if (!Number.isInteger(p[field]) || p[field] < 1 || p[field] > max)
      bad(field, `must be an integer 1..${max}, got ${p[field]}`);
  };
  integer("asCount", 65536);
  integer("cliqueSize", 1000);
  integer("maxSpan16", 65536);
  if (!(p.attachmentOffset > -1 && p.attachmentOffset <= 1000))
    bad("attachmentOffset", `must be in (-1, 1000], got ${p.attachmentOffset}`);
  if (!/^[0-9]{4}-(0[1-9]|1[0-2])$/.test(p.cutoffDate)) bad("cutoffDate", "must be YYYY-MM");
  if (p.registry.length !== 256) bad("registry", "must have 256 /8 rows");
  return p;
}

/**
 * `count` spans in 1..maxSpan summing to `total`: drawn from the power law whose mean is
 * total / count, then one /16 at a time taken from an AS chosen in proportion to its span above 1
 * (while the sum is too large) or given to one chosen in proportion to its span (too small, spans
 * below maxSpan only), which keeps the shape of the tail.
 */
function drawSpans(count: number, total: number, maxSpan: number, rng: Rng): Int32Array {
  const spans = new Int32Array(count);
  if (total === count) return spans.fill(1);
  const alpha = fitSpanExponent(total / count, maxSpan);
  const cumulative = new Float64Array(maxSpan);
  let acc = 0;
  for (let k = 1; k <= maxSpan; k++) cumulative[k - 1] = acc += k ** -alpha;
  let sum = 0;
  for (let i = 0; i < count; i++) {
    const u = rng.next() * acc;
    let lo = 0;
    let hi = maxSpan - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid] > u) hi = mid;
      else lo = mid + 1;
    }
    spans[i] = lo + 1;
    sum += spans[i];
  }
  const shrink = sum > total;
  const weightOf = (span: number): number => (shrink ? span - 1 : span < maxSpan ? span : 0);
  const weights = new Fenwick(count);
  for (let i = 0; i < count; i++) weights.set(i, weightOf(spans[i]));
  for (; sum !== total; sum += shrink ? -1 : 1) {
    const i = weights.search(rng.next() * weights.total());
    spans[i] += shrink ? -1 : 1;
    weights.set(i, weightOf(spans[i]));
  }
  return spans;
}

/** Fisher-Yates shuffle in place. */
function shuffle(values: Int32Array, rng: Rng): void {
  for (let i = values.length - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    const t = values[i];
    values[i] = values[j];
    values[j] = t;
  }
}
