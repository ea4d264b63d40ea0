/**
 * Before vs after: the engine time of presets on this tree and on another commit (a git ref), measured
 * side by side in one run. The other commit is exported with `git archive` into a temporary folder that
 * shares this tree's node_modules; child processes of the two trees alternate (ABBA...) so that drift
 * in the machine's load falls on both alike. Each child times `runSimulation` a few times in-process
 * after one warm-up run and prints the engine seconds.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { median } from "./measure.ts";

const ROOT = fileURLToPath(new URL("..", import.meta.url));

/** One preset's engine seconds on both trees. */
export interface BaselineRow {
  preset: string;
  baseline: number[];
  current: number[];
  baselineMedian: number;
  currentMedian: number;
  /** current / baseline median: below 1 is faster. */
  ratio: number;
}

/** The comparison with the commit `ref`. */
export interface BaselineBench {
  available: true;
  ref: string;
  commit: string;
  rows: BaselineRow[];
}

function childScript(tree: string): string {
  const index = JSON.stringify(join(tree, "src/index.ts"));
  return `
import { resolveScenario, buildModelPopulation, runSimulation } from ${index};
const [preset, runs] = [process.argv[2], Number(process.argv[3])];
const scenario = resolveScenario({ extends: preset, seed: 1 });
const population = buildModelPopulation(scenario);
const times = [];
for (let i = 0; i <= runs; i++) {
  const t0 = performance.now();
  runSimulation(scenario, population);
  if (i > 0) times.push((performance.now() - t0) / 1000);
}
console.log(JSON.stringify(times));
`;
}

function runChild(script: string, preset: string, runs: number): number[] {
  const r = spawnSync(process.execPath, ["--import", "tsx", script, preset, String(runs)], {
    cwd: ROOT,
    encoding: "utf8",
    env: { ...process.env, TZ: "UTC" },
  });
  if (r.status !== 0) throw new Error(`baseline child failed: ${r.stderr.slice(0, 500)}`);
  return JSON.parse(r.stdout.trim().split("\n").pop() ?? "[]") as number[];
}

/**
 * Times `presets` on this tree and on `ref`: `rounds` alternating child pairs of `runsPerChild`
 * timed runs each.
 */
export function benchBaseline(
  ref: string,
  presets: readonly string[] = ["jul19-2001", "aug04-2001"],
  rounds = 3,
  runsPerChild = 2,
  log: (line: string) => void = () => {},
): BaselineBench {
  const commit = execFileSync("git", ["rev-parse", ref], { cwd: ROOT, encoding: "utf8" }).trim();
  const dir = mkdtempSync(join(tmpdir(), "wormscope-baseline-"));
  try {
    const archive = join(dir, "tree.tar");
    execFileSync("git", ["archive", "--format=tar", "-o", archive, commit], { cwd: ROOT });
    const tree = join(dir, "tree");
    execFileSync("mkdir", ["-p", tree]);
    execFileSync("tar", ["-xf", archive, "-C", tree]);
    symlinkSync(join(ROOT, "node_modules"), join(tree, "node_modules"));
    // .mts: an ES module wherever it sits (a .ts file outside any package would load as CommonJS,
    // and tsx would then compile every imported module to CommonJS, with a getter per import).
    const scripts = { baseline: join(dir, "baseline.mts"), current: join(dir, "current.mts") };
    writeFileSync(scripts.baseline, childScript(tree));
    writeFileSync(scripts.current, childScript(ROOT));
    const rows: BaselineRow[] = [];
    for (const preset of presets) {
      const baseline: number[] = [];
      const current: number[] = [];
      for (let r = 0; r < rounds; r++) {
        log(`baseline ${preset}: round ${r + 1} of ${rounds}`);
        // ABBA: each tree goes first in half the rounds, so drift within a round cancels.
        if (r % 2 === 0) {
          baseline.push(...runChild(scripts.baseline, preset, runsPerChild));
          current.push(...runChild(scripts.current, preset, runsPerChild));
        } else {
          current.push(...runChild(scripts.current, preset, runsPerChild));
          baseline.push(...runChild(scripts.baseline, preset, runsPerChild));
        }
      }
      const baselineMedian = median(baseline);
      const currentMedian = median(current);
      rows.push({
        preset,
        baseline,
        current,
        baselineMedian,
        currentMedian,
        ratio: currentMedian / baselineMedian,
      });
    }
    return { available: true, ref, commit, rows };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
