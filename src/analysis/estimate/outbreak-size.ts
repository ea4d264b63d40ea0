/**
 * From one server's view, how many infected hosts stand behind the sources it saw.
 *
 * Model (the simulator's, src/core/code-red-rate-model.ts): host h probes at m_h r per second, m_h
 * lognormal with mean 1 and dispersion sigma, each probe hitting this server's address with
 * probability `q` (1/2^32 for a uniform scanner; more for a CRII host near the server). Over a
 * window of T seconds the host is seen at least once with probability 1 - exp(-m_h r q T). A server
 * counts addresses, not hosts: a share of hosts change address (moves at a constant rate, each to a
 * new address of the host's /16, so q is kept), and every address seen counts as one source. So
 * the expected sources per infected host are
 *
 *   a = E_m[(1 - f)(1 - e^(-m r q T)) + f A(m r q T, k T)]
 *
 * (f the dynamic share, k the moves per hour, A the expected addresses seen of a moving host,
 * `expectedAddressesSeen` in seen-addresses.ts), and N = S / a. Hits of one server by a uniform scanner are so
 * rare (r q T ~ 3e-4 a day) that neither dispersion nor churn matters there: a = r q T. They matter
 * for CRII hosts in the server's /16 or /8, and for windows of weeks.
 *
 * Interval: the hosts seen, S / c with c = a / P(seen) addresses per seen host, are taken as
 * Poisson (Garwood limits, continuous in the count), divided by P(seen); with c = 1 it is the exact
 * Poisson interval on S. Band: the point estimate at the low end of the rate band and the high end
 * of the sigma band (the most hosts), and at the other two ends (the fewest): the seen share falls
 * as the rate falls and as sigma grows (E_m of a concave function under a mean-preserving spread),
 * so these are the extremes over the box.
 */
import { poissonIntervalOfEffectiveCount } from "./poisson-interval.ts";
import { seenPerHost, type HostModel } from "./seen-addresses.ts";

/** One group of sources scanned with the same per-probe hit probability. */
export interface SourceGroup {
  /** Distinct sources (addresses) seen. */
  sources: number;
  /** Requests (probes) they sent. */
  requests: number;
  /** Probability that one probe of one host hits this server. */
  hitProbabilityPerProbe: number;
}

/** The rate model of one estimate: point values and the ends of the sensitivity band. */
export interface RateModel {
  /** Probes per second of a host at the mean multiplier. */
  probesPerSecond: number;
  /** Ends of the rate band. */
  probesPerSecondRange: readonly [number, number];
  /** Dispersion and churn of the point estimate. */
  host: HostModel;
  /** Ends of the sigma band. */
  rateSigmaRange: readonly [number, number];
}

/** The estimate for one group. */
export interface GroupEstimate {
  sources: number;
  requests: number;
  /** Probability a host is seen at least once in the window (by any of its addresses). */
  seenProbability: number;
  /** Expected addresses seen per seen host (1 without address churn). */
  addressesPerSeenHost: number;
  /** Estimated infected hosts: sources / (seenProbability x addressesPerSeenHost). */
  hosts: number;
  /** Confidence interval for `hosts` (statistical only). */
  hostsLow: number;
  hostsHigh: number;
  /**
   * Point estimates at the ends of the band: the low rate with the high sigma (the most hosts) and
   * the high rate with the low sigma (the fewest).
   */
  hostsAtLowRate: number;
  hostsAtHighRate: number;
  /** Mean probes logged per seen source. */
  probesPerSource: number;
  /** Mean probes per seen source if scanning were as modelled: r q T / sources per host. */
  expectedProbesPerSource: number;
}

/** Estimates one group under `model` over `windowSeconds`. */
export function estimateGroup(
  group: SourceGroup,
  model: RateModel,
  windowSeconds: number,
  confidence: number,
): GroupEstimate {
  const hits = (rate: number): number => rate * group.hitProbabilityPerProbe * windowSeconds;
  const at = (rate: number, rateSigma: number) =>
    seenPerHost(hits(rate), windowSeconds, { ...model.host, rateSigma });
  const point = at(model.probesPerSecond, model.host.rateSigma);
  const most = at(model.probesPerSecondRange[0], model.rateSigmaRange[1]);
  const fewest = at(model.probesPerSecondRange[1], model.rateSigmaRange[0]);
  const perSeenHost = point.seenProbability > 0 ? point.addressesSeen / point.seenProbability : 1;
  const interval = poissonIntervalOfEffectiveCount(group.sources / perSeenHost, confidence);
  const l = hits(model.probesPerSecond);
  return {
    sources: group.sources,
    requests: group.requests,
    seenProbability: point.seenProbability,
    addressesPerSeenHost: perSeenHost,
    hosts: group.sources / point.addressesSeen,
    hostsLow: interval.low / point.seenProbability,
    hostsHigh: interval.high / point.seenProbability,
    hostsAtLowRate: group.sources / most.addressesSeen,
    hostsAtHighRate: group.sources / fewest.addressesSeen,
    probesPerSource: group.sources > 0 ? group.requests / group.sources : 0,
    expectedProbesPerSource: l > 1e-12 ? l / point.addressesSeen : 1,
  };
}

/** Sums group estimates (the interval bounds are summed, which is conservative). */
export function sumEstimates(parts: readonly GroupEstimate[]): GroupEstimate {
  const sum = (f: (g: GroupEstimate) => number): number => parts.reduce((a, g) => a + f(g), 0);
  const sources = sum((g) => g.sources);
  const requests = sum((g) => g.requests);
  const hosts = sum((g) => g.hosts);
  const seenHosts = sum((g) => g.hosts * g.seenProbability);
  return {
    sources,
    requests,
    seenProbability: hosts > 0 ? seenHosts / hosts : 0,
    addressesPerSeenHost: seenHosts > 0 ? sources / seenHosts : 1,
    hosts,
    hostsLow: sum((g) => g.hostsLow),
    hostsHigh: sum((g) => g.hostsHigh),
    hostsAtLowRate: sum((g) => g.hostsAtLowRate),
    hostsAtHighRate: sum((g) => g.hostsAtHighRate),
    probesPerSource: sources > 0 ? requests / sources : 0,
    expectedProbesPerSource:
      sources > 0 ? sum((g) => g.expectedProbesPerSource * g.sources) / sources : 1,
  };
}
