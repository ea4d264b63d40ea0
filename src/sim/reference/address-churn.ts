/**
 * Address churn in the reference engine (src/sim/host-traits.ts): each dynamic host moves, in every
 * state and for the whole run, at Poisson rate perHostPerHour / 3600 per second, to
 * {@link newAddressIn16} over the current addresses of all hosts. Moves are "move" events of the
 * engine's queue, one pending per dynamic host (the next one drawn when it fires); a move that finds
 * no free address leaves the host where it is and is not a move.
 */
import type { Rng } from "../../core/rng.ts";
import type { AddressSpace } from "../../scan/address-space.ts";
import { PRIORITY } from "../../plugin/priorities.ts";
import { dynamicHosts, newAddressIn16, type AddressChurn } from "../host-traits.ts";
import type { ReferenceState } from "./reference-state.ts";

export class ReferenceChurn {
  /** The hosts whose addresses are dynamic (ascending). */
  readonly dynamic: Uint32Array;
  private readonly perSecond: number;
  /** Moves made (for tests). */
  moves = 0;

  constructor(
    spec: AddressChurn | undefined,
    hosts: number,
    /** `root.fork("dynamic-hosts")`: which hosts are dynamic (shared with the fast engine). */
    dynamicRng: Rng,
    /** The engine's own stream for move times and new addresses. */
    private readonly rng: Rng,
    private readonly space: AddressSpace,
    /** Address to host index + 1 (0: empty), kept up to date by {@link move}. */
    private readonly hostAt: Int32Array,
  ) {
    this.dynamic = dynamicHosts(hosts, spec, dynamicRng);
    this.perSecond = this.dynamic.length > 0 && spec ? spec.perHostPerHour / 3600 : 0;
  }

  /** Queues every dynamic host's first move. */
  start(state: ReferenceState): void {
    for (const h of this.dynamic) this.schedule(state, h);
  }

  /** Queues host h's next move after the current time. */
  schedule(state: ReferenceState, h: number): void {
    const at = state.t - Math.log1p(-this.rng.next()) / this.perSecond;
    state.queue.push(at, PRIORITY.host, { kind: "move", worm: -1, host: h, version: 0 });
  }

  /**
   * Draws host h's new address and updates the address table; returns it, or -1 when no free address
   * was found (the host stays).
   */
  move(h: number, from: number): number {
    const hostAt = this.hostAt;
    const to = newAddressIn16(
      from,
      this.space,
      (a) => hostAt[a] !== 0,
      () => this.rng.next(),
    );
    if (to < 0) return -1;
    hostAt[from] = 0;
    hostAt[to] = h + 1;
    this.moves++;
    return to;
  }
}
