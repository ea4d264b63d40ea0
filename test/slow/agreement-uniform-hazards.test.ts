import { describe, expect, it } from "vitest";
import {
  AGREEMENT_CONFIGS,
  WRONG_VARIANTS,
  agreementPopulation,
} from "../../src/sim/reference/agreement-configs.ts";
import { runGroup } from "./agreement-suite.ts";

// Criteria (src/sim/reference/agreement.ts): KS at alpha 0.01 on the times to 10/50/90% of the
// vulnerable hosts; each mean curve (ever infected, infected now) inside the other's 99% band at 20
// checkpoints. Seeds: fast 1-200, reference 100001-100200. Wrong variants must be rejected.
describe("agreement suite: uniform scanning with patching and reboots", () => {
  it("fast and reference engines agree; wrong variants are rejected", () => {
    const names = ["uniform+hazards"];
    const rows = runGroup(
      "uniform-hazards",
      names,
      agreementPopulation(),
      AGREEMENT_CONFIGS,
      WRONG_VARIANTS,
    );
    expect(rows.length).toBeGreaterThanOrEqual(names.length);
    for (const r of rows) {
      expect({ name: r.name, pass: r.report.pass }).toEqual({
        name: r.name,
        pass: r.expect === "agree",
      });
    }
  });
});
