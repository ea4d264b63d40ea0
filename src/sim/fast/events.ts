/** The fast engine's scheduled events: global (host -1) or about one host. */
import type { CalendarPhase } from "../../worms/calendar.ts";

/** Kinds of scheduled event. */
export type EventKind =
  /** A worm's initial infections appear. */
  | "introduce"
  /** A worm's calendar phase changes. */
  | "phase"
  /** A worm stops spreading for good. */
  | "stop"
  /** Defense rates change (a hazard schedule step). */
  | "refresh"
  /** A host's scanning lifetime ends (the worm reboots it). */
  | "lifetime"
  /** A dormant host's threads wake. */
  | "wake"
  /** A static-seed infection attempt on a host. */
  | "attempt"
  /** An address blacklist's deadline for a host (version: its address epoch). */
  | "block";

/** A scheduled event; a host event is valid while the host's version is unchanged. */
export interface HostEvent {
  readonly kind: EventKind;
  readonly worm: number;
  readonly host: number;
  readonly version?: number;
  readonly phase?: CalendarPhase;
  /** For attempts of a static-seed worm: the scanning episode making it. */
  readonly episode?: number;
}
