/**
 * Builds dist/ (`npm run build`; also the `prepare` script, so `npm ci` and `npm pack` run it):
 * - esbuild bundles the CLI (dist/cli/main.js), the ensemble worker (dist/node/ensemble-worker.js),
 *   the analyze worker (dist/node/analyze-worker.js) and the library entries (dist/index.js,
 *   dist/analysis/index.js, dist/node/index.js) as ESM for Node 20. Every npm dependency stays external (read from node_modules). Code shared by several
 *   entries, and every dynamically imported module, goes to dist/chunks/: one copy of each module,
 *   and a subcommand's dependencies (echarts, zod...) load only when that subcommand runs.
 * - tsc -p tsconfig.build.json writes the .d.ts declarations of the library entries.
 * - Vite builds the dashboard (web/) into dist/web/.
 *
 * The build goes to node_modules/.cache/ first and is then renamed to dist/, so a CLI started during
 * a build never sees half a dist. dist/cli/main.js gets the build's start time as its modification
 * time: {@link staleDist} compares it with the sources. Prints the time it took.
 */
import { spawn } from "node:child_process";
import {
  existsSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  utimesSync,
  writeFileSync,
} from "node:fs";
import { createRequire } from "node:module";
import { join, relative, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { build, type Plugin } from "esbuild";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const DIST = join(ROOT, "dist");

/** The modules that run in dist: entry point (under src/) -> output (under dist/). */
export const ENTRIES = [
  "cli/main.ts",
  "node/ensemble-worker.ts",
  "node/analyze-worker.ts",
  "index.ts",
  "analysis/index.ts",
  "node/index.ts",
] as const;

/**
 * `wormscope bench` imports bench/suite.ts, development code that reads test data and writes
 * bench/results.json in the repository: the compiled CLI gets scripts/dist-bench.ts in its place.
 */
const benchStub: Plugin = {
  name: "bench-stub",
  setup(b) {
    b.onResolve({ filter: /[\\/]bench[\\/]suite\.ts$/ }, () => ({
      path: join(ROOT, "scripts", "dist-bench.ts"),
    }));
  },
};

/** Bundles the JavaScript of dist into `out`; throws when a module lands where it would break. */
async function buildJs(out: string): Promise<void> {
  const result = await build({
    absWorkingDir: ROOT,
    entryPoints: ENTRIES.map((e) => `src/${e}`),
    outbase: "src",
    outdir: out,
    bundle: true,
    splitting: true,
    chunkNames: "chunks/[name]-[hash]",
    platform: "node",
    format: "esm",
    target: "node20",
    packages: "external",
    plugins: [benchStub],
    metafile: true,
    logLevel: "warning",
    legalComments: "none",
  });
  // These find files from their own URL (src/node/ensemble.ts the worker, ../node/ensemble-worker.js,
  // src/node/analyze-parallel.ts ../node/analyze-worker.js;
  // the bench stub the clone's ../../bench/): the file each is bundled into must be one directory
  // below dist/ (dist/chunks/ or dist/cli/).
  const located = ["src/node/ensemble.ts", "src/node/analyze-parallel.ts", "scripts/dist-bench.ts"];
  for (const [file, output] of Object.entries(result.metafile.outputs)) {
    const input = located.find((i) => Object.keys(output.inputs).includes(i));
    if (input === undefined) continue;
    const depth = relative(out, join(ROOT, file)).split(sep).length;
    if (depth !== 2) throw new Error(`${input} was bundled into ${file}, not one below dist/`);
  }
  const inputs = Object.keys(result.metafile.inputs);
  const stray = inputs.filter((i) => !i.startsWith("src/") && i !== "scripts/dist-bench.ts");
  if (stray.length > 0) throw new Error(`files outside src/ reached dist: ${stray.join(", ")}`);
}

/**
 * Builds the dashboard (web/, Vite + Preact) into `out`/web: static files for `wormscope dashboard`
 * and for any static host.
 */
async function buildWeb(out: string): Promise<void> {
  const { build: viteBuild } = await import("vite");
  await viteBuild({
    configFile: join(ROOT, "web", "vite.config.ts"),
    logLevel: "warn",
    build: { outDir: join(out, "web"), emptyOutDir: true, chunkSizeWarningLimit: 1024 },
  });
}

/**
 * Runs tsc on tsconfig.build.json with its declarations going to `out`. Resolves with tsc's report
 * when it found type errors (it still writes the declarations then), with "" when it found none.
 */
function buildTypes(out: string): Promise<string> {
  const tsc = createRequire(import.meta.url).resolve("typescript/bin/tsc");
  const args = [tsc, "-p", join(ROOT, "tsconfig.build.json"), "--declarationDir", out];
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { stdio: ["ignore", "pipe", "pipe"] });
    let report = "";
    child.stdout.on("data", (chunk: Buffer) => (report += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (report += chunk.toString()));
    child.on("error", reject);
    // 0: clean; 2: errors, declarations written; anything else: nothing written.
    child.on("exit", (code) => {
      if (code === 0) resolve("");
      else if (code === 2) resolve(report || "tsc reported errors");
      else reject(new Error(`tsc exited with ${code}\n${report}`));
    });
  });
}

/**
 * Declarations keep the `.ts` import paths of the sources. TypeScript 5 and later accept those in
 * .d.ts files, older compilers and other tools expect the `.js` paths of the shipped code: relative
 * `.ts` paths become `.js` (each resolves to the .d.ts beside it).
 */
function rewriteDeclarationImports(dir: string): void {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) rewriteDeclarationImports(path);
    if (!entry.isFile() || !entry.name.endsWith(".d.ts")) continue;
    const text = readFileSync(path, "utf8");
    const fixed = text.replace(
      /((?:from|import)\s*\(?\s*["'])(\.\.?\/[^"']*?)\.ts(["'])/g,
      (_, head: string, stem: string, tail: string) => `${head}${stem}.js${tail}`,
    );
    if (fixed !== text) writeFileSync(path, fixed);
  }
}

/** The CLI's entry in dist; its modification time is the start of the build that wrote it. */
const STAMP = join(DIST, "cli", "main.js");

/** What the build reads besides src/. */
const BUILD_INPUTS = [
  "package.json",
  "tsconfig.json",
  "tsconfig.build.json",
  "scripts/build.ts",
  "scripts/dist-bench.ts",
];

function newestIn(dir: string): { path: string; mtimeMs: number } {
  let newest = { path: dir, mtimeMs: 0 };
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    const found = entry.isDirectory()
      ? newestIn(path)
      : entry.name.endsWith(".test.ts")
        ? newest
        : { path, mtimeMs: statSync(path).mtimeMs };
    if (found.mtimeMs > newest.mtimeMs) newest = found;
  }
  return newest;
}

/** Why dist/ is older than its sources (a file changed since it was built), or undefined if fresh. */
export function staleDist(): string | undefined {
  if (!existsSync(STAMP)) return "dist/cli/main.js is missing";
  const built = statSync(STAMP).mtimeMs;
  const inputs = [
    newestIn(join(ROOT, "src")),
    newestIn(join(ROOT, "web")),
    ...BUILD_INPUTS.map((f) => join(ROOT, f)),
  ].map((f) => (typeof f === "string" ? { path: f, mtimeMs: statSync(f).mtimeMs } : f));
  const newer = inputs.find((f) => f.mtimeMs > built);
  return newer && `${relative(ROOT, newer.path)} changed after dist/ was built`;
}

/** What {@link buildDist} did. */
export interface BuildResult {
  readonly seconds: number;
  /** tsc's report of type errors in the library's sources ("" when none). */
  readonly typeErrors: string;
}

/**
 * Builds dist/. Type errors fail the build unless `allowTypeErrors` (vitest's rebuild of a stale
 * dist: esbuild does not check types, and tsc still writes the declarations).
 */
export async function buildDist({ allowTypeErrors = false } = {}): Promise<BuildResult> {
  const startDate = new Date();
  const start = performance.now();
  const cache = join(ROOT, "node_modules", ".cache");
  const staged = join(cache, `wormscope-dist-${process.pid}`);
  const old = join(cache, `wormscope-dist-old-${process.pid}`);
  rmSync(staged, { recursive: true, force: true });
  const result = { seconds: 0, typeErrors: "" };
  try {
    const [, typeErrors] = await Promise.all([
      buildJs(staged),
      buildTypes(staged),
      buildWeb(staged),
    ]);
    if (typeErrors && !allowTypeErrors) throw new Error(`type errors:\n${typeErrors}`);
    result.typeErrors = typeErrors;
    rewriteDeclarationImports(staged);
    const stamp = join(staged, relative(DIST, STAMP));
    utimesSync(stamp, startDate, startDate);
    try {
      renameSync(DIST, old);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
    }
    try {
      renameSync(staged, DIST);
    } catch (error) {
      // Another build put its (equally fresh) dist in place between the two renames: keep that one.
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== "ENOTEMPTY" && code !== "EEXIST") throw error;
    }
  } finally {
    rmSync(staged, { recursive: true, force: true });
    rmSync(old, { recursive: true, force: true });
  }
  result.seconds = (performance.now() - start) / 1000;
  return result;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  try {
    const { seconds } = await buildDist();
    console.log(`built ${relative(process.cwd(), DIST) || "."}/ in ${seconds.toFixed(2)} s`);
  } catch (error) {
    console.error(`build failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
}
