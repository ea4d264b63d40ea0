/**
 * Builds the outbreak estimate from a run's tally: Code Red v1/v2 (and error-log hits of unknown
 * variant) as uniform scanners; Code Red II split by locality when the server's address is known.
 */
import { CLASS } from "../classes.ts";
import type { Tally } from "../tally/tally.ts";
import {
  CRII_RATE_MULTIPLIER,
  CRV1V2_PROBES_PER_SECOND_RANGE,
  DEFAULT_CRV1V2_PROBES_PER_SECOND,
  DEFAULT_HOST_MODEL,
  IPV4_ADDRESSES,
  RATE_SIGMA_RANGE,
  criiHitProbabilityPerProbe,
  criiRateMultiplierNear,
} from "./assumptions.ts";
import { localityOf } from "./locality.ts";
import { observationWindowSeconds } from "./observation-window.ts";
import {
  estimateGroup,
  sumEstimates,
  type GroupEstimate,
  type RateModel,
} from "./outbreak-size.ts";

/** Options of {@link estimateOutbreak}. */
export interface EstimateOptions {
  /** The server's IPv4 address as uint32, if known. */
  serverIp?: number;
  /**
   * CRv1/v2 probes per second per host at the mean rate multiplier; default
   * {@link DEFAULT_CRV1V2_PROBES_PER_SECOND} (the simulator's lab rate). The rate band scales with it.
   */
  probesPerSecond?: number;
  /**
   * Lognormal sigma of the per-host rate multiplier; default the calibrated 0.93, with the band over
   * the fit's 95% interval (0.86-0.99). A given sigma is used at both ends of the band.
   */
  rateSigma?: number;
  /** Address churn; default the calibrated one (half the hosts, 0.05 moves per hour). */
  addressChurn?: { dynamicShare: number; perHostPerHour: number };
  /** Confidence level of the intervals; default 0.95. */
  confidence?: number;
}

/** The estimate section of an analysis report. */
export interface OutbreakEstimate {
  /** Observation window per class, seconds. */
  windowSeconds: { crv1v2: number; crii: number; codeRedUnknown: number };
  confidence: number;
  assumptions: Record<string, number | string | boolean>;
  crv1v2: GroupEstimate;
  crii: GroupEstimate & { byLocality: Record<string, GroupEstimate> | null };
  codeRedUnknown: GroupEstimate;
  /** Logged probes per seen source per hour of the window, per class. */
  probesPerSourcePerHour: { crv1v2: number; crii: number; codeRedUnknown: number };
  notes: string[];
  /**
   * Set when an estimate had to be clamped: a host count above the IPv4 address space (2^32) is
   * not an estimate but a sign the assumed probe rate or window is wrong. Empty otherwise.
   */
  warnings: string[];
}

const HOST_FIELDS = [
  "hosts",
  "hostsLow",
  "hostsHigh",
  "hostsAtLowRate",
  "hostsAtHighRate",
] as const;

/** Clamps the host counts of `g` to the IPv4 address space; returns whether any was clamped. */
function clampToAddressSpace(g: GroupEstimate): boolean {
  let clamped = false;
  for (const field of HOST_FIELDS) {
    if (!(g[field] <= IPV4_ADDRESSES)) {
      // NaN (0 sources / 0 probability) stays as it is: it is not a count above the space
      if (Number.isNaN(g[field])) continue;
      g[field] = IPV4_ADDRESSES;
      clamped = true;
    }
  }
  return clamped;
}

/** Estimates the infected population behind the Code Red sources in `tally`. */
export function estimateOutbreak(tally: Tally, options: EstimateOptions = {}): OutbreakEstimate {
  const confidence = options.confidence ?? 0.95;
  const rate = options.probesPerSecond ?? DEFAULT_CRV1V2_PROBES_PER_SECOND;
  const scale = rate / DEFAULT_CRV1V2_PROBES_PER_SECOND;
  const range: [number, number] = [
    CRV1V2_PROBES_PER_SECOND_RANGE[0] * scale,
    CRV1V2_PROBES_PER_SECOND_RANGE[1] * scale,
  ];
  const rateSigma = options.rateSigma ?? DEFAULT_HOST_MODEL.rateSigma;
  const sigmaRange: readonly [number, number] =
    options.rateSigma === undefined ? RATE_SIGMA_RANGE : [rateSigma, rateSigma];
  const host = {
    rateSigma,
    rateCap: DEFAULT_HOST_MODEL.rateCap,
    dynamicShare: options.addressChurn?.dynamicShare ?? DEFAULT_HOST_MODEL.dynamicShare,
    movesPerHostPerHour:
      options.addressChurn?.perHostPerHour ?? DEFAULT_HOST_MODEL.movesPerHostPerHour,
  };
  const model = (r: number, rr: readonly [number, number]): RateModel => ({
    probesPerSecond: r,
    probesPerSecondRange: rr,
    host,
    rateSigmaRange: sigmaRange,
  });
  const windows = {
    crv1v2: observationWindowSeconds(tally.files, CLASS.crv1v2),
    crii: observationWindowSeconds(tally.files, CLASS.crii),
    codeRedUnknown: observationWindowSeconds(tally.files, CLASS.codeRedUnknown),
  };
  const uniform = 1 / IPV4_ADDRESSES;

  // per group: sources, requests, source-hours, and the sums of hours^2, requests^2, requests x hours
  const counts = { v12: [0, 0, 0, 0, 0, 0], unknown: [0, 0, 0, 0, 0, 0] };
  const crii = {
    same16: [0, 0, 0, 0, 0, 0],
    same8: [0, 0, 0, 0, 0, 0],
    elsewhere: [0, 0, 0, 0, 0, 0],
  };
  const add = (c: number[], requests: number, hours: number): void => {
    c[0] += 1;
    c[1] += requests;
    c[2] += hours;
    c[3] += hours * hours;
    c[4] += requests * requests;
    c[5] += requests * hours;
  };
  const table = tally.sources;
  for (let slot = 0; slot < table.size; slot++) {
    const v12 = table.requestsOf(slot, CLASS.crv1v2);
    const unknown = table.requestsOf(slot, CLASS.codeRedUnknown);
    const ii = table.requestsOf(slot, CLASS.crii);
    const all = v12 + unknown + ii;
    if (all === 0) continue;
    // a source's hours are counted over its Code Red requests of every variant: shared by requests
    const hours = table.codeRedHoursOf(slot) / all;
    if (v12 > 0) add(counts.v12, v12, hours * v12);
    if (unknown > 0) add(counts.unknown, unknown, hours * unknown);
    if (ii > 0) {
      const where =
        options.serverIp === undefined
          ? "elsewhere"
          : localityOf(table.keys[slot], options.serverIp);
      add(crii[where === "unknown" ? "elsewhere" : where], ii, hours * ii);
    }
  }
  const one = (c: number[], q: number, m: RateModel, windowSeconds: number): GroupEstimate =>
    estimateGroup(
      {
        sources: c[0],
        requests: c[1],
        hitProbabilityPerProbe: q,
        sourceHours: c[2],
        sourceHoursSquared: c[3],
        requestsSquared: c[4],
        requestsTimesHours: c[5],
      },
      m,
      windowSeconds,
      confidence,
    );
  const criiRate = rate * CRII_RATE_MULTIPLIER;
  const criiRange: [number, number] = [
    range[0] * CRII_RATE_MULTIPLIER,
    range[1] * CRII_RATE_MULTIPLIER,
  ];
  const v12Model = model(rate, range);
  const criiModel = model(criiRate, criiRange);
  // hosts near the server: the locale mix of the server's region (more 600-thread hosts in Asia)
  const near =
    options.serverIp === undefined
      ? 1
      : criiRateMultiplierNear(options.serverIp) / CRII_RATE_MULTIPLIER;
  const criiNearModel = model(criiRate * near, [criiRange[0] * near, criiRange[1] * near]);
  const byLocality = {
    same16: one(crii.same16, criiHitProbabilityPerProbe("same16"), criiNearModel, windows.crii),
    same8: one(crii.same8, criiHitProbabilityPerProbe("same8"), criiNearModel, windows.crii),
    elsewhere: one(
      crii.elsewhere,
      criiHitProbabilityPerProbe("elsewhere"),
      criiModel,
      windows.crii,
    ),
  };
  const perHour = (c: number[], windowSeconds: number): number =>
    c[0] > 0 ? (c[1] / c[0]) * (3600 / windowSeconds) : 0;
  const criiAll = [
    crii.same16[0] + crii.same8[0] + crii.elsewhere[0],
    crii.same16[1] + crii.same8[1] + crii.elsewhere[1],
  ];
  const notes = [
    `Sources are addresses: ${host.dynamicShare * 100}% of hosts are taken to change address ${host.movesPerHostPerHour} times an hour (within their /16), so one host can stand behind several sources (addressesPerSeenHost); the estimate counts hosts.`,
    `Per-host probe rates vary (lognormal, mean 1, sigma ${rateSigma}, capped at ${host.rateCap ?? "no"} times the mean): this matters where a host hits the server often (CRII in its /16 or /8, windows of weeks); for uniform scanners only the mean rate does.`,
    "CRv1 scanned a fixed sequence, not uniformly: for CRv1 alone the estimate is not valid.",
    "Each class's window is the time covered by the files where it appears (overlaps merged, at least one hour); the infected population is taken as constant over it.",
  ];
  if (options.serverIp === undefined) {
    notes.push(
      "Server address unknown (--server-ip): every CRII source is treated as outside the server's /8, which overestimates CRII hosts if some are local.",
    );
  }
  const result: OutbreakEstimate = {
    windowSeconds: windows,
    confidence,
    assumptions: {
      crv1v2ProbesPerSecond: rate,
      crv1v2ProbesPerSecondLow: range[0],
      crv1v2ProbesPerSecondHigh: range[1],
      criiProbesPerSecond: criiRate,
      criiProbesPerSecondNearServer: criiRate * near,
      rateSigma,
      rateCap: host.rateCap ?? "none",
      rateSigmaLow: sigmaRange[0],
      rateSigmaHigh: sigmaRange[1],
      dynamicShare: host.dynamicShare,
      movesPerHostPerHour: host.movesPerHostPerHour,
      serverShareOfAddressSpace: uniform,
      criiShareSame16: 3 / 8,
      criiShareSame8: 1 / 2,
      criiShareAnywhere: 1 / 8,
      serverAddressKnown: options.serverIp !== undefined,
    },
    crv1v2: one(counts.v12, uniform, v12Model, windows.crv1v2),
    crii: {
      ...(options.serverIp === undefined
        ? byLocality.elsewhere
        : sumEstimates(Object.values(byLocality))),
      byLocality: options.serverIp === undefined ? null : byLocality,
    },
    codeRedUnknown: one(counts.unknown, uniform, v12Model, windows.codeRedUnknown),
    probesPerSourcePerHour: {
      crv1v2: perHour(counts.v12, windows.crv1v2),
      crii: perHour(criiAll, windows.crii),
      codeRedUnknown: perHour(counts.unknown, windows.codeRedUnknown),
    },
    notes,
    warnings: [],
  };
  const groups: Array<[string, GroupEstimate]> = [
    ["crv1v2", result.crv1v2],
    ["crii", result.crii],
    ["codeRedUnknown", result.codeRedUnknown],
    ...Object.entries(result.crii.byLocality ?? {}).map(([where, g]): [string, GroupEstimate] => [
      `crii.byLocality.${where}`,
      g,
    ]),
  ];
  const clamped = groups.filter(([, g]) => clampToAddressSpace(g)).map(([name]) => name);
  if (clamped.length > 0) {
    result.warnings.push(
      `estimate exceeds the IPv4 address space (2^32 = ${IPV4_ADDRESSES} hosts) for ${clamped.join(", ")}; clamped to 2^32. The assumed probe rate (${Number(rate.toPrecision(3))} per second at the mean) or the observation window is probably wrong.`,
    );
  }
  return result;
}
