/**
 * Built-in scenarios. Every figure is a named constant documented at its source
 * (src/worms/*, src/net/internet-2001-params.ts) or here.
 */
import type { ScenarioFile } from "./schema.ts";

/**
 * Patching hazard per unpatched host per hour after 19 July: ln(1/0.3) / 144 h = 0.00836, so that 30% of
 * the vulnerable servers remain unpatched six days later, as CAIDA's survey found (D).
 * @see ../../docs/sources.md section 4 (patching, V)
 */
export const PATCH_PER_HOST_PER_HOUR_JULY = Math.log(1 / 0.3) / 144;

/**
 * Reboot hazard of an infected server per hour. Assumption (no measured figure): a server reboots on
 * average every ~8 days (0.005 per hour), curing a memory-resident infection.
 */
export const REBOOT_PER_HOST_PER_HOUR = 0.005;

/**
 * CAIDA's telescope was 44/8 (AMPRNet), almost unused in 2001; the model keeps it empty so it acts as
 * a darknet. 189/8 and 190/8 are excluded by the population model's defaults (see its TSDoc).
 */
export const DARKNET_PREFIX8 = 44;

/** The July 2001 population model with the darknet /8 kept empty (every preset's base), fresh each call. */
function july2001Population(options: { patchedAtStart?: number } = {}): ScenarioFile["population"] {
  return { model: "july2001", excludedPrefix8s: [DARKNET_PREFIX8, 189, 190], ...options };
}

/**
 * Per-host probe-rate dispersion of every preset: lognormal, mean 1, sigma fitted on Code Red v1
 * only (eEye's count and Eichman's /16 table; 95% interval 0.86-0.99).
 * @see ../../docs/calibration.md (the fit)
 */
export const RATE_HETEROGENEITY = { distribution: "lognormal", sigma: 0.93 } as const;

/**
 * Address churn of every preset: half the hosts have dynamic addresses (assumption: only the product
 * share x rate is identified) and move 0.05 times an hour (fitted with sigma on Code Red v1).
 * @see ../../docs/calibration.md
 */
export const ADDRESS_CHURN = { dynamicShare: 0.5, perHostPerHour: 0.05 } as const;

/**
 * When Code Red v1's first instance started: 13 July 2001 16:00 UTC, fitted (Eichman's /16 saw 27
 * sources that day and 1,076 the next).
 * @see ../../docs/calibration.md
 */
export const CRV1_INTRODUCED_AT = "2001-07-13T16:00:00Z";

/** The default telescope: one unused /8, like CAIDA's. */
export const DEFAULT_TELESCOPE = {
  type: "telescope",
  name: "telescope",
  block: "44.0.0.0/8",
} as const;

const jul19: ScenarioFile = {
  name: "jul19-2001",
  description:
    "Code Red v2 on 19 July 2001: from about 10:00 UTC over ~375,000 vulnerable IIS servers to " +
    "00:00 UTC on 20 July, watched by a /8 telescope.",
  seed: 1,
  start: "2001-07-19T10:00:00Z",
  until: "2001-07-20T00:00:00Z",
  population: july2001Population(),
  worms: [{ variant: "crv2", introducedAt: "2001-07-19T10:00:00Z", initialInfected: 1 }],
  patching: [{ from: "2001-07-19T10:00:00Z", perHostPerHour: PATCH_PER_HOST_PER_HOUR_JULY }],
  reboots: [{ from: "2001-07-19T10:00:00Z", perHostPerHour: REBOOT_PER_HOST_PER_HOUR }],
  observers: [{ ...DEFAULT_TELESCOPE }],
  rateHeterogeneity: { ...RATE_HETEROGENEITY },
  addressChurn: { ...ADDRESS_CHURN },
};

/**
 * Share of vulnerable servers already patched on 1 August: CAIDA found ~30% of surveyed IIS servers
 * still vulnerable six days after 19 July (V); we take that as the state on 1 August (assumption).
 * @see ../../docs/sources.md section 4
 */
export const PATCHED_SHARE_AUGUST_1 = 0.7;

/**
 * Patching hazard during the August campaign: from 30% to ~12% vulnerable (CAIDA, V) over a week,
 * ln(0.30 / 0.12) / 168 h (D).
 */
export const PATCH_PER_HOST_PER_HOUR_AUGUST = Math.log(0.3 / 0.12) / 168;

/**
 * Code Red v2 hosts still infected (never rebooted) on 1 August, waking from dormancy. Assumption: a
 * tenth of July's ~359,000; with 70% of hosts patched most of them wake into patched-away space, but
 * a reboot cures and a patch immunises, so only never-rebooted, unpatched hosts return.
 */
export const CRV2_DORMANT_HOSTS_AUGUST_1 = 10_000;

const aug04: ScenarioFile = {
  name: "aug04-2001",
  description:
    "1-8 August 2001: Code Red v2 hosts left from July wake on 1 August (staggered), Code Red II " +
    "appears on 4 August; both compete for the same unpatched servers while patching goes on.",
  seed: 1,
  start: "2001-08-01T00:00:00Z",
  until: "2001-08-08T00:00:00Z",
  population: july2001Population({ patchedAtStart: PATCHED_SHARE_AUGUST_1 }),
  worms: [
    {
      variant: "crv2",
      introducedAt: "2001-08-01T00:00:00Z",
      initialInfected: CRV2_DORMANT_HOSTS_AUGUST_1,
      initialWakeStaggered: true,
    },
    { variant: "crii", introducedAt: "2001-08-04T00:00:00Z", initialInfected: 1 },
  ],
  patching: [{ from: "2001-08-01T00:00:00Z", perHostPerHour: PATCH_PER_HOST_PER_HOUR_AUGUST }],
  reboots: [{ from: "2001-08-01T00:00:00Z", perHostPerHour: REBOOT_PER_HOST_PER_HOUR }],
  observers: [{ ...DEFAULT_TELESCOPE }, { type: "load16", name: "load-24", block: "24.0.0.0/8" }],
  rateHeterogeneity: { ...RATE_HETEROGENEITY },
  addressChurn: { ...ADDRESS_CHURN },
};

/**
 * Sequence position of the jul12-2001 list observer (probes from the start of the sequence), like
 * eEye's client, "early in CRv1's fixed target list" (seed article; its position is not published).
 * 10,000 probes is 12 minutes at the lab rate: every instance that scans at all reaches it, so it
 * counts the infected addresses that scanned, which is what eEye's ~11,900 is compared with. (It was
 * 1,000,000, about 20 hours at the lab rate, which left out every host infected in the last day and
 * every slow one: a position choice, not a measurement.)
 */
export const EARLY_LIST_POSITION = 10_000;

const jul12: ScenarioFile = {
  name: "jul12-2001",
  description:
    "Code Red v1 (static seed; first instance 13 July 2001 16:00 UTC, fitted) until Code Red v2 appears on 19 July at 10:00 UTC.",
  seed: 1,
  start: "2001-07-12T00:00:00Z",
  until: "2001-07-19T10:00:00Z",
  population: july2001Population(),
  worms: [{ variant: "crv1", introducedAt: CRV1_INTRODUCED_AT, initialInfected: 1 }],
  patching: [],
  reboots: [{ from: "2001-07-12T00:00:00Z", perHostPerHour: REBOOT_PER_HOST_PER_HOUR }],
  observers: [
    { ...DEFAULT_TELESCOPE },
    // Like eEye's client: a host early in the shared list is reached by every infected host.
    { type: "sequence", name: "early-in-list", position: EARLY_LIST_POSITION },
  ],
  rateHeterogeneity: { ...RATE_HETEROGENEITY },
  addressChurn: { ...ADDRESS_CHURN },
};

/** The built-in presets by name. */
export const PRESETS: Readonly<Record<string, ScenarioFile>> = Object.freeze({
  "jul12-2001": jul12,
  "jul19-2001": jul19,
  "aug04-2001": aug04,
});

/** The preset used when none is named. */
export const DEFAULT_PRESET = "jul19-2001";
