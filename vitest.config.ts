import { defineConfig } from "vitest/config";

// Unit, property and server tests. The browser suite has its own config (tests/e2e).
export default defineConfig({
  test: {
    include: ["tests/**/*.test.ts"],
    exclude: ["tests/e2e/**", "node_modules/**"],
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
