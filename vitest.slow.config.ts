import { defineConfig } from "vitest/config";

/** The slow suite (`npm run test:slow`): fast vs reference engine agreement over 200 seeds each. */
export default defineConfig({
  test: {
    include: ["test/slow/**/*.test.ts"],
    testTimeout: 1_800_000,
    hookTimeout: 1_800_000,
    pool: "forks",
  },
});
