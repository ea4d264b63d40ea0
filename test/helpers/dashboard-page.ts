/**
 * Driving the dashboard's page in Chromium, for the browser tests and
 * scripts/dashboard-screenshots.ts. Page code is passed as text: these files have no DOM types.
 */
import type { Page } from "playwright-core";
import { hilbertXY } from "../../src/net/hilbert.ts";

/** The text of the element with `data-testid` id. */
export const testIdText = (page: Page, id: string) =>
  page.locator(`[data-testid="${id}"]`).innerText();

/** Resolves after the page has drawn two more animation frames. */
export const settle = (page: Page) =>
  page.evaluate("new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)))");

/** The map canvas's pixels as a data URL. */
export const mapPixels = (page: Page) =>
  page.evaluate<string>("document.querySelector('[data-testid=\"map\"]').toDataURL()");

/** Moves the scrubber to frame k (as a keyboard or pointer would, through an input event). */
export async function scrubTo(page: Page, k: number): Promise<void> {
  await page.evaluate(`(() => {
    const input = document.querySelector('[data-testid="scrubber"]');
    input.value = "${k}";
    input.dispatchEvent(new Event("input", { bubbles: true }));
  })()`);
  for (let tries = 0; ; tries++) {
    const value = await page.evaluate<string>(
      `document.querySelector('[data-testid="scrubber"]').value`,
    );
    if (value === String(k)) break;
    if (tries > 100) throw new Error(`the scrubber did not move to ${k}`);
    await page.waitForTimeout(20);
  }
  await settle(page);
}

/**
 * Scrubs to the first frame whose clock ("2001-07-19 12:00 UTC") starts with `when` or comes after
 * it, by bisection over the frames (the clock only moves forward); throws when no frame starts
 * with `when`. Returns the frame.
 */
export async function scrubToClock(page: Page, when: string): Promise<number> {
  const max = Number(await page.locator('[data-testid="scrubber"]').getAttribute("max"));
  let lo = 0;
  let hi = max;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    await scrubTo(page, mid);
    if ((await testIdText(page, "clock")) < when) lo = mid + 1;
    else hi = mid;
  }
  await scrubTo(page, lo);
  const clock = await testIdText(page, "clock");
  if (!clock.startsWith(when)) throw new Error(`no frame at ${when} (nearest: ${clock})`);
  return lo;
}

/** Clicks cell (x, y) of a `cells` x `cells` grid over the map canvas. */
export async function clickMapCell(page: Page, x: number, y: number, cells: number) {
  const map = page.locator('[data-testid="map"]');
  await map.scrollIntoViewIfNeeded();
  const box = await map.boundingBox();
  if (!box) throw new Error("the map has no box");
  await map.click({
    position: { x: ((x + 0.5) / cells) * box.width, y: ((y + 0.5) / cells) * box.height },
  });
}

/** Clicks the square of /8 number p8 on the whole-IPv4 map. */
export function clickSlash8(page: Page, p8: number): Promise<void> {
  const [x, y] = hilbertXY(4, p8);
  return clickMapCell(page, x, y, 16);
}
