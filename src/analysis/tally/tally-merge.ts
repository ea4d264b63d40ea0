/**
 * A {@link Tally} as plain data (structured-cloneable: it can be posted to or from a worker thread),
 * and the merge of such snapshots into one tally. Merging the per-file tallies of files 1..n, in
 * that order, gives exactly the tally of reading files 1..n in order into one tally: the same
 * counts, the same source slots (a source's slot is its first appearance), the same hour, SYN and
 * first-scan maps in the same insertion order. Counts are integers held in doubles, so the sums are exact.
 */
import { FileTally } from "./file-tally.ts";
import type { SourceTableSnapshot } from "./source-table.ts";
import { Tally } from "./tally.ts";

/** A tally as plain data; see {@link snapshotTally}. */
export interface TallySnapshot {
  /** Each file's own fields (a FileTally without its prototype). */
  readonly files: ReadonlyArray<Record<string, unknown> & { path: string }>;
  readonly requests: Float64Array;
  readonly partial: Float64Array;
  readonly sources: SourceTableSnapshot;
  /** [hour, requests per class] in insertion order. */
  readonly hourly: ReadonlyArray<readonly [number, Float64Array]>;
  /** [source, SYN count] in insertion order. */
  readonly syn80BySource: ReadonlyArray<readonly [number, number]>;
  /** [source, first scan time] in insertion order, and the last scan time. */
  readonly firstScanSeconds: ReadonlyArray<readonly [number, number]>;
  readonly lastScanSeconds: number;
  readonly firstSeconds: number;
  readonly lastSeconds: number;
}

/** The plain-data form of `tally` (copies; the tally is not changed). */
export function snapshotTally(tally: Tally): TallySnapshot {
  return {
    files: tally.files.map((f) => ({ ...f })),
    requests: tally.requests.slice(),
    partial: tally.partial.slice(),
    sources: tally.sources.snapshot(),
    hourly: [...tally.hourly].map(([hour, row]) => [hour, row.slice()] as const),
    syn80BySource: [...tally.syn80BySource],
    firstScanSeconds: [...tally.firstScanSeconds],
    lastScanSeconds: tally.lastScanSeconds,
    firstSeconds: tally.firstSeconds,
    lastSeconds: tally.lastSeconds,
  };
}

/** Adds snapshot `from` (its files after those already in `into`) to `into`. */
export function mergeTally(into: Tally, from: TallySnapshot): void {
  for (const plain of from.files) {
    const ordinal = into.files.length;
    into.files.push(Object.assign(new FileTally(plain.path, ordinal), { ...plain, ordinal }));
  }
  for (let c = 0; c < into.requests.length; c++) into.requests[c] += from.requests[c];
  for (let c = 0; c < into.partial.length; c++) into.partial[c] += from.partial[c];
  into.sources.addSnapshot(from.sources);
  for (const [hour, row] of from.hourly) {
    const mine = into.hourly.get(hour);
    if (mine === undefined) into.hourly.set(hour, row.slice());
    else for (let c = 0; c < row.length; c++) mine[c] += row[c];
  }
  for (const [source, n] of from.syn80BySource) {
    into.syn80BySource.set(source, (into.syn80BySource.get(source) ?? 0) + n);
  }
  for (const [source, t] of from.firstScanSeconds) {
    const first = into.firstScanSeconds.get(source);
    if (first === undefined || t < first) into.firstScanSeconds.set(source, t);
  }
  if (from.lastScanSeconds > into.lastScanSeconds) into.lastScanSeconds = from.lastScanSeconds;
  if (from.firstSeconds < into.firstSeconds) into.firstSeconds = from.firstSeconds;
  if (from.lastSeconds > into.lastSeconds) into.lastSeconds = from.lastSeconds;
}

/** One tally of snapshots merged in the order given. */
export function mergeTallies(snapshots: readonly TallySnapshot[]): Tally {
  const tally = new Tally();
  for (const s of snapshots) mergeTally(tally, s);
  return tally;
}
