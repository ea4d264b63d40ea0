/**
 * Code Red v1 (CRv1, from 12-13 July 2001): Code Red's code with a static seed, so every instance
 * probes the same address sequence in the same order. Spread is slow and roughly linear: only the
 * first scanner ever reaches new addresses; later ones retrace its path. Everything else is Code Red
 * v2's (threads, calendar, memory residence), with the same lab probe rate and field success.
 * @see ../../docs/sources.md section 2 (CRv1: static seed, V)
 */
import { scanStaticSeed } from "../scan/static-seed.ts";
import { codeRedV2 } from "./code-red-v2.ts";
import { defineWorm } from "./define-worm.ts";

/**
 * Whether a host's 100 threads consume one shared sequence or walk 100 fixed sequences of their own.
 * Evidence is thin: write-ups say "the same list of IP addresses" for every instance (V); eEye's
 * count of who reached a host early in the list fits either. Both give the same reach-time
 * distribution per host (exponential with mean 2^32 / rate); they differ in which hosts come early.
 * Default "shared".
 */
export const CRV1_THREAD_SEQUENCES = "shared" as const;

/** Code Red v1. */
export const codeRedV1 = defineWorm({
  ...codeRedV2,
  variant: "crv1",
  name: "Code Red v1",
  scan: scanStaticSeed({ threadSequences: CRV1_THREAD_SEQUENCES }),
});
