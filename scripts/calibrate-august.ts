/**
 * The August population's one fitted number (issue 10 item 4): runs the validation's aug04 run
 * (src/validation/measurements.ts) with X servers not infected in July (a list of X values) and
 * prints per X the Code Red II rows: SecurityFocus's ~170,000 addresses by the end of 6 August (the
 * fit figure) and CERT's >= 150,000 as addresses and as hosts (predictions), mean and 5-95% band.
 * @see ../docs/calibration.md (the August population)
 */
import { augustPopulation } from "../src/scenario/presets.ts";
import { runValidation } from "../src/validation/validate.ts";
import { flag, helpRequested } from "./script-args.ts";

const HELP = `August population fit (the validation's aug04 run over X).

  npx tsx scripts/calibrate-august.ts [--x 100000,130000] [--seeds 5]

  --x      servers vulnerable on 1 August that were not in July's outbreak (comma-separated)
  --seeds  seeds 1..N per value (default 5)

One tab-separated line per X: the Code Red II rows' model means and 5-95% bands.`;

helpRequested(HELP);

const xs = flag("--x", "100000,130000").split(",").map(Number);
const seeds = Number(flag("--seeds", "5"));
console.log(["X", "row", "published", "mean", "p5", "p95"].join("\t"));
for (const x of xs) {
  const rows = runValidation({ seeds, runs: ["aug04"], with: { population: augustPopulation(x) } });
  for (const r of rows.filter((r) => r.id.includes("crii"))) {
    console.log(
      [x, r.id, r.published, Math.round(r.mean), Math.round(r.p5), Math.round(r.p95)].join("\t"),
    );
  }
}
