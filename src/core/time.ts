/** ISO 8601 UTC text for an epoch-milliseconds instant, without ".000" when milliseconds are zero. */
export function isoUtc(epochMs: number): string {
  const s = new Date(epochMs).toISOString();
  return s.endsWith(".000Z") ? `${s.slice(0, -5)}Z` : s;
}
