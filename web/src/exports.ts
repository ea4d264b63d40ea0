/**
 * Exports of the page: the map as PNG, the per-minute series as CSV, the scenario as JSON. Files are
 * made in the page and saved through a download link; nothing is sent anywhere.
 */
import type { RunResult } from "./messages.ts";

/** Saves `blob` as `name` through a temporary link. */
export function download(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement("a");
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Saves a canvas as a PNG file. */
export function downloadCanvas(canvas: HTMLCanvasElement | null, name: string): void {
  canvas?.toBlob((b) => {
    if (b) download(b, name);
  }, "image/png");
}

/** Saves text as a file of MIME type `type`. */
export function downloadText(text: string, type: string, name: string): void {
  download(new Blob([text], { type }), name);
}

/** The per-minute series of a run, with its provenance in a comment line first. */
export function seriesCsv(run: RunResult): string {
  const s = run.summary;
  const lines = [
    `# wormscope ${s.version} seed ${s.seed} scenario ${s.scenarioHash} preset ${s.preset ?? "none"}`,
    "minute,time,infected,infectedEver,newInfections,probes",
  ];
  for (let m = 0; m < run.minutes; m++) {
    const time = new Date(run.startMs + (m + 1) * 60_000).toISOString().replace(".000Z", "Z");
    lines.push(
      `${m},${time},${run.infectedNow[m]},${run.everInfected[m]},${run.newPerMinute[m]},${run.probesPerMinute[m]}`,
    );
  }
  return lines.join("\n") + "\n";
}

/** The per-minute series of a run as JSON, with its provenance. */
export function seriesJson(run: RunResult): string {
  const s = run.summary;
  return (
    JSON.stringify({
      version: s.version,
      seed: s.seed,
      scenarioHash: s.scenarioHash,
      preset: s.preset,
      start: new Date(run.startMs).toISOString().replace(".000Z", "Z"),
      minutes: run.minutes,
      infected: Array.from(run.infectedNow),
      infectedEver: Array.from(run.everInfected),
      newInfections: Array.from(run.newPerMinute),
      probes: Array.from(run.probesPerMinute),
    }) + "\n"
  );
}
