export * from "./define-worm.ts";
export { codeRedV2 } from "./code-red-v2.ts";
export { codeRedII } from "./code-red-ii.ts";
