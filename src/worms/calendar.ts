/**
 * The Code Red v1/v2 monthly calendar: spread on days 1-19, flood on 20-27, dormant from 28 to the end
 * of the month (UTC).
 * @see ../../docs/sources.md section 2 (M; some write-ups say 20-28)
 */
import type { MonthlyCalendar, WormCalendar } from "./define-worm.ts";

/** What a Code Red instance does on a given day. */
export type CalendarPhase = "spread" | "flood" | "dormant";

/** The phase at an instant (epoch milliseconds, UTC); a worm without a calendar always spreads. */
export function calendarPhase(calendar: WormCalendar, epochMs: number): CalendarPhase {
  if (calendar.kind === "none") return "spread";
  return monthlyPhase(calendar, epochMs);
}

function monthlyPhase(calendar: MonthlyCalendar, epochMs: number): CalendarPhase {
  const day = new Date(epochMs).getUTCDate();
  if (day <= calendar.spreadUntilDay) return "spread";
  if (day <= calendar.floodUntilDay) return "flood";
  return "dormant";
}

/** A phase change: from `epochMs` on, the phase is `phase`. */
export interface PhaseChange {
  readonly epochMs: number;
  readonly phase: CalendarPhase;
}

/** Every phase change strictly after `fromMs` and strictly before `untilMs`, in time order. */
export function calendarChanges(
  calendar: WormCalendar,
  fromMs: number,
  untilMs: number,
): PhaseChange[] {
  const changes: PhaseChange[] = [];
  if (calendar.kind === "none") return changes;
  const d = new Date(fromMs);
  let dayStart = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate());
  let previous = calendarPhase(calendar, fromMs);
  for (;;) {
    dayStart += 86_400_000;
    if (dayStart >= untilMs) break;
    const phase = calendarPhase(calendar, dayStart);
    if (phase !== previous) changes.push({ epochMs: dayStart, phase });
    previous = phase;
  }
  return changes;
}

/**
 * Mean delay, seconds, before a host whose worm wakes from dormancy starts scanning (the staggered
 * wake-up of day 1), or null when the calendar has no dormancy to wake from.
 */
export function wakeStaggerSeconds(calendar: WormCalendar): number | null {
  return calendar.kind === "none" ? null : calendar.wakeStaggerMeanHours * 3600;
}
