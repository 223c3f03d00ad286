import { mkdirSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { defineConfig } from "@playwright/test";
import { e2eRun } from "./e2e/run-env";

// One production build serves every spec (scripts/start.mjs builds first when sources are newer than the build);
// Playwright starts it itself, every run, on free ports with an empty data folder (e2e/run-env.ts), and never
// reuses a server that is already listening: a developer's `npm start`, a benchmark or another run is never
// tested by mistake nor disturbed. Specs share one emulator, so they run one at a time.
const run = e2eRun();
export const E2E_PORT = run.port;
export const E2E_EMULATOR_PORT = run.emulatorPort;

// Screenshots for docs/screenshots are taken on demand only: `npm run screenshots` (ROSTER_SCREENSHOTS=1) runs the
// screenshot-only specs (*.screenshots.spec.ts) and every spec that takes screenshots (imports e2e/screenshots.ts),
// after seeding 30 days of license history into the run's database (e2e/licenses-history-seed.ts). The default run
// (`npm test`, `npx playwright test`) never writes to docs/.
export const SCREENSHOTS = process.env.ROSTER_SCREENSHOTS === "1";
const screenshotSpecs = readdirSync(path.join(__dirname, "e2e")).filter(
  (f) => f.endsWith(".screenshots.spec.ts") || (f.endsWith(".spec.ts") && readFileSync(path.join(__dirname, "e2e", f), "utf8").includes('from "./screenshots"')),
);
// The console's (and emulator's) stdout and stderr, one file per run, for specs that search the server log
// (token-leak.spec.ts). Set once by the runner; its workers inherit the variable and so read the same file.
export const E2E_SERVER_LOG = (process.env.E2E_SERVER_LOG ||= path.resolve(".data", "e2e-logs", `server-${Date.now()}-${process.pid}.log`));
mkdirSync(path.dirname(E2E_SERVER_LOG), { recursive: true });

export default defineConfig({
  testDir: "e2e",
  ...(SCREENSHOTS ? { testMatch: screenshotSpecs } : { testIgnore: "*.screenshots.spec.ts" }),
  outputDir: run.outputDir,
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
    command: `${SCREENSHOTS ? "npx tsx e2e/licenses-history-seed.ts && " : ""}node scripts/start.mjs 2>&1 | tee ${JSON.stringify(E2E_SERVER_LOG)}`,
    url: `http://127.0.0.1:${E2E_PORT}/signin`,
    // Never: whatever already answers on the port was not started by this run, from this build.
    reuseExistingServer: false,
    timeout: 600_000,
    stdout: "pipe",
    env: {
      PORT: String(E2E_PORT),
      EMULATOR_PORT: String(E2E_EMULATOR_PORT),
      ROSTER_DATA_DIR: run.dataDir,
      WEBEX_CLIENT_ID: "",
      WEBEX_CLIENT_SECRET: "",
      // Specs reset the emulator's org between them — to the console, a change made outside Roster, which the
      // reference-data cache (decision 012) would show only after its TTL. The cache is covered by
      // tests/integration/reference-cache.test.ts and, in a browser on the production build, bench/page-views.ts.
      ROSTER_REFERENCE_TTL_SECONDS: "0",
      // Webex's admin audit log (decision 016) is read at most once per this interval: a spec's change made outside
      // Roster must show when the page opens, not a minute later. The interval is covered by
      // tests/integration/webex-audit.test.ts.
      ROSTER_WEBEX_AUDIT_TTL_SECONDS: "1",
      // The directory index (issue 15) syncs only when a spec asks ("Sync now", POST /api/directory/sync): a
      // scheduled sync between a spec's emulator-side change and its own sync would move the change feed under it.
      // The schedule is covered by tests/integration/directory-task.test.ts.
      ROSTER_DIRECTORY_SYNC_MINUTES: "0",
    },
  },
});
