/**
 * A finished run, scrubbable: the hosts' states at any frame, reached from the current one by
 * applying the change log forward or backward (cost follows the changes crossed, not the hosts).
 */
import { seekChangeLog } from "./change-log.ts";
import type { RunResult } from "./messages.ts";

export class Replay {
  readonly state: Uint8Array;
  /** Per host, the defended layer's flags (empty when the run has no such defense). */
  readonly flags: Uint8Array;
  frame = 0;

  constructor(readonly run: RunResult) {
    this.state = run.states.initial.slice();
    this.flags = run.defended?.flags.initial.slice() ?? new Uint8Array(0);
  }

  get frames(): number {
    return this.run.frameSeconds.length;
  }

  /** Moves the hosts' states to frame f (clamped). */
  seek(f: number): void {
    const target = Math.max(0, Math.min(this.frames - 1, Math.round(f)));
    seekChangeLog(this.run.states, this.state, this.frame, target);
    const defended = this.run.defended;
    if (defended) seekChangeLog(defended.flags, this.flags, this.frame, target);
    this.frame = target;
  }

  /** The per-/16 filtered shares at the current frame, or null when no filter shields any. */
  get inbound16(): Float32Array | null {
    const d = this.run.defended;
    const k = d ? d.frameInbound[this.frame] : -1;
    return k >= 0 ? d!.inbound16[k] : null;
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
