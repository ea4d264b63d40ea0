/**
 * The published figures of each preset that charts mark (the outbreak chart, the dashboard's
 * curves). Kept apart from the chart code, so the dashboard's page loads them without echarts.
 */
import type { ChartMarkedPoint } from "./line-chart.ts";

/** Published figures to mark on a preset's chart. @see ../../docs/sources.md section 4 */
export const PUBLISHED_POINTS: Readonly<Record<string, readonly ChartMarkedPoint[]>> = {
  "jul19-2001": [
    {
      name: "CAIDA: >359,000 infected by 00:00 UTC 20 July",
      x: "2001-07-20T00:00:00Z",
      y: 359_000,
      label: "CAIDA >359,000",
    },
  ],
};

/** Published peak rates, drawn as a reference line on the right axis. */
export const PUBLISHED_PEAK_PER_MINUTE: Readonly<Record<string, number>> = {
  "jul19-2001": 2_000,
};
