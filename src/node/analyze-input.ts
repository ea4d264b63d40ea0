/**
 * Node-side input for `wormscope analyze`: reads files or stdin (`-`) as byte chunks, gunzips
 * transparently (recognised by the gzip magic, not the name), and feeds the browser-safe
 * {@link InputReader}. A read or decompression error keeps the results so far and is recorded on
 * the file; it never throws past here.
 */
import { accessSync, constants, createReadStream, statSync } from "node:fs";
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

/** Reads one input (`-` for stdin) into `tally`. */
export async function analyzeInput(tally: Tally, path: string): Promise<void> {
  const file = tally.openFile(path === "-" ? "(stdin)" : path);
  const reader = new InputReader(tally, file);
  const raw: Readable =
    path === "-" ? process.stdin : createReadStream(path, { highWaterMark: READ_CHUNK_BYTES });
  let gzip = false;
  try {
    const first = await firstChunk(raw);
    if (first !== null) {
      raw.unshift(first);
      gzip = first.length >= 2 && first[0] === 0x1f && first[1] === 0x8b;
    }
    let source: Readable = raw;
    if (gzip) {
      const gunzip = createGunzip({ chunkSize: READ_CHUNK_BYTES });
      raw.on("error", (error) => gunzip.destroy(error));
      source = raw.pipe(gunzip);
    }
    for await (const chunk of source) reader.push(chunk as Buffer);
  } catch (error) {
    file.error = describe(error, gzip);
  } finally {
    if (path !== "-") raw.destroy();
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
