export * from "./define-worm.ts";
export { codeRedV2 } from "./code-red-v2.ts";
export { codeRedII } from "./code-red-ii.ts";
export { codeRedV1 } from "./code-red-v1.ts";
export { WORMS, WORM_VARIANTS, isBuiltInVariant, type BuiltInVariant } from "./registry.ts";
