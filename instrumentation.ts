// Next calls register() once when a server process starts. It starts the periodic license snapshot task
// (lib/server/licenses/snapshot-task.ts) and the job engine (lib/server/jobs/engine.ts), which opens the database
// and resumes any job a previous process left unfinished. Nothing runs during `next build`.
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs" || process.env.NEXT_PHASE === "phase-production-build") return;
  const { startSnapshotTask } = await import("@/lib/server/licenses/snapshot-task");
  startSnapshotTask();
  const { startAppJobEngine } = await import("@/lib/server/jobs/start");
  startAppJobEngine();
}
