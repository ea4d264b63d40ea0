/**
 * Built-in scenarios. Every figure is a named constant documented at its source
 * (src/worms/*, src/net/internet-2001-params.ts) or here.
 */
import {
  CALIBRATED_CRV1_CLEANUP_PER_HOST_PER_HOUR,
  CALIBRATED_ADDRESS_CHURN,
  CALIBRATED_RATE_HETEROGENEITY,
} from "../core/code-red-rate-model.ts";
import { JULY_2001_DEFAULTS } from "../net/internet-2001-params.ts";
import type { ScenarioFile } from "./schema.ts";

/**
 * Patching hazard per unpatched host per hour after 19 July: ln(1/0.3) / 144 h = 0.00836, so that 30% of
 * the vulnerable servers remain unpatched six days later, as CAIDA's survey found (D).
 * @see ../../docs/sources.md section 4 (patching, V)
 */
export const PATCH_PER_HOST_PER_HOUR_JULY = Math.log(1 / 0.3) / 144;

/**
 * When July's patching starts: at the end of 19 July, once the outbreak was news. CAIDA's survey
 * measured the six days after 19 July, not the 14 hours of the outbreak (assumption). Patching at the
 * survey's rate from 10:00 removed ~11% of the servers during the day and left the model unable to
 * reach CAIDA's >359,000 addresses without address churn, which the Code Red v1 fit excludes
 * (docs/calibration.md, Staniford's K).
 */
export const JULY_PATCHING_FROM = "2001-07-20T00:00:00Z";

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
function july2001Population(
  options: { vulnerableHosts?: number; patchedAtStart?: number } = {},
): ScenarioFile["population"] {
  return { model: "july2001", excludedPrefix8s: [DARKNET_PREFIX8, 189, 190], ...options };
}

/**
 * Per-host probe-rate dispersion of every preset: the calibrated rate model's (capped lognormal,
 * mean 1, sigma 1.6 and cap 65 fitted on Code Red v1 only), shared with the analyser's estimate.
 * @see ../core/code-red-rate-model.ts
 * @see ../../docs/calibration.md (the fit)
 */
export const RATE_HETEROGENEITY = CALIBRATED_RATE_HETEROGENEITY;

/**
 * Address churn of every preset: the calibrated rate model's (half the hosts dynamic, an
 * assumption; no moves: the rate fitted with sigma, the cap and the cleanup on Code Red v1 is 0).
 * @see ../core/code-red-rate-model.ts
 * @see ../../docs/calibration.md
 */
export const ADDRESS_CHURN = CALIBRATED_ADDRESS_CHURN;

/**
 * When Code Red v1's first instance started: 13 July 2001 17:30 UTC, fitted with the rate model
 * (95% 17:16-17:41; Eichman's /16 saw 27 sources that day and 1,076 the next).
 * @see ../../docs/calibration.md
 */
export const CRV1_INTRODUCED_AT = "2001-07-13T17:30:00Z";

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
  patching: [{ from: JULY_PATCHING_FROM, perHostPerHour: PATCH_PER_HOST_PER_HOUR_JULY }],
  reboots: [{ from: "2001-07-19T10:00:00Z", perHostPerHour: REBOOT_PER_HOST_PER_HOUR }],
  observers: [{ ...DEFAULT_TELESCOPE }],
  rateHeterogeneity: { ...RATE_HETEROGENEITY },
  addressChurn: { ...ADDRESS_CHURN },
};

/**
 * Share of July's vulnerable servers already patched on 1 August: CAIDA found ~30% of surveyed IIS
 * servers still vulnerable six days after 19 July (V); we take that as the state on 1 August
 * (assumption).
 * @see ../../docs/sources.md section 4
 */
export const PATCHED_SHARE_AUGUST_1 = 0.7;

/**
 * Vulnerable servers on 1 August that were not in July's outbreak: machines offline during the 14
 * hours of 19 July (home and small-business servers, which Moore et al. found to be most victims),
 * servers reinstalled from unpatched media, and new installs. No count of any of them was published
 * (docs/calibration.md, "The August population"), so this one number is fitted on one August
 * figure, SecurityFocus's ~170,000 Code Red II addresses by 6 August (under the calibrated rate
 * model, the third fit, 5 seeds per point: 170,000 gave 170,782 and 190,000 gave 182,358;
 * interpolated); every other August figure is a prediction. They were never infected, so
 * never noticed: none is patched on 1 August (assumption).
 * @see ../../docs/calibration.md (the August population)
 */
export const AUGUST_HOSTS_NOT_IN_JULY = 168_500;

/**
 * The 1 August population with `hostsNotInJuly` servers besides July's: July's 375,000 (70% of them
 * patched) and the others (none patched). The model draws every host's patch flag with one
 * probability, which gives the same population in distribution (hosts are placed independently of
 * the flag). The preset's is {@link AUGUST_HOSTS_NOT_IN_JULY}; scripts/calibrate-august.ts varies it.
 */
export function augustPopulation(hostsNotInJuly: number): ScenarioFile["population"] {
  const july = JULY_2001_DEFAULTS.vulnerableHosts;
  const vulnerableHosts = july + hostsNotInJuly;
  return july2001Population({
    vulnerableHosts,
    patchedAtStart: (PATCHED_SHARE_AUGUST_1 * july) / vulnerableHosts,
  });
}

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
    "appears on 4 August; both compete for the unpatched servers (July's survivors and servers " +
    "not infected in July) while patching goes on.",
  seed: 1,
  start: "2001-08-01T00:00:00Z",
  until: "2001-08-08T00:00:00Z",
  population: augustPopulation(AUGUST_HOSTS_NOT_IN_JULY),
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
    "Code Red v1 (static seed; first instance 13 July 2001 18:00 UTC, fitted) until Code Red v2 appears on 19 July at 10:00 UTC.",
  seed: 1,
  start: "2001-07-12T00:00:00Z",
  until: "2001-07-19T10:00:00Z",
  population: july2001Population(),
  worms: [{ variant: "crv1", introducedAt: CRV1_INTRODUCED_AT, initialInfected: 1 }],
  patching: [],
  reboots: [{ from: "2001-07-12T00:00:00Z", perHostPerHour: REBOOT_PER_HOST_PER_HOUR }],
  cleanup: {
    from: "2001-07-12T00:00:00Z",
    perHostPerHour: CALIBRATED_CRV1_CLEANUP_PER_HOST_PER_HOUR,
  },
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
