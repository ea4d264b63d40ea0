/**
 * The curves beside the map, drawn on a canvas: infected now and ever infected (left panel), new
 * infections and probes per minute (right panel, probes on their own scale), with the published
 * points of the preset marked and a cursor at the scrubber's time. A variant run is drawn dashed.
 */

export interface CurveRun {
  readonly startMs: number;
  readonly minutes: number;
  readonly infectedNow: Float64Array;
  readonly everInfected: Float64Array;
  readonly newPerMinute: Float64Array;
  readonly probesPerMinute: Float64Array;
}

/** A 5-95% band over an ensemble's runs, per minute. */
export interface CurveBand {
  readonly everP5: Float64Array;
  readonly everP95: Float64Array;
  readonly infectedP5: Float64Array;
  readonly infectedP95: Float64Array;
}

export interface PublishedPoint {
  readonly label: string;
  readonly ms: number;
  readonly value: number;
  /** Which panel: hosts (left) or per minute (right). */
  readonly panel: "hosts" | "perMinute";
}

const COLORS = {
  infected: "#D55E00",
  ever: "#0072B2",
  perMinute: "#009E73",
  probes: "#CC79A7",
  published: "#F0E442",
  axis: "#9aa3ad",
  cursor: "#ffffff",
};

export const CURVE_LEGEND = [
  ["infected now", COLORS.infected],
  ["ever infected", COLORS.ever],
  ["new per minute", COLORS.perMinute],
  ["probes per minute (own scale)", COLORS.probes],
  ["published figure", COLORS.published],
  ["5-95% band over an ensemble's seeds", "rgba(0, 114, 178, 0.5)"],
] as const;

const nice = (v: number) => {
  if (v <= 0) return 1;
  const p = 10 ** Math.floor(Math.log10(v));
  for (const m of [1, 2, 2.5, 5, 10]) if (m * p >= v) return m * p;
  return 10 * p;
};

const short = (v: number) =>
  v >= 1e9
    ? `${+(v / 1e9).toFixed(1)}G`
    : v >= 1e6
      ? `${+(v / 1e6).toFixed(1)}M`
      : v >= 1e3
        ? `${+(v / 1e3).toFixed(1)}k`
        : `${Math.round(v)}`;

function maxOf(...arrays: (Float64Array | undefined)[]): number {
  let m = 0;
  for (const a of arrays) if (a) for (let i = 0; i < a.length; i++) if (a[i] > m) m = a[i];
  return m;
}

/** Margins of each of the two panels, in canvas pixels. */
const PAD = { l: 48, r: 12, t: 18, b: 28 };

/** The x of minute m (of `minutes`) in the panel starting at x0, on a canvas `width` wide. */
function minuteX(x0: number, width: number, minutes: number, m: number): number {
  return x0 + PAD.l + (m / Math.max(1, minutes - 1)) * (width / 2 - PAD.l - PAD.r);
}

/**
 * Draws both panels for `run` (and `variant`, dashed; and an ensemble's band). The cursor has its
 * own overlay canvas ({@link drawCursor}), so scrubbing redraws no curve.
 */
export function drawCurves(
  canvas: HTMLCanvasElement,
  run: CurveRun,
  published: readonly PublishedPoint[],
  variant?: CurveRun,
  band?: CurveBand,
): void {
  const ctx = canvas.getContext("2d");
  if (!ctx) return;
  const W = canvas.width;
  const H = canvas.height;
  ctx.clearRect(0, 0, W, H);
  ctx.font = "12px system-ui, sans-serif";
  const half = W / 2;
  const pad = PAD;
  const panel = (
    x0: number,
    title: string,
    series: [Float64Array, string, number, boolean][],
    top: number,
    points: readonly PublishedPoint[],
  ) => {
    const pw = half - pad.l - pad.r;
    const ph = H - pad.t - pad.b;
    const X = (m: number) => minuteX(x0, W, run.minutes, m);
    const Y = (v: number, t: number) => pad.t + ph - (v / t) * ph;
    ctx.strokeStyle = COLORS.axis;
    ctx.fillStyle = COLORS.axis;
    ctx.lineWidth = 1;
    ctx.strokeRect(x0 + pad.l, pad.t, pw, ph);
    ctx.fillText(title, x0 + pad.l, 12);
    if (band && title === "hosts") {
      for (const [lo, hi, color] of [
        [band.everP5, band.everP95, "rgba(0, 114, 178, 0.35)"],
        [band.infectedP5, band.infectedP95, "rgba(213, 94, 0, 0.35)"],
      ] as const) {
        ctx.fillStyle = color;
        ctx.beginPath();
        for (let m = 0; m < hi.length; m++) ctx.lineTo(X(m), Y(hi[m], top));
        for (let m = lo.length - 1; m >= 0; m--) ctx.lineTo(X(m), Y(lo[m], top));
        ctx.closePath();
        ctx.fill();
      }
      ctx.fillStyle = COLORS.axis;
    }
    for (let k = 0; k <= 5; k++) {
      const v = (top * k) / 5;
      ctx.fillText(short(v), x0 + 4, Y(v, top) + 4);
    }
    const hours = run.minutes / 60;
    const stepH = hours > 48 ? 24 : hours > 12 ? 4 : 2;
    for (let h = 0; h <= hours; h += stepH) {
      const ms = run.startMs + h * 3_600_000;
      const d = new Date(ms);
      const text =
        stepH === 24
          ? `${d.getUTCDate()} ${d.toUTCString().slice(8, 11)}`
          : `${String(d.getUTCHours()).padStart(2, "0")}:00`;
      ctx.fillText(text, X(h * 60) - 14, H - 8);
    }
    for (const [a, color, scaleTop, dashed] of series) {
      ctx.strokeStyle = color;
      ctx.lineWidth = dashed ? 1.5 : 2;
      ctx.setLineDash(dashed ? [5, 4] : []);
      ctx.beginPath();
      const every = Math.max(1, Math.floor(a.length / pw));
      for (let m = 0; m < a.length; m += every) {
        const x = X(m);
        const y = Y(a[m], scaleTop);
        if (m === 0) ctx.moveTo(x, y);
        else ctx.lineTo(x, y);
      }
      ctx.stroke();
    }
    ctx.setLineDash([]);
    for (const p of points) {
      if (p.panel === "perMinute") {
        // A published rate: a dashed line across the panel.
        ctx.strokeStyle = COLORS.published;
        ctx.setLineDash([4, 4]);
        ctx.beginPath();
        ctx.moveTo(X(0), Y(p.value, top));
        ctx.lineTo(X(run.minutes - 1), Y(p.value, top));
        ctx.stroke();
        ctx.setLineDash([]);
        ctx.fillStyle = COLORS.published;
        ctx.fillText(p.label, X(0) + 4, Y(p.value, top) - 6);
        continue;
      }
      const m = (p.ms - run.startMs) / 60_000;
      if (m < 0 || m > run.minutes) continue;
      ctx.fillStyle = COLORS.published;
      ctx.beginPath();
      ctx.arc(X(Math.min(m, run.minutes - 1)), Y(p.value, top), 5, 0, 2 * Math.PI);
      ctx.fill();
      ctx.fillText(p.label, X(Math.min(m, run.minutes - 1)) - 120, Y(p.value, top) - 8);
    }
  };
  const hostsTop = nice(
    Math.max(
      maxOf(run.everInfected, variant?.everInfected, band?.everP95),
      ...published.filter((p) => p.panel === "hosts").map((p) => p.value),
    ),
  );
  const hostSeries: [Float64Array, string, number, boolean][] = [
    [run.everInfected, COLORS.ever, hostsTop, false],
    [run.infectedNow, COLORS.infected, hostsTop, false],
  ];
  if (variant) {
    hostSeries.push([variant.everInfected, COLORS.ever, hostsTop, true]);
    hostSeries.push([variant.infectedNow, COLORS.infected, hostsTop, true]);
  }
  panel(
    0,
    "hosts",
    hostSeries,
    hostsTop,
    published.filter((p) => p.panel === "hosts"),
  );
  const perTop = nice(
    Math.max(
      maxOf(run.newPerMinute, variant?.newPerMinute),
      ...published.filter((p) => p.panel === "perMinute").map((p) => p.value),
    ),
  );
  const probesTop = nice(maxOf(run.probesPerMinute, variant?.probesPerMinute));
  const perSeries: [Float64Array, string, number, boolean][] = [
    [run.probesPerMinute, COLORS.probes, probesTop, false],
    [run.newPerMinute, COLORS.perMinute, perTop, false],
  ];
  if (variant) perSeries.push([variant.newPerMinute, COLORS.perMinute, perTop, true]);
  panel(
    half,
    "per minute",
    perSeries,
    perTop,
    published.filter((p) => p.panel === "perMinute"),
  );
}

/** Draws only the cursor at minute `cursor` on an overlay canvas the size of the curves'. */
export function drawCursor(canvas: HTMLCanvasElement, minutes: number, cursor: number): void {
  const ctx = canvas.getContext("2d");
  if (!ctx) return;
  const W = canvas.width;
  const H = canvas.height;
  ctx.clearRect(0, 0, W, H);
  ctx.strokeStyle = COLORS.cursor;
  ctx.lineWidth = 1;
  for (const x0 of [0, W / 2]) {
    const x = minuteX(x0, W, minutes, cursor);
    ctx.beginPath();
    ctx.moveTo(x, PAD.t);
    ctx.lineTo(x, H - PAD.b);
    ctx.stroke();
  }
}
