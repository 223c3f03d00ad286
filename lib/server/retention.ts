import "server-only";
import { logConfigProblem, logInfo } from "@/lib/server/log";
import { sql } from "drizzle-orm";
import { getDb, type Db } from "@/lib/server/db";
import { deleteOldDrafts } from "@/lib/server/jobs/store";
import { snapshotIntervalMinutes } from "@/lib/server/licenses/snapshot-task";
import { claimSlot, schedulePeriodic } from "@/lib/server/tasks/periodic";

// Retention: once a day, across all instances (one claims the day's slot in task_runs), old rows are deleted:
//   - finished bulk jobs (done, failed, cancelled) and their items, ROSTER_RETENTION_DAYS after they finished
//     (default 90); queued, running and paused jobs are never touched; drafts go after a day (as the preview does);
//   - reclaim scans (table `jobs`) finished more than ROSTER_RETENTION_DAYS ago, except each org's latest
//     succeeded scan, which the reclaim page shows;
//   - license snapshots older than ROSTER_SNAPSHOT_RETENTION_DAYS (default 730; the forecast reads 30 days);
//   - task_runs bookkeeping older than a week (or two of the longest task interval);
//   - audit events (Roster's, and its copy of Webex's admin audit events) only when ROSTER_AUDIT_RETENTION_DAYS is
//     set above 0 (default 0: the audit trail is kept).
// A variable set to 0 keeps that kind forever. A value that is not understood keeps that kind too (and says so in
// the log): a typo must never delete more than was meant.

const DAY_MS = 24 * 3600_000;
export const RETENTION_TASK = "retention";
export const RETENTION_INTERVAL_MS = DAY_MS;
/** Rows per DELETE statement, so one round never holds a long lock or a huge transaction. */
const BATCH = 1_000;

export interface RetentionSettings {
  /** Days after which finished bulk jobs and reclaim scans go; null = keep forever. */
  jobsDays: number | null;
  snapshotDays: number | null;
  auditDays: number | null;
}

function days(name: string, raw: string | undefined, fallback: number, min: number, why: string): number | null {
  if (raw === undefined || raw.trim() === "") return fallback === 0 ? null : fallback;
  const n = Number(raw);
  if (n === 0) return null;
  if (!Number.isInteger(n) || n < min) {
    logConfigProblem(
      `${name} must be a whole number of days ≥ ${min}${why}, or 0 to keep forever; got "${raw}". ` +
        "Nothing of that kind is deleted until it is fixed.",
    );
    return null;
  }
  return n;
}

export function retentionSettings(env: Record<string, string | undefined> = process.env): RetentionSettings {
  return {
    jobsDays: days("ROSTER_RETENTION_DAYS", env.ROSTER_RETENTION_DAYS, 90, 1, ""),
    snapshotDays: days("ROSTER_SNAPSHOT_RETENTION_DAYS", env.ROSTER_SNAPSHOT_RETENTION_DAYS, 730, 31, " (license forecasts read the last 30 days)"),
    auditDays: days("ROSTER_AUDIT_RETENTION_DAYS", env.ROSTER_AUDIT_RETENTION_DAYS, 0, 1, ""),
  };
}

export interface RetentionResult {
  bulkJobs: number;
  scans: number;
  snapshots: number;
  taskRuns: number;
  auditEvents: number;
}

/** Repeats a DELETE … LIMIT-style statement until it deletes less than a batch; answers the rows deleted. */
async function deleteInBatches(db: Db, statement: () => ReturnType<typeof sql>): Promise<number> {
  let total = 0;
  for (;;) {
    const res = await db.execute<{ n: number }>(sql`WITH gone AS (${statement()} RETURNING 1) SELECT count(*)::int AS n FROM gone`);
    const n = Number(res.rows[0]?.n ?? 0);
    total += n;
    if (n < BATCH) return total;
  }
}

const iso = (ms: number) => new Date(ms).toISOString();

/** One retention round (no slot claim: the caller decides when). */
export async function runRetention(db: Db, settings: RetentionSettings = retentionSettings(), now = Date.now()): Promise<RetentionResult> {
  const out: RetentionResult = { bulkJobs: 0, scans: 0, snapshots: 0, taskRuns: 0, auditEvents: 0 };
  await deleteOldDrafts(db);

  if (settings.jobsDays !== null) {
    const cutoff = iso(now - settings.jobsDays * DAY_MS);
    // Items go with their job (ON DELETE CASCADE). A finished job always has finished_at; updated_at covers any that do not.
    out.bulkJobs = await deleteInBatches(
      db,
      () => sql`DELETE FROM bulk_jobs WHERE id IN (
        SELECT id FROM bulk_jobs WHERE status IN ('done', 'failed', 'cancelled') AND coalesce(finished_at, updated_at) < ${cutoff}
        LIMIT ${BATCH})`,
    );
    out.scans = await deleteInBatches(
      db,
      () => sql`DELETE FROM jobs WHERE id IN (
        SELECT j.id FROM jobs j
        WHERE j.status IN ('succeeded', 'failed') AND coalesce(j.finished_at, j.updated_at) < ${cutoff}
          AND j.id <> coalesce((
            SELECT k.id FROM jobs k WHERE k.org_id = j.org_id AND k.kind = j.kind AND k.status = 'succeeded'
            ORDER BY k.finished_at DESC NULLS LAST, k.created_at DESC LIMIT 1), '')
        LIMIT ${BATCH})`,
    );
  }

  if (settings.snapshotDays !== null) {
    const cutoff = iso(now - settings.snapshotDays * DAY_MS);
    out.snapshots = await deleteInBatches(
      db,
      () => sql`DELETE FROM license_snapshots WHERE id IN (SELECT id FROM license_snapshots WHERE taken_at < ${cutoff} LIMIT ${BATCH})`,
    );
  }

  // A slot's row must outlive its slot, or a second instance could claim the same round again.
  const longestInterval = Math.max(RETENTION_INTERVAL_MS, snapshotIntervalMinutes() * 60_000);
  const taskCutoff = iso(now - Math.max(7 * DAY_MS, 2 * longestInterval));
  const runs = await db.execute<{ n: number }>(sql`WITH gone AS (DELETE FROM task_runs WHERE claimed_at < ${taskCutoff} RETURNING 1) SELECT count(*)::int AS n FROM gone`);
  out.taskRuns = Number(runs.rows[0]?.n ?? 0);

  if (settings.auditDays !== null) {
    const cutoff = iso(now - settings.auditDays * DAY_MS);
    out.auditEvents = await deleteInBatches(
      db,
      () => sql`DELETE FROM audit_events WHERE id IN (SELECT id FROM audit_events WHERE at < ${cutoff} LIMIT ${BATCH})`,
    );
    // The copy of Webex's admin audit log shown beside them (decision 016) goes with them.
    out.auditEvents += await deleteInBatches(
      db,
      () => sql`DELETE FROM webex_audit_events WHERE seq IN (SELECT seq FROM webex_audit_events WHERE created < ${cutoff} LIMIT ${BATCH})`,
    );
    // So does the directory index's change feed (decision 018): changes seen in Webex between two syncs.
    out.auditEvents += await deleteInBatches(
      db,
      () => sql`DELETE FROM directory_changes WHERE id IN (SELECT id FROM directory_changes WHERE seen_to < ${cutoff} LIMIT ${BATCH})`,
    );
  }
  return out;
}

/** The daily round: whichever instance claims the day's slot runs it. */
export async function retentionRound(now = Date.now()): Promise<RetentionResult | null> {
  const db = await getDb();
  if (!(await claimSlot(db, RETENTION_TASK, "all", RETENTION_INTERVAL_MS, now))) return null;
  const result = await runRetention(db, retentionSettings(), now);
  logInfo("retention: old rows deleted", { ...result });
  return result;
}

/** Schedules the daily cleanup once per process (instrumentation.ts calls this at server start). */
export function startRetentionTask(): void {
  // A first round ten minutes after start (if no instance ran today's), then one per day.
  schedulePeriodic(RETENTION_TASK, RETENTION_INTERVAL_MS, () => retentionRound(), { firstAfterMs: 10 * 60_000 });
}
