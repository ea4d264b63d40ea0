import { describe, expect, it } from "vitest";
import { resolveScenario } from "./resolve.ts";
import { buildModelPopulation, runSimulation } from "./run.ts";

// The claim docs/worms/code-red-v1.md makes about the gap to eEye's ~12,000 at one rate for all (sigma 0;
// the presets' fitted dispersion closes it, docs/calibration.md): with every new instance
// starting at the head of one list, the infected by a time t are the vulnerable hosts among the first
// rate x t list positions, and nothing else.
describe("jul12-2001 (Code Red v1, static seed)", () => {
  it("infects about the vulnerable hosts in the first rate x t positions of the list, no more", () => {
    const until = "2001-07-18T14:00:00Z";
    // The claim is about the homogeneous model: one rate for every host, fixed addresses.
    const s = resolveScenario({
      extends: "jul12-2001",
      until,
      rateHeterogeneity: { distribution: "lognormal", sigma: 0 },
      addressChurn: { dynamicShare: 0, perHostPerHour: 0 },
    });
    const { summary } = runSimulation(s, buildModelPopulation(s));
    const seconds = (Date.parse(until) - Date.parse(s.worms[0].introducedAt)) / 1000;
    const positions = s.worms[0].definition.probesPerSecond * seconds;
    // Each host's first position is exponential with mean 2^32.
    const expected = summary.vulnerable * -Math.expm1(-positions / 2 ** 32);
    expect(Math.abs(summary.infectedEver - expected)).toBeLessThan(4 * Math.sqrt(expected));
    const obs = summary.observers["early-in-list"];
    expect(obs?.type).toBe("sequence");
    if (obs?.type === "sequence")
      expect(obs.reached.crv1).toBeLessThanOrEqual(summary.infectedEver);
  });
});
