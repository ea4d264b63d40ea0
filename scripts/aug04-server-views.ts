/**
 * Places three server observers in aug04-2001 (in the densest /16, in the 201st densest /16, in an
 * empty /8) and prints what each saw, by variant, with source locality. Usage:
 * tsx scripts/aug04-server-views.ts
 */
import { resolveScenario } from "../src/scenario/resolve.ts";
import { buildModelPopulation, runSimulation } from "../src/scenario/run.ts";
import { formatIpv4 } from "../src/net/ipv4.ts";
const base = resolveScenario({ extends: "aug04-2001" });
const pop = buildModelPopulation(base);
const per16 = new Map<number, number>();
for (let h = 0; h < pop.size; h++)
  if (!pop.patched[h])
    per16.set(pop.addresses[h] >>> 16, (per16.get(pop.addresses[h] >>> 16) ?? 0) + 1);
const top = [...per16].sort((a, b) => b[1] - a[1]);
const dense = top[0][0],
  mid = top[200][0];
const s = resolveScenario({
  extends: "aug04-2001",
  observers: [
    { type: "server", name: "dense", block: formatIpv4(((dense << 16) | 0x0101) >>> 0) },
    { type: "server", name: "mid", block: formatIpv4(((mid << 16) | 0x0101) >>> 0) },
    { type: "server", name: "empty8", block: "99.1.2.3" },
  ],
});
console.log(
  "dense /16",
  formatIpv4((dense << 16) >>> 0),
  top[0][1],
  "unpatched hosts; mid",
  formatIpv4((mid << 16) >>> 0),
  top[200][1],
);
const { summary } = runSimulation(s, pop);
for (const name of ["dense", "mid", "empty8"]) {
  const o = summary.observers[name];
  if (o.type === "sequence") continue;
  console.log(
    name,
    o.block,
    "sources",
    o.uniqueSources,
    "probes",
    o.probes,
    JSON.stringify(o.byVariant),
  );
}
