/** Number formats of the page: counts with thousands separators, shares as percentages. */
export const fmt = (n: number) => Math.round(n).toLocaleString("en-US");
export const pct = (share: number) => `${(share * 100).toFixed(1)}%`;
