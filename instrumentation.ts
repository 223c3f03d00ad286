// Next calls register() once when a server process starts. It checks the environment (exit 1 with a message
// when it cannot work), takes over SIGTERM/SIGINT for a graceful shutdown
// (lib/server/lifecycle.ts), starts the periodic tasks (license snapshots: lib/server/licenses/snapshot-task.ts;
// the directory sync: lib/server/directory/task.ts; retention cleanup: lib/server/retention.ts) and the job engine (lib/server/jobs/engine.ts), which opens the
// database and resumes any job a previous process left unfinished. Nothing runs during `next build`.
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs" || process.env.NEXT_PHASE === "phase-production-build") return;
  const { exitOnInvalidEnvironment, installShutdownHandlers } = await import("@/lib/server/lifecycle");
  exitOnInvalidEnvironment();
  installShutdownHandlers();
  const { startSnapshotTask } = await import("@/lib/server/licenses/snapshot-task");
  startSnapshotTask();
  const { startDirectorySyncTask } = await import("@/lib/server/directory/task");
  startDirectorySyncTask();
  const { startRetentionTask } = await import("@/lib/server/retention");
  startRetentionTask();
  const { startAppJobEngine } = await import("@/lib/server/jobs/start");
  startAppJobEngine();
}
