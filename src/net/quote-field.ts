/** Quoting a field of an input file in an error message. */

/**
 * A field as quoted in an error message: control characters removed, at most 40 characters, so that
 * a message never echoes more of a file (say one given by mistake, such as /etc/shadow) than the start
 * of the offending field, nor drives the terminal.
 */
export function quoteField(text: string): string {
  const clean = text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, "");
  return clean.length > 40 ? `${clean.slice(0, 40)}...` : clean;
}
