/**
 * Draws the IPv4 map: a Hilbert curve over the whole address space at /24 resolution (4096 x 4096
 * cells, shown 4 cells to a pixel on a 1024-pixel canvas), or one /8 at /24 resolution, or one /16
 * at single-address resolution (4 pixels to a cell). Each cell takes the colour of its most
 * advanced host (infected now, backdoored, infected earlier, patched, vulnerable), or, in a density
 * layer, a viridis shade of its count on a log scale.
 */
import { eligibleBlocks8 } from "../../src/net/address-blocks.ts";
import { IANA_IPV4_BLOCKS } from "../../src/net/iana-table.ts";
import { CATEGORY, DEFENDED, shieldShade, viridis, type Category } from "./colors.ts";
import { BLACKLISTED, THROTTLED } from "./messages.ts";
import { hilbertIndex, hilbertXY } from "../../src/net/hilbert.ts";
import { BACKDOORED, INFECTED, PATCHED, SUSCEPTIBLE } from "../../src/plugin/host-states.ts";

/** Canvas side in pixels. */
export const MAP_SIDE = 1024;

/** Which block the map shows. */
export type MapView =
  | { readonly level: "all" }
  | { readonly level: "8"; readonly prefix8: number }
  | { readonly level: "16"; readonly prefix16: number };

/** What the cells show. */
export type MapLayer =
  | "state"
  | "infected"
  | "ever"
  | "vulnerable"
  | "patched"
  | "defended"
  | "difference"
  | "log-sources"
  | "load";

export const LAYER_LABEL: Record<MapLayer, string> = {
  state: "host states",
  infected: "infected now (density)",
  ever: "ever infected (density)",
  vulnerable: "vulnerable now (density)",
  patched: "patched (density)",
  defended: "defended / blocked",
  difference: "what-if difference (ever infected)",
  "log-sources": "your log's Code Red sources (per /16)",
  load: "probe load per /16 (load16 observers)",
};

/** The /8s IANA had designated for hosts by July 2001. */
const ALLOCATED_8 = new Set(eligibleBlocks8(IANA_IPV4_BLOCKS, "2001-07").map((b) => b.prefix8));

export const isAllocated8 = (p8: number) => ALLOCATED_8.has(p8);

/** Category ranks: a cell shows its highest. */
const RANK: readonly Category[] = [
  "allocated",
  "vulnerable",
  "patched",
  "cured",
  "backdoored",
  "infected",
];

/** The block under a pixel, and the pixel square of one cell. */
export interface CellInfo {
  /** First address and prefix length of the block the pixel covers. */
  readonly base: number;
  readonly bits: number;
}

/** The block a view shows: all of IPv4, a /8 or a /16. */
export function viewBlock(view: MapView): CellInfo {
  if (view.level === "all") return { base: 0, bits: 0 };
  if (view.level === "8") return { base: (view.prefix8 << 24) >>> 0, bits: 8 };
  return { base: (view.prefix16 << 16) >>> 0, bits: 16 };
}

/** The block under canvas pixel (px, py) in `view`. */
export function cellAt(view: MapView, px: number, py: number): CellInfo {
  if (view.level === "all") {
    // One pixel is a 4 x 4 square of /24s: a /20.
    const d = hilbertIndex(12, px * 4, py * 4) & ~15;
    return { base: (d * 256) >>> 0, bits: 20 };
  }
  const d = hilbertIndex(8, px >> 2, py >> 2);
  if (view.level === "8") return { base: ((view.prefix8 << 24) | (d << 8)) >>> 0, bits: 24 };
  return { base: ((view.prefix16 << 16) | d) >>> 0, bits: 32 };
}

const viewKey = (view: MapView) =>
  view.level === "all" ? "all" : view.level === "8" ? `8:${view.prefix8}` : `16:${view.prefix16}`;

/** Per population and view: each host's pixel (the top-left one of its cell), -1 out of view. */
const pixelCache = new WeakMap<Uint32Array, Map<string, Int32Array>>();

/** The pixel of each host in `view`, computed once per population and view, not per frame. */
export function viewPixels(addresses: Uint32Array, view: MapView): Int32Array {
  let perView = pixelCache.get(addresses);
  if (!perView) pixelCache.set(addresses, (perView = new Map<string, Int32Array>()));
  const key = viewKey(view);
  const cached = perView.get(key);
  if (cached) return cached;
  const out = new Int32Array(addresses.length).fill(-1);
  for (let h = 0; h < addresses.length; h++) {
    const a = addresses[h];
    if (view.level === "all") {
      // 4 x 4 /24s to a pixel.
      const [x, y] = hilbertXY(12, a >>> 8);
      out[h] = (x >> 2) + (y >> 2) * MAP_SIDE;
    } else if (view.level === "8" ? a >>> 24 === view.prefix8 : a >>> 16 === view.prefix16) {
      // A /24 (in a /8) or an address (in a /16) to a 4 x 4 square.
      const [x, y] = hilbertXY(8, view.level === "8" ? (a >>> 8) & 0xffff : a & 0xffff);
      out[h] = x * 4 + y * 4 * MAP_SIDE;
    }
  }
  if (perView.size >= 6) perView.clear();
  perView.set(key, out);
  return out;
}

/** Paints the square of `side` pixels at (x0, y0) in `rgb`, opaque. */
function fillSquare(
  data: Uint8ClampedArray,
  x0: number,
  y0: number,
  side: number,
  rgb: readonly number[],
): void {
  for (let y = y0; y < y0 + side; y++) {
    let i = (y * MAP_SIDE + x0) * 4;
    for (let x = 0; x < side; x++, i += 4) {
      data[i] = rgb[0];
      data[i + 1] = rgb[1];
      data[i + 2] = rgb[2];
      data[i + 3] = 255;
    }
  }
}

/** The pixel square [x0, y0, side] of /16 number p16 in `view`, or null when it is not shown. */
function square16(view: MapView, p16: number): [number, number, number] | null {
  if (view.level === "all") {
    const [x, y] = hilbertXY(8, p16);
    return [x * 4, y * 4, 4];
  }
  if (view.level === "8") {
    if (p16 >>> 8 !== view.prefix8) return null;
    const [x, y] = hilbertXY(4, p16 & 255);
    return [x * 64, y * 64, 64];
  }
  return p16 === view.prefix16 ? [0, 0, MAP_SIDE] : null;
}

/** What one frame of the map needs. */
export interface MapFrame {
  readonly view: MapView;
  readonly layer: MapLayer;
  readonly addresses: Uint32Array;
  readonly state: Uint8Array;
  readonly firstInfectedFrame: Uint16Array;
  readonly frame: number;
  /** The what-if run's first-infection frames (same hosts, same frames), for the difference layer. */
  readonly variantFirstInfectedFrame?: Uint16Array;
  /** A dropped log's Code Red sources per /16: [first address, crv1v2, crii, unknown]. */
  readonly logBlocks?: readonly (readonly [number, number, number, number])[];
  /** The defended layer: per host flags (BLACKLISTED | THROTTLED) and per-/16 filtered shares. */
  readonly flags?: Uint8Array;
  readonly inbound16?: Float32Array | null;
  /** Probe load this minute per /16 of the load16 observers, and the run's largest. */
  readonly load?: {
    readonly blocks: readonly (readonly [number, number])[];
    readonly most: number;
  };
}

/** Paints /16 blocks, [/16 number, value], viridis on a log scale of value up to `most`. */
function drawBlocks16(
  data: Uint8ClampedArray,
  view: MapView,
  blocks: readonly (readonly [number, number])[],
  most: number,
): void {
  const logMost = Math.log(Math.max(1, most) + 1);
  for (const [p16, n] of blocks) {
    if (!(n > 0)) continue;
    const sq = square16(view, p16);
    if (sq) fillSquare(data, sq[0], sq[1], sq[2], viridis(Math.log(n + 1) / logMost));
  }
}

/** A dropped log's Code Red sources per /16. */
function drawLogBlocks(data: Uint8ClampedArray, f: MapFrame): void {
  const blocks = (f.logBlocks ?? []).map((b) => [b[0] >>> 16, b[1] + b[2] + b[3]] as const);
  let most = 1;
  for (const b of blocks) most = Math.max(most, b[1]);
  drawBlocks16(data, f.view, blocks, most);
}

/** Paints a 3 x 3 mark centred on pixel px (a lone host stays visible at the whole-IPv4 zoom). */
function mark(data: Uint8ClampedArray, px: number, rgb: readonly number[]): void {
  const x0 = px % MAP_SIDE;
  const y0 = (px - x0) / MAP_SIDE;
  for (let y = Math.max(0, y0 - 1); y <= Math.min(MAP_SIDE - 1, y0 + 1); y++) {
    for (let x = Math.max(0, x0 - 1); x <= Math.min(MAP_SIDE - 1, x0 + 1); x++) {
      const i = (y * MAP_SIDE + x) * 4;
      data[i] = rgb[0];
      data[i + 1] = rgb[1];
      data[i + 2] = rgb[2];
    }
  }
}

/**
 * The defended layer: /16s of allocated space shaded by the share of probes filtered before they
 * reach them (unallocated space holds no host to shield), then the hosts a defense acts on
 * (blacklisted over throttled).
 */
function drawDefended(data: Uint8ClampedArray, f: MapFrame): void {
  const share = f.inbound16;
  if (share) {
    for (let p16 = 0; p16 < 65536; p16++) {
      if (!(share[p16] > 0) || !isAllocated8(p16 >>> 8)) continue;
      const sq = square16(f.view, p16);
      if (sq) fillSquare(data, sq[0], sq[1], sq[2], shieldShade(share[p16]));
    }
  }
  const flags = f.flags;
  if (!flags || flags.length === 0) return;
  const pixels = viewPixels(f.addresses, f.view);
  const scale = f.view.level === "all" ? 1 : 4;
  const best = new Map<number, number>();
  for (let h = 0; h < pixels.length; h++) {
    const px = pixels[h];
    if (px < 0 || flags[h] === 0) continue;
    const r = flags[h] & BLACKLISTED ? 2 : 1;
    if (r > (best.get(px) ?? 0)) best.set(px, r);
  }
  for (const [px, r] of best) {
    const rgb = r === 2 ? DEFENDED.blacklisted : DEFENDED.throttled;
    if (scale === 1 && r === 2) mark(data, px, rgb);
    else {
      const x0 = px % MAP_SIDE;
      fillSquare(data, x0, (px - x0) / MAP_SIDE, scale, rgb);
    }
  }
}

/** Difference-layer ranks: infected in both, spared by the what-if, infected only with it. */
const DIFFERENCE: readonly (readonly number[])[] = [
  CATEGORY.allocated,
  CATEGORY.vulnerable,
  CATEGORY.cured,
  CATEGORY.infected,
];

export const DIFFERENCE_LABEL: readonly [string, readonly number[]][] = [
  ["ever infected in both runs", CATEGORY.infected],
  ["spared by the what-if", CATEGORY.vulnerable],
  ["infected only with the what-if", CATEGORY.cured],
];

/** Scratch buffers reused between frames. */
const rank = new Uint8Array(MAP_SIDE * MAP_SIDE);
const count = new Uint32Array(MAP_SIDE * MAP_SIDE);

/** The background of a view (allocated and unallocated space), cached per view. */
const backgrounds = new Map<string, Uint8ClampedArray>();

function background(view: MapView): Uint8ClampedArray {
  const key = viewKey(view);
  const cached = backgrounds.get(key);
  if (cached) return cached;
  const data = new Uint8ClampedArray(MAP_SIDE * MAP_SIDE * 4);
  const un = CATEGORY.unallocated;
  const al = CATEGORY.allocated;
  if (view.level === "all") {
    // A /8 is a 256 x 256 square of /24s: 64 x 64 pixels.
    for (let p = 0; p < 256; p++) {
      const [x, y] = hilbertXY(4, p);
      fillSquare(data, x * 64, y * 64, 64, isAllocated8(p) ? al : un);
    }
  } else {
    const p8 = view.level === "8" ? view.prefix8 : view.prefix16 >>> 8;
    fillSquare(data, 0, 0, MAP_SIDE, isAllocated8(p8) ? al : un);
  }
  if (backgrounds.size > 8) backgrounds.clear();
  backgrounds.set(key, data);
  return data;
}

/** Draws one frame into `image` (MAP_SIDE x MAP_SIDE). */
export function drawMap(image: ImageData, f: MapFrame): void {
  const data = image.data;
  data.set(background(f.view));
  if (f.layer === "log-sources") {
    drawLogBlocks(data, f);
    return;
  }
  if (f.layer === "load") {
    drawBlocks16(data, f.view, f.load?.blocks ?? [], f.load?.most ?? 1);
    return;
  }
  if (f.layer === "defended") {
    drawDefended(data, f);
    return;
  }
  rank.fill(0);
  count.fill(0);
  const difference = f.layer === "difference";
  const density = f.layer !== "state" && !difference;
  const variantFirst = f.variantFirstInfectedFrame;
  const scale = f.view.level === "all" ? 1 : 4;
  const pixels = viewPixels(f.addresses, f.view);
  const touched: number[] = [];
  for (let h = 0; h < pixels.length; h++) {
    const px = pixels[h];
    if (px < 0) continue;
    const s = f.state[h];
    const ever = f.firstInfectedFrame[h] <= f.frame;
    let r: number;
    if (s === INFECTED) r = 5;
    else if (s === BACKDOORED) r = 4;
    else if (ever) r = 3;
    else if (s === PATCHED) r = 2;
    else r = 1;
    if (difference) {
      const inVariant = variantFirst !== undefined && variantFirst[h] <= f.frame;
      const d = ever && inVariant ? 3 : ever ? 1 : inVariant ? 2 : 0;
      if (d === 0) continue;
      if (rank[px] === 0) touched.push(px);
      if (d > rank[px]) rank[px] = d;
      continue;
    }
    if (density) {
      const hit =
        f.layer === "infected"
          ? s === INFECTED
          : f.layer === "ever"
            ? ever
            : f.layer === "vulnerable"
              ? s === SUSCEPTIBLE
              : s === PATCHED;
      if (!hit) continue;
      if (count[px] === 0) touched.push(px);
      count[px]++;
    } else if (r > rank[px]) {
      if (rank[px] === 0) touched.push(px);
      rank[px] = r;
    }
  }
  // At the whole-IPv4 zoom one pixel is a /20: a lone infected host would vanish among vulnerable
  // ones, so infected pixels are drawn as 3 x 3 marks over the rest.
  const marks: number[] = [];
  if (!density && f.view.level === "all")
    for (const px of touched) if (rank[px] >= 4) marks.push(px);
  let most = 1;
  if (density) for (const px of touched) if (count[px] > most) most = count[px];
  const logMost = Math.log(most + 1);
  for (const px of touched) {
    const rgb = difference
      ? DIFFERENCE[rank[px]]
      : density
        ? viridis(Math.log(count[px] + 1) / logMost)
        : CATEGORY[RANK[rank[px]] ?? "allocated"];
    const x0 = px % MAP_SIDE;
    fillSquare(data, x0, (px - x0) / MAP_SIDE, scale, rgb);
  }
  for (const px of marks) mark(data, px, CATEGORY[RANK[rank[px]]]);
}

/** The /8 grid and its labels (whole-IPv4 view), drawn on the overlay canvas over the cells. */
export function drawGrid(ctx: CanvasRenderingContext2D, view: MapView): void {
  ctx.clearRect(0, 0, MAP_SIDE, MAP_SIDE);
  if (view.level !== "all") return;
  ctx.save();
  ctx.strokeStyle = "rgba(255, 255, 255, 0.18)";
  ctx.lineWidth = 1;
  ctx.font = "11px system-ui, sans-serif";
  ctx.fillStyle = "rgba(255, 255, 255, 0.7)";
  for (let p = 0; p < 256; p++) {
    const [cx, cy] = hilbertXY(4, p);
    const x = cx * 64;
    const y = cy * 64;
    ctx.strokeRect(x + 0.5, y + 0.5, 64, 64);
    // A dark outline keeps the label readable on light cells (the defended layer's shields).
    ctx.strokeStyle = "rgba(0, 0, 0, 0.6)";
    ctx.lineWidth = 2.5;
    ctx.strokeText(String(p), x + 3, y + 12);
    ctx.strokeStyle = "rgba(255, 255, 255, 0.18)";
    ctx.lineWidth = 1;
    ctx.fillText(String(p), x + 3, y + 12);
  }
  ctx.restore();
}

/** Host counts by state in a block, and its country mix. */
export interface BlockCounts {
  readonly hosts: number;
  readonly infected: number;
  readonly ever: number;
  readonly patched: number;
  readonly vulnerable: number;
  /** Hosts a blacklist blocks and hosts a rate limit throttles (0 without such defenses). */
  readonly blacklisted: number;
  readonly throttled: number;
  readonly countries: readonly [string, number][];
}

/** Counts the hosts of block (base, bits) at the current frame. */
export function blockCounts(
  base: number,
  bits: number,
  f: Omit<MapFrame, "view" | "layer"> & {
    readonly country: Uint8Array;
    readonly countries: readonly string[];
  },
): BlockCounts {
  const shift = 32 - bits;
  const key = shift === 32 ? 0 : base >>> shift;
  let hosts = 0;
  let infected = 0;
  let ever = 0;
  let patched = 0;
  let vulnerable = 0;
  let blacklisted = 0;
  let throttled = 0;
  const flags = f.flags && f.flags.length > 0 ? f.flags : null;
  const byCountry = new Map<number, number>();
  for (let h = 0; h < f.addresses.length; h++) {
    if ((shift === 32 ? 0 : f.addresses[h] >>> shift) !== key) continue;
    hosts++;
    const s = f.state[h];
    if (s === INFECTED) infected++;
    else if (s === PATCHED) patched++;
    else if (s === SUSCEPTIBLE) vulnerable++;
    if (f.firstInfectedFrame[h] <= f.frame) ever++;
    if (flags) {
      if (flags[h] & BLACKLISTED) blacklisted++;
      if (flags[h] & THROTTLED) throttled++;
    }
    byCountry.set(f.country[h], (byCountry.get(f.country[h]) ?? 0) + 1);
  }
  const countries = [...byCountry]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 4)
    .map(([c, k]) => [f.countries[c] ?? "?", k] as [string, number]);
  return { hosts, infected, ever, patched, vulnerable, blacklisted, throttled, countries };
}
