import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["src/**/*.test.ts", "test/**/*.test.ts"],
    exclude: ["test/slow/**", "node_modules/**"],
    // CLI tests run dist/: rebuild it when it is older than the sources.
    globalSetup: ["test/helpers/fresh-dist.ts"],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: "forks",
  },
});
