/** Small timing helpers shared by the benchmark sections. */

/** Median of a non-empty list. */
export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

/** Runs `f` and returns its result with the elapsed wall time in seconds. */
export function timed<T>(f: () => T): { value: T; seconds: number } {
  const t0 = performance.now();
  const value = f();
  return { value, seconds: (performance.now() - t0) / 1000 };
}

/** The same for an async function. */
export async function timedAsync<T>(f: () => Promise<T>): Promise<{ value: T; seconds: number }> {
  const t0 = performance.now();
  const value = await f();
  return { value, seconds: (performance.now() - t0) / 1000 };
}

/** Peak resident set size of this process so far (all threads), megabytes. */
export function peakRssMB(): number {
  return process.resourceUsage().maxRSS / 1024;
}

/** Progress line on stderr (stdout is kept for the table or the JSON). */
export function note(text: string): void {
  process.stderr.write(`bench: ${text}\n`);
}
