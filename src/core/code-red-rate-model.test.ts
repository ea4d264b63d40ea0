import { describe, expect, it } from "vitest";
import { codeRedII } from "../worms/code-red-ii.ts";
import { codeRedV1 } from "../worms/code-red-v1.ts";
import { codeRedV2 } from "../worms/code-red-v2.ts";
import {
  CALIBRATED_ADDRESS_CHURN,
  CALIBRATED_CRV1_CLEANUP_PER_HOST_PER_HOUR,
  CALIBRATED_RATE_HETEROGENEITY,
  CALIBRATED_RATE_SIGMA,
  CALIBRATED_RATE_SIGMA_95,
  CODE_RED_LAB_PROBES_PER_SECOND,
  CODE_RED_THREADS,
  CRII_THREAD_FACTOR,
  CRII_THREADS,
  CRV2_EFFECTIVE_PROBES_PER_SECOND,
  CRV2_INFECTION_SUCCESS,
  CRV2_INFECTION_SUCCESS_CLOSED_FORM,
} from "./code-red-rate-model.ts";

describe("the calibrated Code Red rate model", () => {
  it("holds the documented values", () => {
    expect(CODE_RED_LAB_PROBES_PER_SECOND).toBeCloseTo(13.889, 3);
    expect(CRV2_EFFECTIVE_PROBES_PER_SECOND).toBeCloseTo(5.727, 3);
    expect(CRV2_INFECTION_SUCCESS_CLOSED_FORM).toBeCloseTo(0.412, 3);
    // Fitted on Staniford's K as he read it (docs/calibration.md).
    expect(CRV2_INFECTION_SUCCESS).toBe(0.44);
    expect(CRII_THREAD_FACTOR).toBe(3);
    // The third Code Red v1 fit (docs/calibration.md): sigma 1.6, cap 65, no churn, cleanup 0.014/h.
    expect(CALIBRATED_RATE_HETEROGENEITY).toEqual({
      distribution: "lognormal",
      sigma: 1.6,
      maxMultiplier: 65,
    });
    expect(CALIBRATED_CRV1_CLEANUP_PER_HOST_PER_HOUR).toBe(0.014);
    expect(CALIBRATED_RATE_SIGMA_95[0]).toBeLessThan(CALIBRATED_RATE_SIGMA);
    expect(CALIBRATED_RATE_SIGMA_95[1]).toBeGreaterThan(CALIBRATED_RATE_SIGMA);
    expect(CALIBRATED_ADDRESS_CHURN).toEqual({ dynamicShare: 0.5, perHostPerHour: 0 });
  });

  it("is what the worms carry", () => {
    for (const worm of [codeRedV1, codeRedV2]) {
      expect(worm.probesPerSecond).toBe(CODE_RED_LAB_PROBES_PER_SECOND);
      expect(worm.threads).toBe(CODE_RED_THREADS);
      expect(worm.infectionSuccess).toBe(CRV2_INFECTION_SUCCESS);
    }
    expect(codeRedII.threads).toBe(CRII_THREADS);
    expect(codeRedII.probesPerSecond).toBeCloseTo(
      CODE_RED_LAB_PROBES_PER_SECOND * CRII_THREAD_FACTOR,
      12,
    );
    expect(codeRedII.infectionSuccess).toBe(CRV2_INFECTION_SUCCESS);
  });
});
