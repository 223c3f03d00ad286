import "server-only";
import { getDb } from "@/lib/server/db";
import { startJobEngine, stopJobEngine } from "./engine";

const globalForStart = globalThis as unknown as { __rosterJobEngineStarting?: Promise<unknown>; __rosterJobSignals?: boolean };

/**
 * Starts this server's job engine in the background (a failure is logged and retried, never fatal: the console
 * works without it, and another instance or the next start runs the jobs). On SIGTERM/SIGINT the engine stops
 * taking work and lets in-flight items finish before the process exits.
 */
export function startAppJobEngine(): void {
  if (globalForStart.__rosterJobEngineStarting) return;
  const attempt = async (delayMs: number): Promise<void> => {
    try {
      await startJobEngine({ db: await getDb() });
    } catch (err) {
      console.error(JSON.stringify({ level: "error", msg: "job engine did not start; retrying", error: String(err) }));
      await new Promise((r) => setTimeout(r, delayMs).unref?.());
      return attempt(Math.min(delayMs * 2, 60_000));
    }
  };
  globalForStart.__rosterJobEngineStarting = attempt(2_000);
  if (!globalForStart.__rosterJobSignals) {
    globalForStart.__rosterJobSignals = true;
    for (const signal of ["SIGTERM", "SIGINT"] as const) {
      process.once(signal, () => {
        void stopJobEngine()
          .catch(() => undefined)
          .finally(() => process.exit(0));
      });
    }
  }
}
