import { describe, expect, it } from "vitest";
import { CHART_MAX_POINTS, downsamplePoints, lttbIndices } from "./downsample.ts";

describe("lttbIndices (largest-triangle-three-buckets)", () => {
  it("keeps every point of a series at or under the threshold", () => {
    const x = Array.from({ length: CHART_MAX_POINTS }, (_, i) => i);
    expect(lttbIndices(x, x)).toEqual(x);
    const points = x.map((i) => [i, i * i] as const);
    expect(downsamplePoints(points)).toBe(points);
  });

  it("keeps the threshold, the ends and the peaks of a long series", () => {
    const n = 100_000;
    const x = Array.from({ length: n }, (_, i) => i);
    const y = x.map((i) => (i === 31_337 ? 1e6 : i === 77_777 ? -1e6 : Math.sin(i / 1000)));
    const kept = lttbIndices(x, y, 500);
    expect(kept).toHaveLength(500);
    expect(kept[0]).toBe(0);
    expect(kept[kept.length - 1]).toBe(n - 1);
    expect(kept).toContain(31_337);
    expect(kept).toContain(77_777);
    for (let i = 1; i < kept.length; i++) expect(kept[i]).toBeGreaterThan(kept[i - 1]);
  });

  it("downsamples points with extra values (bands) by x and the first y", () => {
    const points = Array.from({ length: 10_000 }, (_, i) => [i, i % 7, (i % 7) + 1] as const);
    const out = downsamplePoints(points, 100);
    expect(out).toHaveLength(100);
    expect(out[0]).toBe(points[0]);
  });
});
