/**
 * The dashboard page: a scenario (preset, seed, or JSON), the engine in a worker, the IPv4 map, the
 * time scrubber and the curves. Everything runs in this browser; nothing is uploaded.
 */
import { useEffect, useMemo, useRef, useState } from "preact/hooks";
import { PUBLISHED_PEAK_PER_MINUTE, PUBLISHED_POINTS } from "../../src/report/published-points.ts";
import { DEFAULT_PRESET, PRESETS } from "../../src/scenario/presets.ts";
import {
  CATEGORY,
  CATEGORY_LABEL,
  DEFENDED,
  DEFENDED_LABEL,
  cssColor,
  shieldShade,
  viridis,
  type Category,
} from "./colors.ts";
import { CURVE_LEGEND, drawCurves, drawCursor, type PublishedPoint } from "./curves.ts";
import {
  DIFFERENCE_LABEL,
  blockCounts,
  cellAt,
  drawGrid,
  drawMap,
  LAYER_LABEL,
  MAP_SIDE,
  viewBlock,
  type BlockCounts,
  type MapLayer,
  type MapView,
} from "./ipv4-map.ts";
import type { EnsembleResult, RunRequest, RunResult, WorkerReply } from "./messages.ts";
import { downloadCanvas, downloadText, seriesCsv, seriesJson } from "./exports.ts";
import { LogPanel } from "./log-panel.tsx";
import scenarioSchema from "../../docs/scenario.schema.json";
import { SchemaField, type Schema } from "./schema-form.tsx";
import { formatCidr } from "../../src/net/prefix.ts";
import { hilbertIndex, hilbertXY } from "../../src/net/hilbert.ts";
import { ObserverView, PLACED_NAME, type PlacedObserver } from "./observer-view.tsx";
import { fmt, pct } from "./format.ts";
import { Replay } from "./replay.ts";
import { readScenarioFromUrl, writeScenarioToUrl } from "./url-state.ts";

interface Progress {
  readonly done: number;
  readonly time: string;
  readonly infectedEver: number;
}

/** The scenario a preset name stands for, as a file that extends it. */
const presetFile = (name: string, seed: number) => ({ extends: name, seed });

const SPEEDS = [1, 4, 16] as const;

export function App() {
  const initial = useMemo(() => readScenarioFromUrl(location.hash), []);
  const [scenarioText, setScenarioText] = useState(() =>
    JSON.stringify(initial ?? presetFile(DEFAULT_PRESET, 1), null, 2),
  );
  const [error, setError] = useState<string | null>(null);
  const [progress, setProgress] = useState<Progress | null>(null);
  const [run, setRun] = useState<RunResult | null>(null);
  const [frame, setFrame] = useState(0);
  const [playing, setPlaying] = useState(false);
  const [speed, setSpeed] = useState<(typeof SPEEDS)[number]>(4);
  const [view, setView] = useState<MapView>({ level: "all" });
  const [layer, setLayer] = useState<MapLayer>("state");
  const [hover, setHover] = useState<{
    text: string;
    counts: BlockCounts;
    /** The /16's share of probes filtered before they arrive (null: no filter, or a larger block). */
    filtered: number | null;
  } | null>(null);
  const [frameMs, setFrameMs] = useState<number | null>(null);
  const [variant, setVariant] = useState<RunResult | null>(null);
  const [variantProgress, setVariantProgress] = useState<number | null>(null);
  const [whatIf, setWhatIf] = useState<WhatIf>(DEFAULT_WHAT_IF);
  const [placed, setPlaced] = useState<PlacedObserver | null>(null);
  const [ensemble, setEnsemble] = useState<EnsembleResult | null>(null);
  const [ensembleProgress, setEnsembleProgress] = useState<number | null>(null);
  const [ensembleRuns, setEnsembleRuns] = useState(5);
  const [logBlocks, setLogBlocks] = useState<
    readonly (readonly [number, number, number, number])[] | null
  >(null);
  const worker = useRef<Worker | null>(null);
  const runId = useRef(0);
  const variantId = useRef(0);
  const observerId = useRef(0);
  const ensembleId = useRef(0);
  const requested = useRef(0);
  const replay = useRef<Replay | null>(null);
  /** The what-if run, replayed for the defended layer when only the what-if has defenses. */
  const variantReplay = useRef<Replay | null>(null);
  const mapCanvas = useRef<HTMLCanvasElement>(null);
  const curveCanvas = useRef<HTMLCanvasElement>(null);
  const gridCanvas = useRef<HTMLCanvasElement>(null);
  const cursorCanvas = useRef<HTMLCanvasElement>(null);
  const image = useRef<ImageData | null>(null);

  /** The largest probe load of the run on any /16 and minute (the load layer's scale). */
  const loadMost = useMemo(() => {
    let most = 1;
    for (const l of run?.loads ?? []) for (const v of l.perMinute) if (v > most) most = v;
    return most;
  }, [run]);

  const parsed = useMemo(() => {
    try {
      return { value: JSON.parse(scenarioText) as Record<string, unknown>, problem: null };
    } catch (e) {
      return { value: null, problem: `scenario: not JSON: ${(e as Error).message}` };
    }
  }, [scenarioText]);

  const ensureWorker = (): Worker => {
    if (!worker.current) {
      worker.current = new Worker(new URL("./engine-worker.ts", import.meta.url), {
        type: "module",
      });
      worker.current.onmessage = (event: MessageEvent<WorkerReply>) => {
        const reply = event.data;
        if (reply.role === "ensemble") {
          if (reply.id !== ensembleId.current) return;
          if (reply.type === "progress") setEnsembleProgress(reply.done);
          else if (reply.type === "error") {
            setError(`ensemble: ${reply.message}`);
            setEnsembleProgress(null);
          } else if (reply.type === "ensemble") {
            setEnsemble(reply);
            setEnsembleProgress(null);
          }
          return;
        }
        if (reply.role === "observer") {
          if (reply.id !== observerId.current) return;
          setPlaced((p) => {
            if (!p) return p;
            if (reply.type === "progress") return { ...p, done: reply.done };
            if (reply.type === "error") return { ...p, error: reply.message, done: null };
            const o = reply.summary.observers[PLACED_NAME];
            return { ...p, done: null, summary: o && "sourceLocality" in o ? o : null };
          });
          return;
        }
        if (reply.role === "variant") {
          if (reply.id !== variantId.current) return;
          if (reply.type === "progress") setVariantProgress(reply.done);
          else if (reply.type === "error") {
            setError(`what-if: ${reply.message}`);
            setVariantProgress(null);
          } else {
            variantReplay.current = new Replay(reply);
            setVariant(reply);
            setVariantProgress(null);
            setLayer("difference");
          }
          return;
        }
        if (reply.id !== runId.current) return;
        if (reply.type === "progress") setProgress(reply);
        else if (reply.type === "error") {
          setError(reply.message);
          setProgress(null);
        } else {
          replay.current = new Replay(reply);
          setRun(reply);
          setProgress(null);
          setFrame(reply.frameSeconds.length - 1);
          (window as unknown as { wormscopeRun?: unknown }).wormscopeRun = {
            summary: reply.summary,
            workerMs: reply.workerMs,
            timings: reply.timings,
            requestToResultMs: performance.now() - requested.current,
          };
        }
      };
    }
    return worker.current;
  };

  const start = (text = scenarioText) => {
    let scenario: unknown;
    try {
      scenario = JSON.parse(text);
    } catch (e) {
      setError(`scenario: not JSON: ${(e as Error).message}`);
      return;
    }
    const w = ensureWorker();
    setError(null);
    setPlaying(false);
    setVariant(null);
    setVariantProgress(null);
    variantId.current++;
    setPlaced(null);
    observerId.current++;
    setEnsemble(null);
    setEnsembleProgress(null);
    ensembleId.current++;
    if (layer === "difference") setLayer("state");
    runId.current++;
    requested.current = performance.now();
    setProgress({ done: 0, time: "", infectedEver: 0 });
    writeScenarioToUrl(scenario);
    w.postMessage({
      type: "run",
      role: "baseline",
      id: runId.current,
      scenario,
    } satisfies RunRequest);
  };

  /**
   * Places an observer on `block` (a server on a /16, a telescope on a /8): the baseline scenario
   * again with it added. Observers draw from their own streams, so the outbreak is the same run.
   */
  const placeObserver = (block: string, type: "server" | "telescope") => {
    if (!parsed.value) return;
    const base = parsed.value;
    const observers = Array.isArray(base.observers) ? (base.observers as unknown[]) : [];
    const scenario = { ...base, observers: [...observers, { name: PLACED_NAME, type, block }] };
    observerId.current++;
    setPlaced({ block, type, done: 0, summary: null, error: null });
    ensureWorker().postMessage({
      type: "run",
      role: "observer",
      id: observerId.current,
      scenario,
    } satisfies RunRequest);
  };

  /** Runs the baseline scenario with `ensembleRuns` seeds on its population: the 5-95% band. */
  const startEnsemble = () => {
    if (!parsed.value) return;
    ensembleId.current++;
    setEnsemble(null);
    setEnsembleProgress(0);
    ensureWorker().postMessage({
      type: "run",
      role: "ensemble",
      id: ensembleId.current,
      scenario: parsed.value,
      runs: ensembleRuns,
    } satisfies RunRequest);
  };

  /** Runs the baseline scenario again with one more defense: same seed, same population. */
  const startVariant = () => {
    if (!parsed.value) return;
    const base = parsed.value;
    const defenses = Array.isArray(base.defenses) ? (base.defenses as unknown[]) : [];
    const scenario = { ...base, defenses: [...defenses, whatIfDefense(whatIf)] };
    variantId.current++;
    setVariant(null);
    setVariantProgress(0);
    ensureWorker().postMessage({
      type: "run",
      role: "variant",
      id: variantId.current,
      scenario,
    } satisfies RunRequest);
  };

  useEffect(() => {
    start();
    return () => worker.current?.terminate();
  }, []);

  /** Whose defenses the defended layer shows: the baseline's, or else the what-if's. */
  const defendedReplay = (): Replay | null =>
    run?.defended ? replay.current : variant?.defended ? variantReplay.current : null;

  // Draw the map when the frame, view or layer changes.
  useEffect(() => {
    const r = replay.current;
    const canvas = mapCanvas.current;
    if (!r || !run || !canvas) return;
    const t0 = performance.now();
    r.seek(frame);
    const shields = layer === "defended" ? defendedReplay() : null;
    shields?.seek(frame);
    const ctx = canvas.getContext("2d");
    if (!ctx) return;
    image.current ??= ctx.createImageData(MAP_SIDE, MAP_SIDE);
    drawMap(image.current, {
      view,
      layer,
      addresses: run.addresses,
      state: r.state,
      firstInfectedFrame: run.firstInfectedFrame,
      frame: r.frame,
      variantFirstInfectedFrame: variant?.firstInfectedFrame,
      flags: shields?.flags,
      inbound16: shields?.inbound16,
      logBlocks: logBlocks ?? undefined,
      load: layer === "load" ? loadAt(run, r.minuteOf(frame), loadMost) : undefined,
    });
    ctx.putImageData(image.current, 0, 0);
    if (cursorCanvas.current) drawCursor(cursorCanvas.current, run.minutes, r.minuteOf(frame));
    const ms = performance.now() - t0;
    setFrameMs(ms);
    ((window as unknown as { wormscopeFrameMs?: number[] }).wormscopeFrameMs ??= []).push(ms);
  }, [frame, view, layer, run, variant, logBlocks]);

  // The curves: drawn once per run (the cursor has its own canvas).
  useEffect(() => {
    if (run && curveCanvas.current)
      drawCurves(
        curveCanvas.current,
        run,
        publishedPoints(run),
        variant ?? undefined,
        ensemble ?? undefined,
      );
  }, [run, variant, ensemble]);

  // The /8 grid and labels: drawn once per view, on a canvas over the map.
  useEffect(() => {
    const ctx = gridCanvas.current?.getContext("2d");
    if (ctx) drawGrid(ctx, view);
  }, [view]);

  // Play: advance frames on animation frames.
  useEffect(() => {
    if (!playing || !run) return;
    let handle = 0;
    let last = performance.now();
    const tick = (now: number) => {
      if (now - last >= 1000 / 30) {
        last = now;
        setFrame((f) => {
          const next = Math.min(run.frameSeconds.length - 1, f + speed);
          if (next === run.frameSeconds.length - 1) setPlaying(false);
          return next;
        });
      }
      handle = requestAnimationFrame(tick);
    };
    handle = requestAnimationFrame(tick);
    return () => cancelAnimationFrame(handle);
  }, [playing, speed, run]);

  const frames = run ? run.frameSeconds.length : 1;
  const time = run && replay.current ? replay.current.timeOf(frame) : "";
  const minute = run && replay.current ? replay.current.minuteOf(frame) : 0;

  const onMapMove = (e: MouseEvent) => {
    if (!run || !replay.current) return;
    const canvas = e.currentTarget as HTMLCanvasElement;
    const rect = canvas.getBoundingClientRect();
    const px = Math.floor(((e.clientX - rect.left) / rect.width) * MAP_SIDE);
    const py = Math.floor(((e.clientY - rect.top) / rect.height) * MAP_SIDE);
    if (px < 0 || py < 0 || px >= MAP_SIDE || py >= MAP_SIDE) return;
    const cell = cellAt(view, px, py);
    const counts = blockCounts(cell.base, cell.bits, {
      addresses: run.addresses,
      state: replay.current.state,
      firstInfectedFrame: run.firstInfectedFrame,
      frame: replay.current.frame,
      flags: defendedReplay()?.flags,
      country: run.country,
      countries: run.countries,
    });
    const shields = defendedReplay();
    shields?.seek(replay.current.frame);
    const inbound = shields?.inbound16 ?? null;
    // The filtered share is per /16: shown for a /16 or a smaller block.
    const filtered = inbound && cell.bits >= 16 ? inbound[cell.base >>> 16] : null;
    setHover({ text: formatCidr(cell), counts, filtered });
  };

  const onMapClick = (e: MouseEvent) => {
    const canvas = e.currentTarget as HTMLCanvasElement;
    const rect = canvas.getBoundingClientRect();
    const px = Math.floor(((e.clientX - rect.left) / rect.width) * MAP_SIDE);
    const py = Math.floor(((e.clientY - rect.top) / rect.height) * MAP_SIDE);
    const cell = cellAt(view, px, py);
    if (view.level === "all") setView({ level: "8", prefix8: cell.base >>> 24 });
    else if (view.level === "8") setView({ level: "16", prefix16: cell.base >>> 16 });
    else placeObserver(formatCidr({ base: cell.base, bits: 32 }), "server");
  };

  /** Pans the /8 or /16 view to its neighbour on the map (dx, dy in cells of its own size). */
  const pan = (dx: number, dy: number) =>
    setView((v) => {
      if (v.level === "all") return v;
      const order = v.level === "8" ? 4 : 8;
      const side = 1 << order;
      const [cx, cy] = hilbertXY(order, v.level === "8" ? v.prefix8 : v.prefix16);
      const x = cx + dx;
      const y = cy + dy;
      if (x < 0 || y < 0 || x >= side || y >= side) return v;
      const d = hilbertIndex(order, x, y);
      return v.level === "8" ? { level: "8", prefix8: d } : { level: "16", prefix16: d };
    });

  const onMapKey = (e: KeyboardEvent) => {
    const moves: Record<string, [number, number]> = {
      ArrowLeft: [-1, 0],
      ArrowRight: [1, 0],
      ArrowUp: [0, -1],
      ArrowDown: [0, 1],
    };
    const m = moves[e.key];
    if (m && view.level !== "all") {
      e.preventDefault();
      pan(m[0], m[1]);
    } else if (e.key === "Escape" || e.key === "-") zoomOut();
  };

  const zoomOut = () =>
    setView((v) =>
      v.level === "16" ? { level: "8", prefix8: v.prefix16 >>> 8 } : { level: "all" },
    );

  const onScrubKey = (e: KeyboardEvent) => {
    if (e.key === " ") {
      e.preventDefault();
      setPlaying((p) => !p);
    }
  };

  const summary = run?.summary;
  const viewLabel =
    view.level === "all"
      ? "all of IPv4 (one pixel: a /20)"
      : view.level === "8"
        ? `${formatCidr(viewBlock(view))} (one cell: a /24)`
        : `${formatCidr(viewBlock(view))} (one cell: an address)`;

  return (
    <div class="page">
      <header>
        <h1>wormscope</h1>
        <p class="tagline">
          Replay Code Red over the whole IPv4 map. The simulation runs in your browser: nothing is
          uploaded.
        </p>
      </header>

      <section class="controls" aria-label="scenario">
        <label>
          Preset{" "}
          <select
            data-testid="preset"
            value={typeof parsed.value?.extends === "string" ? parsed.value.extends : ""}
            onChange={(e) => {
              const seed = typeof parsed.value?.seed === "number" ? parsed.value.seed : 1;
              const text = JSON.stringify(presetFile(e.currentTarget.value, seed), null, 2);
              setScenarioText(text);
              start(text);
            }}
          >
            <option value="" disabled>
              (custom)
            </option>
            {Object.keys(PRESETS).map((name) => (
              <option value={name}>{name}</option>
            ))}
          </select>
        </label>
        <label>
          Seed{" "}
          <input
            data-testid="seed"
            type="number"
            min={0}
            step={1}
            value={typeof parsed.value?.seed === "number" ? parsed.value.seed : ""}
            onChange={(e) => {
              const seed = Number(e.currentTarget.value);
              const next = {
                ...(parsed.value ?? {}),
                seed: Number.isFinite(seed) ? seed : e.currentTarget.value,
              };
              setScenarioText(JSON.stringify(next, null, 2));
            }}
          />
        </label>
        <button data-testid="run" type="button" onClick={() => start()}>
          Run
        </button>
        {progress && (
          <span class="progress" role="status" data-testid="progress">
            <progress max={1} value={progress.done} /> running {Math.round(progress.done * 100)}%
            {progress.time &&
              ` (${progress.time.slice(11, 16)} UTC, ${fmt(progress.infectedEver)} ever infected)`}
          </span>
        )}
      </section>
      {error && (
        <pre class="error" role="alert" data-testid="error">
          {error}
        </pre>
      )}

      {summary && (
        <section class="figures" aria-label="key figures" data-testid="figures">
          <div>
            <span class="k">ever infected</span>
            <span class="v" data-testid="infected-ever">
              {fmt(summary.infectedEver)}
            </span>
            <span class="s">of {fmt(summary.vulnerable)} vulnerable hosts</span>
          </div>
          <div>
            <span class="k">peak</span>
            <span class="v" data-testid="peak">
              {fmt(summary.peakNewPerMinute)}
            </span>
            <span class="s">
              {summary.peakAt
                ? `new a minute at ${summary.peakAt.slice(11, 16)} UTC`
                : "no new infections"}
            </span>
          </div>
          {summary.telescope && (
            <div>
              <span class="k">telescope {summary.telescope.block}</span>
              <span class="v" data-testid="telescope">
                {fmt(summary.telescope.uniqueSources)}
              </span>
              <span class="s">source addresses</span>
            </div>
          )}
          <div>
            <span class="k">seed</span>
            <span class="v" data-testid="summary-seed">
              {summary.seed}
            </span>
            <span class="s">
              scenario {summary.scenarioHash.slice(0, 8)}, wormscope {summary.version}, computed in{" "}
              {(run.workerMs / 1000).toFixed(2)} s
            </span>
          </div>
        </section>
      )}

      <section class="time" aria-label="time">
        <button
          type="button"
          data-testid="play"
          onClick={() => {
            if (run && frame >= frames - 1) setFrame(0);
            setPlaying((p) => !p);
          }}
          disabled={!run}
          aria-pressed={playing}
        >
          {playing ? "Pause" : "Play"}
        </button>
        <label>
          Speed{" "}
          <select
            data-testid="speed"
            value={speed}
            onChange={(e) => setSpeed(Number(e.currentTarget.value) as (typeof SPEEDS)[number])}
          >
            {SPEEDS.map((s) => (
              <option value={s}>{s}x</option>
            ))}
          </select>
        </label>
        <input
          data-testid="scrubber"
          class="scrubber"
          type="range"
          min={0}
          max={frames - 1}
          value={frame}
          disabled={!run}
          aria-label="simulated time"
          aria-valuetext={time ? `${time} UTC` : "no run yet"}
          onInput={(e) => setFrame(Number(e.currentTarget.value))}
          onKeyDown={onScrubKey}
        />
        <output class="clock" data-testid="clock" aria-live="off">
          {time ? `${time.slice(0, 10)} ${time.slice(11, 16)} UTC` : "--:-- UTC"}
        </output>
      </section>

      <main class="panes">
        <section class="map-pane" aria-label="IPv4 map">
          <div class="map-bar">
            <span data-testid="view">{viewLabel}</span>
            {view.level !== "all" && (
              <button type="button" onClick={zoomOut}>
                Zoom out
              </button>
            )}
            {view.level !== "all" && (
              <span class="pan" role="group" aria-label="pan">
                <button
                  type="button"
                  data-testid="pan-west"
                  onClick={() => pan(-1, 0)}
                  aria-label="pan west"
                >
                  ◀
                </button>
                <button type="button" onClick={() => pan(0, -1)} aria-label="pan north">
                  ▲
                </button>
                <button type="button" onClick={() => pan(0, 1)} aria-label="pan south">
                  ▼
                </button>
                <button
                  type="button"
                  data-testid="pan-east"
                  onClick={() => pan(1, 0)}
                  aria-label="pan east"
                >
                  ▶
                </button>
              </span>
            )}
            {view.level !== "all" && run && (
              <button
                type="button"
                data-testid="place-observer"
                onClick={() =>
                  placeObserver(
                    formatCidr(viewBlock(view)),
                    view.level === "8" ? "telescope" : "server",
                  )
                }
              >
                Place an observer here
              </button>
            )}
            <label>
              Show{" "}
              <select
                data-testid="layer"
                value={layer}
                onChange={(e) => setLayer(e.currentTarget.value as MapLayer)}
              >
                {(Object.keys(LAYER_LABEL) as MapLayer[]).map((l) => (
                  <option value={l}>{LAYER_LABEL[l]}</option>
                ))}
              </select>
            </label>
          </div>
          <div class="map-stack">
            <canvas
              ref={mapCanvas}
              data-testid="map"
              class="map"
              width={MAP_SIDE}
              height={MAP_SIDE}
              role="img"
              aria-label={
                run
                  ? `IPv4 map at ${time} UTC: ${fmt(run.infectedNow[minute])} hosts infected, ${fmt(run.everInfected[minute])} ever infected`
                  : "IPv4 map (no run yet)"
              }
              onMouseMove={onMapMove}
              onMouseLeave={() => setHover(null)}
              onClick={onMapClick}
              onKeyDown={onMapKey}
              tabIndex={0}
            />
            <canvas
              ref={gridCanvas}
              class="map-grid"
              width={MAP_SIDE}
              height={MAP_SIDE}
              aria-hidden="true"
            />
          </div>
          <p class="hint">
            Click a /8 to zoom in, then a /24 to see its /16 address by address, then an address to
            place an observer on it. Arrow keys (or the arrows above) pan; Escape zooms out.
          </p>
        </section>
        <aside class="side">
          <h2>Legend</h2>
          {layer === "difference" ? (
            <ul class="legend">
              {DIFFERENCE_LABEL.map(([label, rgb]) => (
                <li>
                  <span class="swatch" style={{ background: cssColor(rgb) }} />
                  {label}
                </li>
              ))}
              {!variant && <li>run a what-if below to see the difference</li>}
            </ul>
          ) : layer === "defended" ? (
            <div class="legend" data-testid="defended-legend">
              <p>
                <span
                  class="ramp"
                  style={{
                    background: `linear-gradient(to right, ${[0, 0.5, 1].map((t) => cssColor(shieldShade(t))).join(", ")})`,
                  }}
                />
                share of probes filtered before they reach the /16: 0 to 100%
              </p>
              <ul class="legend">
                {(["blacklisted", "throttled"] as const).map((k) => (
                  <li>
                    <span class="swatch" style={{ background: cssColor(DEFENDED[k]) }} />
                    {DEFENDED_LABEL[k]}
                  </li>
                ))}
              </ul>
              {run && !run.defended && variant?.defended && (
                <p>Showing the what-if's defenses (the baseline has none).</p>
              )}
              {run && !run.defended && !variant?.defended && (
                <p>
                  This scenario has no filter, blacklist or rate limit: add one under Defenses in
                  the editor, or run a what-if with one.
                </p>
              )}
            </div>
          ) : layer === "state" ? (
            <ul class="legend">
              {(Object.keys(CATEGORY) as Category[]).map((c) => (
                <li>
                  <span class="swatch" style={{ background: cssColor(CATEGORY[c]) }} />
                  {CATEGORY_LABEL[c]}
                </li>
              ))}
            </ul>
          ) : (
            <p class="legend">
              <span
                class="ramp"
                style={{
                  background: `linear-gradient(to right, ${[0, 0.25, 0.5, 0.75, 1].map((t) => cssColor(viridis(t))).join(", ")})`,
                }}
              />
              {layer === "log-sources"
                ? "few to many of your log's sources per /16 (log scale)"
                : layer === "load"
                  ? run && run.loads.length > 0
                    ? `expected probes per /16 this minute, up to ${fmt(loadMost)} (log scale), on the /16s of ${run.loads.map((l) => l.name).join(", ")}`
                    : "this scenario has no load16 observer (aug04-2001 has one on 24.0.0.0/8)"
                  : "few to many hosts per cell (log scale)"}
            </p>
          )}
          {placed && <ObserverView placed={placed} />}
          <h2>Block under the pointer</h2>
          {hover ? (
            <dl class="hover" data-testid="hover">
              <dt>block</dt>
              <dd>{hover.text}</dd>
              <dt>hosts</dt>
              <dd>{fmt(hover.counts.hosts)}</dd>
              <dt>infected now</dt>
              <dd>{fmt(hover.counts.infected)}</dd>
              <dt>ever infected</dt>
              <dd>{fmt(hover.counts.ever)}</dd>
              <dt>patched</dt>
              <dd>{fmt(hover.counts.patched)}</dd>
              {(run?.defended ?? variant?.defended) && (
                <>
                  <dt>defended{run?.defended ? "" : " (what-if)"}</dt>
                  <dd data-testid="hover-defended">
                    {hover.filtered !== null
                      ? `${pct(hover.filtered)} of probes filtered before they arrive; `
                      : ""}
                    {fmt(hover.counts.blacklisted)} blacklisted, {fmt(hover.counts.throttled)}{" "}
                    throttled
                  </dd>
                </>
              )}
              <dt>countries</dt>
              <dd>{hover.counts.countries.map(([c, k]) => `${c} ${k}`).join(", ") || "none"}</dd>
            </dl>
          ) : (
            <p>Point at the map.</p>
          )}
          {run && (
            <>
              <h2>Now</h2>
              <p data-testid="now">
                {fmt(run.infectedNow[minute])} infected, {fmt(run.everInfected[minute])} ever,{" "}
                {fmt(run.newPerMinute[minute])} new this minute
              </p>
              <p class="small">
                map frame drawn in {frameMs === null ? "-" : frameMs.toFixed(1)} ms
              </p>
            </>
          )}
        </aside>
      </main>

      <section class="curves-pane" aria-label="curves">
        <div class="curves-stack">
          <canvas
            ref={curveCanvas}
            class="curves"
            width={1200}
            height={260}
            role="img"
            aria-label="curves of infected hosts and new infections per minute"
          />
          <canvas
            ref={cursorCanvas}
            class="curves-cursor"
            width={1200}
            height={260}
            aria-hidden="true"
          />
        </div>
        <ul class="legend inline">
          {CURVE_LEGEND.map(([label, color]) => (
            <li>
              <span class="swatch" style={{ background: color }} />
              {label}
            </li>
          ))}
        </ul>
        {run && (
          <div class="controls" aria-label="ensemble">
            <label>
              Ensemble of{" "}
              <input
                data-testid="ensemble-runs"
                type="number"
                min={2}
                max={100}
                step={1}
                value={ensembleRuns}
                onChange={(e) =>
                  setEnsembleRuns(Math.max(2, Math.min(100, Number(e.currentTarget.value) || 2)))
                }
              />{" "}
              seeds
            </label>
            <button type="button" data-testid="ensemble-run" onClick={startEnsemble}>
              Run ensemble
            </button>
            {ensembleProgress !== null && (
              <span role="status">
                <progress max={1} value={ensembleProgress} /> ensemble{" "}
                {Math.round(ensembleProgress * 100)}%
              </span>
            )}
            {ensemble && (
              <span data-testid="ensemble-result">
                {ensemble.summary.runs} runs (the band: 5% to 95%): ever infected{" "}
                <strong data-testid="ensemble-ever">
                  {fmt(ensemble.summary.metrics.infectedEver.p5 ?? NaN)} to{" "}
                  {fmt(ensemble.summary.metrics.infectedEver.p95 ?? NaN)}
                </strong>
                , mean {fmt(ensemble.summary.metrics.infectedEver.mean ?? NaN)}
              </span>
            )}
          </div>
        )}
      </section>

      {run && (
        <section class="whatif" aria-label="what if">
          <h2>What if</h2>
          <p>
            The same seed and population with one more defense; its curves are drawn dashed, and the
            map's "what-if difference" layer shows the hosts it spared.
          </p>
          <div class="controls">
            <label>
              Defense{" "}
              <select
                data-testid="whatif-type"
                value={whatIf.type}
                onChange={(e) =>
                  setWhatIf({ ...whatIf, type: e.currentTarget.value as WhatIf["type"] })
                }
              >
                <option value="content-filter">content filter</option>
                <option value="address-blacklist">address blacklist</option>
              </select>
            </label>
            <label>
              on{" "}
              <select
                data-testid="whatif-deployment"
                value={whatIf.deployment}
                onChange={(e) =>
                  setWhatIf({
                    ...whatIf,
                    deployment: e.currentTarget.value as WhatIf["deployment"],
                  })
                }
              >
                <option value="all">all networks</option>
                <option value="top20">the top 20 ASes</option>
              </select>
            </label>
            <label>
              reaction, minutes after the outbreak starts{" "}
              <input
                data-testid="whatif-minutes"
                type="number"
                min={0}
                step={10}
                value={whatIf.reactionMinutes}
                onChange={(e) =>
                  setWhatIf({ ...whatIf, reactionMinutes: Number(e.currentTarget.value) })
                }
              />
            </label>
            <button type="button" data-testid="whatif-run" onClick={startVariant}>
              Run what-if
            </button>
            {variantProgress !== null && (
              <span role="status">
                <progress max={1} value={variantProgress} /> what-if{" "}
                {Math.round(variantProgress * 100)}%
              </span>
            )}
          </div>
          {variant && (
            <p data-testid="whatif-result">
              With the {whatIf.type === "content-filter" ? "content filter" : "blacklist"}:{" "}
              <strong data-testid="whatif-ever">{fmt(variant.summary.infectedEver)}</strong> hosts
              ever infected against {fmt(run.summary.infectedEver)}, so{" "}
              <strong data-testid="whatif-prevented">
                {fmt(run.summary.infectedEver - variant.summary.infectedEver)}
              </strong>{" "}
              infections prevented.
            </p>
          )}
        </section>
      )}

      <LogPanel
        onSources={(blocks) => {
          setLogBlocks(blocks);
          if (blocks && blocks.length > 0) setLayer("log-sources");
        }}
      />

      {run && (
        <section class="exports" aria-label="export">
          <h2>Export</h2>
          {(
            [
              [
                "export-png",
                "Map (PNG)",
                () =>
                  downloadCanvas(mapCanvas.current, `wormscope-map-${time.replace(/:/g, "")}.png`),
              ],
              [
                "export-csv",
                "Series per minute (CSV)",
                () => downloadText(seriesCsv(run), "text/csv", "wormscope-series.csv"),
              ],
              [
                "export-series-json",
                "Series per minute (JSON)",
                () => downloadText(seriesJson(run), "application/json", "wormscope-series.json"),
              ],
              [
                "export-charts",
                "Curves (PNG)",
                () => downloadCanvas(curveCanvas.current, "wormscope-curves.png"),
              ],
              [
                "export-json",
                "Scenario (JSON)",
                () => downloadText(scenarioText.trim() + "\n", "application/json", "scenario.json"),
              ],
            ] as const
          ).map(([id, label, save]) => (
            <>
              <button type="button" data-testid={id} onClick={save}>
                {label}
              </button>{" "}
            </>
          ))}
        </section>
      )}

      <section class="editor" aria-label="scenario JSON">
        <h2>Scenario</h2>
        <p>
          The scenario as JSON, the same file <code>wormscope simulate --scenario</code> reads; the
          address bar holds it, so the link shares this run.
        </p>
        <details class="sf" open>
          <summary>Form (from the scenario schema)</summary>
          {parsed.value ? (
            <SchemaField
              schema={scenarioSchema as unknown as Schema}
              value={parsed.value}
              label=""
              path=""
              onChange={(v) => setScenarioText(JSON.stringify(v, null, 2))}
            />
          ) : (
            <p>Fix the JSON below to edit it here.</p>
          )}
        </details>
        <textarea
          data-testid="scenario"
          aria-label="scenario JSON"
          spellcheck={false}
          rows={8}
          value={scenarioText}
          onInput={(e) => setScenarioText(e.currentTarget.value)}
        />
        {parsed.problem && <p class="error">{parsed.problem}</p>}
        <button type="button" data-testid="apply" onClick={() => start()}>
          Apply and run
        </button>{" "}
        <label class="file">
          Import a scenario file
          <input
            data-testid="import-scenario"
            type="file"
            accept=".json,application/json"
            onChange={(e) => {
              const f = e.currentTarget.files?.[0];
              if (!f) return;
              void f.text().then((text) => {
                setScenarioText(text);
                start(text);
              });
            }}
          />
        </label>
      </section>
    </div>
  );
}

/** The load layer's blocks at minute m: [/16, expected probes that minute]. */
function loadAt(run: RunResult, m: number, most: number) {
  const blocks: [number, number][] = [];
  for (const l of run.loads) {
    for (let i = 0; i < l.count16; i++)
      blocks.push([l.first16 + i, l.perMinute[m * l.count16 + i]]);
  }
  return { blocks, most };
}

/** The what-if form. */
interface WhatIf {
  readonly type: "content-filter" | "address-blacklist";
  readonly deployment: "all" | "top20";
  readonly reactionMinutes: number;
}

/** README's what-if: a content filter on the top 20 ASes, nine hours in (19:00 on 19 July). */
const DEFAULT_WHAT_IF: WhatIf = {
  type: "content-filter",
  deployment: "top20",
  reactionMinutes: 540,
};

/** The scenario's `defenses[]` entry of a what-if. */
function whatIfDefense(w: WhatIf) {
  return {
    type: w.type,
    reactionMinutes: w.reactionMinutes,
    deployment: w.deployment === "all" ? "all" : { topAses: 20 },
  };
}

/** The preset's published figures, placed on the curves. */
function publishedPoints(run: RunResult): PublishedPoint[] {
  const preset = run.summary.preset ?? "";
  const points: PublishedPoint[] = (PUBLISHED_POINTS[preset] ?? []).map((p) => ({
    label: p.label ?? p.name,
    ms: Date.parse(String(p.x)),
    value: Number(p.y),
    panel: "hosts",
  }));
  const peak = PUBLISHED_PEAK_PER_MINUTE[preset];
  if (peak !== undefined) {
    points.push({
      label: `CAIDA peak >${fmt(peak)}/min`,
      ms: run.endMs - 3_600_000,
      value: peak,
      panel: "perMinute",
    });
  }
  return points;
}
