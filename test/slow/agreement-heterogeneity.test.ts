import { agreementGroupTest } from "./agreement-group.ts";

// Per-host rate heterogeneity (lognormal, sigma 1) for uniform, local-preference and static-seed
// scanning, address churn with a telescope (hosts vs addresses), and both traits on a static-seed
// walk, and capped heterogeneity with the cleanup campaign on a walk (the presets' Code Red v1). 100 fast runs (seeds 1-100) vs 100 reference runs (100001-100100), to keep the file under 3
// minutes on 2 cores. Six wrong variants (the fast engine homogeneous against each heterogeneous
// reference; churn off, which only the telescope and infectedAddressesEver can see; the cap off)
// add six rows.
agreementGroupTest(
  "rate heterogeneity and address churn",
  "heterogeneity",
  [
    "uniform+heterogeneity",
    "local-preference+heterogeneity",
    "static-seed+heterogeneity",
    "uniform+churn",
    "static-seed+heterogeneity+churn",
    "static-seed+capped-heterogeneity+cleanup",
  ],
  12,
  100,
);
