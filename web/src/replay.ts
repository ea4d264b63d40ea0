/**
 * A finished run, scrubbable: the hosts' states at any frame, reached from the current one by
 * applying the change log forward or backward (cost follows the changes crossed, not the hosts).
 */
import type { RunResult } from "./messages.ts";

export class Replay {
  readonly state: Uint8Array;
  frame = 0;

  constructor(readonly run: RunResult) {
    this.state = run.initialState.slice();
  }

  get frames(): number {
    return this.run.frameSeconds.length;
  }

  /** Moves the hosts' states to frame f (clamped). */
  seek(f: number): void {
    const target = Math.max(0, Math.min(this.frames - 1, Math.round(f)));
    const { changeStart, changeHost, changeFrom, changeTo } = this.run;
    const state = this.state;
    while (this.frame < target) {
      this.frame++;
      for (let i = changeStart[this.frame]; i < changeStart[this.frame + 1]; i++) {
        state[changeHost[i]] = changeTo[i];
      }
    }
    while (this.frame > target) {
      for (let i = changeStart[this.frame + 1] - 1; i >= changeStart[this.frame]; i--) {
        state[changeHost[i]] = changeFrom[i];
      }
      this.frame--;
    }
  }

  /** The minute of the run (0-based) that frame f ends in. */
  minuteOf(f: number): number {
    const s = this.run.frameSeconds[Math.max(0, Math.min(this.frames - 1, f))];
    return Math.max(0, Math.min(this.run.minutes - 1, Math.ceil(s / 60) - 1));
  }

  /** ISO time of frame f. */
  timeOf(f: number): string {
    const ms = this.run.startMs + this.run.frameSeconds[f] * 1000;
    return new Date(ms).toISOString().replace(".000Z", "Z");
  }
}
