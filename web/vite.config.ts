/**
 * The dashboard's build (`npm run build` runs it into dist/web/ through scripts/build.ts): static
 * files that work from any static host and from `wormscope dashboard`. Relative asset paths, so the
 * app works under any base path; no inline scripts (the server's CSP forbids them).
 */
import preact from "@preact/preset-vite";
import { defineConfig } from "vite";

export default defineConfig({
  root: import.meta.dirname,
  base: "./",
  plugins: [preact()],
  build: {
    target: "es2022",
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    reportCompressedSize: false,
  },
  worker: { format: "es" },
});
