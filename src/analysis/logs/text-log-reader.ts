/**
 * Reads one text log, line by line, deciding the format of each line: Zeek TSV headers (`#separator`,
 * `#fields`...) and the http/conn records after them, W3C directives and data lines after a
 * `#Fields:`, JSON lines (Zeek JSON, Suricata eve.json: a `{` first), Apache error-log lines (a
 * weekday first), firewall logs (netfilter LOG records in syslog lines: a syslog time first),
 * otherwise access-log lines (common or combined). The file's format is the most frequent line format. Bad lines are counted, never fatal.
 */
import { FORMAT, type FileTally } from "../tally/file-tally.ts";
import type { Tally } from "../tally/tally.ts";
import { latin1, startsWithCi } from "../bytes.ts";
import { CLASS } from "../classes.ts";
import { DEFAULT_MAX_LINE_BYTES, LineSplitter } from "./line-splitter.ts";
import { newAccessFields, parseAccessLine } from "./parse-access.ts";
import { looksLikeErrorLog, newErrorLogFields, parseErrorLogLine } from "./parse-error-log.ts";
import { isW3cDirective, newW3cFields, parseW3cLine, W3cLayout } from "./parse-w3c.ts";
import { sourceKey } from "./source-key.ts";
import { newNetfilterFields, parseNetfilterLine, syslogPrefix } from "./parse-netfilter.ts";
import { JsonLineReader } from "./json-line.ts";
import { readZeekLine } from "./zeek-line.ts";
import { isZeekDirective, ZeekLayout } from "./zeek-tsv.ts";

/** Streams a text log into a {@link Tally}; call {@link push} per chunk and {@link end} once. */
export class TextLogReader {
  private readonly splitter: LineSplitter;
  private layout: W3cLayout | undefined;
  private zeek: ZeekLayout | undefined;
  private json: JsonLineReader | undefined;
  private directiveDate = "";
  private readonly access = newAccessFields();
  private readonly errorLine = newErrorLogFields();
  private readonly w3c = newW3cFields();
  private readonly netfilter = newNetfilterFields();

  constructor(
    private readonly tally: Tally,
    private readonly file: FileTally,
    private readonly maxLineBytes = DEFAULT_MAX_LINE_BYTES,
  ) {
    this.splitter = new LineSplitter(
      (b, start, end, lineNumber, overlong) => this.line(b, start, end, lineNumber, overlong),
      maxLineBytes,
    );
  }

  /** Feeds the next chunk of bytes. */
  push(chunk: Uint8Array): void {
    this.splitter.push(chunk);
  }

  /** Flushes the last line and settles the file's format. */
  end(): void {
    this.splitter.end();
    this.json?.end();
    this.file.settleFormat(this.file.lines > this.file.blankLines ? "unknown" : "empty");
  }

  private line(b: Uint8Array, start: number, end: number, n: number, overlong: boolean): void {
    const file = this.file;
    file.lines++;
    if (overlong) {
      file.addMalformed(n, `line longer than ${this.maxLineBytes} bytes`, b, start, end);
      return;
    }
    if (start === end) {
      file.blankLines++;
      return;
    }
    const first = b[start];
    if (first === 35) {
      if (isZeekDirective(b, start, end)) this.zeekDirective(b, start, end, n);
      else this.directive(b, start, end, n);
    } else if (this.zeek?.hasFields === true) {
      readZeekLine(this.tally, file, this.zeek, b, start, end, n);
    } else if (this.zeek?.otherLog === true) {
      file.addMalformed(n, "record of a Zeek log other than http and conn", b, start, end);
    } else if (first === 123) {
      this.json ??= new JsonLineReader(this.tally, file);
      this.json.line(b, start, end, n);
    } else if (this.layout !== undefined) {
      const why = parseW3cLine(b, start, end, this.layout, this.w3c);
      if (why !== null) return file.addMalformed(n, why, b, start, end);
      file.countFormat(FORMAT.w3c);
      const f = this.w3c;
      if (f.hostStart >= 0) {
        this.tally.record(file, sourceKey(b, f.hostStart, f.hostEnd), f.timeSeconds, f.verdict);
        if ((f.verdict & 7) !== CLASS.other) file.addClassSample(f.verdict & 7, n, b, start, end);
      }
    } else if (
      (first <= 57 || (first >= 65 && first <= 90)) &&
      this.netfilterLine(b, start, end, n)
    ) {
      return;
    } else if (
      (first === 91 || first >= 65) &&
      looksLikeErrorLog(b, start, end) &&
      parseErrorLogLine(b, start, end, this.errorLine) === null
    ) {
      const f = this.errorLine;
      file.countFormat(FORMAT.apacheError);
      if (f.hostStart >= 0) {
        this.tally.record(file, sourceKey(b, f.hostStart, f.hostEnd), f.timeSeconds, f.verdict);
        if ((f.verdict & 7) !== CLASS.other) file.addClassSample(f.verdict & 7, n, b, start, end);
      }
    } else {
      // an access line (also the fallback for a host named like a weekday, "sun - - [...")
      const f = this.access;
      const why = parseAccessLine(b, start, end, f);
      if (why !== null) return file.addMalformed(n, why, b, start, end);
      file.countFormat(f.combined ? FORMAT.combined : FORMAT.common);
      this.tally.record(file, sourceKey(b, f.hostStart, f.hostEnd), f.timeSeconds, f.verdict);
      if ((f.verdict & 7) !== CLASS.other) file.addClassSample(f.verdict & 7, n, b, start, end);
    }
  }

  /** A syslog line (firewall log): read it and return true; otherwise false, nothing read. */
  private netfilterLine(b: Uint8Array, start: number, end: number, n: number): boolean {
    const prefix = syslogPrefix(b, start, end);
    if (prefix === 0) return false;
    const file = this.file;
    const f = this.netfilter;
    const why = parseNetfilterLine(b, start, end, prefix, f);
    if (why !== null) {
      file.addMalformed(n, why, b, start, end);
      return true;
    }
    file.countFormat(FORMAT.netfilter);
    if (f.timeSeconds !== f.timeSeconds) file.untimedSyslog = true;
    if (f.syn80 && f.source >= 0) this.tally.recordSyn80(file, f.source, f.timeSeconds);
    return true;
  }

  private zeekDirective(b: Uint8Array, start: number, end: number, n: number): void {
    this.layout = undefined;
    const zeek = (this.zeek ??= new ZeekLayout());
    const why = zeek.readDirective(b, start, end);
    if (why !== null) this.file.addMalformed(n, why, b, start, end);
  }

  private directive(b: Uint8Array, start: number, end: number, n: number): void {
    const file = this.file;
    if (!isW3cDirective(b, start, end)) {
      file.addMalformed(n, "unknown # directive", b, start, end);
      return;
    }
    file.countFormat(FORMAT.w3c);
    this.zeek = undefined;
    if (startsWithCi(b, start, end, "#fields:")) {
      const layout = this.layout ?? new W3cLayout();
      if (!layout.readFields(b, start, end)) {
        file.addMalformed(n, "#Fields: without cs-uri-stem", b, start, end);
        this.layout = undefined;
        return;
      }
      this.layout = layout;
      layout.defaultDate = this.directiveDate;
    } else if (startsWithCi(b, start, end, "#date:")) {
      this.directiveDate = latin1(b, start + 6, end, 40)
        .trim()
        .slice(0, 10);
      if (this.layout !== undefined) this.layout.defaultDate = this.directiveDate;
    }
  }
}
