/**
 * Code Red v2 (CRv2, 19 July 2001): the Code Red v1 code with a random seed, so targets are uniform
 * over IPv4.
 *
 * Calibration: Staniford et al. fit CRv2's spread with a logistic of K = 1.8 per hour. CERT
 * measured > 50,000 probes per hour (~14/s) per host in a lab; observers see that probe rate, and
 * the infection success (0.44, fitted so that the model gives K = 1.8 read as Staniford read his
 * data) is the share of probes reaching a susceptible server that infect it; the others time out,
 * meet congestion or fail.
 * The rate constants live in src/core/code-red-rate-model.ts, shared with the analyser's estimate.
 * @see ../../docs/sources.md sections 2 and 4 (CERT lab rate V, Staniford K = 1.8 S)
 * @see Staniford, Paxson, Weaver, "How to 0wn the Internet in Your Spare Time", USENIX Security 2002
 */
import {
  CODE_RED_LAB_PROBES_PER_SECOND,
  CODE_RED_THREADS,
  CRV2_INFECTION_SUCCESS,
} from "../core/code-red-rate-model.ts";
import { scanUniform } from "../scan/strategy.ts";
import { defineWorm } from "./define-worm.ts";

/** Flood target of CRv1/v2 on days 20-27: www1.whitehouse.gov. @see ../../docs/sources.md section 1 */
export const CODE_RED_FLOOD_TARGET = "198.137.240.91";

/** The Code Red v1/v2 monthly calendar. @see ../../docs/sources.md section 2 (M) */
export const CODE_RED_MONTHLY_CALENDAR = Object.freeze({
  kind: "code-red-monthly" as const,
  spreadUntilDay: 19,
  floodUntilDay: 27,
  /**
   * Assumption: just after the 1 August wake-up hosts probed only ~160/hour because threads woke at
   * different times (V); we model each host's wake-up as exponentially delayed with this mean.
   */
  wakeStaggerMeanHours: 6,
});

/** Code Red v2. */
export const codeRedV2 = defineWorm({
  variant: "crv2",
  name: "Code Red v2",
  scan: scanUniform(),
  threads: CODE_RED_THREADS,
  threadsChineseLocale: CODE_RED_THREADS,
  probesPerSecond: CODE_RED_LAB_PROBES_PER_SECOND,
  rateModel: { kind: "fixed" },
  infectionSuccess: CRV2_INFECTION_SUCCESS,
  calendar: CODE_RED_MONTHLY_CALENDAR,
  stopSpreadingAt: null,
  scanLifetimeHours: null,
  scanLifetimeHoursChineseLocale: null,
  persistence: "memory",
  crashesOs: [],
  infectsOver: [],
  floodTarget: CODE_RED_FLOOD_TARGET,
  // Assumption (no measured figure): flooding threads send at the pace they probed.
  floodPacketsPerSecond: CODE_RED_LAB_PROBES_PER_SECOND,
});
