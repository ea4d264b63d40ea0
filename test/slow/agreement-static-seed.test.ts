import { describe, expect, it } from "vitest";
import {
  AGREEMENT_CONFIGS,
  WRONG_VARIANTS,
  agreementPopulation,
} from "../../src/sim/reference/agreement-configs.ts";
import { runGroup } from "./agreement-suite.ts";

// Criteria (src/sim/reference/agreement.ts): KS at alpha 0.01 on the times to 10/50/90% of the
// vulnerable hosts; each mean curve (ever infected, infected now) inside the other's 99% band at 20
// checkpoints. Seeds: fast 1-200, reference 100001-100200; the sequence seed is the run seed in both
// engines. The wrong variant (probe rate +10%) must be rejected.
describe("agreement suite: static-seed scanning (Code Red v1), with and without hazards", () => {
  it("fast and reference engines agree; the wrong variant is rejected", () => {
    const names = ["static-seed", "static-seed+hazards"];
    const rows = runGroup(
      "static-seed",
      names,
      agreementPopulation(),
      AGREEMENT_CONFIGS,
      WRONG_VARIANTS,
    );
    expect(rows.length).toBeGreaterThanOrEqual(names.length + 1);
    for (const r of rows) {
      expect({ name: r.name, pass: r.report.pass }).toEqual({
        name: r.name,
        pass: r.expect === "agree",
      });
    }
  });
});
