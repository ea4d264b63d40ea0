/**
 * Priorities of scheduled events at the same instant, for both engines: lower fires first, then
 * insertion order (see src/core/event-queue.ts). One table, so no engine writes a bare number.
 */
export const PRIORITY = {
  /** Worm calendar, introductions, stop dates, hazard schedule changes: before anything else. */
  global: 0,
  /** Per-host deadlines: scanning lifetimes, wake-ups, a host's patch or reboot time. */
  host: 1,
  /** Static-seed infection attempts: after the state changes of the same instant. */
  attempt: 2,
} as const;
