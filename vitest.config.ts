import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    // Unit specs sit beside the projections they specify (given/when/then).
    include: ["test/**/*.test.ts", "projections/**/*.spec.ts"],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Each file gets its own process: native handles (SQLite, sockets, Chromium) never leak between suites.
    pool: "forks",
  },
});
