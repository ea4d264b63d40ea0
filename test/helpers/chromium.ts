/**
 * Debian's headless Chromium for the browser tests (installed by scripts/ensure-chromium.sh, which
 * `npm test` runs first), driven by playwright-core: no browser download.
 */
import { existsSync } from "node:fs";
import { chromium, type Browser } from "playwright-core";

const CANDIDATES = ["/usr/bin/chromium-headless-shell", "/usr/bin/chromium"];

/** The Chromium executable, or an Error saying how to install one. */
export function chromiumPath(): string {
  const found = CANDIDATES.find((p) => existsSync(p));
  if (!found) {
    throw new Error(
      `no Chromium at ${CANDIDATES.join(" or ")}: run bash scripts/ensure-chromium.sh (npm test does)`,
    );
  }
  return found;
}

/** Launches headless Chromium with the flags a sandboxed CI machine needs. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath(),
    args: [
      "--no-sandbox",
      "--disable-background-networking",
      "--disable-component-update",
      "--no-first-run",
      "--enable-unsafe-swiftshader",
    ],
  });
}
