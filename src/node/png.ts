/**
 * SVG to PNG conversion for Node, with resvg (a Rust renderer, no browser, no compilation).
 */
import { existsSync } from "node:fs";
import { Resvg, type ResvgRenderOptions } from "@resvg/resvg-js";

/** Font directories searched besides the system's fontconfig list (Debian, Alpine, macOS). */
const FONT_DIRS = ["/usr/share/fonts", "/usr/local/share/fonts", "/System/Library/Fonts"];

/** The family charts ask for first (see src/report/line-chart.ts); Debian's fonts-dejavu-core. */
const PREFERRED_FAMILY = "DejaVu Sans";

/**
 * Rasterises an SVG document to PNG bytes, `widthPx` wide (default: the SVG's own width).
 *
 * Text needs fonts: system fonts are loaded, and "DejaVu Sans" is the default and sans-serif family.
 * On a machine with no fonts at all, shapes still render but text is silently dropped by resvg;
 * install a font package (Debian: fonts-dejavu-core) to get labels.
 */
export function svgToPng(svg: string, widthPx?: number): Uint8Array {
  const options: ResvgRenderOptions = {
    background: "#ffffff",
    fitTo: widthPx === undefined ? { mode: "original" } : { mode: "width", value: widthPx },
    font: {
      loadSystemFonts: true,
      fontDirs: FONT_DIRS.filter((dir) => existsSync(dir)),
      defaultFontFamily: PREFERRED_FAMILY,
      sansSerifFamily: PREFERRED_FAMILY,
    },
    logLevel: "off",
  };
  const png = new Resvg(svg, options).render().asPng();
  return new Uint8Array(png.buffer, png.byteOffset, png.byteLength);
}
