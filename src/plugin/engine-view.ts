/**
 * What plugins (observers, defenses, processes) see of a running engine: read-only views of the
 * worms and the hosts, and the few transitions a defense may ask for. The fast engine implements
 * them; plugins never import an engine.
 */
import type { Population } from "../net/population.ts";
import type { AddressSpace } from "../scan/address-space.ts";
import type { WormDefinition } from "../worms/define-worm.ts";

/** Probe integrals of one worm's scanning hosts per source block. */
export interface SourceIntegrals {
  /** Probes sent from /16 block `c` up to time t (seconds). */
  sentFrom16(c: number, t: number): number;
  /** Probes sent from /8 block `b` up to time t (seconds). */
  sentFrom8(b: number, t: number): number;
}

/** One worm of a run, as plugins see it. */
export interface WormView {
  readonly index: number;
  readonly def: WormDefinition;
  /** 1 / (1 - rejection probability) of its strategy: regenerated draws are never sent. */
  readonly acceptScale: number;
  /** Chance that a raw draw hits the source's own address and is drawn again (0: not skipped). */
  readonly ownAddressShare: number;
  /** Shares of a raw draw that keep 0, 8 or 16 leading bits of the source. */
  readonly uniformShare: number;
  readonly same8Share: number;
  readonly same16Share: number;
  /** Summed probe rate of its scanning hosts (probes per second). */
  readonly totalRate: number;
  /** Hosts flooding its fixed target now. */
  readonly floodingHosts: number;
  /** Per-block probe integrals (kept only when some part of the run needs them). */
  readonly sources: SourceIntegrals;
  /**
   * Static-seed worms: distinct hosts whose scan reached the point `reachSeconds` after its start by
   * time t while still scanning; null for other worms.
   */
  readonly sequenceReach: ((reachSeconds: number, t: number) => number) | null;
}

/** Sets of hosts a process may draw from, with O(1) size and uniform access. */
export interface HostSetView {
  readonly size: number;
  /** The member at dense position k (0 <= k < size). */
  at(k: number): number;
}

/** The engine as plugins see it. */
export interface EngineView {
  readonly population: Population;
  readonly space: AddressSpace;
  /** Length of the run in seconds. */
  readonly durationSeconds: number;
  /** Minutes of the run (the last may be partial). */
  readonly minutes: number;
  readonly worms: readonly WormView[];
  /** Seconds since the start of the run. */
  readonly t: number;
  /** Hosts not patched (susceptible, infected or backdoored). */
  readonly unpatched: HostSetView;
  /** Hosts infected now. */
  readonly infected: HostSetView;
  /** Probes worm w sent in minute m (the series so far). */
  probesInMinute(worm: number, minute: number): number;
}

/** The transitions a defense may ask of the engine. */
export interface EngineControl extends EngineView {
  /** Patches host h: immune from now on (an infected host is rebooted clean). */
  patch(h: number): void;
  /** Reboots infected host h: a memory-resident worm is cured, a backdoor stays. */
  reboot(h: number): void;
}
