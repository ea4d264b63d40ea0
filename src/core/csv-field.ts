/**
 * One CSV field as every CSV wormscope writes quotes it: per RFC 4180 when it holds a comma, a quote
 * or a line break, and a string with a leading `=`, `+`, `-`, `@`, tab or CR is prefixed with `'` so
 * spreadsheets do not run it as a formula. Numbers are written as they are.
 */
export function csvField(value: string | number | null): string {
  if (value === null) return "";
  let s = String(value);
  if (typeof value === "string" && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** One CSV record (no line end): the fields through {@link csvField}, joined by commas. */
export function csvRecord(fields: ReadonlyArray<string | number | null>): string {
  return fields.map(csvField).join(",");
}
