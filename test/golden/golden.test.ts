/**
 * Golden outputs: seeded runs whose summary.json (timing removed) is committed and diffed byte for
 * byte. On a mismatch the new output is written beside the golden as `NAME-changed.json` (as
 * Observable Plot does with its snapshots) so the difference can be read with `diff`. A change that
 * alters a golden on purpose regenerates them with `UPDATE_GOLDEN=1 npx vitest run test/golden` in a
 * commit of its own that says why.
 */
import { existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { goldenRuns, goldenText } from "./golden-runs.ts";

const path = (file: string) => fileURLToPath(new URL(file, import.meta.url));

describe("golden summaries", () => {
  for (const run of goldenRuns) {
    it(`${run.name} is byte-identical to test/golden/${run.name}.json`, () => {
      const text = goldenText(run);
      const golden = path(`./${run.name}.json`);
      const changed = path(`./${run.name}-changed.json`);
      if (process.env.UPDATE_GOLDEN === "1") writeFileSync(golden, text);
      const expected = existsSync(golden) ? readFileSync(golden, "utf8") : "";
      if (text === expected) {
        rmSync(changed, { force: true });
      } else {
        writeFileSync(changed, text);
      }
      expect(text === expected, `differs: diff ${golden} ${changed}`).toBe(true);
    });
  }
});
