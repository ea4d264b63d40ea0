/**
 * An observer placed from the map: the page runs the scenario again with it added, and this view,
 * beside the map, shows what it saw (sources by locality, probes per hour).
 */
import { useEffect, useRef } from "preact/hooks";
import type { ObserverSummary } from "../../src/report/observer-summary.ts";
import { fmt, pct } from "./format.ts";

/** The name of the observer the page places. */
export const PLACED_NAME = "placed";

/** An observer placed from the map, and what it saw once its run is done. */
export interface PlacedObserver {
  readonly block: string;
  readonly type: "server" | "telescope";
  readonly done: number | null;
  readonly summary: ObserverSummary | null;
  readonly error: string | null;
}

/** The placed observer's view: sources by locality and probes per hour. */
export function ObserverView({ placed }: { placed: PlacedObserver }) {
  const s = placed.summary;
  const bars = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const ctx = bars.current?.getContext("2d");
    if (!ctx || !s) return;
    const W = ctx.canvas.width;
    const H = ctx.canvas.height;
    ctx.clearRect(0, 0, W, H);
    const top = Math.max(1, ...s.hourly.map((h) => h.probes));
    const bw = W / Math.max(1, s.hourly.length);
    ctx.fillStyle = "#56B4E9";
    s.hourly.forEach((h, i) => {
      const bh = (h.probes / top) * (H - 14);
      ctx.fillRect(i * bw, H - bh, Math.max(1, bw - 1), bh);
    });
    ctx.fillStyle = "#9aa3ad";
    ctx.font = "11px system-ui, sans-serif";
    ctx.fillText(`${fmt(top)} probes/h`, 2, 11);
  }, [s]);
  return (
    <div class="observer" data-testid="observer">
      <h2>
        {placed.type} on {placed.block}
      </h2>
      {placed.error && <p class="error">{placed.error}</p>}
      {placed.done !== null && (
        <p role="status">
          <progress max={1} value={placed.done} /> observing {Math.round(placed.done * 100)}%
        </p>
      )}
      {s && (
        <>
          <p>
            <span data-testid="observer-sources">{fmt(s.uniqueSources)}</span> source addresses,{" "}
            {fmt(s.probes)} probes
          </p>
          {s.sourceLocality && (
            <p data-testid="observer-locality">
              of its sources, {pct(s.sourceLocality.same16)} are in its own /16,{" "}
              {pct(s.sourceLocality.same8)} in its /8 and {pct(s.sourceLocality.other)} elsewhere
            </p>
          )}
          <canvas
            ref={bars}
            class="observer-hours"
            width={260}
            height={70}
            role="img"
            aria-label={`probes per hour at ${placed.block}`}
          />
        </>
      )}
    </div>
  );
}
