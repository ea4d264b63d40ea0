/**
 * "Your logs, in your browser": drop web logs, error logs or captures (.gz too) on the page; the
 * analysis worker reads them here with the same code as `wormscope analyze` and the report shows
 * classes, top sources, the hourly chart, the estimate and, on the map, the sources' /16s.
 */
import { useEffect, useRef, useState } from "preact/hooks";
import { CLASS_NAMES } from "../../src/analysis/classes.ts";
import type { AnalyzeSummary } from "../../src/analysis/report/summary.ts";
import type { AnalyzeReply, AnalyzeRequest } from "./analysis-worker.ts";
import { fmt } from "./format.ts";

const CLASS_LABEL: Record<(typeof CLASS_NAMES)[number], string> = {
  crv1v2: "Code Red v1/v2",
  crii: "Code Red II",
  codeRedUnknown: "Code Red, variant unknown",
  idaOther: "other .ida requests",
  nimda: "Nimda",
  other: "everything else",
};

/** Bars per hour of the Code Red classes (stacked), drawn on a canvas; gaps are left empty. */
function drawHourly(canvas: HTMLCanvasElement, report: AnalyzeSummary): void {
  const ctx = canvas.getContext("2d");
  if (!ctx) return;
  const W = canvas.width;
  const H = canvas.height;
  ctx.clearRect(0, 0, W, H);
  const hours = report.hourly;
  if (hours.length === 0) return;
  const first = Date.parse(hours[0].hour);
  const last = Date.parse(hours[hours.length - 1].hour);
  const span = Math.max(1, (last - first) / 3_600_000 + 1);
  let top = 1;
  for (const h of hours) top = Math.max(top, h.crv1v2 + h.crii + h.codeRedUnknown);
  const bw = Math.max(1, (W - 50) / span);
  ctx.font = "11px system-ui, sans-serif";
  ctx.fillStyle = "#9aa3ad";
  ctx.fillText(`${fmt(top)}/h`, 2, 12);
  ctx.fillText(hours[0].hour.slice(0, 13).replace("T", " "), 48, H - 2);
  const end = hours[hours.length - 1].hour.slice(0, 13).replace("T", " ");
  ctx.fillText(end, W - ctx.measureText(end).width - 2, H - 2);
  const colors = ["#D55E00", "#CC79A7", "#E69F00"];
  for (const h of hours) {
    const x = 48 + ((Date.parse(h.hour) - first) / 3_600_000) * bw;
    let y = H - 14;
    [h.crv1v2, h.crii, h.codeRedUnknown].forEach((v, i) => {
      const bh = (v / top) * (H - 30);
      ctx.fillStyle = colors[i];
      ctx.fillRect(x, y - bh, Math.max(1, bw - 1), bh);
      y -= bh;
    });
  }
}

export function LogPanel(props: {
  onSources(blocks: AnalyzeSummary["sourceBlocks16"] | null): void;
}) {
  const [report, setReport] = useState<AnalyzeSummary | null>(null);
  const [progress, setProgress] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [ms, setMs] = useState(0);
  const [over, setOver] = useState(false);
  const worker = useRef<Worker | null>(null);
  const id = useRef(0);
  const chart = useRef<HTMLCanvasElement>(null);

  useEffect(() => () => worker.current?.terminate(), []);
  useEffect(() => {
    if (report && chart.current) drawHourly(chart.current, report);
  }, [report]);

  const analyze = (files: File[]) => {
    if (files.length === 0) return;
    if (!worker.current) {
      worker.current = new Worker(new URL("./analysis-worker.ts", import.meta.url), {
        type: "module",
      });
      worker.current.onmessage = (event: MessageEvent<AnalyzeReply>) => {
        const reply = event.data;
        if (reply.id !== id.current) return;
        if (reply.type === "progress") setProgress(reply.bytes / Math.max(1, reply.total));
        else if (reply.type === "error") {
          setError(reply.message);
          setProgress(null);
        } else {
          setReport(reply.report);
          setMs(reply.ms);
          setProgress(null);
          props.onSources(reply.report.sourceBlocks16);
        }
      };
    }
    id.current++;
    setError(null);
    setReport(null);
    setProgress(0);
    worker.current.postMessage({ type: "analyze", id: id.current, files } satisfies AnalyzeRequest);
  };

  const e = report?.estimate;
  return (
    <section class="logs" aria-label="your logs">
      <h2>Your logs, in your browser</h2>
      <div
        class={over ? "drop over" : "drop"}
        data-testid="drop"
        onDragOver={(ev) => {
          ev.preventDefault();
          setOver(true);
        }}
        onDragLeave={() => setOver(false)}
        onDrop={(ev) => {
          ev.preventDefault();
          setOver(false);
          analyze([...(ev.dataTransfer?.files ?? [])]);
        }}
      >
        <p>
          Drop web logs (Apache, nginx, IIS), error logs or captures (pcap, pcapng), or .gz of them,
          here, or{" "}
          <label class="file">
            choose files
            <input
              data-testid="log-files"
              type="file"
              multiple
              onChange={(ev) => analyze([...(ev.currentTarget.files ?? [])])}
            />
          </label>
          . They are read in this browser by the same code as <code>wormscope analyze</code>:
          nothing is uploaded.
        </p>
        {progress !== null && (
          <p role="status">
            <progress max={1} value={progress} /> reading {Math.round(progress * 100)}%
          </p>
        )}
      </div>
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      {report && (
        <div class="report" data-testid="log-report">
          <p>
            <span data-testid="log-lines">{fmt(report.lines)}</span> lines in {report.files.length}{" "}
            file{report.files.length === 1 ? "" : "s"} ({fmt(report.malformed)} malformed),{" "}
            {report.firstSeen?.slice(0, 19).replace("T", " ") ?? "-"} to{" "}
            {report.lastSeen?.slice(0, 19).replace("T", " ") ?? "-"} UTC, read in{" "}
            {(ms / 1000).toFixed(2)} s. The map's "your log's sources" layer shows their /16s.
          </p>
          <table>
            <thead>
              <tr>
                <th scope="col">class</th>
                <th scope="col">requests</th>
                <th scope="col">sources</th>
              </tr>
            </thead>
            <tbody>
              {CLASS_NAMES.map((c) => (
                <tr>
                  <th scope="row">{CLASS_LABEL[c]}</th>
                  <td data-testid={`requests-${c}`}>{fmt(report.requests[c])}</td>
                  <td data-testid={`sources-${c}`}>{fmt(report.sources[c])}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <h3>Code Red requests per hour</h3>
          <canvas
            ref={chart}
            class="hourly"
            width={900}
            height={140}
            role="img"
            aria-label={`Code Red requests per hour over ${report.hourly.length} hours with requests`}
          />
          {e && (
            <>
              <h3>The outbreak behind these sources</h3>
              <p data-testid="log-estimate">
                Code Red v1/v2: {fmt(e.crv1v2.sources)} sources seen, about{" "}
                <strong>{fmt(e.crv1v2.hosts)}</strong> infected hosts (95%: {fmt(e.crv1v2.hostsLow)}{" "}
                to {fmt(e.crv1v2.hostsHigh)}); Code Red II: {fmt(e.crii.sources)} sources, about{" "}
                <strong>{fmt(e.crii.hosts)}</strong> ({fmt(e.crii.hostsLow)} to{" "}
                {fmt(e.crii.hostsHigh)}). Assumes the calibrated probe-rate model over the log's
                window; see docs/detect.md.
              </p>
              {e.warnings.map((w) => (
                <p class="error">{w}</p>
              ))}
            </>
          )}
          <h3>Top sources</h3>
          <ol class="sources">
            {report.topSources.slice(0, 10).map((s) => (
              <li>
                {s.address}: {s.classes.join(", ")} (
                {fmt(Object.values(s.requests).reduce((a, b) => a + b, 0))} requests)
              </li>
            ))}
          </ol>
        </div>
      )}
    </section>
  );
}
