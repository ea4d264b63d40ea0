/**
 * The calibrated Code Red rate model, in one place: the per-host lab probe rate, the infection
 * success, the thread counts, the per-host rate dispersion and the address churn. The worms
 * (src/worms) and the analyser's outbreak estimate (src/analysis/estimate) both read their rates
 * from here, so the simulator and `wormscope analyze` assume the same hosts.
 * @see ../../docs/calibration.md (the Code Red v1 fit of the dispersion and the churn)
 * @see ../../docs/sources.md sections 2 and 4 (CERT's lab rate, Staniford's K, the thread counts)
 */

/**
 * CERT's lab probe rate of one Code Red v1/v2 host at 100 threads: > 50,000 addresses per hour
 * (13.9 per second). Every probe reaches its target address: the simulator's observers count all
 * of them.
 * @see ../../docs/sources.md section 2 (V)
 */
export const CODE_RED_LAB_PROBES_PER_SECOND = 50_000 / 3600;

/** Staniford et al.'s logistic fit of CRv2, per hour. @see ../../docs/sources.md section 4 */
export const CRV2_LOGISTIC_K_PER_HOUR = 1.8;

/** The vulnerable population the CRv2 calibration assumes (a little above CAIDA's >359,000). */
export const CRV2_CALIBRATION_VULNERABLE_HOSTS = 375_000;

/**
 * Successful-equivalent probes per second implied by K: K/3600 x 2^32 / N (5.73 per second).
 * @see Staniford, Paxson, Weaver, "How to 0wn the Internet in Your Spare Time", USENIX Security 2002
 */
export const CRV2_EFFECTIVE_PROBES_PER_SECOND =
  ((CRV2_LOGISTIC_K_PER_HOUR / 3600) * 4294967296) / CRV2_CALIBRATION_VULNERABLE_HOSTS;

/**
 * The closed form of the infection success, r_eff / lab rate (0.41): what K = 1.8/h implies for a
 * pure logistic over {@link CRV2_CALIBRATION_VULNERABLE_HOSTS} hosts. Read as Staniford et al.
 * read theirs (hourly probes at one /16) the model's curve gives less: 1.71/h at this value (and
 * 1.62/h when patching ran during 19 July). Kept as the starting point of the fit.
 * @see ../../docs/calibration.md (Staniford's K)
 */
export const CRV2_INFECTION_SUCCESS_CLOSED_FORM =
  CRV2_EFFECTIVE_PROBES_PER_SECOND / CODE_RED_LAB_PROBES_PER_SECOND;

/**
 * Code Red's infection success: the share of probes reaching a susceptible server that infect it
 * (the rest time out, meet congestion or fail; D). Fitted on Staniford's K: the value at which
 * jul19-2001 gives K = 1.8/h when a logistic is fitted to the hourly probes at one /16 up to their
 * peak, as Staniford et al. fitted Eichman's probe rate (seeds 1-7: 1.80; seed 8, whose outbreak
 * starts hours late, 1.11). A fitted parameter.
 * @see ../../docs/calibration.md (Staniford's K)
 */
export const CRV2_INFECTION_SUCCESS = 0.44;

/** Threads per Code Red v1/v2 instance. @see ../../docs/sources.md section 2 (V) */
export const CODE_RED_THREADS = 100;

/** Threads per Code Red II instance (600 on Chinese locale). @see ../../docs/sources.md section 2 (S) */
export const CRII_THREADS = 300;

/** Threads per Code Red II instance on Chinese-locale systems. @see ../../docs/sources.md section 2 (S) */
export const CRII_THREADS_CHINESE = 600;

/**
 * Code Red II's probe rate relative to Code Red v1/v2's: its thread count over theirs (3). The
 * simulator scales the lab rate by threads; so does the estimate.
 * @see ../../docs/sources.md section 2 (D, M)
 */
export const CRII_THREAD_FACTOR = CRII_THREADS / CODE_RED_THREADS;

/**
 * The calibrated per-host rate dispersion: host h's probe rate is the lab rate times m_h, a capped
 * lognormal (m = min(s L, cap), ln L ~ Normal(-sigma^2/2, sigma^2), s chosen so that the mean
 * multiplier is 1). Fitted on Code Red v1 only (eEye's count and Ken Eichman's /16 table, the second
 * fit with the cap); a fitted parameter, not a measured one.
 * @see ../../docs/calibration.md (the second fit, with a rate cap)
 */
export const CALIBRATED_RATE_SIGMA = 1.6;

/** The 95% interval of {@link CALIBRATED_RATE_SIGMA} from the fit. @see ../../docs/calibration.md */
export const CALIBRATED_RATE_SIGMA_95: readonly [low: number, high: number] = [1.59, 1.64];

/**
 * The largest multiplier: no host scans faster than 65 times its worm's lab rate (903 attempts a
 * second for Code Red v1/v2, one every 0.11 s per thread: a thread-limited host has a maximum
 * rate). Fitted with sigma; 95% interval 58-73.
 * @see ../../docs/calibration.md (the third fit, with cleanup)
 */
export const CALIBRATED_RATE_CAP = 65;

/**
 * The calibrated dispersion as a scenario's `rateHeterogeneity` field (the presets' value).
 * @see ../../docs/calibration.md
 */
export const CALIBRATED_RATE_HETEROGENEITY = Object.freeze({
  distribution: "lognormal" as const,
  sigma: CALIBRATED_RATE_SIGMA,
  maxMultiplier: CALIBRATED_RATE_CAP,
});

/**
 * Share of hosts with dynamic (DHCP, dial-up) addresses: an assumption, held at 0.5 in the fit
 * (only dynamicShare x perHostPerHour is identified by the data, and the fit sets the rate to 0).
 * @see ../../docs/calibration.md (The Code Red v1 fit)
 */
export const CALIBRATED_DYNAMIC_SHARE = 0.5;

/**
 * Address moves per dynamic host per hour, each to a free address of the host's own /16. Fitted
 * with the dispersion and the cleanup on Code Red v1: the best fit has none (0; 95% upper bound
 * about 0.004, a move every 10 days). With the cleanup, which removes sources for good, Eichman's
 * daily and cumulative counts need no new addresses; the mechanism stays in both engines for
 * scenarios that set it.
 * @see ../../docs/calibration.md (the third fit, with cleanup)
 */
export const CALIBRATED_MOVES_PER_HOST_PER_HOUR = 0;

/**
 * The calibrated churn as a scenario's `addressChurn` field (the presets' value).
 * @see ../../docs/calibration.md
 */
export const CALIBRATED_ADDRESS_CHURN = Object.freeze({
  dynamicShare: CALIBRATED_DYNAMIC_SHARE,
  perHostPerHour: CALIBRATED_MOVES_PER_HOST_PER_HOUR,
});

/**
 * Infected Code Red v1 hosts cleaned and patched by their administrators, per infected host per
 * hour (a mean of 71 hours, 3.0 days, from infection to cleanup): Code Red v1 defaced
 * English-locale sites (V), so its infections were seen. A cleaned host stops scanning and is
 * immune: the sources Eichman saw on earlier days and not again. Fitted on Code Red v1 only, with
 * the dispersion; 95% interval 0.0126-0.0157. Only jul12-2001 applies it (Code Red v2 and II did not
 * deface, or accounts differ).
 * @see ../../docs/calibration.md (the third fit, with cleanup)
 */
export const CALIBRATED_CRV1_CLEANUP_PER_HOST_PER_HOUR = 0.014;
