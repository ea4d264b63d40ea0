/**
 * The assumptions behind the outbreak estimate, each a named parameter with its source.
 */

/** Size of the IPv4 address space. */
export const IPV4_ADDRESSES = 2 ** 32;

/**
 * Default probes per second of one Code Red v1/v2 host, as a server would log them: 6/s, the
 * effective rate behind the logistic fit K = 1.8/hour for N = 360,000 (K = r N / 2^32).
 * @see Staniford, Paxson, Weaver, "How to 0wn the Internet in Your Spare Time" (2002); CAIDA.
 */
export const DEFAULT_CRV1V2_PROBES_PER_SECOND = 6;

/**
 * Plausible range of that rate for the sensitivity band: from half the effective rate (congested
 * hosts, staggered wake-up) to the ~14/s CERT measured on an unconstrained network.
 * @see CERT Advisory CA-2001-23 (">50,000 addresses per hour").
 */
export const CRV1V2_PROBES_PER_SECOND_RANGE = [3, 14] as const;

/** Code Red II probes per second relative to CRv1/v2: 300 threads instead of 100. */
export const CRII_RATE_MULTIPLIER = 3;

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
