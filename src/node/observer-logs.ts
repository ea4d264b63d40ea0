/**
 * `wormscope simulate --logs DIR`: what each server and telescope observer of a run would have
 * logged, as an Apache combined log, an IIS W3C extended log and a pcap capture (TCP handshake and
 * the request as logged, nothing more), one file per observer and format. The worm probes come from
 * the block observer's own draws (src/observers/block-log.ts); benign background requests are mixed
 * in from a stream of their own. Files are written to temporary names and renamed when the run ends.
 * The Code Red request carries the N (CRv1/v2) or X (Code Red II) run and, after it, the tail read
 * from a real 2001 log line (--logs-signature FILE), or only the tail's public first characters
 * (CODE_RED_TAIL_PREFIX): the library holds no worm payload.
 */
import { AGENTS, MONTHS } from "../analysis/synthetic/combined-log.ts";
import { writeUint16, writeUint32 } from "../analysis/bytes.ts";
import { closeSync, openSync, readFileSync, renameSync, rmSync, writeSync } from "node:fs";
import { join } from "node:path";
import { createRng, type Rng } from "../core/rng.ts";
import { createSamplers, type Samplers } from "../core/samplers.ts";
import { UserInputError } from "../core/errors.ts";
import {
  CODE_RED_RUN_CHARS,
  CODE_RED_TAIL_CHARS,
  CODE_RED_TAIL_FNV1A,
  CODE_RED_TAIL_PREFIX,
  fnv1a32,
} from "../analysis/detect/code-red-signature.ts";
import { formatIpv4 } from "../analysis/bytes.ts";
import type { BlockLogCapture, BlockLogHour, BlockLogSink } from "../observers/block-log.ts";
import type { BlockObserverSpec } from "../plugin/observer.ts";
import { cannotCreate } from "./make-directory.ts";

/** The formats --logs writes. */
export const LOG_FORMATS = ["apache", "iis", "pcap"] as const;
export type LogFormat = (typeof LOG_FORMATS)[number];

/** File name suffix per format. */
export const LOG_SUFFIX: Record<LogFormat, string> = {
  apache: ".access.log",
  iis: ".iis.log",
  pcap: ".pcap",
};

/** Default benign requests per hour at each observer. */
export const DEFAULT_BACKGROUND_PER_HOUR = 200;
/** Default cap on lines (requests) per file. */
export const DEFAULT_LOGS_MAX_LINES = 1_000_000;

/** Options of {@link createObserverLogs}. */
export interface ObserverLogOptions {
  readonly dir: string;
  readonly formats: readonly LogFormat[];
  /** Mean benign requests per hour (a Poisson count per hour). */
  readonly backgroundPerHour: number;
  /** Most requests written per file; the file stops at the last whole hour that fits. */
  readonly maxLines: number;
  /** The scenario seed: the logs' streams are forked from it (`logs:NAME`). */
  readonly seed: number;
  /** The run's start (epoch ms). */
  readonly startMs: number;
  /** Per worm index, whether it is Code Red II (the X run). */
  readonly wormIsCrii: readonly boolean[];
  /** The text after the N/X run (a real tail, or the public prefix). */
  readonly codeRedTail: string;
}

/** What was written for one observer (logs.json). */
export interface ObserverLogRecord {
  readonly name: string;
  readonly type: string;
  readonly block: string;
  readonly files: string[];
  /** Worm requests written, all variants. */
  wormRequests: number;
  /** Distinct source addresses of the worm requests written. */
  wormSources: number;
  backgroundRequests: number;
  /** True when the cap stopped the files before the run's end. */
  truncated: boolean;
  /** Seconds from the run's start up to which the files are complete. */
  completeUntilSeconds: number;
}

const PAGES = [
  "/",
  "/index.html",
  "/images/logo.gif",
  "/css/site.css",
  "/news/2001/07/index.html",
  "/cgi-bin/search.pl?q=weather+report&lang=en",
  "/products/item.php?id=1234&ref=home",
  "/favicon.ico",
  "/robots.txt",
];
const CLIENT_POOL = 5000;
/** Lines gathered before a write. */
const FLUSH_LINES = 4096;

const p2 = (n: number): string => String(n).padStart(2, "0");

function clfTime(ms: number): string {
  const d = new Date(ms);
  return `${p2(d.getUTCDate())}/${MONTHS[d.getUTCMonth()]}/${d.getUTCFullYear()}:${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())} +0000`;
}

function w3cDateTime(ms: number): string {
  const d = new Date(ms);
  return `${d.getUTCFullYear()}-${p2(d.getUTCMonth() + 1)}-${p2(d.getUTCDate())} ${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())}`;
}

/**
 * The Code Red tail from the first Code Red v1/v2 request line in `file` (a real 2001 log), checked
 * against the tail's length and hash; throws UserInputError (exit 2) when there is none.
 */
export function readCodeRedTail(file: string): string {
  let text: string;
  try {
    text = readFileSync(file, "latin1");
  } catch (e) {
    throw new UserInputError(`--logs-signature: cannot read ${file}: ${(e as Error).message}`);
  }
  const run = `?${"N".repeat(CODE_RED_RUN_CHARS)}`;
  for (let at = text.indexOf(run); at >= 0; at = text.indexOf(run, at + 1)) {
    const start = at + run.length;
    const tail = text.slice(start, start + CODE_RED_TAIL_CHARS);
    const bytes = Uint8Array.from(tail, (c) => c.charCodeAt(0));
    if (
      tail.length === CODE_RED_TAIL_CHARS &&
      fnv1a32(bytes, 0, bytes.length) === CODE_RED_TAIL_FNV1A
    ) {
      return tail;
    }
  }
  throw new UserInputError(
    `--logs-signature: ${file} holds no unaltered Code Red request line (GET /default.ida?NNNN...)`,
  );
}

/** The default tail: the public first characters only (the analyser counts it as partial). */
export const PUBLIC_CODE_RED_TAIL = CODE_RED_TAIL_PREFIX;

/** The request target of a Code Red probe. */
function codeRedTarget(crii: boolean, tail: string): string {
  return `/default.ida?${(crii ? "X" : "N").repeat(CODE_RED_RUN_CHARS)}${tail}`;
}

/** The classic pcap file header (little-endian, microseconds, Ethernet). */
function pcapHeader(): Uint8Array {
  const b = new Uint8Array(24);
  writeUint32(b, 0, 0xa1b2c3d4, true);
  b[4] = 2;
  b[6] = 4;
  writeUint32(b, 16, 65535, true);
  writeUint32(b, 20, 1, true);
  return b;
}

/** Internet checksum of b[from..to). */
function checksum(b: Uint8Array, from: number, to: number, initial = 0): number {
  let sum = initial;
  for (let i = from; i + 1 < to; i += 2) sum += (b[i] << 8) | b[i + 1];
  if ((to - from) % 2 === 1) sum += b[to - 1] << 8;
  while (sum > 0xffff) sum = (sum & 0xffff) + (sum >>> 16);
  return ~sum & 0xffff;
}

/** One pcap record: Ethernet, IPv4, TCP (checksums filled in). */
function pcapRecord(
  seconds: number,
  src: number,
  dst: number,
  srcPort: number,
  dstPort: number,
  seq: number,
  ack: number,
  flags: number,
  payload: Uint8Array | null,
): Uint8Array {
  const length = payload ? payload.length : 0;
  const ipLength = 40 + length;
  const frame = 14 + ipLength;
  const b = new Uint8Array(16 + frame);
  const whole = Math.floor(seconds);
  writeUint32(b, 0, whole, true);
  writeUint32(b, 4, Math.min(999999, Math.round((seconds - whole) * 1e6)), true);
  writeUint32(b, 8, frame, true);
  writeUint32(b, 12, frame, true);
  const e = 16;
  b.fill(2, e, e + 12);
  b[e + 12] = 0x08;
  const ip = e + 14;
  b[ip] = 0x45;
  writeUint16(b, ip + 2, ipLength);
  b[ip + 6] = 0x40; // don't fragment
  b[ip + 8] = 113;
  b[ip + 9] = 6;
  writeUint32(b, ip + 12, src, false);
  writeUint32(b, ip + 16, dst, false);
  writeUint16(b, ip + 10, checksum(b, ip, ip + 20));
  const tcp = ip + 20;
  writeUint16(b, tcp, srcPort);
  writeUint16(b, tcp + 2, dstPort);
  writeUint32(b, tcp + 4, seq >>> 0, false);
  writeUint32(b, tcp + 8, ack >>> 0, false);
  b[tcp + 12] = 5 << 4;
  b[tcp + 13] = flags;
  writeUint16(b, tcp + 14, 8760);
  if (payload) b.set(payload, tcp + 20);
  // The pseudo-header: addresses, protocol, TCP length.
  const tcpLength = 20 + length;
  const pseudo = 6 + tcpLength + (src >>> 16) + (src & 0xffff) + (dst >>> 16) + (dst & 0xffff);
  writeUint16(b, tcp + 16, checksum(b, tcp, tcp + tcpLength, pseudo));
  return b;
}

const SYN = 0x02;
const ACK = 0x10;
const PSH_ACK = 0x18;
const SYN_ACK = 0x12;

/** One output file being written under a temporary name. */
class OutFile {
  private fd: number;
  readonly temp: string;
  constructor(readonly path: string) {
    this.temp = `${path}.tmp-${process.pid}`;
    try {
      this.fd = openSync(this.temp, "w");
    } catch (e) {
      throw cannotCreate(path, e);
    }
  }
  write(data: string | Uint8Array): void {
    try {
      if (typeof data === "string") writeSync(this.fd, data, null, "latin1");
      else writeSync(this.fd, data);
    } catch (e) {
      throw cannotCreate(this.path, e);
    }
  }
  finish(): void {
    closeSync(this.fd);
    this.fd = -1;
    try {
      renameSync(this.temp, this.path);
    } catch (e) {
      throw cannotCreate(this.path, e);
    }
  }
  abort(): void {
    if (this.fd >= 0) closeSync(this.fd);
    this.fd = -1;
    rmSync(this.temp, { force: true });
  }
}

/** The writer of one observer's files: a {@link BlockLogSink}. */
class ObserverLogWriter implements BlockLogSink {
  readonly record: ObserverLogRecord;
  private readonly bg: Samplers;
  private readonly bgRng: Rng;
  private readonly clients: number[];
  private readonly files: Partial<Record<LogFormat, OutFile>> = {};
  private readonly sources = new Set<number>();
  private readonly blockSize: number;
  private readonly serverAddress: boolean;
  private lines = 0;
  private pendingBackground = 0;
  private full = false;
  private flow = 0;
  /** Request bytes by request text (the worm's few targets; background requests vary). */
  private readonly payloads = new Map<string, Uint8Array>();
  private readonly targets: string[];

  constructor(
    readonly spec: BlockObserverSpec,
    private readonly options: ObserverLogOptions,
    stream: Rng,
  ) {
    this.bgRng = stream.fork("background");
    this.bg = createSamplers(this.bgRng);
    this.clients = Array.from({ length: CLIENT_POOL }, () => this.bgRng.nextUint32());
    this.blockSize = 2 ** (32 - spec.block.bits);
    this.serverAddress = spec.type === "server" && spec.block.bits === 32;
    this.targets = options.wormIsCrii.map((c) => codeRedTarget(c, options.codeRedTail));
    const block = `${formatIpv4(spec.block.base)}/${spec.block.bits}`;
    const names: string[] = [];
    for (const f of options.formats) {
      const name = `${spec.name}${LOG_SUFFIX[f]}`;
      names.push(name);
      this.files[f] = new OutFile(join(options.dir, name));
    }
    this.record = {
      name: spec.name,
      type: spec.type,
      block,
      files: names,
      wormRequests: 0,
      wormSources: 0,
      backgroundRequests: 0,
      truncated: false,
      completeUntilSeconds: 0,
    };
    const start = w3cDateTime(options.startMs);
    this.files.iis?.write(
      `#Software: Microsoft Internet Information Services 5.0\r\n#Version: 1.0\r\n#Date: ${start}\r\n` +
        `#Remark: simulated by wormscope (seed ${options.seed}) at observer ${spec.name} (${spec.type} ${block})\r\n` +
        "#Fields: date time c-ip cs-username s-ip s-port cs-method cs-uri-stem cs-uri-query sc-status sc-bytes cs(User-Agent)\r\n",
    );
    this.files.pcap?.write(pcapHeader());
  }

  wantHour(hourStart: number, hourEnd: number, count: number): boolean {
    // Drawn every hour, written or not: the background of an hour does not depend on the cap.
    const mean = (this.options.backgroundPerHour * (hourEnd - hourStart)) / 3600;
    const background = mean > 0 ? this.bg.poisson(mean) : 0;
    if (this.full) return false;
    if (this.lines + count + background > this.options.maxLines) {
      this.full = true;
      this.record.truncated = true;
      process.stderr.write(
        `--logs: observer ${this.spec.name}: the files stop at ${this.record.completeUntilSeconds} s into the run (${this.lines} requests; --logs-max-lines ${this.options.maxLines})\n`,
      );
      return false;
    }
    this.pendingBackground = background;
    return true;
  }

  hour(p: BlockLogHour): void {
    const worm = p.times.length;
    const n = worm + this.pendingBackground;
    const times = new Float64Array(n);
    times.set(p.times);
    const span = p.hourEnd - p.hourStart;
    for (let k = worm; k < n; k++) times[k] = p.hourStart + this.bgRng.next() * span;
    const order = Array.from({ length: n }, (_, k) => k).sort(
      (a, b) => times[a] - times[b] || a - b,
    );
    const apache: string[] = [];
    const iis: string[] = [];
    const pcap: Uint8Array[] = [];
    const base = this.spec.block.base;
    for (const k of order) {
      const ms = this.options.startMs + times[k] * 1000;
      const isWorm = k < worm;
      const src = isWorm ? p.sources[k] : this.clients[this.bgRng.int(CLIENT_POOL)];
      const dst = this.serverAddress
        ? base
        : (base + (this.blockSize > 1 ? this.bgRng.int(this.blockSize) : 0)) >>> 0;
      let target: string;
      let status: number;
      let bytes: number;
      let agent: string;
      let request: string;
      const srcText = formatIpv4(src);
      const dstText = formatIpv4(dst);
      if (isWorm) {
        target = this.targets[p.worms[k]];
        status = 404;
        bytes = 326;
        agent = "-";
        request = `GET ${target} HTTP/1.0\r\n\r\n`;
        this.sources.add(src);
      } else {
        target = PAGES[this.bgRng.int(PAGES.length)];
        status = this.bgRng.next() < 0.9 ? 200 : 304;
        bytes = status === 200 ? 200 + this.bgRng.int(40000) : 0;
        agent = AGENTS[this.bgRng.int(AGENTS.length)];
        request = `GET ${target} HTTP/1.1\r\nHost: ${dstText}\r\nUser-Agent: ${agent}\r\n\r\n`;
      }
      if (this.files.apache) {
        const ref = isWorm ? "-" : "http://example.com/";
        apache.push(
          `${srcText} - - [${clfTime(ms)}] "GET ${target} HTTP/${isWorm ? "1.0" : "1.1"}" ${status} ${bytes} "${ref}" "${agent}"\n`,
        );
      }
      if (this.files.iis) {
        const q = target.indexOf("?");
        const stem = q < 0 ? target : target.slice(0, q);
        const query = q < 0 ? "-" : target.slice(q + 1);
        iis.push(
          `${w3cDateTime(ms)} ${srcText} - ${dstText} 80 GET ${stem} ${query} ${status} ${bytes} ${agent.replaceAll(" ", "+")}\r\n`,
        );
      }
      if (this.files.pcap) this.packets(pcap, ms / 1000, src, dst, request);
      if (
        pcap.length >= 4 * FLUSH_LINES ||
        apache.length >= FLUSH_LINES ||
        iis.length >= FLUSH_LINES
      ) {
        this.flush(apache, iis, pcap);
      }
    }
    this.flush(apache, iis, pcap);
    this.lines += n;
    this.record.wormRequests += worm;
    this.record.backgroundRequests += n - worm;
    this.record.wormSources = this.sources.size;
    this.record.completeUntilSeconds = p.hourEnd;
  }

  /** Writes the lines and records gathered so far and empties the lists. */
  private flush(apache: string[], iis: string[], pcap: Uint8Array[]): void {
    if (apache.length > 0) this.files.apache?.write(apache.join(""));
    if (iis.length > 0) this.files.iis?.write(iis.join(""));
    if (pcap.length > 0) this.files.pcap?.write(Buffer.concat(pcap));
    apache.length = 0;
    iis.length = 0;
    pcap.length = 0;
  }

  /** A connection: the handshake and the request, 1 ms apart. */
  private packets(out: Uint8Array[], t: number, src: number, dst: number, request: string): void {
    const port = 1025 + (this.flow++ % 64000);
    const c = this.bgRng.nextUint32();
    const s = this.bgRng.nextUint32();
    let payload = this.payloads.get(request);
    if (!payload) {
      payload = Buffer.from(request, "latin1");
      if (this.payloads.size < 64) this.payloads.set(request, payload);
    }
    const c1 = (c + 1) >>> 0;
    const s1 = (s + 1) >>> 0;
    out.push(pcapRecord(t, src, dst, port, 80, c, 0, SYN, null));
    out.push(pcapRecord(t + 0.001, dst, src, 80, port, s, c1, SYN_ACK, null));
    out.push(pcapRecord(t + 0.002, src, dst, port, 80, c1, s1, ACK, null));
    out.push(pcapRecord(t + 0.003, src, dst, port, 80, c1, s1, PSH_ACK, payload));
  }

  finish(): void {
    for (const f of Object.values(this.files)) f.finish();
  }

  abort(): void {
    for (const f of Object.values(this.files)) f.abort();
  }
}

/** A capture for one run, and what it wrote. */
export interface ObserverLogs {
  readonly capture: BlockLogCapture;
  /** Renames the files into place and writes DIR/logs.json; returns the records. */
  finish(): ObserverLogRecord[];
  /** Removes the temporary files (a run that failed). */
  abort(): void;
}

/** The files of every server and telescope observer created while {@link ObserverLogs.capture} is set. */
export function createObserverLogs(options: ObserverLogOptions): ObserverLogs {
  const writers: ObserverLogWriter[] = [];
  const root = createRng(options.seed);
  const capture: BlockLogCapture = (spec) => {
    if (spec.type !== "server" && spec.type !== "telescope") return null;
    const stream = root.fork(`logs:${spec.name}`);
    const writer = new ObserverLogWriter(spec, options, stream);
    writers.push(writer);
    return { sink: writer, rng: stream.fork("probes") };
  };
  return {
    capture,
    finish() {
      for (const w of writers) w.finish();
      const records = writers.map((w) => w.record);
      const manifest = {
        note: "Simulated logs (wormscope simulate --logs): worm requests from the observers' own draws, benign background mixed in.",
        seed: options.seed,
        formats: options.formats,
        backgroundPerHour: options.backgroundPerHour,
        maxLines: options.maxLines,
        codeRedTail: options.codeRedTail === PUBLIC_CODE_RED_TAIL ? "public prefix" : "real",
        observers: records,
      };
      const out = new OutFile(join(options.dir, "logs.json"));
      out.write(JSON.stringify(manifest, null, 2) + "\n");
      out.finish();
      return records;
    },
    abort() {
      for (const w of writers) w.abort();
    },
  };
}
