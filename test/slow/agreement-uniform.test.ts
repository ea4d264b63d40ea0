import { agreementGroupTest } from "./agreement-group.ts";

agreementGroupTest("uniform scanning", "uniform", ["uniform"]);
