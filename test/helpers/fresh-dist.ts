/**
 * Vitest global setup: CLI tests spawn the compiled CLI (bin/wormscope.js runs dist/cli/main.js), so
 * dist/ is rebuilt first when a source changed after it was built (`npm test` builds it just before,
 * so there it is fresh; a bare `npx vitest run` after an edit would otherwise test the old build).
 * Type errors do not stop this rebuild (tests run sources with type errors, as tsx does; `npm test`
 * reports them); a build that fails removes dist/, so the CLI tests fail instead of testing it.
 */
import { rmSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { buildDist, staleDist } from "../../scripts/build.ts";

export default async function setup(): Promise<void> {
  const reason = staleDist();
  if (reason === undefined) return;
  try {
    const { seconds, typeErrors } = await buildDist({ allowTypeErrors: true });
    console.log(`rebuilt dist/ (${reason}) in ${seconds.toFixed(1)} s`);
    if (typeErrors) console.warn("dist/: the declarations have type errors (npm run typecheck)");
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    console.error(`dist/ could not be rebuilt (${reason}), CLI tests will fail: ${message}`);
    rmSync(fileURLToPath(new URL("../../dist", import.meta.url)), { recursive: true, force: true });
  }
}
