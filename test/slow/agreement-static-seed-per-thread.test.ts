import { agreementGroupTest } from "./agreement-group.ts";

// Per-thread sequences: each of a host's 100 threads walks its own list at 1/100 of the rate. Its own
// file so that the two workers of the slow suite stay balanced.
agreementGroupTest(
  "static-seed scanning (Code Red v1), one sequence per thread, with hazards",
  "static-seed-per-thread",
  ["static-seed-per-thread"],
);
