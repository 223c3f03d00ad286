import "server-only";
import { logConfigProblem, logWarn } from "@/lib/server/log";
import { sql } from "drizzle-orm";
import { tokenStoreConfig } from "@/lib/server/auth/config";
import { getValidAccessToken } from "@/lib/server/auth/token-store";
import { getDb } from "@/lib/server/db";
import { getEnv } from "@/lib/server/env";
import { claimSlot, schedulePeriodic } from "@/lib/server/tasks/periodic";
import { appBudget } from "@/lib/server/webex/app-budget";
import { WebexClient } from "@/lib/server/webex/client";
import { recordSnapshots } from "./snapshots";

// The periodic snapshot task: every ROSTER_SNAPSHOT_INTERVAL_MINUTES (default 60, 0 = off) it stores each
// org's license counts, acting with the token of that org's most recently active session. Every instance
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

/**
 * One round: a snapshot of every org that has a live session and whose round this instance claimed (all of them
 * when `intervalMs` is not given). Returns rows written per org it ran for.
 */
export async function snapshotAllOrgs(intervalMs?: number): Promise<Record<string, number>> {
  const db = await getDb();
  const env = getEnv();
  const sessions = await db.execute<{ org_id: string; session_id: string }>(sql`
    SELECT DISTINCT ON (org_id) org_id, session_id FROM webex_tokens
    WHERE scopes LIKE '%licenses_read%' OR scopes = ''
    ORDER BY org_id, updated_at DESC`);
  const out: Record<string, number> = {};
  for (const s of sessions.rows) {
    try {
      if (intervalMs && !(await claimSlot(db, SNAPSHOT_TASK, s.org_id, intervalMs))) continue; // another instance has it
      const webex = new WebexClient({
        baseUrl: env.WEBEX_API_BASE,
        orgId: s.org_id,
        accessToken: () => getValidAccessToken(db, tokenStoreConfig(env), s.session_id),
        budget: appBudget(),
        lane: "background",
        perMinute: env.WEBEX_RATE_LIMIT_PER_MINUTE,
        timeoutMs: env.WEBEX_TIMEOUT_MS,
      });
      out[s.org_id] = await recordSnapshots(db, s.org_id, await webex.listLicenses());
    } catch (err) {
      // An ended session or a busy Webex: try again next round (page views also take snapshots).
      logWarn("license snapshot task: org skipped", { orgId: s.org_id }, err);
    }
  }
  return out;
}

/** Schedules the task once per process (instrumentation.ts calls this at server start). */
export function startSnapshotTask(): void {
  const minutes = snapshotIntervalMinutes();
  if (minutes === 0) return;
  const intervalMs = minutes * 60_000;
  // A first round shortly after start (once the server takes requests), unless the interval comes sooner.
  schedulePeriodic(SNAPSHOT_TASK, intervalMs, () => snapshotAllOrgs(intervalMs), { firstAfterMs: 30_000 });
}
