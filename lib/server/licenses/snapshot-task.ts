import "server-only";
import { eq } from "drizzle-orm";
import { getDb, type Db } from "@/lib/server/db";
import { snapshotTaskStatus } from "@/lib/server/db/schema";
import { logConfigProblem, logWarn } from "@/lib/server/log";
import { claimSlot, schedulePeriodic } from "@/lib/server/tasks/periodic";
import { backgroundClient, refusedSession, sessionsByOrg } from "@/lib/server/tasks/org-sessions";
import { isWebexError } from "@/lib/server/webex/errors";
import { recordSnapshots } from "./snapshots";

// The periodic snapshot task: every ROSTER_SNAPSHOT_INTERVAL_MINUTES (default 60, 0 = off) it stores each
// org's license counts, acting with the token of that org's most recently active session that can read licenses
// (falling back through the others; a skipped round is recorded with its reason). Every instance
// schedules it; each org's round is claimed in task_runs (lib/server/tasks/periodic.ts), so one instance calls
// Webex per org per interval. Page views store snapshots too; the hourly unique index keeps them from
// double-counting.

const DEFAULT_MINUTES = 60;

export function snapshotIntervalMinutes(raw = process.env.ROSTER_SNAPSHOT_INTERVAL_MINUTES): number {
  if (raw === undefined || raw.trim() === "") return DEFAULT_MINUTES;
  const n = Number(raw);
  if (!Number.isFinite(n) || n < 0) {
    logConfigProblem(`ROSTER_SNAPSHOT_INTERVAL_MINUTES must be a number of minutes ≥ 0 (0 turns the task off); got "${raw}". Using ${DEFAULT_MINUTES}.`);
    return DEFAULT_MINUTES;
  }
  return n;
}

export const SNAPSHOT_TASK = "license-snapshot";

/** Last success or skip of the org's round, shown with the license history (licenses page and its API). */
async function recordOutcome(db: Db, orgId: string, skipReason: string | null): Promise<void> {
  const now = new Date();
  const row = skipReason === null ? { orgId, lastOkAt: now } : { orgId, lastSkipAt: now, lastSkipReason: skipReason };
  await db.insert(snapshotTaskStatus).values(row).onConflictDoUpdate({ target: snapshotTaskStatus.orgId, set: row });
}

/**
 * One round: a snapshot of every org that has a live session and whose round this instance claimed (all of them
 * when `intervalMs` is not given). Returns rows written per org it ran for. An org is snapshot with the most
 * recently active session that can read licenses, falling back to the next one when Webex refuses it (401/403);
 * when none can, the skip and its reason are recorded (snapshotTaskStatus) instead of passing silently.
 */
export async function snapshotAllOrgs(intervalMs?: number, now = Date.now()): Promise<Record<string, number>> {
  const db = await getDb();
  const byOrg = await sessionsByOrg(db, "licenses_read");

  const out: Record<string, number> = {};
  for (const [orgId, candidates] of byOrg) {
    try {
      if (intervalMs && !(await claimSlot(db, SNAPSHOT_TASK, orgId, intervalMs, now))) continue; // another instance has it
      let skip: string | null = candidates.length === 0 ? "no signed-in administrator can read licenses" : null;
      for (const c of candidates) {
        const webex = backgroundClient(db, orgId, c.sessionId);
        try {
          out[orgId] = await recordSnapshots(db, orgId, await webex.listLicenses());
          skip = null;
          break;
        } catch (err) {
          if (refusedSession(err)) {
            skip = "Webex refused every signed-in administrator's session (401/403)";
            continue;
          }
          // A busy or unreachable Webex: not this session's fault; try again next round.
          skip = isWebexError(err) ? `Webex answered ${err.status}` : "Webex could not be reached";
          break;
        }
      }
      await recordOutcome(db, orgId, skip);
      if (skip) logWarn("license snapshot task: org skipped", { orgId, reason: skip });
    } catch (err) {
      // The database (claiming the round, storing the rows): try again next round (page views also take snapshots).
      logWarn("license snapshot task: org failed", { orgId }, err);
    }
  }
  return out;
}

/** The org's last snapshot-task outcome, for the license history ("last snapshot skipped: …"). */
export async function snapshotTaskState(db: Db, orgId: string): Promise<{ lastOkAt: number | null; lastSkipAt: number | null; lastSkipReason: string | null } | null> {
  const [row] = await db.select().from(snapshotTaskStatus).where(eq(snapshotTaskStatus.orgId, orgId));
  if (!row) return null;
  return { lastOkAt: row.lastOkAt?.getTime() ?? null, lastSkipAt: row.lastSkipAt?.getTime() ?? null, lastSkipReason: row.lastSkipReason };
}

/** Schedules the task once per process (instrumentation.ts calls this at server start). */
export function startSnapshotTask(): void {
  const minutes = snapshotIntervalMinutes();
  if (minutes === 0) return;
  const intervalMs = minutes * 60_000;
  // A first round shortly after start (once the server takes requests), unless the interval comes sooner.
  schedulePeriodic(SNAPSHOT_TASK, intervalMs, () => snapshotAllOrgs(intervalMs), { firstAfterMs: 30_000 });
}
