import "server-only";
import { logError } from "@/lib/server/log";
import { getDb } from "@/lib/server/db";
import { startJobEngine, stopJobEngine } from "./engine";

const globalForStart = globalThis as unknown as { __rosterJobEngineStarting?: Promise<unknown>; __rosterJobEngineStopped?: boolean };

/**
 * Starts this server's job engine in the background (a failure is logged and retried, never fatal: the console
 * works without it, and another instance or the next start runs the jobs). Shutdown is lib/server/lifecycle.ts's.
 */
export function startAppJobEngine(): void {
  if (globalForStart.__rosterJobEngineStarting) return;
  const attempt = async (delayMs: number): Promise<void> => {
    if (globalForStart.__rosterJobEngineStopped) return;
    try {
      await startJobEngine({ db: await getDb() });
    } catch (err) {
      logError("job engine did not start; retrying", {}, err);
      await new Promise((r) => setTimeout(r, delayMs).unref?.());
      return attempt(Math.min(delayMs * 2, 60_000));
    }
  };
  globalForStart.__rosterJobEngineStarting = attempt(2_000);
}

/** Shutdown: no more start attempts, and the running engine stops taking work (lib/server/jobs/engine.ts). */
export async function stopAppJobEngine(timeoutMs?: number): Promise<void> {
  globalForStart.__rosterJobEngineStopped = true;
  await stopJobEngine(timeoutMs);
}
