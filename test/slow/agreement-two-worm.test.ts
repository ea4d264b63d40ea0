import { agreementGroupTest } from "./agreement-group.ts";

// Code Red v2 spreads for an hour, then Code Red II arrives and takes over the hosts v2 holds
// (infectsOver). Two wrong variants (no takeover; CRII success +10%) add two rows.
agreementGroupTest(
  "two worms, Code Red II taking over Code Red v2's hosts, with and without hazards",
  "two-worm",
  ["two-worm", "two-worm+hazards"],
  4,
);
