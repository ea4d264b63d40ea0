/**
 * Per-file counts: how many lines, what format, what was malformed (with a few samples).
 */
import { CLASS_COUNT } from "../classes.ts";
import { latin1 } from "../bytes.ts";

/** Formats a file or line can have, in a fixed order (index = format id). */
export const FORMAT_NAMES = [
  "common",
  "combined",
  "w3c",
  "apache-error",
  "pcap",
  "pcapng",
  "zeek-http",
  "zeek-http-json",
  "zeek-conn",
  "zeek-conn-json",
  "suricata-eve",
  "netfilter",
] as const;

/** Format ids, indexes into {@link FORMAT_NAMES}. */
export const FORMAT = {
  common: 0,
  combined: 1,
  w3c: 2,
  apacheError: 3,
  pcap: 4,
  pcapng: 5,
  zeekHttp: 6,
  zeekHttpJson: 7,
  zeekConn: 8,
  zeekConnJson: 9,
  suricataEve: 10,
  netfilter: 11,
} as const;

/** How many malformed lines are kept as samples per file. */
export const MALFORMED_SAMPLES_PER_FILE = 10;

/** Characters of a line kept in a sample. */
export const MALFORMED_SAMPLE_CHARS = 160;

/** How many example lines are kept per non-`other` class per file. */
export const CLASS_SAMPLES_PER_FILE = 3;

/** Characters of an example line kept per class sample (a Code Red line is about 450). */
export const CLASS_SAMPLE_CHARS = 600;

/** One example line of a class. */
export interface LineSample {
  /** 1-based line number. */
  line: number;
  /** The line, non-printable bytes shown as `\xHH`. Untrusted text. */
  text: string;
}

/** One malformed line, kept as an example. */
export interface MalformedSample {
  /** 1-based line number (for pcap: record number). */
  line: number;
  reason: string;
  /** The start of the line, non-printable bytes shown as `\xHH`. Untrusted text. */
  text: string;
}

/** Counts for one input file. */
export class FileTally {
  /** Detected format of the file (the most frequent per-line format for text). */
  format = "empty";
  /** Lines read (for pcap: packets). */
  lines = 0;
  /** Blank lines (not counted as malformed). */
  blankLines = 0;
  malformed = 0;
  readonly malformedSamples: MalformedSample[] = [];
  /** Up to {@link CLASS_SAMPLES_PER_FILE} example lines per class index (never for `other`). */
  readonly classSamples: LineSample[][] = Array.from({ length: CLASS_COUNT }, () => []);
  readonly requests = new Float64Array(CLASS_COUNT);
  /** Partial Code Red requests: [crv1v2, crii]. */
  readonly partial = new Float64Array(2);
  /** Lines per detected format, indexed by {@link FORMAT}. */
  readonly formatLines = new Float64Array(FORMAT_NAMES.length);
  /** Set when reading stopped early (a truncated gzip, a read error): the message. */
  error: string | undefined = undefined;
  /** Earliest and latest request time in this file, epoch seconds. */
  firstSeconds = Infinity;
  lastSeconds = -Infinity;
  /**
   * Captures and firewall logs: TCP SYNs to port 80 without ACK; Zeek conn.log: SYN-only scans of
   * port 80 (one per record).
   */
  syn80Packets = 0;
  /** Firewall logs: set when a record had a syslog time without a year (counted, not timed). */
  untimedSyslog = false;
  /** pcap only: packets skipped because their link type is not one wormscope decodes, per type. */
  readonly unknownLinkTypes = new Map<number, number>();
  /** Captures only: what the TCP reassembly bounds cost (see pcap/tcp-http.ts). */
  reassembly: { flowsEvicted: number; gapsSkipped: number; peakBufferedBytes: number } | null =
    null;

  /**
   * @param path the file's name as given
   * @param ordinal the file's place in its tally, in the order opened (per-file hour counts key on it)
   */
  constructor(
    readonly path: string,
    readonly ordinal = 0,
  ) {}

  /** Counts one line of format id `format` (see {@link FORMAT}). */
  countFormat(format: number): void {
    this.formatLines[format]++;
  }

  /** Records a malformed line `b[start..end)` with its 1-based number and a reason. */
  addMalformed(line: number, reason: string, b: Uint8Array, start: number, end: number): void {
    this.malformed++;
    if (this.malformedSamples.length < MALFORMED_SAMPLES_PER_FILE) {
      this.malformedSamples.push({ line, reason, text: printable(b, start, end) });
    }
  }

  /** Keeps line `b[start..end)` as an example of class `cls` if there is room. */
  addClassSample(cls: number, line: number, b: Uint8Array, start: number, end: number): void {
    const samples = this.classSamples[cls];
    if (samples.length < CLASS_SAMPLES_PER_FILE) {
      samples.push({ line, text: printable(b, start, end, CLASS_SAMPLE_CHARS) });
    }
  }

  /** Sets `format` from the line formats seen (the most frequent; ties keep the first seen). */
  settleFormat(fallback: string): void {
    let best = "";
    let bestLines = 0;
    for (let f = 0; f < FORMAT_NAMES.length; f++) {
      if (this.formatLines[f] > bestLines) {
        best = FORMAT_NAMES[f];
        bestLines = this.formatLines[f];
      }
    }
    this.format = best || fallback;
  }
}

/** The start of `b[start..end)` as text with non-printable bytes escaped as `\xHH`. */
export function printable(
  b: Uint8Array,
  start: number,
  end: number,
  maxChars = MALFORMED_SAMPLE_CHARS,
): string {
  const raw = latin1(b, start, end, maxChars);
  let out = "";
  for (let i = 0; i < raw.length; i++) {
    const c = raw.charCodeAt(i);
    out += c < 32 || c >= 127 || c === 92 ? `\\x${c.toString(16).padStart(2, "0")}` : raw[i];
  }
  return end - start > maxChars ? `${out}...` : out;
}
