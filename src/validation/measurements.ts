/**
 * Every published Code Red measurement wormscope compares itself with: the figure, who published
 * it, whether it counts hosts or addresses, which run reproduces it and how to read the model's
 * value from that run's result. Rows marked "fit" are the data the calibration uses (Code Red v1
 * only); every other row is a prediction.
 * @see ../../docs/validation.md (the table) and ../../docs/calibration.md (the fit)
 * @see ../../docs/sources.md (the sources)
 */
import { fitLogistic } from "../models/fit.ts";
import type { EngineResult } from "../sim/engine-result.ts";
import type { ScenarioFile } from "../scenario/schema.ts";

/** The runs the measurements are read from: a preset with the observers they need. */
export const VALIDATION_RUNS = {
  jul12: {
    extends: "jul12-2001",
    observers: [{ type: "server", name: "one-16", block: "134.243.0.0/16" }],
  },
  jul19: {
    extends: "jul19-2001",
    observers: [{ type: "server", name: "one-16", block: "134.243.0.0/16" }],
  },
  aug04: { extends: "aug04-2001" },
} as const satisfies Record<string, ScenarioFile>;

export type ValidationRun = keyof typeof VALIDATION_RUNS;

/** How a published figure is compared with the model's 5-95% band over seeds. */
export type Comparison =
  /** Inside when the band holds the figure. */
  | { readonly kind: "about" }
  /** ">X": inside when the band's top reaches X. */
  | { readonly kind: "at-least" }
  /** Inside when the model's mean is within a factor of the figure. */
  | { readonly kind: "factor"; readonly factor: number }
  /** A published range: inside when the model's mean falls in it. */
  | { readonly kind: "range"; readonly low: number; readonly high: number };

export interface Measurement {
  readonly id: string;
  readonly run: ValidationRun;
  readonly what: string;
  readonly source: string;
  readonly counts: "hosts" | "addresses" | "probes" | "per hour" | "ratio";
  readonly published: number;
  readonly comparison: Comparison;
  readonly role: "fit" | "prediction";
  /** The model's value in one run. */
  readonly read: (r: EngineResult) => number;
}

/**
 * K of a logistic fitted to an hourly probe series over its rise, as levels with a free saturation:
 * Staniford et al. fitted K = 1.8/h to the hourly probe rate at Ken Eichman's /16 on 19 July, a
 * complete rise to a plateau (Staniford, incidents list, 1 Aug 2001: "the observed growth in the
 * worm probe rate"). The rise ends at the first hour with 95% of the series' maximum. When that is
 * the last hour (or earlier than the fourth), or the last hour is below 90% of the maximum, the
 * series has no complete rise to a plateau within the run and K is undefined (NaN): a logistic
 * fitted to an exponential's start, or to a few stray probes, has no determined K. Hour h's count
 * is placed at its midpoint.
 * @see ../../docs/calibration.md (Staniford's K)
 */
export function probeRateK(probesPerHour: readonly number[]): number {
  let max = 0;
  for (const x of probesPerHour) if (x > max) max = x;
  const end = probesPerHour.findIndex((x) => x >= 0.95 * max);
  const last = probesPerHour[probesPerHour.length - 1];
  if (!(max > 0) || end < 3 || end > probesPerHour.length - 2 || last < 0.9 * max)
    return Number.NaN;
  const hours = probesPerHour.slice(0, end + 1).map((_, h) => h + 0.5);
  return fitLogistic(hours, probesPerHour.slice(0, end + 1), { method: "levels" }).ratePerHour
    .value;
}

/** Seconds from the run's start to an ISO instant. */
function at(r: EngineResult, iso: string): number {
  return (Date.parse(iso) - r.input.startMs) / 1000;
}

function observer(r: EngineResult, name: string) {
  const o = r.observers.find((x) => x.name === name);
  if (!o) throw new RangeError(`validation run has no observer "${name}"`);
  return o;
}

/** Distinct (host, address) pairs an observer had seen by time t (of worm `worm`, or any). */
function addressesSeenBy(r: EngineResult, name: string, t: number, worm?: string): number {
  const o = observer(r, name);
  const w = worm === undefined ? -1 : r.wormVariants.indexOf(worm);
  const times =
    w >= 0
      ? (o.sourceFirstSeenByWorm?.[w] ?? new Float64Array(0))
      : (o.sourceFirstSeenSeconds ?? o.firstSeenSeconds);
  let n = 0;
  for (let i = 0; i < times.length; i++) if (times[i] >= 0 && times[i] <= t) n++;
  return n;
}

/** Hosts first infected by time t. */
function hostsInfectedBy(r: EngineResult, t: number): number {
  let n = 0;
  for (const x of r.everTimes) if (x <= t) n++;
  return n;
}

/** The day index (from the run start) of a UTC date. */
function dayOf(r: EngineResult, isoDay: string): number {
  return Math.round(at(r, `${isoDay}T00:00:00Z`) / 86400);
}

const EICHMAN = "Eichman, one /16 (bugtraq, 19-20 Jul 2001)";
const EICHMAN_DAYS = [
  ["2001-07-13", 27, 27],
  ["2001-07-14", 1_076, 1_079],
  ["2001-07-15", 3_498, 3_641],
  ["2001-07-16", 6_137, 7_146],
  ["2001-07-17", 7_189, 10_212],
  ["2001-07-18", 8_247, 13_866],
] as const;

/** Issue 10's criterion for Code Red v1: within a factor 1.5. */
const CRV1_FACTOR = { kind: "factor", factor: 1.5 } as const;

const crv1: Measurement[] = [
  {
    id: "eeye-jul18",
    run: "jul12",
    what: "CRv1 attackers seen by a host early in the list, by 18 Jul 14:00",
    source: "eEye client (seed article)",
    counts: "addresses",
    published: 11_900,
    comparison: CRV1_FACTOR,
    role: "fit",
    read: (r) => {
      const hour = Math.round(at(r, "2001-07-18T14:00:00Z") / 3600);
      return r.sequences[0]?.reachedByHour[hour - 1] ?? Number.NaN;
    },
  },
  ...EICHMAN_DAYS.flatMap(([day, daily, cumulative]): Measurement[] => [
    {
      id: `eichman-daily-${day.slice(5)}`,
      run: "jul12",
      what: `CRv1 sources at one /16 on ${day.slice(5)} (that day)`,
      source: EICHMAN,
      counts: "addresses",
      published: daily,
      comparison: CRV1_FACTOR,
      role: "fit",
      read: (r) => observer(r, "one-16").dailyUniqueSources?.[dayOf(r, day)] ?? Number.NaN,
    },
    {
      id: `eichman-cumulative-${day.slice(5)}`,
      run: "jul12",
      what: `CRv1 sources at one /16 by the end of ${day.slice(5)}`,
      source: EICHMAN,
      counts: "addresses",
      published: cumulative,
      comparison: CRV1_FACTOR,
      role: "fit",
      read: (r) => addressesSeenBy(r, "one-16", (dayOf(r, day) + 1) * 86400),
    },
  ]),
  {
    // Linear growth gives about 1; an exponential through Eichman's 14 and 18 July counts, 3.6.
    id: "eichman-growth-late-early",
    run: "jul12",
    what: "CRv1 growth at one /16: new sources on 17+18 Jul over 15+16 Jul (linear: about 1)",
    source: EICHMAN,
    counts: "ratio",
    published: (3_066 + 3_654) / (2_562 + 3_505),
    comparison: CRV1_FACTOR,
    role: "fit",
    read: (r) => {
      const c = (day: string) => addressesSeenBy(r, "one-16", (dayOf(r, day) + 1) * 86400);
      const [d14, d16, d18] = [c("2001-07-14"), c("2001-07-16"), c("2001-07-18")];
      return (d18 - d16) / (d16 - d14);
    },
  },
  {
    id: "eichman-probes-per-source-jul18",
    run: "jul12",
    what: "CRv1 attempts per source per day at one /16, 18 Jul (36 packets = 12-36 attempts)",
    source: EICHMAN,
    counts: "probes",
    published: 294_345 / 8_247,
    comparison: { kind: "range", low: 294_345 / 8_247 / 3, high: 294_345 / 8_247 },
    role: "prediction",
    read: (r) => {
      const o = observer(r, "one-16");
      const d = dayOf(r, "2001-07-18");
      let probes = 0;
      for (let h = d * 24; h < d * 24 + 24; h++) probes += o.hours[h]?.probes ?? 0;
      return probes / (o.dailyUniqueSources?.[d] ?? Number.NaN);
    },
  },
];

const crv2: Measurement[] = [
  {
    id: "caida-jul19",
    run: "jul19",
    what: "CRv2 sources seen by a /8 telescope by 20 Jul 00:00",
    source: "CAIDA (Moore et al. 2002)",
    counts: "addresses",
    published: 359_000,
    comparison: { kind: "at-least" },
    role: "prediction",
    read: (r) => observer(r, "telescope").uniqueSources,
  },
  {
    id: "caida-peak",
    run: "jul19",
    what: "CRv2 peak new infections per minute",
    source: "CAIDA",
    counts: "hosts",
    published: 2_000,
    comparison: { kind: "at-least" },
    role: "prediction",
    read: (r) => Math.max(...r.newInfections),
  },
  {
    id: "staniford-k",
    run: "jul19",
    what: "CRv2 logistic rate K fitted to the hourly probes at one /16 (Eichman's series, as Staniford fitted it)",
    source: "Staniford, Paxson, Weaver 2002",
    counts: "per hour",
    published: 1.8,
    comparison: { kind: "about" },
    role: "fit",
    read: (r) => probeRateK(observer(r, "one-16").hours.map((h) => h.probes)),
  },
  {
    id: "cert-9h",
    run: "jul19",
    what: 'CRv2 infected 9 h after 10:00 ("more than 250,000 systems in just 9 hours")',
    source: "NIPC/CERT/SANS alert, 29 Jul 2001",
    counts: "hosts",
    published: 250_000,
    comparison: { kind: "at-least" },
    role: "prediction",
    read: (r) => hostsInfectedBy(r, 9 * 3600),
  },
  {
    id: "eichman-jul19",
    run: "jul19",
    what: "CRv2 sources at one /16 on 19 Jul (10:00-24:00)",
    source: "Eichman (bugtraq, 20 Jul 2001)",
    counts: "addresses",
    published: 272_052,
    comparison: { kind: "about" },
    role: "prediction",
    read: (r) => observer(r, "one-16").uniqueSources,
  },
  {
    id: "eichman-jul19-1900",
    run: "jul19",
    what: "CRv2 sources at one /16 in the 19:00 UTC hour",
    source: "Eichman (bugtraq, 19 Jul 2001)",
    counts: "addresses",
    published: 115_124,
    comparison: { kind: "about" },
    role: "prediction",
    read: (r) => observer(r, "one-16").hours[9]?.uniqueSources ?? Number.NaN,
  },
];

const AUGUST_NEWS: readonly [string, string, string, number][] = [
  ["cnn-aug01-1830", "2001-08-01T18:30:00Z", "CNN, 1 Aug", 80_000],
  ["wt-aug01-2100", "2001-08-01T21:00:00Z", "Washington Times, 1 Aug", 137_000],
  ["caida-aug02-0000", "2001-08-02T00:00:00Z", "CAIDA (D. Moore, via ABC)", 130_000],
  ["ap-aug02-0300", "2001-08-02T03:00:00Z", "SANS data via AP", 150_000],
  ["sans-aug02-1300", "2001-08-02T13:00:00Z", "SANS, 2 Aug", 239_000],
];

const august: Measurement[] = [
  ...AUGUST_NEWS.map(([id, iso, source, count]): Measurement => ({
    id,
    run: "aug04",
    what: `CRv2 resurgence: sources by ${iso.slice(5, 16).replace("T", " ")}`,
    source,
    counts: "addresses",
    published: count,
    comparison: { kind: "about" },
    role: "prediction",
    read: (r) => addressesSeenBy(r, "telescope", at(r, iso), "crv2"),
  })),
  {
    id: "securityfocus-crii-aug06",
    run: "aug04",
    what: "CRII sources by the end of 6 Aug",
    source: "SecurityFocus (seed article)",
    counts: "addresses",
    published: 170_000,
    comparison: { kind: "about" },
    // The one August figure the calibration uses: it sets the servers not infected in July.
    role: "fit",
    read: (r) => addressesSeenBy(r, "telescope", at(r, "2001-08-07T00:00:00Z"), "crii"),
  },
  // CERT's "infections" are not defined as hosts or addresses; its counts came from reports and
  // logs, which name addresses, so the first row compares addresses and the second hosts.
  {
    id: "cert-crii",
    run: "aug04",
    what: 'CRII infections by 8 Aug ("at least 150,000"), as addresses',
    source: "CERT (seed article)",
    counts: "addresses",
    published: 150_000,
    comparison: { kind: "at-least" },
    role: "prediction",
    read: (r) => addressesSeenBy(r, "telescope", at(r, "2001-08-08T00:00:00Z"), "crii"),
  },
  {
    id: "cert-crii-hosts",
    run: "aug04",
    what: 'CRII infections by 8 Aug ("at least 150,000"), as hosts',
    source: "CERT (seed article)",
    counts: "hosts",
    published: 150_000,
    comparison: { kind: "at-least" },
    role: "prediction",
    read: (r) => r.everByWorm[r.wormVariants.indexOf("crii")] ?? Number.NaN,
  },
];

/** Every measurement, in table order. */
export const MEASUREMENTS: readonly Measurement[] = [...crv1, ...crv2, ...august];
