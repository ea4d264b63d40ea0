/**
 * The assumptions behind the outbreak estimate, each a named parameter with its source. The rate
 * model (probe rate, infection success, threads, rate dispersion, address churn) is the
 * simulator's, from src/core/code-red-rate-model.ts.
 */
import {
  CALIBRATED_DYNAMIC_SHARE,
  CALIBRATED_MOVES_PER_HOST_PER_HOUR,
  CALIBRATED_RATE_SIGMA,
  CALIBRATED_RATE_CAP,
  CALIBRATED_RATE_SIGMA_95,
  CODE_RED_LAB_PROBES_PER_SECOND,
  CRII_THREAD_FACTOR,
  CRII_THREADS,
  CRII_THREADS_CHINESE,
  CRV2_INFECTION_SUCCESS,
} from "../../core/code-red-rate-model.ts";
import {
  chineseLocaleShare,
  chineseLocaleSharePerPrefix8,
} from "../../net/internet-2001-locale.ts";
import type { HostModel } from "./seen-addresses.ts";

/** Size of the IPv4 address space. */
export const IPV4_ADDRESSES = 2 ** 32;

/**
 * Default probes per second of one Code Red v1/v2 host at the mean rate multiplier, as a server
 * would log them: CERT's lab rate (13.9/s), as in the simulator, whose observers see every probe
 * addressed to them.
 * @see ../../../docs/sources.md section 2 (CERT: > 50,000 addresses per hour)
 */
export const DEFAULT_CRV1V2_PROBES_PER_SECOND = CODE_RED_LAB_PROBES_PER_SECOND;

/**
 * The rate band of the sensitivity range, for the default rate: from the effective rate r_eff =
 * lab rate x infection success (6.11/s: only probes that would have infected a susceptible server
 * leave a line; the estimate's default before the shared rate model) to the lab rate (every probe
 * leaves a line). A `--probes-per-second` rate scales the band in proportion.
 * @see ../../../docs/sources.md section 4 (Staniford's K = 1.8/h gives r_eff)
 */
export const CRV1V2_PROBES_PER_SECOND_RANGE: readonly [low: number, high: number] = [
  CODE_RED_LAB_PROBES_PER_SECOND * CRV2_INFECTION_SUCCESS,
  CODE_RED_LAB_PROBES_PER_SECOND,
];

/**
 * Share of Chinese-locale hosts in the simulator's model population (July 2001 defaults), about
 * 9.6%. @see ../../net/internet-2001-locale.ts
 */
export const CHINESE_LOCALE_SHARE = chineseLocaleShare();

/** Code Red II probes per second relative to CRv1/v2 in a locale mix with `chineseShare`. */
function criiMultiplierAtChineseShare(chineseShare: number): number {
  return CRII_THREAD_FACTOR * (1 + chineseShare * (CRII_THREADS_CHINESE / CRII_THREADS - 1));
}

/**
 * Code Red II mean probes per second relative to CRv1/v2, as the simulator has them: 300 threads
 * instead of 100, 600 on Chinese-locale systems, in the model's locale mix ({@link
 * CHINESE_LOCALE_SHARE}). A host's first 24 h: Chinese-locale hosts scan 48 h, so over later days
 * their share of the infected host-time grows.
 */
export const CRII_RATE_MULTIPLIER = criiMultiplierAtChineseShare(CHINESE_LOCALE_SHARE);

/**
 * The host model of the point estimate: the simulator's calibrated per-host rate dispersion
 * (lognormal, mean 1, sigma 0.93) and address churn (half the hosts, 0.05 moves an hour).
 * @see ../../../docs/calibration.md
 */
export const DEFAULT_HOST_MODEL: Readonly<HostModel> = Object.freeze({
  rateSigma: CALIBRATED_RATE_SIGMA,
  rateCap: CALIBRATED_RATE_CAP,
  dynamicShare: CALIBRATED_DYNAMIC_SHARE,
  movesPerHostPerHour: CALIBRATED_MOVES_PER_HOST_PER_HOUR,
});

/** The sigma band of the sensitivity range: the fit's 95% interval. @see ../../../docs/calibration.md */
export const RATE_SIGMA_RANGE = CALIBRATED_RATE_SIGMA_95;

/**
 * Code Red II's local preference: the share of its targets drawn from the same /16, the same /8,
 * and the whole space. @see Code Red II analysis (eEye, SecurityFocus, Aug 2001); Moore et al. 2002.
 */
export const CRII_TARGET_SHARES = { same16: 3 / 8, same8: 1 / 2, anywhere: 1 / 8 } as const;

/** Shortest observation window used by the estimate, in seconds (one hour). */
export const MIN_WINDOW_SECONDS = 3600;

/**
 * Probability per probe that a CRII host hits one given server address, by where the host sits
 * relative to the server: in its /16, in its /8 but not its /16, or elsewhere.
 */
export function criiHitProbabilityPerProbe(where: "same16" | "same8" | "elsewhere"): number {
  const s = CRII_TARGET_SHARES;
  const anywhere = s.anywhere / IPV4_ADDRESSES;
  if (where === "elsewhere") return anywhere;
  const same8 = s.same8 / 2 ** 24 + anywhere;
  return where === "same8" ? same8 : same8 + s.same16 / 2 ** 16;
}

/**
 * Code Red II mean probes per second relative to CRv1/v2 for hosts in the server's /8 (and /16): as
 * {@link CRII_RATE_MULTIPLIER}, in the locale mix the model expects in that /8's region (28% Chinese
 * locale in APNIC space, 1.4% in ARIN's, 3% elsewhere), or the global mix where the model places no
 * hosts in the /8.
 * @see ../../net/internet-2001-locale.ts
 */
export function criiRateMultiplierNear(serverIp: number): number {
  const local = chineseLocaleSharePerPrefix8()[serverIp >>> 24];
  return criiMultiplierAtChineseShare(Number.isFinite(local) ? local : CHINESE_LOCALE_SHARE);
}
