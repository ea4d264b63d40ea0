/**
 * The defenses group runs 400 seeds per engine, not 200: at the suite's standard 200 seeds,
 * local-preference+content-filter+campaign was rejected on one statistic (KS p = 0.0087 on the
 * time to 50%, alpha 0.01) while three further disjoint seed sets of 200 agreed (p = 0.76, 0.86,
 * 0.87). Rather than pick other seeds, the group keeps seeds 1-200 and adds 201-400
 * (docs/validation.md, defenses).
 */
import { agreementGroupTest } from "./agreement-group.ts";

agreementGroupTest(
  "defenses (filters, throttle, patch campaigns)",
  "defenses",
  [
    "uniform+content-filter",
    "uniform+blacklist+churn",
    "local-preference+blacklist+ingress",
    "uniform+rate-limit+campaign",
    "local-preference+content-filter+campaign",
  ],
  5,
  400,
);
