/** A progress bar on stderr when it is a terminal; silent otherwise (CI, pipes). */
import cliProgress from "cli-progress";

/** A progress reporter: update(fraction 0..1), stop(). */
export interface Progress {
  readonly update: (fraction: number) => void;
  readonly stop: () => void;
}

/** Creates a progress bar labelled `label`. */
export function createProgress(label: string): Progress {
  if (!process.stderr.isTTY || process.env.CI) return { update() {}, stop() {} };
  const bar = new cliProgress.SingleBar(
    { format: `${label} [{bar}] {percentage}%`, stream: process.stderr, hideCursor: true },
    cliProgress.Presets.shades_classic,
  );
  bar.start(100, 0);
  return {
    update: (f) => bar.update(Math.round(f * 100)),
    stop: () => bar.stop(),
  };
}

/** What one input's progress line shows. */
export interface BytesProgress {
  /** The input's name (printed as given: make it printable first). */
  readonly name: string;
  readonly bytesRead: number;
  /** The input's size, or 0 when unknown (standard input, a pipe). */
  readonly totalBytes: number;
  /** Seconds since the input started. */
  readonly seconds: number;
}

const mb = (bytes: number): string => (bytes / 1e6).toFixed(1);

/** `m:ss` of a duration in seconds, rounded up. */
function minutesSeconds(seconds: number): string {
  const s = Math.ceil(seconds);
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, "0")}`;
}

/**
 * One input's progress as text: `access_log  52.4/172.4 MB  30%  210 MB/s  ETA 0:01`; without a
 * known size, `(stdin)  52.4 MB  210 MB/s`. Before any time has passed the rate and ETA are `--`.
 */
export function formatBytesProgress(p: BytesProgress): string {
  const rate = p.seconds > 0 ? p.bytesRead / p.seconds : NaN;
  const rateText = rate > 0 ? `${(rate / 1e6).toFixed(0)} MB/s` : "-- MB/s";
  if (!(p.totalBytes > 0)) return `${p.name}  ${mb(p.bytesRead)} MB  ${rateText}`;
  const done = Math.min(p.bytesRead, p.totalBytes);
  const percent = Math.floor((100 * done) / p.totalBytes);
  const eta = rate > 0 ? minutesSeconds((p.totalBytes - done) / rate) : "--";
  return `${p.name}  ${mb(done)}/${mb(p.totalBytes)} MB  ${percent}%  ${rateText}  ETA ${eta}`;
}

/** Progress of several inputs at once: update(index, bytesRead, done), stop(). */
export interface FilesProgress {
  readonly update: (index: number, bytesRead: number, done: boolean) => void;
  readonly stop: () => void;
}

/** Seconds after which a running analysis starts showing its progress. */
export const PROGRESS_AFTER_SECONDS = 1;

/**
 * One bar per input being read, on stderr when it is a terminal (silent otherwise, and under CI),
 * each with {@link formatBytesProgress}; nothing is drawn before {@link PROGRESS_AFTER_SECONDS}, so
 * short runs print nothing. A finished input's bar is removed; `stop` clears them all.
 */
export function createFilesProgress(
  names: readonly string[],
  totals: readonly number[],
): FilesProgress {
  if (!process.stderr.isTTY || process.env.CI) return { update() {}, stop() {} };
  const t0 = performance.now();
  const started = new Map<number, number>();
  const bars = new Map<number, cliProgress.SingleBar>();
  let multi: cliProgress.MultiBar | undefined;
  return {
    update(index, bytesRead, done) {
      const now = performance.now();
      if (!started.has(index)) started.set(index, now);
      const bar = bars.get(index);
      if (done) {
        if (bar !== undefined) multi?.remove(bar);
        bars.delete(index);
        return;
      }
      if (now - t0 < PROGRESS_AFTER_SECONDS * 1000) return;
      multi ??= new cliProgress.MultiBar(
        {
          format: "[{bar}] {text}",
          stream: process.stderr,
          hideCursor: true,
          clearOnComplete: true,
          barsize: 20,
        },
        cliProgress.Presets.shades_classic,
      );
      const text = formatBytesProgress({
        name: names[index],
        bytesRead,
        totalBytes: totals[index],
        seconds: (now - (started.get(index) ?? now)) / 1000,
      });
      const total = Math.max(1, totals[index]);
      if (bar === undefined)
        bars.set(index, multi.create(total, Math.min(bytesRead, total), { text }));
      else bar.update(Math.min(bytesRead, total), { text });
    },
    stop: () => multi?.stop(),
  };
}
