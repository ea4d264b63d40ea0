/** Command-line helpers shared by the research scripts in scripts/. */

/** The value after `name` on the command line, or `fallback` when the flag is absent. */
export function flag(name: string, fallback: string): string {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : fallback;
}

/** Prints `help` and exits 0 when the command line asks for it (--help or -h). */
export function helpRequested(help: string): void {
  if (process.argv.includes("--help") || process.argv.includes("-h")) {
    console.log(help);
    process.exit(0);
  }
}
