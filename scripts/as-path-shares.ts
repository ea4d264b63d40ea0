/**
 * Prints, for the AS model of July 2001 and the jul19-2001 preset's vulnerable population, the share
 * of (source, destination) pairs that a "topAses: n" and a "customerNetworks: fraction" deployment
 * filter: host pairs (weight = vulnerable hosts per /16), address pairs (1 per assigned /16) and
 * host-to-address pairs (what a uniform scanner's probes see), at seed 1 and over seeds 1-5, then the
 * sensitivity of seed 1 to the clique size and the attachment offset. Markdown tables, for
 * docs/as-model.md. Usage: npx tsx scripts/as-path-shares.ts
 */
import { createRng } from "../src/core/rng.ts";
import {
  AS_MODEL_DEFAULTS,
  allocatedBlocks16,
  buildAsModel,
  customerComponents,
  degrees,
  fitSpanExponent,
  pathShareFiltered,
  topAsComponents,
  type AsModelOptions,
  type AsTopology,
} from "../src/net/as-model.ts";
import { resolveScenario } from "../src/scenario/resolve.ts";
import { buildModelPopulation } from "../src/scenario/run.ts";

const SEEDS = [1, 2, 3, 4, 5];
const TOP_N = [10, 20, 40, 100];
const FRACTIONS = [0.5, 0.9, 1];

interface Deployment {
  readonly label: string;
  readonly comp: (topo: AsTopology, seed: number) => Int32Array;
}

const DEPLOYMENTS: Deployment[] = [
  ...TOP_N.map((n) => ({ label: `topAses ${n}`, comp: (t: AsTopology) => topAsComponents(t, n) })),
  ...FRACTIONS.map((f) => ({
    label: `customerNetworks ${f}`,
    comp: (t: AsTopology, seed: number) =>
      customerComponents(t, f, createRng(seed).fork("customers")),
  })),
];

interface Weights {
  readonly hosts: Uint32Array;
  readonly addresses: Float64Array;
}

function weightsFor(seed: number, topo: AsTopology): Weights {
  const population = buildModelPopulation(resolveScenario({ extends: "jul19-2001", seed }));
  const hosts = new Uint32Array(65536);
  for (const address of population.addresses) hosts[address >>> 16]++;
  const addresses = new Float64Array(65536);
  for (let c = 0; c < 65536; c++) addresses[c] = topo.asOf16[c] >= 0 ? 1 : 0;
  return { hosts, addresses };
}

/** Host pairs, address pairs and host-to-address pairs filtered, for one deployment. */
function shares(comp: Int32Array, w: Weights): [number, number, number] {
  return [
    pathShareFiltered(comp, w.hosts),
    pathShareFiltered(comp, w.addresses),
    pathShareFiltered(comp, w.hosts, w.addresses),
  ];
}

const pct = (x: number): string => `${(100 * x).toFixed(1)}%`;
const range = (xs: number[]): string =>
  `${pct(xs.reduce((a, b) => a + b, 0) / xs.length)} (${pct(Math.min(...xs))}-${pct(Math.max(...xs))})`;

const models = SEEDS.map((seed) => {
  const started = performance.now();
  const topo = buildAsModel({}, createRng(seed).fork("as-model"));
  const ms = performance.now() - started;
  return { seed, topo, ms, weights: weightsFor(seed, topo) };
});

const first = models[0];
const blocks = allocatedBlocks16(AS_MODEL_DEFAULTS).length;
const transit = new Set(Array.from(first.topo.provider).filter((p) => p >= 0));
let hostsInTransit = 0;
let hostsTotal = 0;
let blocksInTransit = 0;
for (let c = 0; c < 65536; c++) {
  const as = first.topo.asOf16[c];
  if (as < 0) continue;
  hostsTotal += first.weights.hosts[c];
  if (transit.has(as)) {
    hostsInTransit += first.weights.hosts[c];
    blocksInTransit++;
  }
}
const spans = new Int32Array(first.topo.count);
for (const as of first.topo.asOf16) if (as >= 0) spans[as]++;
console.log(
  `AS model, seed 1: ${first.topo.count} ASes over ${blocks} allocated /16s ` +
    `(mean span ${(blocks / first.topo.count).toFixed(3)}, exponent ` +
    `${fitSpanExponent(blocks / first.topo.count, AS_MODEL_DEFAULTS.maxSpan16).toFixed(4)}, ` +
    `${pct(spans.filter((s) => s === 1).length / spans.length)} of ASes hold one /16, ` +
    `largest ${Math.max(...spans)}); transit ASes ${transit.size} (${pct(transit.size / first.topo.count)}), ` +
    `holding ${pct(blocksInTransit / blocks)} of the /16s and ${pct(hostsInTransit / hostsTotal)} ` +
    `of the vulnerable hosts; built in ${Math.round(first.ms)} ms (seeds 1-5: ` +
    `${models.map((m) => Math.round(m.ms)).join(", ")} ms)`,
);
/** Mean AS hops (links) on the tree path between two ASes drawn uniformly, from 20,000 pairs. */
function meanHops(topo: AsTopology): number {
  const rng = createRng(1).fork("hops");
  const chain = (a: number): number[] => {
    const out = [a];
    while (topo.provider[out[out.length - 1]] >= 0) out.push(topo.provider[out[out.length - 1]]);
    return out;
  };
  let hops = 0;
  const pairs = 20_000;
  for (let k = 0; k < pairs; k++) {
    const cx = chain(rng.int(topo.count));
    const cy = chain(rng.int(topo.count));
    if (cx[cx.length - 1] !== cy[cy.length - 1]) hops += cx.length + cy.length - 1;
    else {
      const inY = new Set(cy);
      const lca = cx.findIndex((a) => inY.has(a));
      hops += lca + cy.indexOf(cx[lca]);
    }
  }
  return hops / pairs;
}
const degree = degrees(first.topo.provider, AS_MODEL_DEFAULTS.cliqueSize);
const byRank = Array.from(degree.keys()).sort((a, b) => first.topo.rank[a] - first.topo.rank[b]);
console.log(
  `seed 1 tree: degrees of ranks 1-10 ${byRank
    .slice(0, 10)
    .map((a) => degree[a])
    .join(", ")}; mean AS hops between two random ASes ${meanHops(first.topo).toFixed(2)}`,
);
console.log("");
console.log(
  "| deployment | host pairs, seed 1 | host pairs, seeds 1-5: mean (min-max) | address pairs, seed 1 | address pairs, seeds 1-5 | host to address, seed 1 |",
);
console.log("|---|---|---|---|---|---|");
for (const d of DEPLOYMENTS) {
  const rows = models.map((m) => shares(d.comp(m.topo, m.seed), m.weights));
  const col = (i: number): number[] => rows.map((r) => r[i]);
  console.log(
    `| ${d.label} | ${pct(rows[0][0])} | ${range(col(0))} | ${pct(rows[0][1])} | ${range(col(1))} | ${pct(rows[0][2])} |`,
  );
}

const variants: { label: string; options: AsModelOptions }[] = [
  { label: "defaults (clique 10, offset -0.816)", options: {} },
  { label: "clique 20", options: { cliqueSize: 20 } },
  { label: "offset 0 (linear attachment on degree)", options: { attachmentOffset: 0 } },
];
console.log("");
console.log(`| seed 1, host pairs | ${DEPLOYMENTS.map((d) => d.label).join(" | ")} |`);
console.log(`|---|${DEPLOYMENTS.map(() => "---|").join("")}`);
for (const v of variants) {
  const topo = buildAsModel(v.options, createRng(1).fork("as-model"));
  const cells = DEPLOYMENTS.map((d) =>
    pct(pathShareFiltered(d.comp(topo, 1), first.weights.hosts)),
  );
  console.log(`| ${v.label} | ${cells.join(" | ")} |`);
}

/** customerNetworks if transit ASes deployed with probability f too (not what the library does). */
function everyAsDeploys(topo: AsTopology, f: number, seed: number): Int32Array {
  const rng = createRng(seed).fork("customers");
  const deploys = Array.from({ length: topo.count }, () => rng.next() < f);
  return topo.asOf16.map((as) => (as < 0 ? -1 : deploys[as] ? as + 1 : 0));
}
const alt = FRACTIONS.map((f) =>
  pct(pathShareFiltered(everyAsDeploys(first.topo, f, 1), first.weights.hosts)),
);
console.log(
  `| defaults, transit ASes deploy like stubs | ${TOP_N.map(() => "").join(" | ")} | ${alt.join(" | ")} |`,
);
