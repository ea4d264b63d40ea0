/**
 * Code Red II (CRII, from 4 August 2001): a new worm through the same hole, with local-preference
 * scanning, 300 threads (600 on Chinese-locale systems), a 24 h (48 h) scanning life ending in a reboot
 * that activates a persistent backdoor, and a built-in stop date.
 * @see ../../docs/sources.md section 2
 */
import {
  CODE_RED_LAB_PROBES_PER_SECOND,
  CODE_RED_THREADS,
  CRII_THREADS,
  CRII_THREADS_CHINESE,
  CRV2_INFECTION_SUCCESS,
} from "../core/code-red-rate-model.ts";
import { OS_NT4_IIS4 } from "../net/population.ts";
import { octetBlock } from "../scan/blocks.ts";
import { scanLocalPreference } from "../scan/strategy.ts";
import { defineWorm } from "./define-worm.ts";

/** Share of CRII targets that keep the source's first octet. @see ../../docs/sources.md section 2 (S) */
export const CRII_SAME8_SHARE = 1 / 2;
/** Share of CRII targets that keep the source's first two octets. @see ../../docs/sources.md section 2 (S) */
export const CRII_SAME16_SHARE = 3 / 8;
/** Threads per CRII instance on Chinese-locale systems (the shared rate model's). */
export { CRII_THREADS_CHINESE };

/**
 * Code Red II. Probe rate: Code Red's lab rate scaled by the thread count (D, M), both from the
 * shared rate model (src/core/code-red-rate-model.ts).
 */
export const codeRedII = defineWorm({
  variant: "crii",
  name: "Code Red II",
  scan: scanLocalPreference({
    same8: CRII_SAME8_SHARE,
    same16: CRII_SAME16_SHARE,
    excludedBlocks: [octetBlock(127), octetBlock(224)],
    skipOwnAddress: true,
  }),
  threads: CRII_THREADS,
  threadsChineseLocale: CRII_THREADS_CHINESE,
  probesPerSecond: (CODE_RED_LAB_PROBES_PER_SECOND * CRII_THREADS) / CODE_RED_THREADS,
  rateModel: { kind: "fixed" },
  // Assumption: the same field success as CRv2's calibration (same hole, same network of 2001).
  infectionSuccess: CRV2_INFECTION_SUCCESS,
  calendar: { kind: "none" },
  stopSpreadingAt: "2001-10-01T00:00:00Z",
  scanLifetimeHours: 24,
  scanLifetimeHoursChineseLocale: 48,
  persistence: "backdoor",
  crashesOs: [OS_NT4_IIS4],
  // A host running Code Red v1/v2 in memory is still unpatched: CRII infects it too (and its forced
  // reboot then clears the older worm from memory).
  infectsOver: ["crv1", "crv2"],
  floodTarget: null,
  floodPacketsPerSecond: 0,
});
