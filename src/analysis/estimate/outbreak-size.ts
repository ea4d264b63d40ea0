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
  /** Source-hours: per source, the hours (UTC, per file) in which it was seen, summed. */
  sourceHours?: number;
  /** The sum of the squares of the per-source hours. */
  sourceHoursSquared?: number;
  /** The sum of the squares of the per-source requests. */
  requestsSquared?: number;
  /** The sum over sources of requests x hours. */
  requestsTimesHours?: number;
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
  /**
   * Time-averaged infected hosts over the window: source-hours / (window hours x expected sources
   * per host in one hour). A growing or shrinking population is averaged, where `hosts` takes it as
   * constant; they agree when it is.
   */
  hostsMean: number;
  /** Confidence interval for `hostsMean` (statistical only). */
  hostsMeanLow: number;
  hostsMeanHigh: number;
  /** Source-hours behind `hostsMean`. */
  sourceHours: number;
  /**
   * The probe rate (per second, at the mean multiplier) fitted to the requests per source-hour, for
   * a group the model expects to be seen repeatedly (Code Red II in the server's /16); null where
   * the assumed rate is used.
   */
  fittedProbesPerSecond: number | null;
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
  const hourly = timeAveraged(
    group,
    model,
    windowSeconds,
    point.addressesSeen > 0 ? group.sources / point.addressesSeen : 0,
    confidence,
  );
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
    hostsMean: hourly.hosts,
    hostsMeanLow: hourly.low,
    hostsMeanHigh: hourly.high,
    sourceHours: group.sourceHours ?? 0,
    fittedProbesPerSecond: hourly.fittedRate,
    probesPerSource: group.sources > 0 ? group.requests / group.sources : 0,
    expectedProbesPerSource: l > 1e-12 ? l / point.addressesSeen : 1,
  };
}

/**
 * Requests per seen source-hour that the model expects at the assumed rate, from which on the rate
 * is fitted to the log: below it a host is rarely seen twice in an hour and the ratio says nothing
 * about the rate.
 */
export const FIT_RATE_FROM_REQUESTS_PER_SOURCE_HOUR = 1.2;

/**
 * The time-averaged hosts of a group: source-hours C / (window hours x expected sources per host in
 * one hour, p1). Given the hosts, C varies by each host's sightings: Var C = sum_h Var(k_h) =
 * E[sum k^2] - sum_h (E k_h)^2, estimated by sum k^2 - C^2 / hosts (hosts: the constant-population
 * estimate; by Cauchy-Schwarz an upper bound), and at least a binomial's C (1 - p1).
 *
 * The rate behind p1 is the assumed one, or, where the model expects repeated sightings within an
 * hour (CRII next door), the one whose expected requests per seen source-hour, E[L] / E[1 - e^-L]
 * with L = m r q 3600 over the rate multiplier m, match the log's R / C. Its uncertainty enters by
 * the delta method: log N = log C - log p1(R / C), with Var log(R / C) from the per-source sums (sum
 * r^2, sum k^2, sum r k), the elasticity g of p1 in R / C, and the covariance of log C and log(R /
 * C) (a host that scans fast adds to both).
 */
function timeAveraged(
  group: SourceGroup,
  model: RateModel,
  windowSeconds: number,
  hostsEver: number,
  confidence: number,
): { hosts: number; low: number; high: number; fittedRate: number | null } {
  const q = group.hitProbabilityPerProbe * 3600;
  const seenInHour = (r: number) => seenPerHost(r * q, 3600, model.host);
  const ratio = (r: number): number => {
    const seen = seenInHour(r).seenProbability;
    return seen > 0 ? (r * q) / seen : 1;
  };
  const count = group.sourceHours ?? 0;
  const r0 = model.probesPerSecond;
  const fit = count >= 30 && ratio(r0) >= FIT_RATE_FROM_REQUESTS_PER_SOURCE_HOUR;
  const rateFor = (target: number): number => {
    let lo = Math.log(r0) - 8;
    let hi = Math.log(r0) + 8;
    if (!(target > ratio(Math.exp(lo)))) return Math.exp(lo);
    if (!(target < ratio(Math.exp(hi)))) return Math.exp(hi);
    for (let i = 0; i < 60; i++) {
      const mid = (lo + hi) / 2;
      if (ratio(Math.exp(mid)) < target) lo = mid;
      else hi = mid;
    }
    return Math.exp((lo + hi) / 2);
  };
  const rho = count > 0 ? group.requests / count : 1;
  const rate = fit ? rateFor(rho) : r0;
  const perHour = seenInHour(rate);
  const hostHours = (windowSeconds / 3600) * perHour.addressesSeen;
  const p1 = Math.min(1, perHour.seenProbability);
  if (count === 0) {
    const i = poissonIntervalOfEffectiveCount(0, confidence);
    return { hosts: 0, low: 0, high: i.high / hostHours, fittedRate: fit ? rate : null };
  }
  const squares = group.sourceHoursSquared ?? count;
  const varCount = Math.max(
    squares - (hostsEver > 0 ? (count * count) / hostsEver : 0),
    count * (1 - p1),
    1e-9,
  );
  let relVar = varCount / (count * count);
  if (fit) {
    const r2 = group.requestsSquared ?? group.requests;
    const rk = group.requestsTimesHours ?? group.requests;
    const R = group.requests;
    const relVarRho = Math.max(
      0,
      r2 / (R * R) + squares / (count * count) - (2 * rk) / (R * count),
    );
    // elasticity of p1 (addresses seen per hour) in R / C, by central differences
    const e = 0.01;
    const pUp = seenInHour(rateFor(rho * (1 + e))).addressesSeen;
    const pDown = seenInHour(rateFor(rho * (1 - e))).addressesSeen;
    const g = (Math.log(pUp) - Math.log(pDown)) / (Math.log(1 + e) - Math.log(1 - e));
    // log N = log C - log p1(R / C): Cov(log C, log(R / C)) = Cov(log C, log R) - Var(log C),
    // with Cov(R, C) given the hosts estimated as sum r k - R C / hosts (as Var C is)
    const n = hostsEver > 0 ? hostsEver : Infinity;
    const covLogCLogR = (rk - (R * count) / n) / (R * count);
    const covLogCLogRho = covLogCLogR - relVar;
    relVar = Math.max(
      relVar + g * g * relVarRho - 2 * g * covLogCLogRho,
      (count * (1 - p1)) / (count * count),
      1e-12,
    );
  }
  // a Poisson count of 1 / relVar has the same relative spread
  const effective = 1 / relVar;
  const i = poissonIntervalOfEffectiveCount(effective, confidence);
  const hosts = count / hostHours;
  return {
    hosts,
    low: (hosts * i.low) / effective,
    high: (hosts * i.high) / effective,
    fittedRate: fit ? rate : null,
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
    hostsMean: sum((g) => g.hostsMean),
    hostsMeanLow: sum((g) => g.hostsMeanLow),
    hostsMeanHigh: sum((g) => g.hostsMeanHigh),
    sourceHours: sum((g) => g.sourceHours),
    fittedProbesPerSecond: null,
    probesPerSource: sources > 0 ? requests / sources : 0,
    expectedProbesPerSource:
      sources > 0 ? sum((g) => g.expectedProbesPerSource * g.sources) / sources : 1,
  };
}
