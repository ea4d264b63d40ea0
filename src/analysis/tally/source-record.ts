/**
 * What the detector remembers about one source address.
 */
import { CLASS_COUNT } from "../classes.ts";

/** One source: an IPv4 address (uint32) or, for anything else in the host field, its text. */
export interface SourceRecord {
  /** The address as uint32 (IPv4) or as text (IPv6, host names). */
  readonly key: number | string;
  /** Requests per class, indexed by `CLASS`. */
  readonly requests: Uint32Array;
  /** Code Red requests that were partial rather than exact. */
  partialRequests: number;
  /** First and last time seen, epoch seconds (NaN if the log gave no time). */
  firstSeconds: number;
  lastSeconds: number;
}

/** A new, empty source record. */
export function newSourceRecord(key: number | string): SourceRecord {
  return {
    key,
    requests: new Uint32Array(CLASS_COUNT),
    partialRequests: 0,
    firstSeconds: NaN,
    lastSeconds: NaN,
  };
}
