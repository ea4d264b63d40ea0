/**
 * The running totals of one analysis run over one or more files: per class, per source, per hour.
 * Memory grows with the number of distinct sources and hours, never with the number of lines.
 */
import { CLASS, CLASS_COUNT, PARTIAL_BIT, type Verdict } from "../classes.ts";
import { FileTally } from "./file-tally.ts";
import { SourceTable } from "./source-table.ts";

const SECONDS_PER_HOUR = 3600;

/** Totals over all files of a run. */
export class Tally {
  readonly files: FileTally[] = [];
  readonly requests = new Float64Array(CLASS_COUNT);
  /** Partial Code Red requests: [crv1v2, crii]. */
  readonly partial = new Float64Array(2);
  /** Every source seen, with its per-class counts and first/last times. */
  readonly sources = new SourceTable();
  /** Requests per class for each hour, keyed by hours since the epoch (UTC). */
  readonly hourly = new Map<number, Float64Array>();
  /** TCP SYNs to port 80 per source address (captures and Zeek conn.log scans). */
  readonly syn80BySource = new Map<number, number>();
  /**
   * Per IPv4 source, the earliest time (epoch seconds) it scanned: a Code Red request (any variant)
   * or a TCP SYN to port 80. `wormscope watch` counts these sources minute by minute.
   */
  readonly firstScanSeconds = new Map<number, number>();
  /** The latest scan time seen (epoch seconds), or -Infinity. */
  lastScanSeconds = -Infinity;
  /** Earliest and latest timestamp of any request, epoch seconds. */
  firstSeconds = Infinity;
  lastSeconds = -Infinity;
  private hourKey = NaN;
  private hourRow: Float64Array = new Float64Array(CLASS_COUNT);

  /** Starts a new file and returns its tally. */
  openFile(path: string): FileTally {
    const file = new FileTally(path, this.files.length);
    this.files.push(file);
    return file;
  }

  /** Records one request from `source` at `timeSeconds` (NaN if unknown) with `verdict`. */
  record(file: FileTally, source: number | string, timeSeconds: number, verdict: Verdict): void {
    const cls = verdict & 7;
    file.requests[cls]++;
    this.requests[cls]++;
    const partial = (verdict & PARTIAL_BIT) !== 0 && cls <= CLASS.crii;
    if (partial) {
      file.partial[cls]++;
      this.partial[cls]++;
    }
    this.sources.record(this.sources.slotOf(source), cls, partial, timeSeconds, file.ordinal);
    if (cls <= CLASS.codeRedUnknown && typeof source === "number")
      this.noteScan(source, timeSeconds);
    if (timeSeconds === timeSeconds) {
      if (timeSeconds < this.firstSeconds) this.firstSeconds = timeSeconds;
      if (timeSeconds > this.lastSeconds) this.lastSeconds = timeSeconds;
      if (timeSeconds < file.firstSeconds) file.firstSeconds = timeSeconds;
      if (timeSeconds > file.lastSeconds) file.lastSeconds = timeSeconds;
      const hour = Math.floor(timeSeconds / SECONDS_PER_HOUR);
      if (hour !== this.hourKey) {
        let row = this.hourly.get(hour);
        if (row === undefined) {
          row = new Float64Array(CLASS_COUNT);
          this.hourly.set(hour, row);
        }
        this.hourKey = hour;
        this.hourRow = row;
      }
      this.hourRow[cls]++;
    }
  }

  /** Records a TCP SYN to port 80 from `source` (uint32) at `timeSeconds` (NaN if unknown). */
  recordSyn80(file: FileTally, source: number, timeSeconds = NaN): void {
    file.syn80Packets++;
    this.syn80BySource.set(source, (this.syn80BySource.get(source) ?? 0) + 1);
    this.noteScan(source, timeSeconds);
  }

  /** A scan from `source` at time t (ignored without a time). */
  private noteScan(source: number, t: number): void {
    if (t !== t) return;
    const first = this.firstScanSeconds.get(source);
    if (first === undefined || t < first) this.firstScanSeconds.set(source, t);
    if (t > this.lastScanSeconds) this.lastScanSeconds = t;
  }
}
