import { build } from "esbuild";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const entry = (p: string) => fileURLToPath(new URL(`../src/${p}`, import.meta.url));

describe("browser bundle", () => {
  it.each(["index.ts", "analysis/index.ts"])(
    "src/%s bundles for a browser with no node: import",
    async (p) => {
      const result = await build({
        entryPoints: [entry(p)],
        bundle: true,
        platform: "browser",
        format: "esm",
        write: false,
        logLevel: "silent",
        metafile: true,
      });
      const inputs = Object.keys(result.metafile.inputs);
      expect(
        inputs.some((i) => i.includes("src/sim/fast-engine.ts") || i.includes("src/analysis/")),
      ).toBe(true);
      const nodeImports = Object.values(result.metafile.inputs).flatMap((i) =>
        i.imports.filter((x) => x.path.startsWith("node:") || x.external).map((x) => x.path),
      );
      expect(nodeImports).toEqual([]);
    },
  );

  it("fails when a node: import reaches the bundle (the test can fail)", async () => {
    await expect(
      build({
        stdin: { contents: 'import { readFileSync } from "node:fs"; console.log(readFileSync);' },
        bundle: true,
        platform: "browser",
        write: false,
        logLevel: "silent",
      }),
    ).rejects.toThrow(/node:fs/);
  });
});
