/**
 * Colour scales that colour-blind readers can tell apart: Okabe and Ito's palette for host states,
 * and viridis for densities (perceptually uniform, readable in grey).
 * @see https://jfly.uni-koeln.de/color/ (Okabe and Ito, "Color Universal Design")
 * @see https://bids.github.io/colormap/ (viridis)
 */

/** RGB of each map category. */
export const CATEGORY = {
  unallocated: [8, 8, 10],
  allocated: [62, 68, 80],
  vulnerable: [0, 114, 178],
  patched: [0, 158, 115],
  cured: [240, 228, 66],
  infected: [213, 94, 0],
  backdoored: [204, 121, 167],
} as const;

export type Category = keyof typeof CATEGORY;

/**
 * The defended layer: hosts a defense acts on, in the two Okabe and Ito colours the host states
 * leave free, over /16s shaded from the allocated grey to near white by the share of probes
 * filtered before they arrive.
 */
export const DEFENDED = {
  blacklisted: [230, 159, 0],
  throttled: [86, 180, 233],
  shieldLow: CATEGORY.allocated,
  shieldHigh: [225, 228, 235],
} as const;

export const DEFENDED_LABEL = {
  blacklisted: "address blacklisted (its probes are dropped)",
  throttled: "rate-limited (throttled)",
} as const;

/** The shield shade for a filtered share in [0, 1]. */
export function shieldShade(share: number): [number, number, number] {
  const t = Math.min(1, Math.max(0, share));
  const a = DEFENDED.shieldLow;
  const b = DEFENDED.shieldHigh;
  return [0, 1, 2].map((i) => Math.round(a[i] + (b[i] - a[i]) * t)) as [number, number, number];
}

export const CATEGORY_LABEL: Record<Category, string> = {
  unallocated: "not allocated by IANA (July 2001)",
  allocated: "allocated, no vulnerable host",
  vulnerable: "vulnerable, never infected",
  patched: "patched",
  cured: "infected earlier, not now",
  infected: "infected now",
  backdoored: "backdoored (Code Red II)",
};

export const cssColor = (rgb: readonly number[]) => `rgb(${rgb[0]}, ${rgb[1]}, ${rgb[2]})`;

/** Viridis at 9 stops (matplotlib's), interpolated. */
const VIRIDIS = [
  [68, 1, 84],
  [72, 40, 120],
  [62, 74, 137],
  [49, 104, 142],
  [38, 130, 142],
  [31, 158, 137],
  [53, 183, 121],
  [109, 205, 89],
  [253, 231, 37],
];

/** Viridis at t in [0, 1], as [r, g, b]. */
export function viridis(t: number): [number, number, number] {
  const x = Math.min(1, Math.max(0, t)) * (VIRIDIS.length - 1);
  const i = Math.min(VIRIDIS.length - 2, Math.floor(x));
  const f = x - i;
  const a = VIRIDIS[i];
  const b = VIRIDIS[i + 1];
  return [
    Math.round(a[0] + (b[0] - a[0]) * f),
    Math.round(a[1] + (b[1] - a[1]) * f),
    Math.round(a[2] + (b[2] - a[2]) * f),
  ];
}
