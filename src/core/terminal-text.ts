/**
 * Text from user input (file names, log-derived strings, scenario names, error messages quoting a
 * file) made safe to print on a terminal.
 */

/** C0 controls, DEL and C1 controls (U+0080-U+009F, which include the 8-bit CSI). */
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f-\u009f]/g;

/** The same, except the line feed. */
const CONTROL_CHARACTERS_BUT_LF = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/g;

/**
 * `text` without control characters, so that a string from user input (a scenario or observer
 * name, a file name) cannot move the cursor, clear the screen or retitle the terminal when printed.
 */
export function printable(text: string): string {
  return text.replace(CONTROL_CHARACTERS, "");
}

/**
 * {@link printable}, keeping line feeds: for messages of several lines (a host list's bad rows)
 * whose parts may quote user input.
 */
export function printableLines(text: string): string {
  return text.replace(CONTROL_CHARACTERS_BUT_LF, "");
}
