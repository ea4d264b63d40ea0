/**
 * One input file's reader: looks at the first bytes to choose between a packet capture (pcap or
 * pcapng) and a text log, then streams every chunk to it. Decompression is the caller's job.
 */
import { PcapReader, isPcapMagic } from "./pcap/pcap-reader.ts";
import { TextLogReader } from "./logs/text-log-reader.ts";
import type { FileTally } from "./tally/file-tally.ts";
import type { Tally } from "./tally/tally.ts";

/** Bytes needed to recognise a capture file. */
const SNIFF_BYTES = 4;

/** Streams one input into a tally; call {@link push} per chunk and {@link end} once. */
export class InputReader {
  private reader: TextLogReader | PcapReader | undefined;
  private head = new Uint8Array(0);

  constructor(
    private readonly tally: Tally,
    private readonly file: FileTally,
  ) {}

  /** Feeds the next chunk. The readers copy what they keep: the caller may reuse `chunk` after. */
  push(chunk: Uint8Array): void {
    if (this.reader !== undefined) {
      this.reader.push(chunk);
      return;
    }
    const joined = new Uint8Array(this.head.length + chunk.length);
    joined.set(this.head);
    joined.set(chunk, this.head.length);
    if (joined.length < SNIFF_BYTES) {
      this.head = joined;
      return;
    }
    this.start(joined);
  }

  /** Ends the input. */
  end(): void {
    if (this.reader === undefined) this.start(this.head);
    this.reader?.end();
  }

  private start(first: Uint8Array): void {
    this.reader = isPcapMagic(first)
      ? new PcapReader(this.tally, this.file)
      : new TextLogReader(this.tally, this.file);
    this.head = new Uint8Array(0);
    if (first.length > 0) this.reader.push(first);
  }
}
