/**
 * The analysis report as plain JSON-ready data (`"schema": 1`), documented in docs/detect.md.
 */
import { CLASS, CLASS_COUNT, CLASS_NAMES, type ClassName } from "../classes.ts";
import { formatIpv4 } from "../bytes.ts";
import {
  estimateOutbreak,
  type EstimateOptions,
  type OutbreakEstimate,
} from "../estimate/estimate-from-tally.ts";
import {
  emptyLocalityCounts,
  localityOf,
  type Locality,
  type LocalityCounts,
} from "../estimate/locality.ts";
import type { LineSample, MalformedSample } from "../tally/file-tally.ts";
import type { Tally } from "../tally/tally.ts";

/** How many sources `topSources` lists. */
export const TOP_SOURCES = 20;

/** Counts per class. */
export type ClassCounts = Record<ClassName, number>;

/** One file's part of the report. */
export interface FileSummary {
  path: string;
  format: string;
  lines: number;
  blankLines: number;
  malformed: number;
  malformedSamples: MalformedSample[];
  /** Up to 3 example lines per class other than `other` (text logs only). */
  samples: Partial<Record<ClassName, LineSample[]>>;
  requests: ClassCounts;
  partial: { crv1v2: number; crii: number };
  syn80Packets: number;
  /** Captures only: packets skipped for a link type wormscope does not decode, per link type. */
  unknownLinkTypes: Array<{ linkType: number; packets: number }>;
  /** Captures only (else null): flows dropped and gaps skipped by the reassembly bounds. */
  reassembly: { flowsEvicted: number; gapsSkipped: number; peakBufferedBytes: number } | null;
  /** Why reading stopped early (truncated gzip, read error), if it did. */
  error: string | null;
}

/** One source in `topSources`. */
export interface SourceSummary {
  address: string;
  classes: ClassName[];
  requests: ClassCounts;
  partialRequests: number;
  firstSeen: string | null;
  lastSeen: string | null;
  locality: Locality | null;
}

/** The whole report. */
export interface AnalyzeSummary {
  schema: 1;
  serverIp: string | null;
  files: FileSummary[];
  lines: number;
  malformed: number;
  requests: ClassCounts;
  partial: { crv1v2: number; crii: number };
  /** Distinct source addresses per class, and `any` over all classes. */
  sources: ClassCounts & { any: number };
  topSources: SourceSummary[];
  firstSeen: string | null;
  lastSeen: string | null;
  /** Hours (UTC, ISO start of hour) that had requests, with counts per class, in time order. */
  hourly: Array<{ hour: string } & ClassCounts>;
  /** Source counts by locality per Code Red class; null without a server address. */
  locality: Record<"crv1v2" | "crii" | "codeRedUnknown", LocalityCounts> | null;
  estimate: OutbreakEstimate;
  /**
   * Distinct Code Red sources (CRv1/v2, CRII, variant unknown) per /16 of IPv4 sources, as
   * [first address of the /16, crv1v2, crii, codeRedUnknown], ascending: the report's source map.
   */
  sourceBlocks16: Array<[block: number, crv1v2: number, crii: number, codeRedUnknown: number]>;
  /** TCP SYNs to port 80 seen in packet captures (darknet view). */
  syn80: { packets: number; sources: number; top: Array<{ address: string; packets: number }> };
}

/** ISO 8601 of epoch seconds, or null when unknown (or beyond what a date can hold). */
export function isoTime(seconds: number): string | null {
  return Math.abs(seconds) <= 8.64e12 ? new Date(seconds * 1000).toISOString() : null;
}

function classCounts(values: ArrayLike<number>): ClassCounts {
  const out = {} as ClassCounts;
  CLASS_NAMES.forEach((name, i) => (out[name] = values[i]));
  return out;
}

function address(key: number | string): string {
  return typeof key === "number" ? formatIpv4(key) : key;
}

/** Builds the schema-1 report of `tally`. */
export function summarize(tally: Tally, options: EstimateOptions = {}): AnalyzeSummary {
  const server = options.serverIp;
  const table = tally.sources;
  const perClass = new Float64Array(CLASS_COUNT);
  const locality =
    server === undefined
      ? null
      : {
          crv1v2: emptyLocalityCounts(),
          crii: emptyLocalityCounts(),
          codeRedUnknown: emptyLocalityCounts(),
        };
  const worm: Array<[slot: number, weight: number]> = [];
  const blocks = new Map<number, [number, number, number]>();
  for (let slot = 0; slot < table.size; slot++) {
    let wormRequests = 0;
    for (let c = 0; c < CLASS_COUNT; c++) {
      const n = table.requestsOf(slot, c);
      if (n === 0) continue;
      perClass[c]++;
      const key = table.keys[slot];
      if (c <= CLASS.codeRedUnknown && typeof key === "number") {
        const block = key - (key % 65536);
        const row = blocks.get(block) ?? [0, 0, 0];
        row[c]++;
        blocks.set(block, row);
      }
      if (c !== CLASS.other) wormRequests += n;
      if (locality !== null && c <= CLASS.codeRedUnknown) {
        locality[CLASS_NAMES[c] as "crv1v2"][localityOf(table.keys[slot], server as number)]++;
      }
    }
    if (wormRequests > 0) worm.push([slot, wormRequests]);
  }
  worm.sort((a, b) => b[1] - a[1] || a[0] - b[0]);
  const topSources = worm.slice(0, TOP_SOURCES).map(([slot]): SourceSummary => {
    const s = table.get(slot);
    return {
      address: address(s.key),
      classes: CLASS_NAMES.filter((_, c) => s.requests[c] > 0),
      requests: classCounts(s.requests),
      partialRequests: s.partialRequests,
      firstSeen: isoTime(s.firstSeconds),
      lastSeen: isoTime(s.lastSeconds),
      locality: server === undefined ? null : localityOf(s.key, server),
    };
  });
  const hourly = [...tally.hourly.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([hour, row]) => ({ hour: isoTime(hour * 3600) as string, ...classCounts(row) }));
  const syn = [...tally.syn80BySource.entries()].sort((a, b) => b[1] - a[1] || a[0] - b[0]);
  return {
    schema: 1,
    serverIp: server === undefined ? null : formatIpv4(server),
    files: tally.files.map((f) => ({
      path: f.path,
      format: f.format,
      lines: f.lines,
      blankLines: f.blankLines,
      malformed: f.malformed,
      malformedSamples: f.malformedSamples,
      samples: Object.fromEntries(
        CLASS_NAMES.map((name, c) => [name, f.classSamples[c]] as const).filter(
          ([, v]) => v.length > 0,
        ),
      ),
      requests: classCounts(f.requests),
      partial: { crv1v2: f.partial[0], crii: f.partial[1] },
      syn80Packets: f.syn80Packets,
      unknownLinkTypes: [...f.unknownLinkTypes]
        .sort((a, b) => a[0] - b[0])
        .map(([linkType, packets]) => ({ linkType, packets })),
      reassembly: f.reassembly === null ? null : { ...f.reassembly },
      error: f.error ?? null,
    })),
    lines: tally.files.reduce((a, f) => a + f.lines, 0),
    malformed: tally.files.reduce((a, f) => a + f.malformed, 0),
    requests: classCounts(tally.requests),
    partial: { crv1v2: tally.partial[0], crii: tally.partial[1] },
    sources: { ...classCounts(perClass), any: table.size },
    topSources,
    firstSeen: isoTime(tally.firstSeconds),
    lastSeen: isoTime(tally.lastSeconds),
    hourly,
    locality,
    estimate: estimateOutbreak(tally, options),
    sourceBlocks16: [...blocks.entries()]
      .sort((a, b) => a[0] - b[0])
      .map(([block, [a, b, c]]) => [block, a, b, c]),
    syn80: {
      packets: syn.reduce((a, [, n]) => a + n, 0),
      sources: syn.length,
      top: syn.slice(0, TOP_SOURCES).map(([ip, packets]) => ({ address: formatIpv4(ip), packets })),
    },
  };
}
