import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Each file gets its own process: native handles (SQLite, sockets, Chromium) never leak between suites.
    pool: "forks",
  },
});
