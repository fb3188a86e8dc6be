import { defineConfig } from "vitest/config";

// Browser end-to-end suite: builds the client once, then each file starts the real server.
export default defineConfig({
  test: {
    include: ["tests/e2e/**/*.test.ts"],
    globalSetup: ["tests/e2e/globalSetup.ts"],
    testTimeout: 180_000,
    hookTimeout: 120_000,
    fileParallelism: false,
    pool: "forks",
  },
});
