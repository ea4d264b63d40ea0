/**
 * The population of hosts a simulation runs over: the vulnerable IIS servers of an Internet, as parallel
 * typed arrays sorted by address (so every /16 and /8 is a contiguous index range).
 */
import type { AsTopology } from "./as-model.ts";

/** System locale of a host; Code Red II runs 600 threads on Chinese-locale systems, 300 otherwise. */
export const LOCALE_ENGLISH = 0;
export const LOCALE_CHINESE = 1;
export const LOCALE_OTHER = 2;

/** Operating system and web server of a host. */
export const OS_WIN2000_IIS5 = 0;
/** NT4 with IIS4: Code Red II crashes these hosts instead of infecting them. */
export const OS_NT4_IIS4 = 1;

/** The hosts of a simulated Internet. All arrays have length `size` and are indexed by host. */
export interface Population {
  /** Number of hosts. */
  readonly size: number;
  /** IPv4 addresses as uint32, strictly ascending. */
  readonly addresses: Uint32Array;
  /** Index into `countries` per host. */
  readonly country: Uint8Array;
  /** ISO 3166 alpha-2 codes (or "other"), indexed by `country`. */
  readonly countries: readonly string[];
  /** LOCALE_* per host. */
  readonly locale: Uint8Array;
  /** OS_* per host. */
  readonly os: Uint8Array;
  /** 1 when the host was already patched (immune) at the start of the run, else 0. */
  readonly patched: Uint8Array;
  /**
   * Estimated live addresses (any host that answers: servers, workstations, routers) per /16, length
   * 65536. Used by thread-limited scanning: a probe to a live address returns at once, one to an unused
   * address waits for the SYN timeout.
   */
  readonly liveAddressesPer16: Float64Array;
  /** Where the population came from, for provenance in outputs (e.g. "model:july2001" or a file path). */
  /**
   * A real AS table loaded with the population (scenario `asTopology.asTable`), for filter
   * deployments; absent: the AS model is built when a run needs one.
   */
  readonly asTopology?: AsTopology;
  readonly source: string;
}
