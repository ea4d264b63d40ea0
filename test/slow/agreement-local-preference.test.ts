import { describe, expect, it } from "vitest";
import {
  AGREEMENT_CONFIGS,
  WRONG_VARIANTS,
  agreementPopulation,
} from "../../src/sim/reference/agreement-configs.ts";
import { type AgreementRow, fastRow, publish, referenceSamples } from "./agreement-suite.ts";

// Criteria (src/sim/reference/agreement.ts): KS at alpha 0.01 on the times to 10/50/90% of the
// vulnerable hosts; each mean curve (ever infected, infected now) inside the other's 99% band at 20
// checkpoints. Seeds: fast 1-200, reference 100001-100200.
describe("agreement suite: local-preference scanning", () => {
  it("fast and reference engines agree; the wrong variant is rejected", () => {
    const population = agreementPopulation();
    const rows: AgreementRow[] = [];
    const references = new Map<string, ReturnType<typeof referenceSamples>>();
    for (const config of AGREEMENT_CONFIGS.filter((c) => c.worm.scan.kind === "local-preference")) {
      const reference = referenceSamples(config, population);
      references.set(config.name, reference);
      rows.push(fastRow(config.name, "agree", config, population, reference));
    }
    for (const w of WRONG_VARIANTS.filter((v) => references.has(v.against))) {
      const reference = references.get(w.against) as ReturnType<typeof referenceSamples>;
      rows.push(fastRow(w.name, "reject", w.config, population, reference));
    }
    publish("local-preference", rows);
    for (const r of rows)
      expect({ name: r.name, pass: r.report.pass }).toEqual({
        name: r.name,
        pass: r.expect === "agree",
      });
  });
});
