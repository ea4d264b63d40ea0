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
