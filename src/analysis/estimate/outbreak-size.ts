/**
 * From one server's view, how many infected hosts stand behind the sources it saw.
 *
 * Model: each infected host probes at `r` per second, each probe hitting this server's address with
 * probability `q` (1/2^32 for a uniform scanner; more for a CRII host near the server). Over a
 * window of T seconds a host is seen at least once with probability p = 1 - exp(-r q T), so the
 * number of distinct sources S is Binomial(N, p) ~ Poisson(N p), and N = S / p. The interval is the
 * exact Poisson interval on S divided by p; the rate band repeats the point estimate at the ends of
 * the plausible rate range.
 */
import { poissonInterval } from "./poisson-interval.ts";

/** One group of sources scanned with the same per-probe hit probability. */
export interface SourceGroup {
  /** Distinct sources seen. */
  sources: number;
  /** Requests (probes) they sent. */
  requests: number;
  /** Probability that one probe of one host hits this server. */
  hitProbabilityPerProbe: number;
}

/** The estimate for one group. */
export interface GroupEstimate {
  sources: number;
  requests: number;
  /** Probability a host is seen at least once in the window. */
  seenProbability: number;
  /** Estimated infected hosts: sources / seenProbability. */
  hosts: number;
  /** Confidence interval for `hosts` (statistical only). */
  hostsLow: number;
  hostsHigh: number;
  /** Point estimates at the low and high ends of the rate range (a low rate gives more hosts). */
  hostsAtLowRate: number;
  hostsAtHighRate: number;
  /** Mean probes logged per seen source. */
  probesPerSource: number;
  /** Mean probes per seen source if scanning were as modelled: lambda / (1 - e^-lambda). */
  expectedProbesPerSource: number;
}

/** Estimates one group for rate `probesPerSecond` (and its range) over `windowSeconds`. */
export function estimateGroup(
  group: SourceGroup,
  probesPerSecond: number,
  rateRange: readonly [number, number],
  windowSeconds: number,
  confidence: number,
): GroupEstimate {
  const lambda = (rate: number): number => rate * group.hitProbabilityPerProbe * windowSeconds;
  const seen = (rate: number): number => -Math.expm1(-lambda(rate));
  const p = seen(probesPerSecond);
  const interval = poissonInterval(group.sources, confidence);
  const l = lambda(probesPerSecond);
  return {
    sources: group.sources,
    requests: group.requests,
    seenProbability: p,
    hosts: group.sources / p,
    hostsLow: interval.low / p,
    hostsHigh: interval.high / p,
    hostsAtLowRate: group.sources / seen(rateRange[0]),
    hostsAtHighRate: group.sources / seen(rateRange[1]),
    probesPerSource: group.sources > 0 ? group.requests / group.sources : 0,
    expectedProbesPerSource: l > 1e-12 ? l / -Math.expm1(-l) : 1,
  };
}

/** Sums group estimates (the interval bounds are summed, which is conservative). */
export function sumEstimates(parts: readonly GroupEstimate[]): GroupEstimate {
  const sum = (f: (g: GroupEstimate) => number): number => parts.reduce((a, g) => a + f(g), 0);
  const sources = sum((g) => g.sources);
  const requests = sum((g) => g.requests);
  const hosts = sum((g) => g.hosts);
  return {
    sources,
    requests,
    seenProbability: hosts > 0 ? sources / hosts : 0,
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
