/**
 * The worm registry: every built-in variant by its short name. The scenario schema's `variant`
 * enum, the resolver's defaults and the summaries' variant lists are derived from it; adding a
 * variant is one file (its `defineWorm`) and one line here.
 */
import { codeRedII } from "./code-red-ii.ts";
import { codeRedV1 } from "./code-red-v1.ts";
import { codeRedV2 } from "./code-red-v2.ts";
import type { WormDefinition } from "./define-worm.ts";

/** The built-in worm variants, in summary order. */
export const WORMS = {
  crv1: codeRedV1,
  crv2: codeRedV2,
  crii: codeRedII,
} as const satisfies Record<string, WormDefinition>;

/** A built-in variant's short name. */
export type BuiltInVariant = keyof typeof WORMS;

/** The built-in variants' short names, in summary order. */
export const WORM_VARIANTS = Object.keys(WORMS) as [BuiltInVariant, ...BuiltInVariant[]];

/** Whether `name` is a built-in variant. */
export function isBuiltInVariant(name: string): name is BuiltInVariant {
  return Object.hasOwn(WORMS, name);
}
