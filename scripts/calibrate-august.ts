/**
 * The August population's one fitted number (issue 10 item 4): runs the validation's aug04 run
 * (src/validation/measurements.ts) with X servers not infected in July (a list of X values) and
 * prints per X the Code Red II rows: SecurityFocus's ~170,000 addresses by the end of 6 August (the
 * fit figure) and CERT's >= 150,000 as addresses and as hosts (predictions), mean and 5-95% band.
 * @see ../docs/calibration.md (the August population)
 */
import { JULY_2001_DEFAULTS } from "../src/net/internet-2001-params.ts";
import { DARKNET_PREFIX8, PATCHED_SHARE_AUGUST_1 } from "../src/scenario/presets.ts";
import { runValidation } from "../src/validation/validate.ts";

const HELP = `August population fit (the validation's aug04 run over X).

  npx tsx scripts/calibrate-august.ts [--x 100000,130000] [--seeds 5]

  --x      servers vulnerable on 1 August that were not in July's outbreak (comma-separated)
  --seeds  seeds 1..N per value (default 5)

One tab-separated line per X: the Code Red II rows' model means and 5-95% bands.`;

if (process.argv.includes("--help") || process.argv.includes("-h")) {
  console.log(HELP);
  process.exit(0);
}

function flag(name: string, fallback: string): string {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : fallback;
}

const xs = flag("--x", "100000,130000").split(",").map(Number);
const seeds = Number(flag("--seeds", "5"));
const july = JULY_2001_DEFAULTS.vulnerableHosts;
console.log(["X", "row", "published", "mean", "p5", "p95"].join("\t"));
for (const x of xs) {
  const vulnerableHosts = july + x;
  const rows = runValidation({
    seeds,
    runs: ["aug04"],
    with: {
      population: {
        model: "july2001",
        excludedPrefix8s: [DARKNET_PREFIX8, 189, 190],
        vulnerableHosts,
        patchedAtStart: (PATCHED_SHARE_AUGUST_1 * july) / vulnerableHosts,
      },
    },
  });
  for (const r of rows.filter((r) => r.id.includes("crii"))) {
    console.log(
      [x, r.id, r.published, Math.round(r.mean), Math.round(r.p5), Math.round(r.p95)].join("\t"),
    );
  }
}
