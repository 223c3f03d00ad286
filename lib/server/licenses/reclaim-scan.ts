import "server-only";
import { logError } from "@/lib/server/log";
import { storableJson, storableText } from "@/lib/safe-text";
import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import type { ScanJob, ScanProgress, ScanStatus, StartScanResponse } from "@/lib/licenses/api-types";
import { toCandidate, type ReclaimCandidate } from "@/lib/licenses/reclaim";
import type { Db } from "@/lib/server/db";
import type { SessionUser } from "@/lib/server/session";
import type { WebexClient } from "@/lib/server/webex/client";
import { isWebexError } from "@/lib/server/webex/errors";

// The reclaim scan: one full walk of the org's people (GET /people?max=1000, the fewest calls Webex allows),
// run in the background, with progress in its `jobs` row and the candidates in its result. A partial unique
// index (migration 0004) admits one running scan per org, on every instance at once.

export const SCAN_KIND = "reclaim-scan";
/** Webex's largest page of people. */
export const SCAN_PAGE_SIZE = 1000;
/** A running scan whose row has not moved for this long died with its process; a new scan may replace it. */
const STALE_MS = 5 * 60_000;

export interface ScanResult {
  peopleScanned: number;
  licensedPeople: number;
  invitePending: number;
  webexCalls: number;
  durationMs: number;
  candidates: ReclaimCandidate[];
}

/**
 * How a result is stored: candidates as tuples, licenses as indexes into `licenseIds`. License IDs are ~150
 * characters and repeat on every row; this keeps a 100,000-person org's result a quarter of the plain size.
 */
interface StoredResult extends Omit<ScanResult, "candidates"> {
  licenseIds: string[];
  rows: [id: string, displayName: string, email: string, status: string | null, loginEnabled: 0 | 1, invitePending: 0 | 1, created: string | null, lastActivity: string | null, licenses: number[]][];
}

function pack(result: ScanResult): StoredResult {
  const { candidates, ...stats } = result;
  const index = new Map<string, number>();
  const idx = (id: string) => {
    let i = index.get(id);
    if (i === undefined) index.set(id, (i = index.size));
    return i;
  };
  const rows = candidates.map((c): StoredResult["rows"][number] => [c.id, c.displayName, c.email, c.status, c.loginEnabled ? 1 : 0, c.invitePending ? 1 : 0, c.created, c.lastActivity, c.licenses.map(idx)]);
  return { ...stats, licenseIds: [...index.keys()], rows };
}

function unpack(stored: StoredResult | ScanResult): ScanResult {
  // Results stored before the compact format (plain candidate objects) are read as they are.
  if ("candidates" in stored && Array.isArray(stored.candidates)) return stored;
  const { licenseIds, rows, ...stats } = stored as StoredResult;
  return {
    ...stats,
    candidates: rows.map(([id, displayName, email, status, loginEnabled, invitePending, created, lastActivity, licenses]) => ({
      id,
      displayName,
      email,
      status,
      loginEnabled: loginEnabled === 1,
      invitePending: invitePending === 1,
      created,
      lastActivity,
      licenses: licenses.map((i) => licenseIds[i]!),
    })),
  };
}

type JobRow = {
  id: string;
  status: string;
  created_by: string | null;
  created_at: string | Date;
  finished_at: string | Date | null;
  progress: ScanProgress | null;
  error: string | null;
};

const ms = (v: string | Date | null) => (v === null ? null : new Date(v).getTime());

function toInfo(r: JobRow): ScanJob {
  return {
    id: r.id,
    status: (r.status === "queued" ? "running" : r.status) as ScanStatus,
    createdBy: r.created_by,
    createdAt: ms(r.created_at)!,
    finishedAt: ms(r.finished_at),
    progress: r.progress,
    error: r.error,
  };
}

/** The running scan of the org, if any (stale ones are marked failed first). */
export async function runningScan(db: Db, orgId: string): Promise<ScanJob | null> {
  await failStale(db, orgId);
  const res = await db.execute<JobRow>(sql`
    SELECT id, status, created_by, created_at, finished_at, progress, error FROM jobs
    WHERE org_id = ${orgId} AND kind = ${SCAN_KIND} AND status IN ('queued', 'running') LIMIT 1`);
  return res.rows[0] ? toInfo(res.rows[0]) : null;
}

/** The newest finished scan (succeeded or failed), without its result. */
export async function lastFinishedScan(db: Db, orgId: string): Promise<ScanJob | null> {
  const res = await db.execute<JobRow>(sql`
    SELECT id, status, created_by, created_at, finished_at, progress, error FROM jobs
    WHERE org_id = ${orgId} AND kind = ${SCAN_KIND} AND status IN ('succeeded', 'failed')
    ORDER BY finished_at DESC NULLS LAST LIMIT 1`);
  return res.rows[0] ? toInfo(res.rows[0]) : null;
}

/** The newest successful scan with its result: what the reclaim view shows. */
export async function latestScanResult(db: Db, orgId: string): Promise<{ job: ScanJob; result: ScanResult } | null> {
  const res = await db.execute<JobRow & { result: StoredResult | ScanResult }>(sql`
    SELECT id, status, created_by, created_at, finished_at, progress, error, result FROM jobs
    WHERE org_id = ${orgId} AND kind = ${SCAN_KIND} AND status = 'succeeded'
    ORDER BY finished_at DESC NULLS LAST LIMIT 1`);
  const row = res.rows[0];
  return row ? { job: toInfo(row), result: unpack(row.result) } : null;
}

async function failStale(db: Db, orgId: string): Promise<void> {
  await db.execute(sql`
    UPDATE jobs SET status = 'failed', error = 'The scan stopped (the server restarted?). Start a new one.',
      finished_at = now(), updated_at = now()
    WHERE org_id = ${orgId} AND kind = ${SCAN_KIND} AND status IN ('queued', 'running')
      AND updated_at < ${new Date(Date.now() - STALE_MS).toISOString()}`);
}

export interface StartScanOptions {
  /** Wait for the scan to finish (tests, benchmark). Default: run in the background. */
  wait?: boolean;
  now?: () => number;
}

/**
 * Starts a scan for the user's org, or returns the one already running (`started: false`).
 * The insert is the lock: the partial unique index turns a second concurrent insert into a no-op.
 */
export async function startScan(db: Db, webex: WebexClient, user: SessionUser, opts: StartScanOptions = {}): Promise<StartScanResponse> {
  await failStale(db, user.orgId);
  const previous = await latestScanResult(db, user.orgId);
  const progress: ScanProgress = { scanned: 0, pages: 0, expected: previous?.result.peopleScanned ?? null, candidates: 0 };
  const id = randomUUID();
  const inserted = await db.execute<JobRow>(sql`
    INSERT INTO jobs (id, org_id, kind, status, created_by, input, progress, started_at)
    VALUES (${id}, ${user.orgId}, ${SCAN_KIND}, 'running', ${user.email}, ${JSON.stringify({ pageSize: SCAN_PAGE_SIZE })}::jsonb,
            ${JSON.stringify(progress)}::jsonb, now())
    ON CONFLICT (org_id, kind) WHERE status IN ('queued', 'running') DO NOTHING
    RETURNING id, status, created_by, created_at, finished_at, progress, error`);
  const row = inserted.rows[0];
  if (!row) {
    const running = await runningScan(db, user.orgId);
    if (running) return { job: running, started: false };
    // The running one finished between our insert and this read: try once more.
    return startScan(db, webex, user, opts);
  }
  const work = runScan(db, webex, id, progress, opts.now ?? Date.now);
  if (opts.wait) await work;
  else void work;
  return { job: toInfo(row), started: true };
}

async function runScan(db: Db, webex: WebexClient, jobId: string, progress: ScanProgress, now: () => number): Promise<void> {
  const started = now();
  const candidates: ReclaimCandidate[] = [];
  let licensedPeople = 0;
  let invitePending = 0;
  try {
    for await (const page of webex.iteratePeople({ max: SCAN_PAGE_SIZE })) {
      const t = now();
      for (const p of page) {
        if (p.licenses?.length) licensedPeople += 1;
        if (p.invitePending === true) invitePending += 1;
        const c = toCandidate(p, t);
        if (c) candidates.push(c);
      }
      progress.scanned += page.length;
      progress.pages += 1;
      progress.candidates = candidates.length;
      await db.execute(sql`UPDATE jobs SET progress = ${JSON.stringify(progress)}::jsonb, updated_at = now() WHERE id = ${jobId}`);
    }
    const result: ScanResult = {
      peopleScanned: progress.scanned,
      licensedPeople,
      invitePending,
      webexCalls: progress.pages,
      durationMs: now() - started,
      candidates,
    };
    await db.execute(sql`
      UPDATE jobs SET status = 'succeeded', result = ${storableJson(pack(result))}::jsonb, progress = ${JSON.stringify(progress)}::jsonb,
        finished_at = now(), updated_at = now() WHERE id = ${jobId}`);
  } catch (err) {
    const message = isWebexError(err)
      ? `${err.message} (Webex tracking ID ${err.trackingId})`
      : "The scan failed unexpectedly. Try again; if it keeps failing, check the server log.";
    if (!isWebexError(err)) logError("reclaim scan failed", { jobId }, err);
    await db
      .execute(sql`UPDATE jobs SET status = 'failed', error = ${storableText(message)}, finished_at = now(), updated_at = now() WHERE id = ${jobId}`)
      .catch((e: unknown) => logError("reclaim scan: could not record the failure", { jobId }, e));
  }
}

/**
 * After licenses were reclaimed: drop them from the cached candidates, so the view and the overview show
 * what is left without a new scan. `removed` maps person ID → license IDs taken away.
 */
export async function forgetReclaimed(db: Db, orgId: string, removed: ReadonlyMap<string, readonly string[]>): Promise<void> {
  if (!removed.size) return;
  await db.transaction(async (tx) => {
    const res = await tx.execute<{ id: string; result: StoredResult | ScanResult }>(sql`
      SELECT id, result FROM jobs WHERE org_id = ${orgId} AND kind = ${SCAN_KIND} AND status = 'succeeded'
      ORDER BY finished_at DESC NULLS LAST LIMIT 1 FOR UPDATE`);
    const row = res.rows[0];
    if (!row) return;
    const current = unpack(row.result);
    const candidates = current.candidates
      .map((c) => {
        const gone = removed.get(c.id);
        return gone ? { ...c, licenses: c.licenses.filter((l) => !gone.includes(l)) } : c;
      })
      .filter((c) => c.licenses.length > 0);
    const result: ScanResult = { ...current, candidates };
    await tx.execute(sql`UPDATE jobs SET result = ${storableJson(pack(result))}::jsonb, updated_at = now() WHERE id = ${row.id}`);
  });
}
