import { describe, expect, it } from "vitest";
import { lineChartSvg, type LineChartSpec } from "./line-chart.ts";

const T0_MS = Date.parse("2001-07-19T10:00:00Z");

function spec(): LineChartSpec {
  const infected: Array<[number, number]> = [];
  const band: Array<[number, number, number]> = [];
  const perMinute: Array<[string, number]> = [];
  for (let minute = 0; minute <= 14 * 60; minute += 30) {
    const hosts = 360_000 / (1 + Math.exp(-1.8 * (minute / 60 - 7)));
    infected.push([T0_MS + minute * 60_000, hosts]);
    band.push([T0_MS + minute * 60_000, hosts * 0.9, hosts * 1.1]);
    perMinute.push([new Date(T0_MS + minute * 60_000).toISOString(), (hosts * 1.8) / 60]);
  }
  return {
    title: "Code Red v2 <19 July> & after",
    subtitle: "synthetic",
    xAxis: { label: "Time (UTC)", kind: "time" },
    yAxes: [{ label: "Infected hosts" }, { label: "New infections per minute" }],
    series: [
      { name: "Stochastic mean", points: infected, band },
      { name: "Infection rate", points: perMinute, yAxisIndex: 1, style: "scatter" },
    ],
    markedPoints: [{ name: "CAIDA", x: "2001-07-20T00:00:00Z", y: 359_000, label: ">359,000" }],
  };
}

describe("lineChartSvg", () => {
  it("is byte-for-byte deterministic across calls", () => {
    const first = lineChartSvg(spec());
    lineChartSvg({ ...spec(), title: "another chart in between" });
    expect(lineChartSvg(spec())).toBe(first);
  });

  it("shows series names, axis names, title, marked points, escaped text", () => {
    const svg = lineChartSvg(spec());
    expect(svg.startsWith("<svg")).toBe(true);
    for (const text of [
      "Stochastic mean",
      "Infection rate",
      "Infected hosts",
      "New infections per minute",
      "Time (UTC)",
      "Published figures",
      "&gt;359,000",
      "&lt;19 July&gt; &amp; after",
    ]) {
      expect(svg).toContain(text);
    }
    expect(svg).not.toMatch(/\bzr\d+-/);
  });

  it("differs when the data differ, and honours the requested size", () => {
    const a = lineChartSvg(spec());
    const changed = spec();
    changed.series = [
      {
        ...changed.series[0],
        points: [
          [T0_MS, 1],
          [T0_MS + 3_600_000, 2],
        ],
      },
    ];
    expect(lineChartSvg(changed)).not.toBe(a);
    expect(lineChartSvg({ ...spec(), widthPx: 400, heightPx: 300 })).toMatch(
      /^<svg width="400" height="300"/,
    );
  });

  it("rejects x values that are not times", () => {
    const bad = spec();
    bad.series = [{ name: "x", points: [["not a date", 1]] }];
    expect(() => lineChartSvg(bad)).toThrow(/not a time/);
  });
});
