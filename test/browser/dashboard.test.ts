/**
 * The dashboard in a real browser (Debian's headless Chromium, driven by playwright-core): the
 * default preset runs in the worker and shows the CLI's figures for the same seed; scrubbing
 * changes the map's pixels; an invalid scenario shows the CLI's message. One server and one browser
 * for the file. Screenshots go to out/test-artifacts/dashboard/. Timings are printed, never asserted.
 */
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { tmpdir } from "node:os";
import { gzipSync } from "node:zlib";
import { fileURLToPath } from "node:url";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CLASS_NAMES } from "../../src/analysis/classes.ts";
import { aggregateEnsemble, ensembleMember, ensembleSeeds } from "../../src/report/ensemble.ts";
import { InputReader } from "../../src/analysis/input-reader.ts";
import { summarize } from "../../src/analysis/report/summary.ts";
import { SyntheticCombinedLog } from "../../src/analysis/synthetic/combined-log.ts";
import { Tally } from "../../src/analysis/tally/tally.ts";
import { parseScenario, resolveScenario } from "../../src/scenario/resolve.ts";
import { buildModelPopulation, runSimulation } from "../../src/scenario/run.ts";
import { startDashboardServer, type DashboardServer } from "../../src/node/dashboard-server.ts";
import { createSimulation } from "../../src/scenario/simulation.ts";
import { CATEGORY, shieldShade } from "../../web/src/colors.ts";
import { eligibleBlocks8 } from "../../src/net/address-blocks.ts";
import { IANA_IPV4_BLOCKS } from "../../src/net/iana-table.ts";
import { launchChromium } from "../helpers/chromium.ts";
import {
  clickMapCell,
  clickSlash8,
  mapPixels,
  scrubToClock,
  settle,
  testIdText,
} from "../helpers/dashboard-page.ts";
import { realCodeRedTail } from "../support/analyze-test-helpers.ts";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const WEB = join(ROOT, "dist", "web");
const ARTIFACTS = join(ROOT, "out", "test-artifacts", "dashboard");

interface PageRun {
  summary: {
    infectedEver: number;
    peakNewPerMinute: number;
    peakAt: string | null;
    scenarioHash: string;
    seed: number;
    version: string;
    telescope: { uniqueSources: number } | null;
  };
  workerMs: number;
  requestToResultMs: number;
  timings: { populationMs: number; engineMs: number; framesMs: number };
}

const text = testIdText;

/** The page's default what-if as the CLI resolves it: a content filter on the top 20 ASes at 19:00. */
const whatIfScenario = () =>
  resolveScenario(
    parseScenario(
      {
        extends: "jul19-2001",
        seed: 1,
        defenses: [{ type: "content-filter", reactionMinutes: 540, deployment: { topAses: 20 } }],
      },
      "t",
    ),
  );

/** Map pixels in neither background colour (allocated or not): what a layer painted. */
const shadedPixels = (page: Page) =>
  page.evaluate<number>(`(() => {
    const c = document.querySelector('[data-testid="map"]');
    const d = c.getContext("2d").getImageData(0, 0, c.width, c.height).data;
    const bg = [${[...CATEGORY.allocated, ...CATEGORY.unallocated].join(", ")}];
    let n = 0;
    for (let i = 0; i < d.length; i += 4) {
      const a = d[i] === bg[0] && d[i + 1] === bg[1] && d[i + 2] === bg[2];
      const u = d[i] === bg[3] && d[i + 1] === bg[4] && d[i + 2] === bg[5];
      if (!a && !u) n++;
    }
    return n;
  })()`);

/** A count as the page shows it (written here, not taken from the page's code). */
const fmt = (n: number | null) => Math.round(n ?? NaN).toLocaleString("en-US");

describe("dashboard in headless Chromium", () => {
  let server: DashboardServer;
  let browser: Browser;
  let page: Page;
  let firstPaintMs = NaN;
  let pageRun: PageRun;

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    server = await startDashboardServer({ root: WEB, port: 0 });
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    await page.goto(server.url);
    await page.locator('[data-testid="infected-ever"]').waitFor({ timeout: 90_000 });
    pageRun = await page.evaluate<PageRun>("window.wormscopeRun");
    firstPaintMs = await page.evaluate<number>(
      'performance.getEntriesByName("first-contentful-paint")[0]?.startTime ?? NaN',
    );
    expect(errors).toEqual([]);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it("runs the default preset in the worker and shows the CLI's figures for seed 1", async () => {
    const scenario = resolveScenario(parseScenario({ extends: "jul19-2001" }, "t"), { seed: 1 });
    const cli = runSimulation(scenario, buildModelPopulation(scenario));
    const s = cli.summary;
    expect(pageRun.summary.seed).toBe(1);
    expect(pageRun.summary.scenarioHash).toBe(s.scenarioHash);
    expect(pageRun.summary.infectedEver).toBe(s.infectedEver);
    expect(pageRun.summary.peakNewPerMinute).toBe(s.peakNewPerMinute);
    expect(pageRun.summary.peakAt).toBe(s.peakAt);
    expect(pageRun.summary.telescope?.uniqueSources).toBe(s.telescope?.uniqueSources);
    expect(await text(page, "infected-ever")).toBe(fmt(s.infectedEver));
    expect(await text(page, "peak")).toBe(fmt(s.peakNewPerMinute));
    expect(await text(page, "telescope")).toBe(fmt(s.telescope?.uniqueSources ?? -1));
    await page.screenshot({ path: join(ARTIFACTS, "dashboard-1280x800.png"), fullPage: true });
    const sizes = readdirSync(join(WEB, "assets"))
      .filter((f) => f.endsWith(".js"))
      .map((f) => {
        const bytes = readFileSync(join(WEB, "assets", f));
        return `${f} ${(statSync(join(WEB, "assets", f)).size / 1024).toFixed(0)} kB (${(gzipSync(bytes).length / 1024).toFixed(0)} kB gzipped)`;
      });
    const report = [
      `first contentful paint: ${firstPaintMs.toFixed(0)} ms`,
      `request to finished jul19-2001 run (worker): ${pageRun.requestToResultMs.toFixed(0)} ms (worker ${pageRun.workerMs.toFixed(0)} ms: population ${pageRun.timings.populationMs.toFixed(0)}, engine ${pageRun.timings.engineMs.toFixed(0)}, frames ${pageRun.timings.framesMs.toFixed(0)})`,
      ...sizes,
    ];
    console.log(report.join("\n"));
    writeFileSync(join(ARTIFACTS, "timings.txt"), report.join("\n") + "\n");
  });

  it("scrubs: the clock follows and the map's pixels change between 12:00, 16:00 and 20:00", async () => {
    const shots: string[] = [];
    for (const hhmm of ["12:00", "16:00", "20:00"]) {
      await scrubToClock(page, `2001-07-19 ${hhmm}`);
      expect(await text(page, "clock")).toBe(`2001-07-19 ${hhmm} UTC`);
      const pixels = await mapPixels(page);
      // A blank or uniform canvas compresses to a few kB; the map has detail.
      expect(pixels.length).toBeGreaterThan(20_000);
      shots.push(pixels);
      await page
        .locator('[data-testid="map"]')
        .screenshot({ path: join(ARTIFACTS, `map-jul19-${hhmm.replace(":", "")}.png`) });
    }
    expect(new Set(shots).size).toBe(3);
    const quantiles = (xs: number[]) => {
      const sorted = [...xs].sort((a, b) => a - b);
      return `median ${sorted[Math.floor(sorted.length / 2)].toFixed(1)} ms, 95th percentile ${sorted[Math.floor(sorted.length * 0.95)].toFixed(1)} ms over ${sorted.length} frames`;
    };
    const scrubbed = await page.evaluate<number[]>("window.wormscopeFrameMs");
    // Play from 18:00 at 1x (a frame a tick) for about a second.
    await scrubToClock(page, "2001-07-19 18:00");
    const before = (await page.evaluate<number[]>("window.wormscopeFrameMs")).length;
    await page.locator('[data-testid="speed"]').selectOption("1");
    await page.locator('[data-testid="play"]').click();
    await page.waitForTimeout(1200);
    await page.locator('[data-testid="play"]').click();
    const played = (await page.evaluate<number[]>("window.wormscopeFrameMs")).slice(before);
    expect(played.length).toBeGreaterThan(5);
    const lines = [
      `map frame while scrubbing: ${quantiles(scrubbed)}`,
      `map frame while playing at 1x: ${quantiles(played)}`,
    ];
    console.log(lines.join("\n"));
    writeFileSync(join(ARTIFACTS, "timings.txt"), lines.join("\n") + "\n", { flag: "a" });
  });

  it("exports the per-minute series as CSV, ending at the run's figures", async () => {
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.locator('[data-testid="export-csv"]').click(),
    ]);
    expect(download.suggestedFilename()).toBe("wormscope-series.csv");
    const path = await download.path();
    const lines = readFileSync(path, "utf8").trimEnd().split("\n");
    expect(lines[0]).toBe(
      `# wormscope ${pageRun.summary.version} seed 1 scenario ${pageRun.summary.scenarioHash} preset jul19-2001`,
    );
    expect(lines[1]).toBe("minute,time,infected,infectedEver,newInfections,probes");
    expect(lines.length).toBe(2 + 14 * 60);
    const last = lines[lines.length - 1].split(",");
    expect(last[1]).toBe("2001-07-20T00:00:00Z");
    expect(Number(last[3])).toBe(pageRun.summary.infectedEver);
  });

  it("runs a what-if beside the baseline: the CLI's figure, dashed curves, a difference map", async () => {
    const defended = whatIfScenario();
    const cli = runSimulation(defended, buildModelPopulation(defended)).summary;
    const before = await mapPixels(page);
    const clicked = performance.now();
    await page.locator('[data-testid="whatif-run"]').click();
    await page.locator('[data-testid="whatif-ever"]').waitFor({ timeout: 90_000 });
    const line = `changed parameter (a defense) to finished full-scale what-if run: ${(performance.now() - clicked).toFixed(0)} ms`;
    console.log(line);
    writeFileSync(join(ARTIFACTS, "timings.txt"), line + "\n", { flag: "a" });
    expect(await text(page, "whatif-ever")).toBe(fmt(cli.infectedEver));
    expect(await text(page, "whatif-prevented")).toBe(
      fmt(pageRun.summary.infectedEver - cli.infectedEver),
    );
    await settle(page);
    const after = await mapPixels(page);
    expect(after).not.toBe(before);
    await page.screenshot({ path: join(ARTIFACTS, "dashboard-whatif.png"), fullPage: true });
  });

  it("shows what the what-if's content filter shields, /16 by /16, once it is on", async () => {
    const defended = whatIfScenario();
    // The engine's own shares at 20:00, painted as the map paints a /16 of allocated space at the
    // whole-IPv4 zoom: a 4 x 4 square, visible where its shade differs from the grey under it.
    const sim = createSimulation(defended, buildModelPopulation(defended));
    sim.runUntil("2001-07-19T20:00:00Z");
    const share = sim.snapshot().defended.inbound16;
    if (!share) throw new Error("the content filter shields nothing at 20:00");
    const allocated = new Set(eligibleBlocks8(IANA_IPV4_BLOCKS, "2001-07").map((b) => b.prefix8));
    const isAllocated8 = (p8: number) => allocated.has(p8);
    let visible16 = 0;
    for (let p16 = 0; p16 < 65536; p16++) {
      const shade = shieldShade(share[p16]);
      const visible = shade.some((c, i) => c !== CATEGORY.allocated[i]);
      if (share[p16] > 0 && isAllocated8(p16 >>> 8) && visible) visible16++;
    }
    expect(visible16).toBeGreaterThan(1000);
    await page.locator('[data-testid="layer"]').selectOption("defended");
    expect(await text(page, "defended-legend")).toContain("the what-if's defenses");
    await scrubToClock(page, "2001-07-19 18:00");
    await settle(page);
    expect(await shadedPixels(page)).toBe(0);
    await scrubToClock(page, "2001-07-19 20:00");
    await settle(page);
    expect(await shadedPixels(page)).toBe(16 * visible16);
    await page.screenshot({ path: join(ARTIFACTS, "dashboard-defended.png"), fullPage: true });
    await page.locator('[data-testid="layer"]').selectOption("state");
  });

  it("reads a dropped .gz web log in the page, with the CLI's counts, and maps its sources", async () => {
    const log = new SyntheticCombinedLog({ seed: 7, codeRedTail: realCodeRedTail() }).next(20_000);
    const bytes = Buffer.from(log, "latin1");
    const path = join(tmpdir(), `wormscope-dash-${process.pid}.log.gz`);
    writeFileSync(path, gzipSync(bytes));
    const tally = new Tally();
    const reader = new InputReader(tally, tally.openFile(path));
    reader.push(bytes);
    reader.end();
    const node = summarize(tally);
    const before = await mapPixels(page);
    await page.locator('[data-testid="log-files"]').setInputFiles(path);
    await page.locator('[data-testid="log-report"]').waitFor({ timeout: 60_000 });
    expect(await text(page, "log-lines")).toBe(fmt(node.lines));
    for (const c of CLASS_NAMES) {
      expect(await text(page, `requests-${c}`), c).toBe(fmt(node.requests[c]));
      expect(await text(page, `sources-${c}`), c).toBe(fmt(node.sources[c]));
    }
    expect(node.requests.crv1v2).toBeGreaterThan(0);
    expect(await text(page, "log-estimate")).toContain(
      `about ${fmt(node.estimate.crv1v2.hosts)} infected hosts`,
    );
    await settle(page);
    expect(await mapPixels(page)).not.toBe(before);
    await page.locator('[data-testid="log-report"]').screenshot({
      path: join(ARTIFACTS, "dashboard-log-report.png"),
    });
  });

  it("zooms to a /8 and a /16 by clicking, and places an observer there with the CLI's counts", async () => {
    // 24.0.0.0/8 (cable modems, many hosts), then the /24 at the middle of its square.
    await clickSlash8(page, 24);
    expect(await text(page, "view")).toBe("24.0.0.0/8 (one cell: a /24)");
    await clickMapCell(page, 8, 8, 16);
    const view = await text(page, "view");
    const m = /^24\.(\d+)\.0\.0\/16/.exec(view);
    expect(m, view).not.toBeNull();
    const block = `24.${m?.[1]}.0.0/16`;
    // Pan east and back: the neighbouring /16 on the map, then this one again.
    await page.locator('[data-testid="pan-east"]').click();
    expect(await text(page, "view")).not.toBe(view);
    await page.locator('[data-testid="pan-west"]').click();
    expect(await text(page, "view")).toBe(view);
    await page.locator('[data-testid="place-observer"]').click();
    await page.locator('[data-testid="observer-sources"]').waitFor({ timeout: 90_000 });
    const observed = resolveScenario(
      parseScenario(
        {
          extends: "jul19-2001",
          seed: 1,
          observers: [{ name: "placed", type: "server", block }],
        },
        "t",
      ),
    );
    const cli = runSimulation(observed, buildModelPopulation(observed)).summary;
    const o = cli.observers.placed;
    if (!o || !("sourceLocality" in o)) throw new Error("no placed observer in the CLI's summary");
    expect(await text(page, "observer-sources")).toBe(o.uniqueSources.toLocaleString("en-US"));
    expect(cli.infectedEver).toBe(pageRun.summary.infectedEver);
    await page.locator('[data-testid="layer"]').selectOption("state");
    await page.screenshot({ path: join(ARTIFACTS, "dashboard-observer-16.png"), fullPage: true });
    await page.getByRole("button", { name: "Zoom out" }).click();
    await page.getByRole("button", { name: "Zoom out" }).click();
    expect(await text(page, "view")).toBe("all of IPv4 (one pixel: a /20)");
  });

  it("runs an ensemble of 3 seeds: the CLI's band of hosts ever infected", async () => {
    const scenario = resolveScenario(parseScenario({ extends: "jul19-2001", seed: 1 }, "t"));
    const population = buildModelPopulation(scenario);
    const members = ensembleSeeds(1, 3).map((seed, i) => {
      const out = runSimulation({ ...scenario, seed }, population);
      return ensembleMember(i, seed, out.result, out.summary);
    });
    const ever = aggregateEnsemble(members).summary.metrics.infectedEver;
    await page.locator('[data-testid="ensemble-runs"]').fill("3");
    await page.locator('[data-testid="ensemble-run"]').click();
    await page.locator('[data-testid="ensemble-ever"]').waitFor({ timeout: 120_000 });
    expect(await text(page, "ensemble-ever")).toBe(`${fmt(ever.p5)} to ${fmt(ever.p95)}`);
    await page
      .locator(".curves-pane")
      .screenshot({ path: join(ARTIFACTS, "dashboard-ensemble.png") });
  });

  it("fits a phone-width screen without sideways scrolling", async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    const width = await page.evaluate<number>("document.documentElement.scrollWidth");
    await page.screenshot({ path: join(ARTIFACTS, "dashboard-390x844.png"), fullPage: true });
    await page.setViewportSize({ width: 1280, height: 800 });
    expect(width).toBeLessThanOrEqual(390);
  });

  it("adds a defense through the schema's form: the curve moves to the CLI's figure", async () => {
    await page.locator('[data-testid="form-defenses-set"]').click();
    await page.locator('[data-testid="form-defenses-add"]').click();
    await page.locator('[data-testid="form-defenses-0-reactionMinutes"]').fill("45");
    await page.locator('[data-testid="form-defenses-0-reactionMinutes"]').dispatchEvent("change");
    const file = JSON.parse(await page.locator('[data-testid="scenario"]').inputValue()) as unknown;
    expect(file).toEqual({
      extends: "jul19-2001",
      seed: 1,
      defenses: [{ type: "address-blacklist", reactionMinutes: 45, deployment: "all" }],
    });
    const defended = resolveScenario(parseScenario(file, "t"));
    const cli = runSimulation(defended, buildModelPopulation(defended)).summary;
    expect(cli.infectedEver).not.toBe(pageRun.summary.infectedEver);
    await page.locator('[data-testid="apply"]').click();
    // Polled from here: the page's CSP forbids the string evaluation waitForFunction would use.
    await expect
      .poll(() => text(page, "infected-ever"), { timeout: 90_000, interval: 200 })
      .toBe(fmt(cli.infectedEver));
    expect(await text(page, "peak")).toBe(fmt(cli.peakNewPerMinute));
    await page.screenshot({ path: join(ARTIFACTS, "dashboard-form-defense.png"), fullPage: true });
  });

  it("imports a scenario file, and exports the series as JSON and the curves as PNG", async () => {
    const file = { extends: "jul19-2001", seed: 1, until: "2001-07-19T18:00:00Z" };
    const path = join(tmpdir(), `wormscope-dash-${process.pid}-scenario.json`);
    writeFileSync(path, JSON.stringify(file));
    const scenario = resolveScenario(parseScenario(file, "t"));
    const cli = runSimulation(scenario, buildModelPopulation(scenario)).summary;
    await page.locator('[data-testid="import-scenario"]').setInputFiles(path);
    await expect
      .poll(() => text(page, "infected-ever"), { timeout: 90_000, interval: 200 })
      .toBe(fmt(cli.infectedEver));
    const [json] = await Promise.all([
      page.waitForEvent("download"),
      page.locator('[data-testid="export-series-json"]').click(),
    ]);
    const series = JSON.parse(readFileSync(await json.path(), "utf8")) as {
      seed: number;
      scenarioHash: string;
      minutes: number;
      infectedEver: number[];
    };
    expect(series.seed).toBe(1);
    expect(series.scenarioHash).toBe(cli.scenarioHash);
    expect(series.minutes).toBe(8 * 60);
    expect(series.infectedEver[series.minutes - 1]).toBe(cli.infectedEver);
    const [png] = await Promise.all([
      page.waitForEvent("download"),
      page.locator('[data-testid="export-charts"]').click(),
    ]);
    const bytes = readFileSync(await png.path());
    expect(bytes.subarray(1, 4).toString("latin1")).toBe("PNG");
    expect(bytes.length).toBeGreaterThan(5_000);
  });

  it("shows the CLI's message for an invalid scenario", async () => {
    const bad = {
      extends: "jul19-2001",
      seed: 1,
      worms: [{ variant: "crv2", initialInfected: -3 }],
    };
    let expected = "";
    try {
      resolveScenario(parseScenario(bad, "scenario"));
    } catch (e) {
      expected = (e as Error).message;
    }
    expect(expected).not.toBe("");
    await page.locator('[data-testid="scenario"]').fill(JSON.stringify(bad));
    await page.locator('[data-testid="apply"]').click();
    await page.locator('[data-testid="error"]').waitFor();
    expect(await text(page, "error")).toBe(expected);
  });
});
