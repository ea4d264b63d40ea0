/**
 * Writes the dashboard's screenshots in docs/img/ (`npx tsx scripts/dashboard-screenshots.ts`, after
 * `npm run build`): the whole page at 1280x800 for jul19-2001 (seed 1) and its map at 12:00, 16:00
 * and 20:00 UTC; a what-if (a content filter on the top 20 ASes after 9 hours) with its difference
 * map and the defended layer of its filter; a dropped synthetic log's report; and aug04-2001's Code Red II clusters in one /8, where its
 * local preference fills /16s around infected hosts.
 */
import { writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { SyntheticCombinedLog } from "../src/analysis/synthetic/combined-log.ts";
import { startDashboardServer } from "../src/node/dashboard-server.ts";
import { launchChromium } from "../test/helpers/chromium.ts";
import { clickSlash8, scrubToClock, settle } from "../test/helpers/dashboard-page.ts";
import { realCodeRedTail } from "../test/support/analyze-test-helpers.ts";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const IMG = join(ROOT, "docs", "img");

const server = await startDashboardServer({ root: join(ROOT, "dist", "web"), port: 0 });
const browser = await launchChromium();
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await page.goto(server.url);
  await page.locator('[data-testid="infected-ever"]').waitFor({ timeout: 120_000 });
  await page.screenshot({ path: join(IMG, "dashboard.png") });
  for (const hhmm of ["12:00", "16:00", "20:00"]) {
    await scrubToClock(page, `2001-07-19 ${hhmm}`);
    await page
      .locator('[data-testid="map"]')
      .screenshot({ path: join(IMG, `dashboard-map-jul19-${hhmm.replace(":", "")}.png`) });
  }
  await page.locator('[data-testid="whatif-run"]').click();
  await page.locator('[data-testid="whatif-ever"]').waitFor({ timeout: 120_000 });
  await scrubToClock(page, "2001-07-19 22:00");
  await page.locator(".panes").screenshot({ path: join(IMG, "dashboard-whatif.png") });
  // The what-if's content filter, /16 by /16, an hour after it came on.
  await page.locator('[data-testid="layer"]').selectOption("defended");
  await scrubToClock(page, "2001-07-19 20:00");
  await settle(page);
  await page.locator(".panes").screenshot({ path: join(IMG, "dashboard-defended.png") });

  const log = new SyntheticCombinedLog({ seed: 7, codeRedTail: realCodeRedTail() }).next(20_000);
  const path = join(tmpdir(), `wormscope-screens-${process.pid}.log.gz`);
  writeFileSync(path, gzipSync(Buffer.from(log, "latin1")));
  await page.locator('[data-testid="log-files"]').setInputFiles(path);
  await page.locator('[data-testid="log-report"]').waitFor({ timeout: 60_000 });
  await page.locator(".logs").screenshot({ path: join(IMG, "dashboard-log-report.png") });

  // aug04-2001: Code Red II's clusters in 24.0.0.0/8, a day and a half after its start.
  await page.locator('[data-testid="preset"]').selectOption("aug04-2001");
  await page.locator('[data-testid="progress"]').waitFor({ state: "detached", timeout: 300_000 });
  await page.locator('[data-testid="layer"]').selectOption("state");
  await scrubToClock(page, "2001-08-05 12");
  await clickSlash8(page, 24);
  await settle(page);
  await page.locator(".panes").screenshot({ path: join(IMG, "dashboard-aug04-crii-24.png") });
  // The same /8's probe load (its load16 observer), at the same minute.
  await page.locator('[data-testid="layer"]').selectOption("load");
  await settle(page);
  await page.locator(".panes").screenshot({ path: join(IMG, "dashboard-aug04-load-24.png") });
  process.stdout.write(`wrote the dashboard's screenshots in ${IMG}\n`);
} finally {
  await browser.close();
  await server.close();
}
