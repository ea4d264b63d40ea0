/**
 * A streaming line splitter over byte chunks: LF ends a line, a CR before it is dropped. Lines inside
 * a chunk are handed out as views (no copy); only a line that straddles chunks is copied. A line
 * longer than `maxLineBytes` is cut: its first `maxLineBytes` bytes are handed out with `overlong`
 * set and the rest is skipped, so memory stays bounded whatever the input.
 */

/** Default longest line kept whole, in bytes (a Code Red line is about 450). */
export const DEFAULT_MAX_LINE_BYTES = 65536;

/** Receives one line `b[start..end)` with its 1-based number. */
export type LineHandler = (
  b: Uint8Array,
  start: number,
  end: number,
  lineNumber: number,
  overlong: boolean,
) => void;

/** Splits a byte stream into lines; call {@link push} per chunk and {@link end} once. */
export class LineSplitter {
  private carry: Uint8Array;
  private carryBytes = 0;
  private overlong = false;
  /** Lines handed out so far. */
  lineNumber = 0;

  constructor(
    private readonly onLine: LineHandler,
    private readonly maxLineBytes = DEFAULT_MAX_LINE_BYTES,
  ) {
    this.carry = new Uint8Array(Math.min(4096, maxLineBytes));
  }

  /** Feeds the next chunk. */
  push(chunk: Uint8Array): void {
    let pos = 0;
    const length = chunk.length;
    if (this.carryBytes > 0 || this.overlong) {
      const nl = chunk.indexOf(10);
      if (nl < 0) {
        this.append(chunk, 0, length);
        return;
      }
      this.append(chunk, 0, nl);
      this.emitCarry();
      pos = nl + 1;
    }
    const onLine = this.onLine;
    const max = this.maxLineBytes;
    for (;;) {
      const nl = chunk.indexOf(10, pos);
      if (nl < 0) break;
      let end = nl;
      if (end > pos && chunk[end - 1] === 13) end--;
      const n = ++this.lineNumber;
      if (end - pos > max) onLine(chunk, pos, pos + max, n, true);
      else onLine(chunk, pos, end, n, false);
      pos = nl + 1;
    }
    if (pos < length) this.append(chunk, pos, length);
  }

  /** Flushes a last line that had no newline. */
  end(): void {
    if (this.carryBytes > 0 || this.overlong) this.emitCarry();
  }

  private append(chunk: Uint8Array, start: number, end: number): void {
    if (this.overlong) return;
    const room = this.maxLineBytes - this.carryBytes;
    let take = end - start;
    if (take > room) {
      take = room;
      this.overlong = true;
    }
    const need = this.carryBytes + take;
    if (need > this.carry.length) {
      const grown = new Uint8Array(
        Math.min(this.maxLineBytes, Math.max(need, this.carry.length * 2)),
      );
      grown.set(this.carry.subarray(0, this.carryBytes));
      this.carry = grown;
    }
    this.carry.set(chunk.subarray(start, start + take), this.carryBytes);
    this.carryBytes += take;
  }

  private emitCarry(): void {
    let end = this.carryBytes;
    if (!this.overlong && end > 0 && this.carry[end - 1] === 13) end--;
    const overlong = this.overlong;
    this.carryBytes = 0;
    this.overlong = false;
    this.onLine(this.carry, 0, end, ++this.lineNumber, overlong);
  }
}
