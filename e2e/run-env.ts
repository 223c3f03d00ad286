// Where one `npx playwright test` run puts its servers and files, chosen once when Playwright loads its config in the
// runner process, and handed to its workers through the environment (they load the config again, and inherit
// the runner's environment). Each run gets free ports, its own data folder and its own output folder, so two runs
// (or a benchmark and a run) never share a server, a database or a results folder, and no run ever tests a server
// it did not start (playwright.config.ts: reuseExistingServer is off).
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, rmSync } from "node:fs";
import path from "node:path";

const ROOT = path.resolve(__dirname, "..");

/** Free TCP ports, all held open at once so they differ; found synchronously (Playwright's config is synchronous). */
export function freePortsSync(count: number): number[] {
  const script = `
    const net = require("node:net");
    const servers = [];
    let open = 0;
    for (let i = 0; i < ${count}; i++) {
      const s = net.createServer();
      servers.push(s);
      s.listen(0, () => {
        if (++open < ${count}) return;
        process.stdout.write(servers.map((x) => x.address().port).join(" "));
        for (const x of servers) x.close();
      });
    }`;
  const ports = execFileSync(process.execPath, ["-e", script], { encoding: "utf8" }).trim().split(" ").map(Number);
  if (ports.length !== count || ports.some((p) => !Number.isInteger(p) || p <= 0)) throw new Error(`could not find ${count} free ports`);
  return ports;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM"; // someone else's process: alive
  }
}

/** Folders `run-<pid>` under `dir` whose Playwright process has ended are removed (the latest stays until the next run). */
function pruneEndedRuns(dir: string): void {
  if (!existsSync(dir)) return;
  for (const name of readdirSync(dir)) {
    const pid = /^run-(\d+)$/.exec(name)?.[1];
    if (pid && Number(pid) !== process.pid && !alive(Number(pid))) rmSync(path.join(dir, name), { recursive: true, force: true });
  }
}

export interface E2eRun {
  /** The console's port; the base URL is http://localhost:<port> (the console's NEXTAUTH_URL). */
  port: number;
  emulatorPort: number;
  /** The console's ROSTER_DATA_DIR (PGlite database, generated secret): empty at the start of the run. */
  dataDir: string;
  /** Playwright's outputDir (traces, failure screenshots); Playwright empties it at the start of the run. */
  outputDir: string;
}

export function e2eRun(): E2eRun {
  if (!process.env.E2E_RUN) {
    // The runner process, loading the config for the first time: choose. E2E_PORT / E2E_EMULATOR_PORT may be set
    // to fixed ports; Playwright then refuses to start if something already answers there.
    process.env.E2E_RUN = `run-${process.pid}`;
    const [port, emulatorPort] = freePortsSync(2);
    process.env.E2E_PORT ||= String(port);
    process.env.E2E_EMULATOR_PORT ||= String(emulatorPort);
    pruneEndedRuns(path.join(ROOT, ".data/e2e"));
    pruneEndedRuns(path.join(ROOT, "test-results"));
    rmSync(path.join(ROOT, ".data/e2e", process.env.E2E_RUN), { recursive: true, force: true }); // a reused pid's leftovers
    // `--last-failed` reads the previous run's record: keep it in one place, not in this run's output folder.
    process.env.PLAYWRIGHT_LAST_RUN_OUTPUT_FILE ||= path.join(ROOT, "test-results", ".last-run.json");
  }
  const run = process.env.E2E_RUN;
  return {
    port: Number(process.env.E2E_PORT),
    emulatorPort: Number(process.env.E2E_EMULATOR_PORT),
    dataDir: path.join(ROOT, ".data/e2e", run),
    outputDir: path.join(ROOT, "test-results", run),
  };
}
