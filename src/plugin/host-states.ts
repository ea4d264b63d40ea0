/**
 * Host states, shared by both engines and the reports: a host is in exactly one at any time.
 */

/** Can be infected by a worm that reaches it. */
export const SUSCEPTIBLE = 0;
/** Running a worm (scanning, flooding or dormant, as the worm's calendar says). */
export const INFECTED = 1;
/** Immune: patched (an infected host is rebooted clean when patched). */
export const PATCHED = 2;
/** Compromised by a backdoor worm after its reboot: not scanning, not susceptible. */
export const BACKDOORED = 3;

/** A host state. */
export type HostState = typeof SUSCEPTIBLE | typeof INFECTED | typeof PATCHED | typeof BACKDOORED;

/** State names, indexed by state (for reports and snapshots). */
export const HOST_STATE_NAMES = ["susceptible", "infected", "patched", "backdoored"] as const;
