import { mkdirSync } from "node:fs";
import path from "node:path";
import { defineConfig } from "@playwright/test";

// One production build serves every spec; the emulator and console run on their own ports so a developer's
// `npm start` on 3000/4010 is never disturbed. Specs share one emulator, so they run one at a time.
export const E2E_PORT = Number(process.env.E2E_PORT || 3100);
export const E2E_EMULATOR_PORT = Number(process.env.E2E_EMULATOR_PORT || 4110);
// The console's (and emulator's) stdout and stderr, one file per run, for specs that search the server log
// (token-leak.spec.ts). Set once by the runner; its workers inherit the variable and so read the same file.
export const E2E_SERVER_LOG = (process.env.E2E_SERVER_LOG ||= path.resolve(".data", "e2e-logs", `server-${Date.now()}-${process.pid}.log`));
mkdirSync(path.dirname(E2E_SERVER_LOG), { recursive: true });

export default defineConfig({
  testDir: "e2e",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? [["list"]] : [["list"]],
  use: {
    baseURL: `http://localhost:${E2E_PORT}`,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH || "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    },
  },
  webServer: {
    command: `node scripts/start.mjs 2>&1 | tee ${JSON.stringify(E2E_SERVER_LOG)}`,
    url: `http://127.0.0.1:${E2E_PORT}/signin`,
    reuseExistingServer: !process.env.CI,
    timeout: 600_000,
    stdout: "pipe",
    env: {
      PORT: String(E2E_PORT),
      EMULATOR_PORT: String(E2E_EMULATOR_PORT),
      ROSTER_DATA_DIR: ".data/e2e",
      WEBEX_CLIENT_ID: "",
      WEBEX_CLIENT_SECRET: "",
      // Specs reset the emulator's org between them — to the console, a change made outside Roster, which the
      // reference-data cache (decision 012) would show only after its TTL. The cache is covered by
      // tests/integration/reference-cache.test.ts and, in a browser on the production build, bench/page-views.ts.
      ROSTER_REFERENCE_TTL_SECONDS: "0",
    },
  },
});
