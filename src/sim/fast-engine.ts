/**
 * The fast engine: exact in distribution for Poisson scanning, with cost proportional to state changes
 * and observed events, not to probes.
 *
 * Every infected scanning host probes as a Poisson process. Superposed, the infections of susceptible
 * hosts form a Poisson process whose rate is known in closed form from aggregates (total scanning rate
 * times susceptible count for uniform scanning; per-block products for local preference). The engine
 * draws the time of the next state change (infection, patch, reboot) from the total rate, chooses which
 * one in proportion to its rate, then the block and the host. Rates only change at events or at
 * scheduled instants (calendar days, minute ticks, host deadlines), where the draw is simply renewed:
 * exponential waiting times are memoryless, so this is exact.
 * @see ../../docs/simulate.md
 */
import { createEventQueue } from "../core/event-queue.ts";
import { createRng } from "../core/rng.ts";
import { createSamplers } from "../core/samplers.ts";
import { calendarChanges } from "../worms/calendar.ts";
import type { EngineInput } from "./engine-input.ts";
import { EngineState, type HostEvent } from "./engine-state.ts";
import { type EngineResult, collectResult } from "./engine-result.ts";

import type { RunOptions } from "./run-options.ts";

export type { RunOptions };

const PRIORITY_GLOBAL = 0;
const PRIORITY_HOST = 1;

/** Runs the fast engine on a resolved input. */
export function runFastEngine(input: EngineInput, options: RunOptions = {}): EngineResult {
  const root = createRng(input.seed);
  const events = createSamplers(root.fork("events"));
  const queue = createEventQueue<HostEvent>();
  const state = new EngineState(input, root, queue);
  const durationSeconds = (input.endMs - input.startMs) / 1000;

  for (const worm of state.worms) {
    const at = (worm.spec.introducedAtMs - input.startMs) / 1000;
    queue.push(Math.max(0, at), PRIORITY_GLOBAL, { kind: "introduce", worm: worm.index, host: -1 });
    const cal = worm.def.calendar;
    if (cal.kind === "code-red-monthly") {
      for (const c of calendarChanges(cal, input.startMs, input.endMs)) {
        const payload = { kind: "phase", worm: worm.index, host: -1, phase: c.phase } as const;
        queue.push((c.epochMs - input.startMs) / 1000, PRIORITY_GLOBAL, payload);
      }
    }
    if (worm.def.stopSpreadingAt !== null) {
      const stopMs = Date.parse(worm.def.stopSpreadingAt);
      if (stopMs < input.endMs) {
        const at2 = Math.max(0, (stopMs - input.startMs) / 1000);
        queue.push(at2, PRIORITY_GLOBAL, { kind: "stop", worm: worm.index, host: -1 });
      }
    }
  }
  for (const steps of [input.patch, input.reboot]) {
    for (const s of steps) {
      const at = (s.fromMs - input.startMs) / 1000;
      if (at > 0 && at < durationSeconds) {
        queue.push(at, PRIORITY_GLOBAL, { kind: "schedule", worm: -1, host: -1 });
      }
    }
  }

  const rates = new Float64Array(state.worms.length * 3 + 2);
  let iterations = 0;
  while (state.t < durationSeconds) {
    const nextMinute = (state.minute + 1) * 60;
    const top = queue.peek();
    const scheduled = Math.min(top ? top.timeSeconds : Infinity, nextMinute, durationSeconds);
    const total = state.eventRates(rates);
    const dt = events.exponential(total);
    if (state.t + dt >= scheduled) {
      state.advanceTo(scheduled);
      if (top && top.timeSeconds <= scheduled) {
        queue.pop();
        state.handle(top.payload, queue);
      } else if (scheduled === nextMinute) {
        state.tickMinute();
      }
    } else {
      state.advanceTo(state.t + dt);
      state.fireRandomEvent(rates, total * events.uniform(), events, queue);
    }
    if ((++iterations & 0xffff) === 0 && options.onProgress) {
      options.onProgress(state.t / durationSeconds);
    }
  }
  state.finish();
  options.onProgress?.(1);
  return collectResult(state, input);
}

export type { EngineResult } from "./engine-result.ts";
export { PRIORITY_HOST };
