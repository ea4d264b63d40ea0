/**
 * `wormscope fit FILE.csv`: fits the logistic (K, T, N) or the two-factor model to a time series of
 * infected hosts and prints the estimates with 95% confidence intervals.
 */
import { Command, Option } from "@commander-js/extra-typings";
import { UserInputError } from "../../core/errors.ts";
import type { FitMethod } from "../../models/fit-curve.ts";
import {
  fitTwoFactor,
  twoFactorMinimumPoints,
  type TwoFactorFit,
} from "../../models/fit-two-factor.ts";
import { fitLogistic, type FittedParameter, type LogisticFit } from "../../models/fit.ts";
import { logisticSeries } from "../../models/logistic.ts";
import { solveTwoFactor } from "../../models/two-factor.ts";
import { readInfectedCsv, type InfectedSeries } from "../../node/infected-csv.ts";
import { svgToPng } from "../../node/png.ts";
import { writeFilesAtomic } from "../../node/write-file-atomic.ts";
import { lineChartSvg } from "../../report/line-chart.ts";

type Fit = LogisticFit | TwoFactorFit;

/** Registers `fit` on the program. */
export function register(program: Command): void {
  program
    .command("fit")
    .description("fit an analytic worm model to a CSV time series of infected hosts")
    .argument(
      "<file>",
      "CSV with a time column (time ISO 8601, or hours/minutes/seconds) and infected",
    )
    .addOption(
      new Option("--model <model>", "model to fit")
        .choices(["logistic", "two-factor"])
        .default("logistic"),
    )
    .addOption(
      new Option("--method <method>", "residuals on increments or cumulative levels")
        .choices(["increments", "levels"])
        .default("increments"),
    )
    .option("--saturation <hosts>", "hold N (saturation or population) at this value", parseHosts)
    .option("--json", "print the fit as JSON")
    .option("--out <dir>", "write fit.json, fit.svg and fit.png to this directory")
    // commander has printed its message already; bad usage exits 2, help exits 0
    .action((file, opts) => {
      const series = readInfectedCsv(file);
      const method: FitMethod = opts.method;
      const rows = series.timesHours.length;
      const needed = twoFactorMinimumPoints(opts.saturation);
      if (opts.model === "two-factor" && rows < needed) {
        throw new UserInputError(
          `${file}: ${rows} data rows; --model two-factor needs at least ${needed} (its ${needed - 2} parameters plus 2)`,
        );
      }
      const fit =
        opts.model === "two-factor"
          ? fitTwoFactor(series.timesHours, series.infected, {
              method,
              population: opts.saturation,
            })
          : fitLogistic(series.timesHours, series.infected, {
              method,
              saturation: opts.saturation,
            });
      if (fit.model === "logistic" && !(fit.ratePerHour.value > 0 && fit.saturation.value > 0)) {
        throw new UserInputError(
          `${file}: the logistic fit gives K = ${fit.ratePerHour.value.toPrecision(4)} per hour and N = ${fit.saturation.value.toPrecision(4)} hosts, outside the model (an outbreak growing to N > 0 at K > 0): the infected counts do not rise like an outbreak; nothing written`,
        );
      }
      const json = fitJson(file, series, fit);
      if (opts.out !== undefined) {
        const svg = lineChartSvg(chartSpec(file, series, fit));
        writeFilesAtomic(opts.out, {
          "fit.json": `${JSON.stringify(json, null, 2)}\n`,
          "fit.svg": svg,
          "fit.png": svgToPng(svg),
        });
      }
      process.stdout.write(
        opts.json ? `${JSON.stringify(json, null, 2)}\n` : summary(file, series, fit),
      );
      if (opts.out !== undefined && !opts.json)
        process.stdout.write(`wrote ${opts.out}/fit.{json,svg,png}\n`);
    });
}

function parseHosts(value: string): number {
  const x = Number(value);
  if (!(x > 0 && Number.isFinite(x)))
    throw new UserInputError(`--saturation: not a positive number: "${value}"`);
  return x;
}

const HOUR_MS = 3_600_000;

function isoAt(series: InfectedSeries, hours: number): string | undefined {
  if (series.startMs === undefined || !Number.isFinite(hours)) return undefined;
  return new Date(series.startMs + hours * HOUR_MS).toISOString().replace(/:\d\d\.\d{3}Z$/, "Z");
}

function fmt(x: number, digits: number): string {
  return Number.isFinite(x)
    ? x.toLocaleString("en-US", { maximumFractionDigits: digits, minimumFractionDigits: digits })
    : "n/a";
}

function line(label: string, p: FittedParameter, unit: string, digits: number): string {
  const ci = p.fixed
    ? "(fixed)"
    : Number.isFinite(p.stdError)
      ? `95% CI [${fmt(p.ci95[0], digits)}, ${fmt(p.ci95[1], digits)}]`
      : "95% CI n/a: not identifiable from these data";
  return `  ${label.padEnd(26)} ${fmt(p.value, digits)} ${unit}  ${ci}\n`;
}

function summary(file: string, series: InfectedSeries, fit: Fit): string {
  const n = series.timesHours.length;
  const span = `${fmt(series.timesHours[n - 1] - series.timesHours[0], 2)} h`;
  let out = `${file}: ${n} points over ${span}; model ${fit.model}, residuals on ${fit.method}\n`;
  if (fit.model === "logistic") {
    out += line("K (growth rate)", fit.ratePerHour, "per hour", 3);
    const t = fit.midpointHours;
    out += line("T (half infected)", t, "h", 2);
    const iso = [t.value, ...t.ci95].map((h) => isoAt(series, h));
    if (iso[0]) out += `  ${"".padEnd(26)} ${iso[0]}  95% CI [${iso[1]}, ${iso[2]}]\n`;
    out += line("N (saturation)", fit.saturation, "hosts", 0);
  } else {
    out += line("beta0*N (contact rate)", fit.contactRatePerHour, "per hour", 3);
    out += line("gamma (removal rate)", fit.removalRatePerHour, "per hour", 4);
    out += line("mu*N (patch rate)", fit.patchRatePerHour, "per hour", 4);
    out += line("eta (congestion exponent)", fit.congestionExponent, "", 2);
    out += line("I0 (infected at start)", fit.initialInfected, "hosts", 1);
    out += line("N (population)", fit.population, "hosts", 0);
  }
  out += `  ${"residual error (RMS)".padEnd(26)} ${fmt(fit.rmsErrorHosts, 0)} hosts; ${fit.dof} degrees of freedom`;
  out += fit.converged ? "\n" : "; WARNING: did not converge\n";
  return out;
}

function fitJson(file: string, series: InfectedSeries, fit: Fit): Record<string, unknown> {
  const start = series.startMs === undefined ? undefined : new Date(series.startMs).toISOString();
  return {
    file,
    start,
    timeColumn: series.timeColumn,
    ...fit,
    ...(fit.model === "logistic" ? { midpointIso: isoAt(series, fit.midpointHours.value) } : {}),
  };
}

function fittedCurve(fit: Fit, timesHours: Float64Array): Float64Array {
  if (fit.model === "logistic") {
    return logisticSeries(
      {
        ratePerHour: fit.ratePerHour.value,
        midpointHours: fit.midpointHours.value,
        saturation: fit.saturation.value,
      },
      timesHours,
    );
  }
  const t0 = timesHours[0];
  return solveTwoFactor(
    fit.params,
    timesHours.map((t) => t - t0),
  ).everInfected;
}

function chartSpec(file: string, series: InfectedSeries, fit: Fit) {
  const n = series.timesHours.length;
  const first = series.timesHours[0];
  const last = series.timesHours[n - 1];
  const dense = Float64Array.from({ length: 401 }, (_, i) => first + ((last - first) * i) / 400);
  const curve = fittedCurve(fit, dense);
  const time = series.startMs !== undefined;
  const x = (h: number) => (time ? (series.startMs ?? 0) + (h - first) * HOUR_MS : h);
  const subtitle =
    fit.model === "logistic"
      ? `K = ${fmt(fit.ratePerHour.value, 3)}/h (95% CI ${fmt(fit.ratePerHour.ci95[0], 3)}-${fmt(fit.ratePerHour.ci95[1], 3)}), N = ${fmt(fit.saturation.value, 0)}`
      : `beta0*N = ${fmt(fit.contactRatePerHour.value, 3)}/h, gamma = ${fmt(fit.removalRatePerHour.value, 4)}/h, eta = ${fmt(fit.congestionExponent.value, 2)}`;
  return {
    title: `Fit of the ${fit.model} model to ${file.split("/").pop() ?? file}`,
    subtitle,
    xAxis: {
      label: time ? "Time (UTC)" : "Hours",
      kind: time ? ("time" as const) : ("value" as const),
    },
    yAxes: [{ label: "Infected hosts" }] as const,
    series: [
      {
        name: "Data",
        style: "scatter" as const,
        points: Array.from(series.timesHours, (h, i) => [x(h), series.infected[i]] as const),
      },
      {
        name: `Fitted ${fit.model}`,
        points: Array.from(dense, (h, i) => [x(h), curve[i]] as const),
      },
    ],
  };
}
