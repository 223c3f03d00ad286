import { defineConfig } from "vitest/config";
import path from "node:path";

export default defineConfig({
  resolve: {
    alias: {
      "@": path.resolve(__dirname),
      // "server-only" throws outside React Server Components; tests run server code directly.
      "server-only": path.resolve(__dirname, "tests/stubs/server-only.ts"),
    },
  },
  test: {
    // Vitest's default on 2 cores is one file at a time; several integration files spend minutes waiting on a
    // rate budget (not the CPU), so three at once finish the suite in about half the time.
    maxWorkers: 3,
    projects: [
      {
        extends: true,
        test: {
          name: "unit",
          include: ["lib/**/*.test.ts", "lib/**/*.test.tsx", "components/**/*.test.tsx", "emulator/src/**/*.test.ts", "tests/lint/**/*.test.ts"],
          environment: "jsdom",
        },
      },
      {
        extends: true,
        test: {
          name: "integration",
          include: ["emulator/test/**/*.test.ts", "tests/integration/**/*.test.ts"],
          environment: "node",
          // On PostgreSQL (DATABASE_URL), a database of each file's own: see the file.
          setupFiles: ["tests/integration/setup-db.ts"],
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
      {
        // `npm run test:scale` only (it sets ROSTER_SCALE_TEST=1): it needs the production build and
        // PostgreSQL, and starts its own processes. Plain `vitest run` finds no files here.
        extends: true,
        test: {
          name: "scale",
          include: process.env.ROSTER_SCALE_TEST === "1" ? ["tests/scale/**/*.test.ts"] : [],
          environment: "node",
          testTimeout: 120_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
