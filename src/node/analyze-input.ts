/**
 * Node-side input for `wormscope analyze`: reads files or stdin (`-`) as byte chunks, gunzips
 * transparently (recognised by the gzip magic, not the name), and feeds the browser-safe
 * {@link InputReader}. A read or decompression error keeps the results so far and is recorded on
 * the file; it never throws past here.
 */
import { accessSync, constants, createReadStream, statSync } from "node:fs";
import { open } from "node:fs/promises";
import type { Readable } from "node:stream";
import { createGunzip } from "node:zlib";
import { UserInputError } from "../core/errors.ts";
import { fsErrorWords } from "./fs-errors.ts";
import { InputReader } from "../analysis/input-reader.ts";
import { Tally } from "../analysis/tally/tally.ts";

/** Read size per chunk, bytes. */
export const READ_CHUNK_BYTES = 1 << 20;

/** Checks that every path (other than `-`) exists, is readable and is not a directory. */
export function checkInputs(paths: readonly string[]): void {
  if (paths.filter((p) => p === "-").length > 1) {
    throw new UserInputError("standard input (-) can be given only once");
  }
  for (const path of paths) {
    if (path === "-") continue;
    let isDirectory = false;
    try {
      isDirectory = statSync(path).isDirectory();
      accessSync(path, constants.R_OK);
    } catch (error) {
      throw new UserInputError(`cannot read ${path}: ${fsErrorWords(error)}`);
    }
    // pipes and devices (`<(zcat log.gz)`, /dev/stdin) are fine; directories are not
    if (isDirectory) throw new UserInputError(`cannot read ${path}: it is a directory`);
  }
}

function firstChunk(stream: Readable): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const done = (): void => {
      stream.off("readable", onReadable);
      stream.off("end", onEnd);
      stream.off("error", onError);
    };
    const onReadable = (): void => {
      done();
      resolve(stream.read() as Buffer | null);
    };
    const onEnd = (): void => (done(), resolve(null));
    const onError = (error: Error): void => (done(), reject(error));
    stream.on("readable", onReadable);
    stream.on("end", onEnd);
    stream.on("error", onError);
  });
}

function describe(error: unknown, gzip: boolean): string {
  const e = error as NodeJS.ErrnoException;
  if (gzip && (e.code === "Z_BUF_ERROR" || /unexpected end/i.test(e.message ?? ""))) {
    return "truncated gzip stream: results up to the cut are kept";
  }
  if (gzip && typeof e.code === "string" && e.code.startsWith("Z_")) {
    return `corrupt gzip stream (${e.message}): results up to the damage are kept`;
  }
  return `read error (${e.code ?? e.message}): results so far are kept`;
}

/** Read size per call for uncompressed files, bytes: one buffer, reused for the whole file. */
export const PLAIN_READ_BYTES = 1 << 16;

/** Called with the bytes of an input read so far (compressed bytes for gzip input). */
export type BytesRead = (bytesRead: number) => void;

/**
 * Reads an uncompressed file through one reused buffer (the readers copy what they keep), which
 * keeps the stream's cache footprint small; falls back to {@link readStream} when the first bytes
 * are a gzip magic.
 */
async function readPlainOrGzip(
  path: string,
  reader: InputReader,
  onBytes: BytesRead | undefined,
): Promise<"plain" | "gzip"> {
  const handle = await open(path, "r");
  try {
    const buffer = new Uint8Array(PLAIN_READ_BYTES);
    let total = 0;
    for (;;) {
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, null);
      if (bytesRead === 0) return "plain";
      if (total === 0 && bytesRead >= 2 && buffer[0] === 0x1f && buffer[1] === 0x8b) return "gzip";
      total += bytesRead;
      reader.push(bytesRead === buffer.length ? buffer : buffer.subarray(0, bytesRead));
      onBytes?.(total);
    }
  } finally {
    await handle.close();
  }
}

/**
 * Streams `raw` (standard input, or a gzip file) into `reader`, gunzipping when it starts with the
 * gzip magic (`seen.gzip` is set then).
 */
async function readStream(
  raw: Readable,
  reader: InputReader,
  onBytes: BytesRead | undefined,
  seen: { gzip: boolean },
): Promise<void> {
  let total = 0;
  const first = await firstChunk(raw);
  if (first !== null) {
    raw.unshift(first);
    seen.gzip = first.length >= 2 && first[0] === 0x1f && first[1] === 0x8b;
  }
  const gzip = seen.gzip;
  let source: Readable = raw;
  if (gzip) {
    const gunzip = createGunzip({ chunkSize: READ_CHUNK_BYTES });
    raw.on("error", (error) => gunzip.destroy(error));
    if (onBytes) raw.on("data", (chunk: Buffer) => onBytes((total += chunk.length)));
    source = raw.pipe(gunzip);
  }
  for await (const chunk of source) {
    reader.push(chunk as Buffer);
    if (!gzip) onBytes?.((total += (chunk as Buffer).length));
  }
}

/**
 * Reads one input (`-` for stdin) into `tally`; `onBytes` follows the bytes read. A read or
 * decompression error is recorded on the file (`error`), with the results so far kept.
 */
export async function analyzeInput(tally: Tally, path: string, onBytes?: BytesRead): Promise<void> {
  const file = tally.openFile(path === "-" ? "(stdin)" : path);
  const reader = new InputReader(tally, file);
  const seen = { gzip: false };
  let raw: Readable | undefined;
  try {
    if (path === "-") {
      await readStream(process.stdin, reader, onBytes, seen);
    } else if ((await readPlainOrGzip(path, reader, onBytes)) === "gzip") {
      raw = createReadStream(path, { highWaterMark: READ_CHUNK_BYTES });
      await readStream(raw, reader, onBytes, seen);
    }
  } catch (error) {
    file.error = describe(error, seen.gzip);
  } finally {
    raw?.destroy();
  }
  reader.end();
}

/** Reads every input in order into a new tally. */
export async function analyzeInputs(paths: readonly string[]): Promise<Tally> {
  checkInputs(paths);
  const tally = new Tally();
  for (const path of paths) await analyzeInput(tally, path);
  return tally;
}
