/**
 * Code Red v1 calibration grid (issue 10): runs the validation's jul12 run
 * (src/validation/measurements.ts) over a grid of per-host rate dispersions (sigma), rate caps
 * (maxMultiplier), introduction times and address-churn settings, several seeds each, and prints per
 * point the model's mean of every fit row (eEye's count, Eichman's daily and cumulative sources) with
 * the squared log error summed over them, and the growth shape: the cumulative sources' daily
 * increments on 15-18 July and their late/early ratio. It fits on Code Red v1 data only: the rows
 * marked "fit".
 * @see ../docs/calibration.md
 */
import type { ScenarioFile } from "../src/scenario/schema.ts";
import { runValidation } from "../src/validation/validate.ts";
import { flag, helpRequested } from "./script-args.ts";

const HELP = `Code Red v1 calibration grid (fit rows of wormscope validate's jul12 run).

  npx tsx scripts/calibrate-crv1.ts [--sigmas 0.9,1.0] [--caps none,10,20]
    [--intro 2001-07-13T16:00:00Z,...] [--churn 0,0.5:0.05] [--cure 0,0.01] [--seeds 5]

  --sigmas  lognormal dispersions (comma-separated)
  --caps    rate caps, rateHeterogeneity.maxMultiplier (> 1), or "none" (default: none)
  --intro   introduction times of the first Code Red v1 instance (ISO instants)
  --churn   address-churn settings as dynamicShare:perHostPerHour, or 0 for none
  --cure    the scenario's cleanup: hazards per infected host per hour at which infected hosts are
            cleaned and patched, from the start (default 0, none)
  --seeds   seeds 1..N per point (default 5)

One tab-separated line per point: the fit rows' model means, the loss (sum of squared log errors
over the 13 fit figures), the cumulative sources' daily increments on 15-18 July and "late/early"
= (increments 17+18) / (increments 15+16); Eichman's are 2,562, 3,505, 3,066, 3,654 and 1.11
(linear growth). Points run one after another (one process, one core).`;

helpRequested(HELP);

const sigmas = flag("--sigmas", "0.9,1.0").split(",").map(Number);
const caps = flag("--caps", "none")
  .split(",")
  .map((c) => (c === "none" ? undefined : Number(c)));
const intros = flag("--intro", "2001-07-13T16:00:00Z").split(",");
const seeds = Number(flag("--seeds", "5"));
const churns = flag("--churn", "0.5:0.05")
  .split(",")
  .map((c) => {
    const [dynamicShare, perHostPerHour] = c === "0" ? [0, 0] : c.split(":").map(Number);
    return { dynamicShare, perHostPerHour };
  });

const cures = flag("--cure", "0").split(",").map(Number);

const logError = (model: number, observed: number) => Math.log(Math.max(model, 1) / observed) ** 2;

/** The cumulative sources' increments on 15-18 July and (17+18)/(15+16) (Eichman: 1.11). */
function growth(byId: ReadonlyMap<string, number>): [number[], number] {
  const days = ["07-14", "07-15", "07-16", "07-17", "07-18"];
  const c = days.map((d) => byId.get(`eichman-cumulative-${d}`) ?? Number.NaN);
  const inc = c.slice(1).map((x, i) => x - c[i]);
  return [inc, (inc[2] + inc[3]) / (inc[0] + inc[1])];
}

let header = false;
for (const sigma of sigmas) {
  for (const cap of caps) {
    for (const intro of intros) {
      for (const churn of churns) {
        for (const cure of cures) {
          const candidate: ScenarioFile = {
            rateHeterogeneity: {
              distribution: "lognormal",
              sigma,
              ...(cap === undefined ? {} : { maxMultiplier: cap }),
            },
            addressChurn: churn,
            worms: [{ variant: "crv1", introducedAt: intro, initialInfected: 1 }],
            cleanup: { from: "2001-07-12T00:00:00Z", perHostPerHour: cure },
          };
          const rows = runValidation({ seeds, runs: ["jul12"], with: candidate });
          // The 13 figures of the loss: the growth row is a function of them.
          const fit = rows.filter((r) => r.role === "fit" && r.id !== "eichman-growth-late-early");
          if (!header) {
            const cols = ["sigma", "cap", "intro", "churn", "cure", ...fit.map((r) => r.id)];
            console.log(
              [...cols, "loss", "inc15", "inc16", "inc17", "inc18", "late/early"].join("\t"),
            );
            console.log(
              [
                "",
                "",
                "",
                "",
                "published",
                ...fit.map((r) => r.published),
                "",
                2562,
                3505,
                3066,
                3654,
                "1.108",
              ].join("\t"),
            );
            header = true;
          }
          const loss = fit.reduce((s, r) => s + logError(r.mean, r.published), 0);
          const [inc, ratio] = growth(new Map(fit.map((r) => [r.id, r.mean])));
          console.log(
            [
              sigma,
              cap ?? "none",
              intro,
              `${churn.dynamicShare}:${churn.perHostPerHour}`,
              cure,
              ...fit.map((r) => Math.round(r.mean)),
              loss.toFixed(3),
              ...inc.map(Math.round),
              ratio.toFixed(3),
            ].join("\t"),
          );
        }
      }
    }
  }
}
