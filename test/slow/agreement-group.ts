/**
 * Registers one group of the slow agreement suite as a vitest test. Criteria
 * (test/support/agreement.ts): KS at alpha 0.01 on the times to 10/50/90% of the vulnerable
 * hosts; each mean curve (ever infected, infected now) inside the other's 99% band at 20 checkpoints.
 * Seeds: fast 1-200, reference 100001-100200 (static seed: the sequence seed is the run seed in both
 * engines). Every configuration must agree and every wrong variant of the group must be rejected.
 */
import { describe, expect, it } from "vitest";
import {
  AGREEMENT_CONFIGS,
  WRONG_VARIANTS,
  agreementPopulation,
} from "../support/agreement-configs.ts";
import { runGroup, seedLists } from "./agreement-suite.ts";

/**
 * Declares the test of group `group` (configurations `names`, at least `minRows` result rows), with
 * the first `runs` seeds of each engine (default all 200).
 */
export function agreementGroupTest(
  title: string,
  group: string,
  names: readonly string[],
  minRows = names.length,
  runs?: number,
): void {
  describe(`agreement suite: ${title}`, () => {
    it("fast and reference engines agree; wrong variants are rejected", () => {
      const rows = runGroup(
        group,
        [...names],
        agreementPopulation(),
        AGREEMENT_CONFIGS,
        WRONG_VARIANTS,
        seedLists(runs),
      );
      expect(rows.length).toBeGreaterThanOrEqual(minRows);
      for (const r of rows) {
        expect({ name: r.name, pass: r.report.pass }).toEqual({
          name: r.name,
          pass: r.expect === "agree",
        });
        if (r.rejectedByExtras) {
          const extras = [...r.report.extraKs, ...r.report.extraBands];
          expect({ name: r.name, rejectedByExtras: extras.some((e) => !e.pass) }).toEqual({
            name: r.name,
            rejectedByExtras: true,
          });
        }
      }
    });
  });
}
