/**
 * The `sequence` observer: a host at a given position of a static-seed worm's shared sequence (as
 * eEye's client was). Every scanner walks the same list, so it counts the distinct infected hosts
 * whose scan reached that position while still scanning; read from the worm's scanning episodes at
 * the end of the run.
 * @see ../../docs/observe.md (sequence observers)
 */
import type { ObserverPlugin } from "../plugin/observer.ts";

/** A sequence observer's record. */
export interface SequenceResult {
  readonly name: string;
  /** Probes from the start of the sequence to the observer's position. */
  readonly position: number;
  /** Per worm index: distinct hosts that reached the position by the end (null: not static-seed). */
  readonly reachedByWorm: readonly (number | null)[];
  /** Per hour of the run: distinct hosts (all static-seed worms) that had reached it by its end. */
  readonly reachedByHour: readonly number[];
}

/** The `sequence` observer. */
export const observerSequence: ObserverPlugin<SequenceResult> = {
  type: "sequence",
  description: "a position in a static-seed worm's shared sequence: hosts whose scan reached it",
  create(spec, { engine }) {
    const position = spec.position;
    if (position === undefined) {
      throw new RangeError(`observer ${spec.name}: a sequence position is required`);
    }
    return {
      result() {
        const endSeconds = engine.durationSeconds;
        const reach = engine.worms.map((w) => {
          const r = w.sequenceReach;
          const seconds = position / w.def.probesPerSecond;
          return r ? (t: number) => r(seconds, t) : null;
        });
        const reachedByWorm = reach.map((r) => (r ? r(endSeconds) : null));
        const reachedByHour: number[] = [];
        for (let h = 1; (h - 1) * 3600 < endSeconds; h++) {
          const t = Math.min(h * 3600, endSeconds);
          let n = 0;
          for (const r of reach) if (r) n += r(t);
          reachedByHour.push(n);
        }
        return { name: spec.name, position, reachedByWorm, reachedByHour };
      },
    };
  },
};
