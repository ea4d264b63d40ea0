import { agreementGroupTest } from "./agreement-group.ts";

agreementGroupTest("uniform scanning with patching and reboots", "uniform-hazards", [
  "uniform+hazards",
]);
