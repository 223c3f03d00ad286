import "server-only";
import { getDb } from "@/lib/server/db";
import { logConfigProblem, logWarn } from "@/lib/server/log";
import { backgroundClient, refusedSession, sessionsByOrg } from "@/lib/server/tasks/org-sessions";
import { claimSlot, schedulePeriodic } from "@/lib/server/tasks/periodic";
import { startSync } from "./sync";

// The periodic directory sync: every ROSTER_DIRECTORY_SYNC_MINUTES (default 60, 0 = only on demand) each org with
// a stored session that can read people is synced once, by whichever instance claims the org's round (task_runs),
// acting with the org's best admin session and falling through to the next on 401/403 (org-sessions.ts).

const DEFAULT_MINUTES = 60;
export const DIRECTORY_SYNC_TASK = "directory-sync";

export function directorySyncMinutes(raw = process.env.ROSTER_DIRECTORY_SYNC_MINUTES): number {
  if (raw === undefined || raw.trim() === "") return DEFAULT_MINUTES;
  const n = Number(raw);
  if (!Number.isFinite(n) || n < 0) {
    logConfigProblem(`ROSTER_DIRECTORY_SYNC_MINUTES must be a number of minutes ≥ 0 (0 syncs only on demand); got "${raw}". Using ${DEFAULT_MINUTES}.`);
    return DEFAULT_MINUTES;
  }
  return n;
}

/** One round: syncs every org whose round this instance claimed (all of them without `intervalMs`). */
export async function syncAllOrgs(intervalMs?: number, now = Date.now()): Promise<Record<string, "synced" | "skipped" | "failed">> {
  const db = await getDb();
  const out: Record<string, "synced" | "skipped" | "failed"> = {};
  for (const [orgId, candidates] of await sessionsByOrg(db, "people_read")) {
    try {
      if (intervalMs && !(await claimSlot(db, DIRECTORY_SYNC_TASK, orgId, intervalMs, now))) continue;
      out[orgId] = "skipped";
      for (const c of candidates) {
        try {
          const { run } = await startSync(db, backgroundClient(db, orgId, c.sessionId), orgId, { trigger: "schedule", wait: true });
          out[orgId] = run.status === "succeeded" ? "synced" : "failed";
          break;
        } catch (err) {
          if (refusedSession(err)) continue;
          throw err;
        }
      }
      if (out[orgId] === "skipped") logWarn("directory sync: org skipped", { orgId, reason: "no signed-in administrator can read people" });
    } catch (err) {
      out[orgId] = "failed";
      logWarn("directory sync: org failed", { orgId }, err);
    }
  }
  return out;
}

/** Schedules the task once per process (instrumentation.ts). */
export function startDirectorySyncTask(): void {
  const minutes = directorySyncMinutes();
  if (minutes === 0) return;
  const intervalMs = minutes * 60_000;
  schedulePeriodic(DIRECTORY_SYNC_TASK, intervalMs, () => syncAllOrgs(intervalMs), { firstAfterMs: 45_000 });
}
