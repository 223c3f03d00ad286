import "server-only";
import { getEnv } from "@/lib/server/env";
import { log as serverLog, logConfigProblem, type LogLevel } from "@/lib/server/log";

// Graceful shutdown, in one place. On SIGTERM or SIGINT (a rolling upgrade, a scale-down, Ctrl-C):
//   1. readiness answers 503 (GET /api/health/ready), so the load balancer stops sending new users here;
//   2. the job engine stops claiming work: in-flight items finish, each job's lease is released and a message queued,
//      so another instance takes the job at once; periodic tasks stop (a round in progress finishes);
//   3. the HTTP server closes (requests in progress finish): that is Next's own signal handler, run at this point;
//   4. the database pools close (the app's and the edit locks'), and the process exits 0.
// A second signal, or ROSTER_SHUTDOWN_TIMEOUT_SECONDS (default 25) without finishing, exits at once with 1.
//
// Why Next's handler is taken over: Next's start-server (node_modules/next/dist/server/lib/start-server.js, used by
// `next start`, `next dev` and the standalone server.js) registers SIGTERM/SIGINT handlers that close the HTTP
// server and then call process.exit(143 / 130) as soon as that is done, whatever else is still running. Left alone,
// it would exit in the middle of step 2 with a code orchestrators read as "killed". instrumentation.ts runs after
// Next has registered them, so installShutdownHandlers() removes them and calls them itself at step 3, catching
// their process.exit() so the sequence can finish. With NEXT_MANUAL_SIG_HANDLE set Next registers none, and step 3
// is skipped (the process exit ends open connections).
//
// State lives on globalThis: route handlers (the readiness probe) and instrumentation.ts are bundled separately.

type Signal = "SIGTERM" | "SIGINT";
type Listener = (signal: Signal) => void;
const SIGNALS: Signal[] = ["SIGTERM", "SIGINT"];

type State = {
  shuttingDown: boolean;
  installed: boolean;
  running: Promise<void> | null;
  /** Next's own signal handlers, run at step 3. */
  httpClose: Listener[];
  realExit: (code?: number) => never;
};

const globalForLifecycle = globalThis as unknown as { __rosterLifecycle?: State };
const state: State = (globalForLifecycle.__rosterLifecycle ??= {
  shuttingDown: false,
  installed: false,
  running: null,
  httpClose: [],
  realExit: process.exit.bind(process) as (code?: number) => never,
});

const DEFAULT_TIMEOUT_SECONDS = 25;

/** ROSTER_SHUTDOWN_TIMEOUT_SECONDS: how long a graceful shutdown may take before the process exits anyway. */
/**
 * A configuration that cannot work stops the server at start, with the message saying what to set, rather than
 * failing every request later (e.g. DATABASE_URL without a shared NEXTAUTH_SECRET). Here rather than in
 * instrumentation.ts, which is also compiled for the Edge runtime (no process.exit there).
 */
export function exitOnInvalidEnvironment(): void {
  try {
    getEnv();
  } catch (err) {
    logConfigProblem(`\n✖ ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  }
}

export function shutdownTimeoutMs(raw = process.env.ROSTER_SHUTDOWN_TIMEOUT_SECONDS): number {
  if (raw === undefined || raw.trim() === "") return DEFAULT_TIMEOUT_SECONDS * 1000;
  const n = Number(raw);
  if (!Number.isFinite(n) || n < 1 || n > 3600) {
    logConfigProblem(`ROSTER_SHUTDOWN_TIMEOUT_SECONDS must be a number of seconds from 1 to 3600; got "${raw}". Using ${DEFAULT_TIMEOUT_SECONDS}.`);
    return DEFAULT_TIMEOUT_SECONDS * 1000;
  }
  return n * 1000;
}

/** True from the first shutdown signal on: readiness answers 503. */
export function isShuttingDown(): boolean {
  return state.shuttingDown;
}

const log = (level: LogLevel, msg: string, extra: Parameters<typeof serverLog>[2] = {}): void => serverLog(level, msg, extra);

/** Takes over SIGTERM and SIGINT for this process (once; instrumentation.ts calls it at server start). */
export function installShutdownHandlers(): void {
  if (state.installed) return;
  state.installed = true;
  const next = new Set<Listener>();
  for (const signal of SIGNALS) {
    for (const l of process.listeners(signal)) {
      next.add(l as Listener);
      process.removeListener(signal, l);
    }
    process.on(signal, () => onSignal(signal));
  }
  state.httpClose = [...next];
}

function onSignal(signal: Signal): void {
  if (state.running) {
    log("warn", `second ${signal}: exiting now`);
    state.realExit(1);
  }
  const timeoutMs = shutdownTimeoutMs();
  log("info", `${signal}: shutting down (at most ${timeoutMs / 1000} s)`);
  const timer = setTimeout(() => {
    log("error", `shutdown did not finish within ${timeoutMs / 1000} s: exiting now`);
    state.realExit(1);
  }, timeoutMs);
  state.running = shutdown(signal, { timeoutMs }).then(
    () => {
      clearTimeout(timer);
      log("info", "shut down");
      state.realExit(0);
    },
    (err: unknown) => {
      serverLog("error", "shutdown failed", {}, err);
      state.realExit(1);
    },
  );
}

async function step(name: string, run: () => Promise<unknown>): Promise<void> {
  try {
    await run();
  } catch (err) {
    serverLog("error", `shutdown: ${name} failed`, {}, err);
  }
}

/**
 * Steps 1–4 without exiting (onSignal exits). Exported for tests; `timeoutMs` is the whole budget, of which the
 * job engine gets all but 5 s.
 */
export async function shutdown(signal: Signal = "SIGTERM", opts: { timeoutMs?: number } = {}): Promise<void> {
  state.shuttingDown = true;
  const timeoutMs = opts.timeoutMs ?? shutdownTimeoutMs();
  // Nothing may exit the process before the pool is closed; Next's handler, ours or not, tries to.
  const realExit = state.realExit;
  let httpClosed: () => void = () => {};
  const exitRequested = new Promise<void>((resolve) => (httpClosed = resolve));
  process.exit = ((code?: number) => {
    log("info", `shutdown: process.exit(${code ?? ""}) deferred until the shutdown is done`);
    httpClosed();
  }) as typeof process.exit;
  try {
    await Promise.all([
      step("job engine", async () => (await import("@/lib/server/jobs/start")).stopAppJobEngine(Math.max(1_000, timeoutMs - 5_000))),
      step("periodic tasks", async () => (await import("@/lib/server/tasks/periodic")).stopPeriodicTasks()),
    ]);
    if (state.httpClose.length > 0) {
      await step("HTTP server", async () => {
        for (const l of state.httpClose) l(signal);
        await exitRequested; // Next's handler calls process.exit once the server has closed
      });
    }
    await Promise.all([
      step("edit locks", async () => (await import("@/lib/server/people/person-lock")).closePersonLocks()),
      step("database", async () => (await import("@/lib/server/db")).closeDb()),
    ]);
  } finally {
    process.exit = realExit;
  }
}

/** Tests only: back to "serving". */
export function resetLifecycleForTests(): void {
  state.shuttingDown = false;
  state.running = null;
}
