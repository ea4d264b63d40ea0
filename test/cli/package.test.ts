/**
 * The npm package as it ships: `npm pack` of the built dist/, unpacked into an empty project whose
 * node_modules holds only the package's declared dependencies (linked from this repository's, so the
 * test needs no network). The CLI, the ensemble worker and the three library entries must work there
 * without src/ and without tsx. The same check through `npm install wormscope-0.1.0.tgz` from the
 * registry was done by hand (it needs the network).
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, symlinkSync } from "node:fs";
import { writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));

interface PackedFile {
  path: string;
}
interface Packed {
  filename: string;
  files: PackedFile[];
}
interface PackageJson {
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
  bin: Record<string, string>;
  types: string;
  exports: Record<string, { types: string; default: string }>;
}

let dir = "";
let app = "";
let packed: Packed;
let manifest: PackageJson;

function run(command: string, args: string[], cwd: string) {
  const r = spawnSync(command, args, {
    cwd,
    encoding: "utf8",
    env: { ...process.env, TZ: "UTC", FORCE_COLOR: "0", NODE_PATH: "" },
    maxBuffer: 64 * 1024 * 1024,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Runs the installed package's bin, as `npx wormscope ...` would. */
function wormscope(...args: string[]) {
  return run(
    process.execPath,
    [join(app, "node_modules/wormscope", manifest.bin.wormscope), ...args],
    app,
  );
}

function link(name: string): void {
  const to = join(app, "node_modules", name);
  mkdirSync(dirname(to), { recursive: true });
  symlinkSync(join(ROOT, "node_modules", name), to, "dir");
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "wormscope-package-"));
  // --ignore-scripts: pack the dist/ that is there (npm test built it), do not rebuild it under the
  // feet of the CLI tests running beside this one.
  const pack = run("npm", ["pack", "--ignore-scripts", "--json", "--pack-destination", dir], ROOT);
  expect(pack.status, pack.stderr).toBe(0);
  packed = (JSON.parse(pack.stdout) as Packed[])[0];
  const unpack = run("tar", ["-xzf", join(dir, packed.filename), "-C", dir], dir);
  expect(unpack.status, unpack.stderr).toBe(0);
  app = join(dir, "app");
  mkdirSync(join(app, "node_modules"), { recursive: true });
  writeFileSync(
    join(app, "package.json"),
    '{ "name": "app", "private": true, "type": "module" }\n',
  );
  renameSync(join(dir, "package"), join(app, "node_modules", "wormscope"));
  manifest = JSON.parse(
    readFileSync(join(app, "node_modules/wormscope/package.json"), "utf8"),
  ) as PackageJson;
  for (const name of Object.keys(manifest.dependencies)) link(name);
  link("@types/node"); // for the consumer's type check only
});
afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe("npm pack", () => {
  it("ships dist, bin and docs, and no TypeScript source", () => {
    const paths = packed.files.map((f) => f.path);
    for (const needed of [
      "package.json",
      "README.md",
      manifest.bin.wormscope,
      "dist/cli/main.js",
      "dist/node/ensemble-worker.js",
      "docs/simulate.md",
    ]) {
      expect(paths, needed).toContain(needed.replace(/^\.\//, ""));
    }
    for (const target of Object.values(manifest.exports).flatMap((e) => [e.types, e.default])) {
      expect(paths, target).toContain(target.replace(/^\.\//, ""));
    }
    expect(paths).toContain(manifest.types.replace(/^\.\//, ""));
    const source = paths.filter(
      (p) => /^(src|test|bench|scripts)\//.test(p) || (p.endsWith(".ts") && !p.endsWith(".d.ts")),
    );
    expect(source).toEqual([]);
  });

  it("needs no tsx at run time", () => {
    expect(Object.keys(manifest.dependencies)).not.toContain("tsx");
    expect(Object.keys(manifest.devDependencies)).toContain("tsx");
    const js = packed.files.map((f) => f.path).filter((p) => p.endsWith(".js"));
    const importsTsx = js.filter((p) =>
      /\bfrom\s*["']tsx|import\(\s*["']tsx/.test(
        readFileSync(join(app, "node_modules/wormscope", p), "utf8"),
      ),
    );
    expect(importsTsx).toEqual([]);
  });
});

describe("the packed package, installed in an empty project", () => {
  it("runs `wormscope --help` and `wormscope simulate --json`", () => {
    const help = wormscope("--help");
    expect(help.status, help.stderr).toBe(0);
    expect(help.stdout).toMatch(/Commands:\n {2}analyze \[options\] <files\.\.\.>/);
    const sim = wormscope("simulate", "--preset", "jul19-2001", "--json");
    expect(sim.status, sim.stderr).toBe(0);
    const summary = JSON.parse(sim.stdout) as { version: string; preset: string };
    expect(summary).toMatchObject({ version: "0.1.0", preset: "jul19-2001" });
  });

  it("runs an ensemble on worker threads from dist/node/ensemble-worker.js", () => {
    const scenario = join(dir, "small.json");
    writeFileSync(
      scenario,
      JSON.stringify({
        extends: "jul19-2001",
        until: "2001-07-19T14:00:00Z",
        population: { model: "july2001", vulnerableHosts: 5000, excludedPrefix8s: [44, 189, 190] },
      }),
    );
    const r = wormscope("simulate", "--scenario", scenario, "--runs", "2", "--threads", "2");
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain("2 runs");
  });

  it("says that the benchmark lives in a clone", () => {
    const r = wormscope("bench");
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^wormscope: bench: .*clone.*\n$/);
  });

  it("imports the three library entries, and their types check", () => {
    const code = [
      'import { resolveScenario, buildModelPopulation, runSimulation } from "wormscope";',
      'import { summarize, SyntheticCombinedLog } from "wormscope/analysis";',
      'import { svgToPng } from "wormscope/node";',
      'const scenario = resolveScenario({ extends: "jul19-2001", until: "2001-07-19T12:00:00Z" });',
      "const { summary } = runSimulation(scenario, buildModelPopulation(scenario));",
      "const peak: number = summary.peakNewPerMinute;",
      "console.log(peak > 0, typeof summarize, typeof SyntheticCombinedLog, typeof svgToPng);",
    ].join("\n");
    writeFileSync(join(app, "use.ts"), code);
    writeFileSync(join(app, "use.mjs"), code.replace("const peak: number", "const peak"));
    const r = run(process.execPath, ["use.mjs"], app);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toBe("true function function function\n");
    writeFileSync(
      join(app, "tsconfig.json"),
      JSON.stringify({
        compilerOptions: {
          module: "nodenext",
          moduleResolution: "nodenext",
          target: "es2022",
          strict: true,
          noEmit: true,
          types: ["node"],
          skipLibCheck: false,
        },
        files: ["use.ts"],
      }),
    );
    const tsc = join(ROOT, "node_modules/typescript/bin/tsc");
    const check = run(process.execPath, [tsc, "-p", app], app);
    expect(check.stdout + check.stderr).toBe("");
    expect(check.status).toBe(0);
  });
});
