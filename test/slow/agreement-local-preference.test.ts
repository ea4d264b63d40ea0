import { agreementGroupTest } from "./agreement-group.ts";

// Two wrong variants (same16 +10%; probes +10% at the same infection pace, which only the observer
// statistics of local-preference can see) add two rows.
agreementGroupTest(
  "local preference, with and without patching and reboots",
  "local-preference",
  ["local-preference", "local-preference+hazards"],
  4,
);
