// Next calls register() once when a server process starts. It starts the periodic license snapshot task
// (lib/server/licenses/snapshot-task.ts); the database is opened lazily on its first round, never here.
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs" || process.env.NEXT_PHASE === "phase-production-build") return;
  const { startSnapshotTask } = await import("@/lib/server/licenses/snapshot-task");
  startSnapshotTask();
}
