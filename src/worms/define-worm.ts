/**
 * A worm variant as frozen data plus small pure functions: threads, scanning strategy, rate model,
 * calendar, lifetime and payload effects. Declared with {@link defineWorm}, never subclassed.
 */
import type { ScanStrategy } from "../scan/strategy.ts";

/**
 * A variant's short name ("crv2"), unique among a run's worms' definitions; the built-in ones are
 * listed in src/worms/registry.ts.
 */
export type WormVariant = string;

/**
 * How fast an infected host probes.
 * - `fixed`: `probesPerSecond` per host at the default thread count, scaled by the host's threads.
 * - `thread-limited`: each thread waits for its connection attempt; the rate follows from how much of the
 *   space the strategy hits is live (see {@link ThreadLimitedRate}).
 */
export type RateModel = { readonly kind: "fixed" } | ThreadLimitedRate;

/** Thread-limited probing: a probe costs a round trip to a live address or a SYN timeout otherwise. */
export interface ThreadLimitedRate {
  readonly kind: "thread-limited";
  /** Seconds a thread waits on an address nobody answers (Windows 2000 SYN retransmissions, ~21 s). */
  readonly synTimeoutSeconds: number;
  /** Seconds a thread spends on an address that answers (reset or web server). */
  readonly liveAnswerSeconds: number;
}

/** The monthly Code Red v1/v2 calendar (days of the month, UTC). */
export interface MonthlyCalendar {
  readonly kind: "code-red-monthly";
  /** Last day of the month (inclusive) on which the worm spreads; from day 1. */
  readonly spreadUntilDay: number;
  /** Last day (inclusive) on which it floods the fixed target; from spreadUntilDay + 1. */
  readonly floodUntilDay: number;
  /** Mean delay, hours, before a dormant host's threads wake on day 1 (staggered wake-up). */
  readonly wakeStaggerMeanHours: number;
}

/** No calendar: the worm spreads whenever it runs. */
export interface NoCalendar {
  readonly kind: "none";
}

/** A worm's calendar. */
export type WormCalendar = MonthlyCalendar | NoCalendar;

/** A worm variant's full parameter set. */
export interface WormDefinition {
  readonly variant: WormVariant;
  /** Human-readable name. */
  readonly name: string;
  readonly scan: ScanStrategy;
  /** Threads on a host with a non-Chinese locale. */
  readonly threads: number;
  /** Threads on a host with a Chinese locale. */
  readonly threadsChineseLocale: number;
  /** Probes per second of one infected host running `threads` threads (what observers see). */
  readonly probesPerSecond: number;
  readonly rateModel: RateModel;
  /**
   * Chance that a probe reaching a susceptible host infects it (timeouts, congestion and failed
   * connections make it less than 1).
   */
  readonly infectionSuccess: number;
  /** Calendar: the Code Red monthly cycle, or none (spreads whenever infected). */
  readonly calendar: WormCalendar;
  /** ISO instant after which no instance spreads, or null. */
  readonly stopSpreadingAt: string | null;
  /** Hours a host scans after infection before the worm reboots it (null: until cured). */
  readonly scanLifetimeHours: number | null;
  /** The same for Chinese-locale hosts. */
  readonly scanLifetimeHoursChineseLocale: number | null;
  /** "memory": a reboot cures the host; "backdoor": the host stays compromised after a reboot. */
  readonly persistence: "memory" | "backdoor";
  /**
   * Variants whose infections this worm takes over: a host running one of these (memory-resident) is
   * still vulnerable, and this worm infects it too, replacing it in our one-variant-per-host model.
   */
  readonly infectsOver: readonly WormVariant[];
  /** OS codes (OS_* in src/net/population.ts) the worm crashes instead of infecting. */
  readonly crashesOs: readonly number[];
  /** Flood target (dotted quad) during the calendar's flood days, or null. */
  readonly floodTarget: string | null;
  /** Flood packets per second per flooding host. */
  readonly floodPacketsPerSecond: number;
}

/** Validates and freezes a worm definition. */
export function defineWorm(def: WormDefinition): Readonly<WormDefinition> {
  const problems: string[] = [];
  if (!(def.probesPerSecond > 0)) problems.push("probesPerSecond must be > 0");
  if (!(def.infectionSuccess >= 0 && def.infectionSuccess <= 1)) {
    problems.push("infectionSuccess must be in [0, 1]");
  }
  if (!(def.threads >= 1) || !(def.threadsChineseLocale >= 1))
    problems.push("threads must be >= 1");
  if (def.rateModel.kind === "thread-limited") {
    if (!(def.rateModel.synTimeoutSeconds > 0)) problems.push("synTimeoutSeconds must be > 0");
    if (!(def.rateModel.liveAnswerSeconds > 0)) problems.push("liveAnswerSeconds must be > 0");
  }
  if (def.scanLifetimeHours !== null && !(def.scanLifetimeHours > 0)) {
    problems.push("scanLifetimeHours must be > 0 or null");
  }
  if (problems.length > 0) throw new RangeError(`worm ${def.variant}: ${problems.join("; ")}`);
  return Object.freeze({
    ...def,
    crashesOs: Object.freeze([...def.crashesOs]),
    infectsOver: Object.freeze([...def.infectsOver]),
  });
}
