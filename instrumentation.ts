// Next calls register() once when a server process starts. It checks the environment (exit 1 with a message
// when it cannot work), takes over SIGTERM/SIGINT for a graceful shutdown
// (lib/server/lifecycle.ts), starts the periodic tasks (license snapshots: lib/server/licenses/snapshot-task.ts;
// retention cleanup: lib/server/retention.ts) and the job engine (lib/server/jobs/engine.ts), which opens the
// database and resumes any job a previous process left unfinished. Nothing runs during `next build`.
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs" || process.env.NEXT_PHASE === "phase-production-build") return;
  // A configuration that cannot work stops the server now, with the message saying what to set, rather than
  // failing every request later (e.g. DATABASE_URL without a shared NEXTAUTH_SECRET).
  const { getEnv } = await import("@/lib/server/env");
  try {
    getEnv();
  } catch (err) {
    console.error(`\n✖ ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  }
  const { installShutdownHandlers } = await import("@/lib/server/lifecycle");
  installShutdownHandlers();
  const { startSnapshotTask } = await import("@/lib/server/licenses/snapshot-task");
  startSnapshotTask();
  const { startRetentionTask } = await import("@/lib/server/retention");
  startRetentionTask();
  const { startAppJobEngine } = await import("@/lib/server/jobs/start");
  startAppJobEngine();
}
