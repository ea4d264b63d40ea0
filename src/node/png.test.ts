import { describe, expect, it } from "vitest";
import { lineChartSvg } from "../report/line-chart.ts";
import { svgToPng } from "./png.ts";

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

function widthOf(png: Uint8Array): number {
  return new DataView(png.buffer, png.byteOffset).getUint32(16); // IHDR width, big-endian
}

describe("svgToPng", () => {
  const svg = lineChartSvg({
    title: "PNG test",
    xAxis: { label: "Hours", kind: "value" },
    yAxes: [{ label: "Hosts" }],
    series: [
      {
        name: "a",
        points: [
          [0, 1],
          [1, 4],
          [2, 9],
        ],
      },
    ],
  });

  it("writes a PNG at the SVG's size or a requested width", () => {
    const png = svgToPng(svg);
    expect(Array.from(png.subarray(0, 8))).toEqual(PNG_SIGNATURE);
    expect(widthOf(png)).toBe(960);
    expect(widthOf(svgToPng(svg, 480))).toBe(480);
  });

  it("is deterministic", () => {
    expect(Buffer.from(svgToPng(svg)).equals(Buffer.from(svgToPng(svg)))).toBe(true);
  });
});
