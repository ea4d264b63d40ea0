/** Small timing helpers shared by the benchmark sections. */

/** Median of a non-empty list. */
export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

/** CPU time (user + system) of the whole process so far, all threads, seconds. */
export function processCpuSeconds(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
}

/**
 * Runs `f` and returns its result with the elapsed wall time and the process CPU time it took, in
 * seconds. On a shared machine the CPU time is the steadier figure: wall time includes waiting for a
 * core.
 */
export function timed<T>(f: () => T): { value: T; seconds: number; cpuSeconds: number } {
  const c0 = processCpuSeconds();
  const t0 = performance.now();
  const value = f();
  return {
    value,
    seconds: (performance.now() - t0) / 1000,
    cpuSeconds: processCpuSeconds() - c0,
  };
}

/** The same for an async function (CPU time includes worker threads). */
export async function timedAsync<T>(
  f: () => Promise<T>,
): Promise<{ value: T; seconds: number; cpuSeconds: number }> {
  const c0 = processCpuSeconds();
  const t0 = performance.now();
  const value = await f();
  return {
    value,
    seconds: (performance.now() - t0) / 1000,
    cpuSeconds: processCpuSeconds() - c0,
  };
}

/** Peak resident set size of this process so far (all threads), megabytes. */
export function peakRssMB(): number {
  return process.resourceUsage().maxRSS / 1024;
}

/** Progress line on stderr (stdout is kept for the table or the JSON). */
export function note(text: string): void {
  process.stderr.write(`bench: ${text}\n`);
}
