import "server-only";
import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import type { DirectorySyncRun, StartSyncResponse } from "@/lib/directory/api-types";
import { diffIndex } from "@/lib/directory/diff";
import type { IndexedPerson } from "@/lib/directory/types";
import { storableJson, storableText } from "@/lib/safe-text";
import type { Db } from "@/lib/server/db";
import { logError } from "@/lib/server/log";
import { refusedSession } from "@/lib/server/tasks/org-sessions";
import type { WebexClient } from "@/lib/server/webex/client";
import { isWebexError } from "@/lib/server/webex/errors";
import { toIndexed } from "./index-person";
import { cachedPeople } from "./cache";
import { commitSync, readPeople, readState } from "./store";

// The directory sync (decision 018): one walk of the org's people, compared with the index, committed in one
// transaction (lib/server/directory/store.ts). A run is a `jobs` row of kind "directory-sync" (progress while it
// runs, figures when done); the partial unique index admits one running sync per org on every instance at once.
//
// Calls: GET /people?max=1000, ⌈people/1000⌉ calls, the fewest Webex allows. Locations come only with
// callingData=true (at most 100 a page), so a walk that also reads them costs ⌈people/100⌉ and runs only when the
// locations are older than ROSTER_DIRECTORY_LOCATIONS_HOURS (default 24) or were never read.

export const SYNC_KIND = "directory-sync";
export const SYNC_PAGE_SIZE = 1000;
export const CALLING_PAGE_SIZE = 100;
/** A running sync whose row has not moved for this long died with its process; a new one may replace it. */
const STALE_MS = 5 * 60_000;
const DEFAULT_LOCATION_HOURS = 24;

export function locationRefreshHours(raw = process.env.ROSTER_DIRECTORY_LOCATIONS_HOURS): number {
  const n = raw === undefined || raw.trim() === "" ? NaN : Number(raw);
  return Number.isFinite(n) && n >= 0 ? n : DEFAULT_LOCATION_HOURS;
}

interface SyncProgress {
  scanned: number;
  pages: number;
  expected: number | null;
  locations: boolean;
}

export interface SyncResult {
  generation: number;
  people: number;
  webexCalls: number;
  durationMs: number;
  changes: number;
  locations: boolean;
  /** Time spent in commitSync (the one transaction), for the benchmark and the server log. */
  commitMs: number;
}

type RunRow = {
  id: string;
  status: string;
  created_by: string | null;
  created_at: string | Date;
  finished_at: string | Date | null;
  progress: SyncProgress | null;
  error: string | null;
};

const ms = (v: string | Date | null) => (v === null ? null : new Date(v).getTime());

function toRun(r: RunRow): DirectorySyncRun {
  return {
    id: r.id,
    status: (r.status === "queued" ? "running" : r.status) as DirectorySyncRun["status"],
    trigger: r.created_by ?? "schedule",
    startedAt: ms(r.created_at)!,
    finishedAt: ms(r.finished_at),
    scanned: r.progress?.scanned ?? 0,
    expected: r.progress?.expected ?? null,
    webexCalls: r.progress?.pages ?? 0,
    error: r.error,
  };
}

const COLUMNS = sql`id, status, created_by, created_at, finished_at, progress, error`;

async function failStale(db: Db, orgId: string, now: number): Promise<void> {
  await db.execute(sql`
    UPDATE jobs SET status = 'failed', error = 'The sync stopped (the server restarted?). The next one starts on schedule, or press Sync now.',
      finished_at = now(), updated_at = now()
    WHERE org_id = ${orgId} AND kind = ${SYNC_KIND} AND status IN ('queued', 'running')
      AND updated_at < ${new Date(now - STALE_MS).toISOString()}`);
}

export async function runningSync(db: Db, orgId: string, now = Date.now()): Promise<DirectorySyncRun | null> {
  await failStale(db, orgId, now);
  const res = await db.execute<RunRow>(sql`SELECT ${COLUMNS} FROM jobs WHERE org_id = ${orgId} AND kind = ${SYNC_KIND} AND status IN ('queued', 'running') LIMIT 1`);
  return res.rows[0] ? toRun(res.rows[0]) : null;
}

export async function lastFinishedSync(db: Db, orgId: string): Promise<DirectorySyncRun | null> {
  const res = await db.execute<RunRow>(sql`
    SELECT ${COLUMNS} FROM jobs WHERE org_id = ${orgId} AND kind = ${SYNC_KIND} AND status IN ('succeeded', 'failed')
    ORDER BY finished_at DESC NULLS LAST LIMIT 1`);
  return res.rows[0] ? toRun(res.rows[0]) : null;
}

export interface StartSyncOptions {
  /** "schedule", or the email of the admin who asked. */
  trigger: string;
  /** Wait for the sync to finish (tests, benchmark, the periodic task). Default: run in the background. */
  wait?: boolean;
  /** Read locations too (callingData walk) whatever their age; default: when older than locationRefreshHours(). */
  locations?: boolean;
  now?: () => number;
}

/**
 * Starts a sync of the org, or returns the one already running (`started: false`). With `wait`, resolves when it is
 * done (the run is then finished or failed).
 */
export async function startSync(db: Db, webex: WebexClient, orgId: string, opts: StartSyncOptions): Promise<StartSyncResponse> {
  const now = opts.now ?? Date.now;
  await failStale(db, orgId, now());
  const state = await readState(db, orgId);
  const hours = locationRefreshHours();
  const locations =
    opts.locations ?? (!state || state.locationsAsOf === null || (hours > 0 && now() - state.locationsAsOf >= hours * 3_600_000));
  const progress: SyncProgress = { scanned: 0, pages: 0, expected: state?.people ?? null, locations };
  const id = randomUUID();
  const inserted = await db.execute<RunRow>(sql`
    INSERT INTO jobs (id, org_id, kind, status, created_by, input, progress, started_at)
    VALUES (${id}, ${orgId}, ${SYNC_KIND}, 'running', ${opts.trigger === "schedule" ? null : opts.trigger},
            ${JSON.stringify({ locations })}::jsonb, ${JSON.stringify(progress)}::jsonb, now())
    ON CONFLICT (org_id, kind) WHERE status IN ('queued', 'running') DO NOTHING
    RETURNING ${COLUMNS}`);
  const row = inserted.rows[0];
  if (!row) {
    const running = await runningSync(db, orgId, now());
    if (running) return { run: running, started: false };
    return startSync(db, webex, orgId, opts); // it finished between our insert and this read
  }
  const work = runSync(db, webex, orgId, id, progress, state?.generation ?? 0, now);
  if (opts.wait) {
    await work;
    const done = await db.execute<RunRow>(sql`SELECT ${COLUMNS} FROM jobs WHERE id = ${id}`);
    return { run: toRun(done.rows[0]!), started: true };
  }
  void work.catch(() => undefined); // recorded on the run; only a waiting caller acts on a refused session
  return { run: toRun(row), started: true };
}

async function runSync(db: Db, webex: WebexClient, orgId: string, jobId: string, progress: SyncProgress, generation: number, now: () => number): Promise<void> {
  const started = now();
  try {
    const before = (generation > 0 ? await cachedPeople(orgId, generation) : null) ?? (await readPeople(db, orgId));
    const after = new Map<string, IndexedPerson>();
    const params = progress.locations ? { max: CALLING_PAGE_SIZE, callingData: true } : { max: SYNC_PAGE_SIZE };
    for await (const page of webex.iteratePeople(params)) {
      for (const p of page) after.set(p.id, toIndexed(p, progress.locations ? undefined : before.get(p.id)));
      progress.scanned += page.length;
      progress.pages += 1;
      await db.execute(sql`UPDATE jobs SET progress = ${JSON.stringify(progress)}::jsonb, updated_at = now() WHERE id = ${jobId}`);
    }
    // The first sync is the baseline: everyone would be "added", which says nothing.
    const changes = generation === 0 ? [] : diffIndex(before, after, { locationsRead: progress.locations });
    const durationMs = now() - started;
    const commitStart = performance.now();
    const committed = await commitSync(db, {
      orgId,
      expectedGeneration: generation,
      before,
      after,
      changes,
      asOf: started,
      locationsRead: progress.locations,
      webexCalls: progress.pages,
      durationMs,
    });
    if (committed === null) throw new SyncSuperseded();
    const commitMs = Math.round(performance.now() - commitStart);
    const result: SyncResult = { generation: committed, people: after.size, webexCalls: progress.pages, durationMs, changes: changes.length, locations: progress.locations, commitMs };
    await db.execute(sql`
      UPDATE jobs SET status = 'succeeded', result = ${storableJson(result)}::jsonb, progress = ${JSON.stringify(progress)}::jsonb,
        finished_at = now(), updated_at = now() WHERE id = ${jobId}`);
  } catch (err) {
    const message =
      err instanceof SyncSuperseded
        ? "Another sync finished first; this one was dropped (nothing lost)."
        : isWebexError(err)
          ? `${err.message} (Webex tracking ID ${err.trackingId})`
          : "The sync failed unexpectedly. Try again; if it keeps failing, check the server log.";
    if (!isWebexError(err) && !(err instanceof SyncSuperseded)) logError("directory sync failed", { jobId }, err);
    await db
      .execute(sql`UPDATE jobs SET status = 'failed', error = ${storableText(message)}, finished_at = now(), updated_at = now() WHERE id = ${jobId}`)
      .catch((e: unknown) => logError("directory sync: could not record the failure", { jobId }, e));
    if (refusedSession(err)) throw err; // the periodic task tries another session
  }
}

class SyncSuperseded extends Error {}
