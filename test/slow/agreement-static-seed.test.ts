import { agreementGroupTest } from "./agreement-group.ts";

// The wrong variant of this group (probe rate +10%) adds one row.
agreementGroupTest(
  "static-seed scanning (Code Red v1), with and without hazards",
  "static-seed",
  ["static-seed", "static-seed+hazards"],
  3,
);
