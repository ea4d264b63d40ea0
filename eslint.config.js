import { readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import tseslint from "typescript-eslint";

const noClockOrRandom = [
  {
    selector: "CallExpression[callee.object.name='Math'][callee.property.name='random']",
    message: "Use the seeded PRNG in src/core/rng.ts, never Math.random.",
  },
  {
    selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']",
    message: "No wall-clock reads in the library; time is simulation time.",
  },
  {
    selector: "NewExpression[callee.name='Date'][arguments.length=0]",
    message: "No wall-clock reads in the library; time is simulation time.",
  },
  {
    selector: "ImportExpression",
    message: "No dynamic imports in the library: they would escape the layer rules below.",
  },
];

/**
 * The layers of src/, top to bottom. Imports point down only: a folder may import itself and any
 * folder of a lower level, never one of its own level (unless `alsoImports` names it) or above.
 * `onlyImports` narrows what a folder may import. `browser: false` marks the Node-only shells; every
 * other folder must run in a browser (no `node:` imports). Tests (*.test.ts) may import across
 * layers, to build fixtures; production code may not import anything outside src/.
 * To add a folder, add a row; the rules below are generated from this table.
 */
const LAYERS = [
  {
    level: 13,
    folder: "src/cli",
    holds: "the command line: argument parsing, output",
    browser: false,
  },
  { level: 12, folder: "src/node", holds: "Node-only shells: files, workers, PNG", browser: false },
  { level: 11, folder: "src/index.ts", holds: "the browser-safe library entry point" },
  { level: 11, folder: "src/validation", holds: "published measurements and the validate run" },
  { level: 11, folder: "src/sweep", holds: "sweep files and their plans (points, seeds, runs)" },
  { level: 10, folder: "src/scenario", holds: "presets, zod schema, resolution, run entry points" },
  { level: 9, folder: "src/report", holds: "summaries, CSV, charts" },
  { level: 8, folder: "src/sim", holds: "engines (fast, reference/), processes, worm schedule" },
  { level: 7, folder: "src/observers", holds: "observer plugins: what is recorded" },
  { level: 7, folder: "src/defenses", holds: "defense plugins: what intervenes" },
  { level: 6, folder: "src/plugin", holds: "contracts and vocabulary of engines and plugins" },
  { level: 5, folder: "src/worms", holds: "worm variants as data", alsoImports: ["src/scan"] },
  { level: 5, folder: "src/scan", holds: "scanning strategies" },
  { level: 4, folder: "src/models", holds: "analytic models and fitting" },
  {
    level: 3,
    folder: "src/analysis",
    holds: "logs, pcap, detect, estimate",
    onlyImports: ["src/net", "src/core"],
  },
  { level: 2, folder: "src/net", holds: "IPv4, prefixes, populations" },
  { level: 1, folder: "src/core", holds: "PRNG, samplers, event queue, stats" },
  { level: 0, folder: "src/version.ts", holds: "the version string" },
];

/**
 * The modules of src/sim that code outside src/sim may import; the rest are engine internals.
 * Paths relative to src/sim.
 */
const SIM_PUBLIC = [
  "fast-engine.ts",
  "engine-input.ts",
  "engine-result.ts",
  "run-options.ts",
  "worm-schedule.ts",
  "reference/reference-engine.ts",
  "reference/scale.ts",
];

/**
 * Type-aware findings in files of other folders that were being restructured when type-aware lint
 * was switched on: each rule is off in that file only. Fix the finding, then delete its row.
 */
const TYPE_AWARE_PENDING = [];

/** Deepest folder nesting under a layer folder that the generated rules cover (src/a/b/c/d/x.ts). */
const MAX_DEPTH = 4;

const escape = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
const inSrc = (path) => path.slice("src/".length);
const isFile = (row) => row.folder.endsWith(".ts");

/** How an import from a file `depth` folders below src/ starts when it names src/ itself. */
const toSrc = (depth) => (depth === 0 ? "./" : "../".repeat(depth));

/** Import patterns forbidden for a file `depth` folders below src/ in layer `row`. */
function layerPatterns(row, depth) {
  const up = escape(toSrc(depth));
  const forbidden = LAYERS.filter((other) => {
    if (other === row) return false;
    if (row.onlyImports) return !row.onlyImports.includes(other.folder);
    return other.level >= row.level && !(row.alsoImports ?? []).includes(other.folder);
  });
  const patterns = forbidden.map((other) => ({
    regex: `^${up}${escape(inSrc(other.folder))}(/|$)`,
    message: `${row.folder} may not import ${other.folder} (${other.holds}): imports point down; see LAYERS in eslint.config.js.`,
  }));
  patterns.push({
    regex: `^${escape("../".repeat(depth + 1))}`,
    message: `${row.folder} may not import anything outside src/ (tests may).`,
  });
  if (row.browser !== false) {
    patterns.push({ regex: "^node:", message: "Library core must run in a browser." });
  }
  return patterns;
}

/** The pattern that keeps a file `up` away from src/ out of src/sim's internals. */
function simInternalsPattern(up) {
  const allowed = SIM_PUBLIC.map(escape).join("|");
  return {
    regex: `^${escape(up)}sim/(?!(${allowed})$)`,
    message: `Outside src/sim, import only its public modules (${SIM_PUBLIC.join(", ")}); see SIM_PUBLIC in eslint.config.js.`,
  };
}

const restrict = (patterns) => ({
  "no-restricted-imports": [
    "error",
    { patterns: patterns.map((p) => ({ ...p, caseSensitive: true })) },
  ],
});

/** Throws when a file of src/ is in no layer, or deeper than the generated rules reach. */
function checkLayersCoverSrc() {
  const rows = new Set(LAYERS.map((row) => row.folder));
  const src = fileURLToPath(new URL("./src", import.meta.url));
  for (const name of readdirSync(src, { recursive: true, encoding: "utf8" })) {
    if (!name.endsWith(".ts")) continue;
    const path = `src/${name.replace(/\\/g, "/")}`;
    const parts = path.split("/");
    const row = parts.length === 2 ? path : parts.slice(0, 2).join("/");
    if (!rows.has(row)) throw new Error(`eslint.config.js: ${row} is in no row of LAYERS; add it`);
    if (parts.length - 2 > MAX_DEPTH)
      throw new Error(`eslint.config.js: ${path} is deeper than MAX_DEPTH`);
  }
}

/**
 * One config object per layer and folder depth: the patterns are relative paths, so each depth gets
 * its own. All restrictions of a file are in one object (a later no-restricted-imports config for
 * the same file replaces an earlier one instead of merging with it).
 */
function layerConfigs() {
  const simLevel = LAYERS.find((row) => row.folder === "src/sim").level;
  checkLayersCoverSrc();
  const configs = [];
  for (const row of LAYERS) {
    // Where a layer may import src/sim at all, only through its public modules.
    const outsideSim = row.folder !== "src/sim";
    const reachesSim = outsideSim && row.level > simLevel && !row.onlyImports;
    const depths = isFile(row) ? [0] : Array.from({ length: MAX_DEPTH }, (_, i) => i + 1);
    for (const depth of depths) {
      const glob = isFile(row) ? row.folder : `${row.folder}/${"*/".repeat(depth - 1)}*.ts`;
      const sim = simInternalsPattern(toSrc(depth));
      configs.push({
        files: [glob],
        ignores: ["**/*.test.ts"],
        rules: restrict([...layerPatterns(row, depth), ...(reachesSim ? [sim] : [])]),
      });
      if (outsideSim && !isFile(row)) {
        configs.push({ files: [glob.replace(/\.ts$/, ".test.ts")], rules: restrict([sim]) });
      }
    }
  }
  // Code beside src/ (bench/, scripts/) also goes through src/sim's public modules.
  configs.push({
    files: ["bench/*.ts", "scripts/*.ts"],
    rules: restrict([simInternalsPattern("../src/")]),
  });
  return configs;
}

export default tseslint.config(
  {
    ignores: [
      "node_modules/**",
      "out/**",
      "coverage/**",
      "dist/**",
      "**/*.js",
      "!eslint.config.js",
      "**/*.tmp.ts",
      "**/.*-tmp.ts",
    ],
  },
  // Type-aware: the rules that need the type checker (no-floating-promises, no-unsafe-*, ...).
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
  },
  { files: ["eslint.config.js"], ...tseslint.configs.disableTypeChecked },
  {
    files: ["src/**/*.ts"],
    ignores: ["src/cli/**", "src/node/**", "src/**/*.test.ts"],
    rules: {
      "no-restricted-syntax": ["error", ...noClockOrRandom],
    },
  },
  ...layerConfigs(),
  ...TYPE_AWARE_PENDING.map(([file, rule]) => ({
    files: [file],
    rules: { [`@typescript-eslint/${rule}`]: "off" },
  })),
  {
    rules: {
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_" },
      ],
    },
  },
);
