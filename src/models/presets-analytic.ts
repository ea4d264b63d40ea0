/**
 * Parameters of the analytic models for named outbreaks, until scenario presets (src/scenario) carry
 * them. Each number is documented where it comes from.
 */

/** What the analytic models need to know about an outbreak. */
export interface AnalyticPreset {
  name: string;
  description: string;
  /** N: vulnerable hosts at the start. */
  vulnerableHosts: number;
  /** K: logistic growth rate per hour of an unhindered worm. */
  ratePerHour: number;
  /** Infected hosts at `startIso`. */
  initialInfected: number;
  /** Outbreak start, ISO 8601 UTC. */
  startIso: string;
  /** Hours from the start that a chart covers. */
  durationHours: number;
}

/**
 * jul19-2001: Code Red v2. K = 1.8 per hour (Staniford et al. fit); ~375,000 vulnerable, a little above
 * the >359,000 unique sources CAIDA saw; start ~10:00 UTC; CRv2 stopped spreading at 00:00 UTC on the
 * 20th (day 20 of the month), 14 hours later. One initial host.
 * @see Staniford, Paxson, Weaver 2002; Moore, Shannon, claffy, "Code-Red: a case study on the spread
 * and victims of an Internet worm", IMW 2002 (CAIDA).
 */
export const ANALYTIC_PRESETS: Readonly<Record<string, AnalyticPreset>> = Object.freeze({
  "jul19-2001": {
    name: "jul19-2001",
    description: "Code Red v2, 19 July 2001",
    vulnerableHosts: 375_000,
    ratePerHour: 1.8,
    initialInfected: 1,
    startIso: "2001-07-19T10:00:00Z",
    durationHours: 14,
  },
});

/** The preset called `name`, or undefined. */
export function analyticPreset(name: string): AnalyticPreset | undefined {
  return Object.hasOwn(ANALYTIC_PRESETS, name) ? ANALYTIC_PRESETS[name] : undefined;
}
