import { agreementGroupTest } from "./agreement-group.ts";

agreementGroupTest("local preference, with and without patching and reboots", "local-preference", [
  "local-preference",
  "local-preference+hazards",
]);
