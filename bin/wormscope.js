#!/usr/bin/env node
// Runs the compiled CLI, dist/cli/main.js (built by `npm run build`; `npm ci` runs it as `prepare`).
import { existsSync } from "node:fs";

const main = new URL("../dist/cli/main.js", import.meta.url);
if (!existsSync(main)) {
  process.stderr.write("wormscope: dist/cli/main.js is missing: run `npm run build` first\n");
  process.exit(2);
}
await import(main.href);
