/**
 * The global events of each worm, built once for both engines: its introduction, the phase changes of
 * its calendar inside the run, and its stop date. The engines push them in this order, so ties at the
 * same instant resolve the same way in both.
 */
import { calendarChanges, calendarPhase, type CalendarPhase } from "../worms/calendar.ts";
import type { EngineInput } from "./engine-input.ts";

/** A worm's global event, at seconds from the start of the run. */
export type WormGlobalEvent =
  | { readonly kind: "introduce"; readonly worm: number; readonly atSeconds: number }
  | {
      readonly kind: "phase";
      readonly worm: number;
      readonly atSeconds: number;
      readonly phase: CalendarPhase;
    }
  | { readonly kind: "stop"; readonly worm: number; readonly atSeconds: number };

/** The calendar phase each worm is in when the run starts. */
export function initialPhases(input: EngineInput): CalendarPhase[] {
  return input.worms.map((w) => calendarPhase(w.def.calendar, input.startMs));
}

/** Every worm's global events, worm by worm, each worm's in the order introduce, phases, stop. */
export function wormGlobalEvents(input: EngineInput): WormGlobalEvent[] {
  const events: WormGlobalEvent[] = [];
  const seconds = (ms: number) => (ms - input.startMs) / 1000;
  input.worms.forEach((w, worm) => {
    events.push({ kind: "introduce", worm, atSeconds: Math.max(0, seconds(w.introducedAtMs)) });
    for (const c of calendarChanges(w.def.calendar, input.startMs, input.endMs)) {
      events.push({ kind: "phase", worm, atSeconds: seconds(c.epochMs), phase: c.phase });
    }
    const stop = w.def.stopSpreadingAt;
    if (stop !== null && Date.parse(stop) < input.endMs) {
      events.push({ kind: "stop", worm, atSeconds: Math.max(0, seconds(Date.parse(stop))) });
    }
  });
  return events;
}
