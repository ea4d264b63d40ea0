/**
 * Code Red v1 calibration grid (issue 10): runs the validation's jul12 run
 * (src/validation/measurements.ts) over a grid of per-host rate dispersions (sigma), introduction
 * times and address-churn settings, several seeds each, and prints per point the model's mean of
 * every fit row (eEye's count, Eichman's daily and cumulative sources) with the squared log error
 * summed over them. It fits on Code Red v1 data only: the rows marked "fit".
 *
 *   npx tsx scripts/calibrate-crv1.ts [--sigmas 0.9,1.0] [--intro 2001-07-13T16:00:00Z,...]
 *     [--churn 0,0.5:0.05] [--seeds 20]
 *
 * --churn lists address-churn settings as dynamicShare:perHostPerHour (0: none).
 * @see ../docs/calibration.md
 */
import type { ScenarioFile } from "../src/scenario/schema.ts";
import { runValidation } from "../src/validation/validate.ts";

function flag(name: string, fallback: string): string {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : fallback;
}

const sigmas = flag("--sigmas", "0.9,1.0").split(",").map(Number);
const intros = flag("--intro", "2001-07-13T16:00:00Z").split(",");
const seeds = Number(flag("--seeds", "5"));
const churns = flag("--churn", "0.5:0.05")
  .split(",")
  .map((c) => {
    const [dynamicShare, perHostPerHour] = c === "0" ? [0, 0] : c.split(":").map(Number);
    return { dynamicShare, perHostPerHour };
  });

const logError = (model: number, observed: number) => Math.log(Math.max(model, 1) / observed) ** 2;

let header = false;
for (const sigma of sigmas) {
  for (const intro of intros) {
    for (const churn of churns) {
      const candidate: ScenarioFile = {
        rateHeterogeneity: { distribution: "lognormal", sigma },
        addressChurn: churn,
        worms: [{ variant: "crv1", introducedAt: intro, initialInfected: 1 }],
      };
      const rows = runValidation({ seeds, runs: ["jul12"], with: candidate });
      const fit = rows.filter((r) => r.role === "fit");
      if (!header) {
        console.log(["sigma", "intro", "churn", ...fit.map((r) => r.id), "loss"].join("\t"));
        console.log(["", "", "published", ...fit.map((r) => r.published), ""].join("\t"));
        header = true;
      }
      const loss = fit.reduce((s, r) => s + logError(r.mean, r.published), 0);
      console.log(
        [
          sigma,
          intro,
          `${churn.dynamicShare}:${churn.perHostPerHour}`,
          ...fit.map((r) => Math.round(r.mean)),
          loss.toFixed(3),
        ].join("\t"),
      );
    }
  }
}
