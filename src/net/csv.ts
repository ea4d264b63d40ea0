/**
 * An RFC 4180 CSV reader: comma-separated fields, records ending in CRLF or LF, double-quoted fields
 * that may hold commas, doubled quotes and line breaks. Each record remembers the line it starts on,
 * so errors can point at `FILE:LINE`.
 * @see https://www.rfc-editor.org/rfc/rfc4180
 */

/** One CSV record and the 1-based line number of its first character. */
export interface CsvRecord {
  readonly fields: readonly string[];
  readonly line: number;
}

/** The records of a CSV text, or where it stopped being CSV. */
export interface CsvParse {
  readonly records: readonly CsvRecord[];
  /** Set when the text is malformed; `records` then holds the records before the fault. */
  readonly error?: CsvError;
}

const QUOTE = 34;
const COMMA = 44;
const CR = 13;
const LF = 10;

/** Where a CSV text stops being CSV: the line of the fault and what is wrong. */
export interface CsvError {
  readonly line: number;
  readonly message: string;
}

/** Reads all records of `text`. A final line break does not start an empty record. */
export function parseCsv(text: string): CsvParse {
  const records: CsvRecord[] = [];
  const error = eachCsvRecord(text, (record) => void records.push(record));
  return error ? { records, error } : { records };
}

/**
 * Calls `f` on each record of `text` in order, as {@link parseCsv} would return them, without keeping
 * them (a host list may hold 10^7 records). Returns where the text stops being CSV, after `f` has seen
 * every record before the fault, or undefined when it is CSV to the end.
 */
export function eachCsvRecord(text: string, f: (record: CsvRecord) => void): CsvError | undefined {
  let fields: string[] = [];
  let line = 1;
  let recordLine = 1;
  let i = 0;
  const length = text.length;
  while (i < length) {
    let field: string;
    if (text.charCodeAt(i) === QUOTE) {
      const fieldLine = line;
      let value = "";
      let from = ++i;
      for (;;) {
        const close = text.indexOf('"', from);
        if (close < 0) return { line: fieldLine, message: "unterminated quoted field" };
        value += text.slice(from, close);
        if (text.charCodeAt(close + 1) === QUOTE) {
          value += '"';
          from = close + 2;
          continue;
        }
        i = close + 1;
        break;
      }
      line += countLineBreaks(value);
      field = value;
      const next = text.charCodeAt(i);
      if (i < length && next !== COMMA && next !== CR && next !== LF) {
        return { line, message: "text after a closing quote" };
      }
    } else {
      const start = i;
      while (i < length) {
        const c = text.charCodeAt(i);
        if (c === COMMA || c === CR || c === LF) break;
        if (c === QUOTE) return { line, message: "quote inside unquoted field" };
        i++;
      }
      field = text.slice(start, i);
    }
    fields.push(field);
    if (i >= length) break;
    const c = text.charCodeAt(i);
    if (c === COMMA) {
      i++;
      if (i >= length) fields.push("");
      continue;
    }
    // End of record: CRLF, LF, or a lone CR.
    i += c === CR && text.charCodeAt(i + 1) === LF ? 2 : 1;
    f({ fields, line: recordLine });
    fields = [];
    line++;
    recordLine = line;
  }
  if (fields.length > 0) f({ fields, line: recordLine });
  return undefined;
}

function countLineBreaks(value: string): number {
  let count = 0;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c === LF || (c === CR && value.charCodeAt(i + 1) !== LF)) count++;
  }
  return count;
}
