import { populationJuly2001 } from "../src/net/internet-2001.ts";
import { createRng } from "../src/core/rng.ts";
import { runFastEngine } from "../src/sim/fast-engine.ts";
import { codeRedV2 } from "../src/worms/code-red-v2.ts";
let t0 = performance.now();
const population = populationJuly2001({}, createRng(1).fork("population"));
console.log("pop ms", performance.now() - t0, population.size);
const in44 = population.addresses.filter((a) => a >>> 24 === 44).length;
console.log("hosts in 44/8", in44);
const startMs = Date.parse("2001-07-19T10:00:00Z");
for (let k = 0; k < 3; k++) {
  t0 = performance.now();
  const c0 = process.cpuUsage();
  const r = runFastEngine({
    seed: k + 1,
    startMs,
    endMs: Date.parse("2001-07-20T00:00:00Z"),
    population,
    worms: [
      { def: codeRedV2, introducedAtMs: startMs, initialInfected: 1, initialWakeStaggered: false },
    ],
    observers: [{ name: "telescope", type: "telescope", block: { base: 44 << 24, bits: 8 } }],
    patch: [{ fromMs: startMs, perHostPerHour: 0.00836 }],
    reboot: [{ fromMs: startMs, perHostPerHour: 0.005 }],
  });
  console.log("engine ms", performance.now() - t0, "cpu ms", process.cpuUsage(c0).user / 1000);
  let peak = 0;
  for (let m = 0; m < r.minutes; m++) peak = Math.max(peak, r.newInfections[m]);
  console.log(
    "ever",
    r.infectedEver,
    "telescope",
    r.observers[0].uniqueSources,
    "peak/min",
    peak,
    "t90 h",
    r.everTimes[Math.ceil(r.infectedEver * 0.9) - 1] / 3600,
  );
}
