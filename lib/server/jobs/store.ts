import "server-only";
import { storableJson, storableText } from "@/lib/safe-text";
import { sql } from "drizzle-orm";
import type { FieldChange } from "@/lib/people/diff-person";
import type { JobItemView, JobView } from "@/lib/jobs/api-types";
import type { ItemState, JobKind, JobStatus } from "@/lib/jobs/kinds";
import { EMPTY_COUNTS, type ItemCounts } from "@/lib/jobs/progress";
import type { FieldEdit, LicenseOp, RowError, RowOutcome } from "@/lib/import/plan";
import type { PersonCreateBody } from "@/lib/people/schemas";
import type { Db } from "@/lib/server/db";

// The job tables (migration 0005): every read and every state change of a job or an item is here, as single
// statements whose WHERE clause is the guard (a transition happens only from the states it is allowed from).

export interface JobRow {
  id: string;
  orgId: string;
  kind: JobKind;
  status: JobStatus;
  label: string;
  params: JobParams;
  createdById: string;
  createdByEmail: string;
  createdByName: string | null;
  sessionId: string | null;
  total: number;
  state: JobState;
  message: string | null;
  webexCalls: number;
  leaseOwner: string | null;
  leaseUntil: Date | null;
  createdAt: Date;
  updatedAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
}

export interface JobParams {
  licenseId?: string;
  roleId?: string;
  /** Human names at preview time, for labels and audit notes. */
  licenseName?: string;
  roleName?: string;
  /** CSV import: the file's name, and license / role names at preview time (for the results CSV). */
  fileName?: string;
  names?: Record<string, string>;
}

/** Kind-specific progress that must survive a restart (e.g. the id of Webex's own resend job). */
export interface JobState {
  webexJobId?: string;
  /** Set just before the resend POST: a crash after it leaves the POST's outcome unknown. */
  webexJobPosted?: boolean;
  webexJob?: { sent: number; skipped: number; failed: number; total: number };
}

export interface ItemPlan {
  changes: FieldChange[];
  /** CSV import: the row in the file, what the preview decided for it, and why a row cannot run. */
  row?: number;
  outcome?: RowOutcome;
  errors?: RowError[];
  /** The person's licenses when previewed (the "before" of a license change made without reading again). */
  licenses?: string[];
}

export interface ItemResult {
  changes: FieldChange[];
}

/** A row of bulk_job_items: what the API shows of an item (JobItemView) plus what only the server keeps. */
export interface ItemRow extends Pick<JobItemView, "seq" | "personId" | "email" | "displayName" | "state" | "attempts" | "message" | "status" | "trackingId"> {
  jobId: string;
  input: ItemInput | null;
  plan: ItemPlan | null;
  result: ItemResult | null;
}

export interface ItemInput {
  licenseIds?: string[];
  /** CSV import: the person to create, or the edits and license operations to apply to them. */
  create?: PersonCreateBody;
  update?: { edits: FieldEdit[]; licenseOps: LicenseOp[] };
}

export interface NewItem {
  personId: string | null;
  email: string | null;
  displayName: string | null;
  state: "pending" | "skipped";
  input?: ItemRow["input"];
  plan?: ItemPlan | null;
  message?: string | null;
}

type Raw = Record<string, unknown>;
const date = (v: unknown) => (v === null || v === undefined ? null : v instanceof Date ? v : new Date(String(v)));
/** jsonb text of a value; names and messages from Webex may hold what PostgreSQL refuses (lib/safe-text.ts). */
const json = (v: unknown) => storableJson(v);
const text = (v: string | null | undefined) => storableText(v) ?? null;

function toJob(r: Raw): JobRow {
  return {
    id: String(r.id),
    orgId: String(r.org_id),
    kind: r.kind as JobKind,
    status: r.status as JobStatus,
    label: String(r.label),
    params: (r.params ?? {}) as JobParams,
    createdById: String(r.created_by_id),
    createdByEmail: String(r.created_by_email),
    createdByName: (r.created_by_name as string | null) ?? null,
    sessionId: (r.session_id as string | null) ?? null,
    total: Number(r.total),
    state: (r.state ?? {}) as JobState,
    message: (r.message as string | null) ?? null,
    webexCalls: Number(r.webex_calls ?? 0),
    leaseOwner: (r.lease_owner as string | null) ?? null,
    leaseUntil: date(r.lease_until),
    createdAt: date(r.created_at)!,
    updatedAt: date(r.updated_at)!,
    startedAt: date(r.started_at),
    finishedAt: date(r.finished_at),
  };
}

function toItem(r: Raw): ItemRow {
  return {
    jobId: String(r.job_id),
    seq: Number(r.seq),
    personId: (r.person_id as string | null) ?? null,
    email: (r.email as string | null) ?? null,
    displayName: (r.display_name as string | null) ?? null,
    state: r.state as ItemState,
    attempts: Number(r.attempts),
    input: (r.input as ItemRow["input"]) ?? null,
    plan: (r.plan as ItemPlan | null) ?? null,
    result: (r.result as ItemResult | null) ?? null,
    message: (r.message as string | null) ?? null,
    status: r.status === null || r.status === undefined ? null : Number(r.status),
    trackingId: (r.tracking_id as string | null) ?? null,
  };
}

export interface NewJob extends Pick<JobRow, "id" | "orgId" | "kind" | "status" | "label" | "params" | "sessionId"> {
  createdBy: JobView["createdBy"];
}

/** Inserts the job and its items in one transaction (items in batches: a 20,000-row job is one statement per 500). */
export async function insertJob(db: Db, job: NewJob, items: readonly NewItem[]): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.execute(sql`
      INSERT INTO bulk_jobs (id, org_id, kind, status, label, params, created_by_id, created_by_email, created_by_name, session_id, total)
      VALUES (${job.id}, ${job.orgId}, ${job.kind}, ${job.status}, ${text(job.label)}, ${json(job.params)}::jsonb, ${job.createdBy.id},
              ${job.createdBy.email}, ${text(job.createdBy.name)}, ${job.sessionId}, ${items.length})`);
    for (let i = 0; i < items.length; i += 500) {
      const rows = items.slice(i, i + 500).map(
        (it, k) => sql`(${job.id}, ${i + k + 1}, ${it.personId}, ${text(it.email)}, ${text(it.displayName)}, ${it.state},
          ${json(it.input)}::jsonb, ${json(it.plan)}::jsonb, ${text(it.message)})`,
      );
      await tx.execute(sql`
        INSERT INTO bulk_job_items (job_id, seq, person_id, email, display_name, state, input, plan, message)
        VALUES ${sql.join(rows, sql`, `)}`);
    }
  });
}

export async function getJob(db: Db, orgId: string, id: string): Promise<JobRow | null> {
  const res = await db.execute<Raw>(sql`SELECT * FROM bulk_jobs WHERE id = ${id} AND org_id = ${orgId}`);
  return res.rows[0] ? toJob(res.rows[0]) : null;
}

/** The org's jobs, newest first (drafts are previews nobody ran: never listed). */
export async function listJobs(db: Db, orgId: string, opts: { active?: boolean; limit: number }): Promise<JobRow[]> {
  const res = await db.execute<Raw>(sql`
    SELECT * FROM bulk_jobs WHERE org_id = ${orgId} AND status <> 'draft'
    ${opts.active ? sql`AND status IN ('queued', 'running', 'paused')` : sql``}
    ORDER BY created_at DESC LIMIT ${opts.limit}`);
  return res.rows.map(toJob);
}

export interface JobCounts {
  counts: ItemCounts;
  skippedAtStart: number;
}

/** Item counts per state for each job: progress is always derived from the items themselves. */
export async function itemCounts(db: Db, jobIds: readonly string[]): Promise<Map<string, JobCounts>> {
  const out = new Map<string, JobCounts>();
  if (!jobIds.length) return out;
  const res = await db.execute<Raw>(sql`
    SELECT job_id, state, count(*)::int AS n, count(*) FILTER (WHERE state = 'skipped' AND attempts = 0)::int AS at_start
    FROM bulk_job_items WHERE job_id IN (${sql.join(jobIds.map((id) => sql`${id}`), sql`, `)})
    GROUP BY job_id, state`);
  for (const id of jobIds) out.set(id, { counts: { ...EMPTY_COUNTS }, skippedAtStart: 0 });
  for (const r of res.rows) {
    const entry = out.get(String(r.job_id))!;
    entry.counts[r.state as ItemState] = Number(r.n);
    entry.skippedAtStart += Number(r.at_start);
  }
  return out;
}

export async function listItems(
  db: Db,
  jobId: string,
  opts: { state: ItemState | "all"; outcome?: RowOutcome; after?: number; limit: number },
): Promise<ItemRow[]> {
  const res = await db.execute<Raw>(sql`
    SELECT * FROM bulk_job_items WHERE job_id = ${jobId}
    ${opts.state === "all" ? sql`` : sql`AND state = ${opts.state}`}
    ${opts.outcome ? sql`AND plan->>'outcome' = ${opts.outcome}` : sql``}
    ${opts.after !== undefined ? sql`AND seq > ${opts.after}` : sql``}
    ORDER BY seq LIMIT ${opts.limit}`);
  return res.rows.map(toItem);
}

export async function countItems(db: Db, jobId: string, states: readonly ItemState[]): Promise<number> {
  const res = await db.execute<Raw>(sql`
    SELECT count(*)::int AS n FROM bulk_job_items WHERE job_id = ${jobId}
    AND state IN (${sql.join(states.map((s) => sql`${s}`), sql`, `)})`);
  return Number(res.rows[0]?.n ?? 0);
}

/** The running job of the org, if any (what its queued jobs wait for). */
export async function runningJobOf(db: Db, orgId: string): Promise<{ id: string; label: string } | null> {
  const res = await db.execute<Raw>(sql`SELECT id, label FROM bulk_jobs WHERE org_id = ${orgId} AND status = 'running' LIMIT 1`);
  const r = res.rows[0];
  return r ? { id: String(r.id), label: String(r.label) } : null;
}

/**
 * Takes the job for this worker: queued → running, or a running job whose lease ran out (its worker died).
 * The partial unique index keeps one running job per org: a queued job behind another stays queued.
 */
export async function claimJob(db: Db, id: string, owner: string, leaseMs: number): Promise<JobRow | null> {
  try {
    const res = await db.execute<Raw>(sql`
      UPDATE bulk_jobs SET status = 'running', lease_owner = ${owner},
        lease_until = now() + make_interval(secs => ${leaseMs / 1000}),
        started_at = COALESCE(started_at, now()), updated_at = now()
      WHERE id = ${id} AND (status = 'queued' OR (status = 'running' AND (lease_until IS NULL OR lease_until < now() OR lease_owner = ${owner})))
      RETURNING *`);
    return res.rows[0] ? toJob(res.rows[0]) : null;
  } catch (err) {
    if (isUniqueViolation(err)) return null; // another job of the org is running
    throw err;
  }
}

function isUniqueViolation(err: unknown): boolean {
  for (let e: unknown = err; e; e = (e as { cause?: unknown }).cause) {
    if ((e as { code?: unknown }).code === "23505") return true;
  }
  return /duplicate key value violates unique constraint/i.test(String(err));
}

/** Heartbeat: false when the job is no longer ours (paused, cancelled, or taken over). */
export async function renewLease(db: Db, id: string, owner: string, leaseMs: number): Promise<boolean> {
  const res = await db.execute<Raw>(sql`
    UPDATE bulk_jobs SET lease_until = now() + make_interval(secs => ${leaseMs / 1000})
    WHERE id = ${id} AND lease_owner = ${owner} AND status = 'running' RETURNING id`);
  return res.rows.length > 0;
}

/** Lets the next chunk (on any instance) take the job at once. */
export async function releaseLease(db: Db, id: string, owner: string): Promise<void> {
  await db.execute(sql`UPDATE bulk_jobs SET lease_until = now() WHERE id = ${id} AND lease_owner = ${owner}`);
}

/** After a crash on a single-process database (PGlite): no other process can hold a lease, so none is waited out. */
export async function expireForeignLeases(db: Db, owner: string): Promise<void> {
  await db.execute(sql`UPDATE bulk_jobs SET lease_until = now() WHERE status = 'running' AND lease_owner IS DISTINCT FROM ${owner}`);
}

export async function jobStatus(db: Db, id: string): Promise<JobStatus | null> {
  const res = await db.execute<Raw>(sql`SELECT status FROM bulk_jobs WHERE id = ${id}`);
  return (res.rows[0]?.status as JobStatus | undefined) ?? null;
}

/** Moves the job from one of `from` to `to`; false when it was in none of them (someone else moved it first). */
export async function transition(
  db: Db,
  id: string,
  from: readonly JobStatus[],
  to: JobStatus,
  set: { message?: string | null; finished?: boolean; sessionId?: string | null; clearFinished?: boolean } = {},
): Promise<boolean> {
  const res = await db.execute<Raw>(sql`
    UPDATE bulk_jobs SET status = ${to}, updated_at = now()
      ${set.message !== undefined ? sql`, message = ${text(set.message)}` : sql``}
      ${set.finished ? sql`, finished_at = now(), lease_owner = NULL, lease_until = NULL` : sql``}
      ${set.clearFinished ? sql`, finished_at = NULL` : sql``}
      ${set.sessionId !== undefined ? sql`, session_id = ${set.sessionId}` : sql``}
    WHERE id = ${id} AND status IN (${sql.join(from.map((s) => sql`${s}`), sql`, `)})
    RETURNING id`);
  return res.rows.length > 0;
}

export async function setJobState(db: Db, id: string, state: JobState): Promise<void> {
  await db.execute(sql`UPDATE bulk_jobs SET state = ${json(state)}::jsonb, updated_at = now() WHERE id = ${id}`);
}

export async function setJobSession(db: Db, id: string, sessionId: string): Promise<void> {
  await db.execute(sql`UPDATE bulk_jobs SET session_id = ${sessionId} WHERE id = ${id}`);
}

export async function addCalls(db: Db, id: string, n: number): Promise<void> {
  if (n > 0) await db.execute(sql`UPDATE bulk_jobs SET webex_calls = webex_calls + ${n}, updated_at = now() WHERE id = ${id}`);
}

/** The next waiting item, marked running with one more attempt. SKIP LOCKED: parallel takers never share one. */
export async function takeItem(db: Db, jobId: string): Promise<ItemRow | null> {
  const res = await db.execute<Raw>(sql`
    UPDATE bulk_job_items SET state = 'running', attempts = attempts + 1, updated_at = now()
    WHERE (job_id, seq) = (
      SELECT job_id, seq FROM bulk_job_items WHERE job_id = ${jobId} AND state = 'pending'
      ORDER BY seq LIMIT 1 FOR UPDATE SKIP LOCKED)
    RETURNING *`);
  return res.rows[0] ? toItem(res.rows[0]) : null;
}

/** A given waiting item → running (for kinds that settle items themselves rather than take them in turn). */
export async function startItem(db: Db, jobId: string, seq: number): Promise<void> {
  await db.execute(sql`
    UPDATE bulk_job_items SET state = 'running', attempts = attempts + 1, updated_at = now()
    WHERE job_id = ${jobId} AND seq = ${seq} AND state = 'pending'`);
}

export interface ItemOutcomeRow {
  state: "done" | "failed" | "skipped";
  /** A person the item created (CSV import). */
  personId?: string | null;
  message?: string | null;
  status?: number | null;
  trackingId?: string | null;
  result?: ItemResult | null;
}

export async function finishItem(db: Db, jobId: string, seq: number, o: ItemOutcomeRow): Promise<void> {
  await db.execute(sql`
    UPDATE bulk_job_items SET state = ${o.state}, message = ${text(o.message)}, status = ${o.status ?? null},
      tracking_id = ${o.trackingId ?? null}, result = ${json(o.result)}::jsonb, updated_at = now(),
      person_id = COALESCE(${o.personId ?? null}, person_id)
    WHERE job_id = ${jobId} AND seq = ${seq} AND state = 'running'`);
}

/**
 * Back to waiting: a transient failure (the next attempt reconciles with Webex first), or — `uncount` — a
 * request that certainly did nothing (throttled before or by Webex, session gone), which is not an attempt.
 */
export async function requeueItem(db: Db, jobId: string, seq: number, opts: { message?: string | null; uncount?: boolean } = {}): Promise<void> {
  await db.execute(sql`
    UPDATE bulk_job_items SET state = 'pending', message = ${text(opts.message)}, updated_at = now()
      ${opts.uncount ? sql`, attempts = GREATEST(0, attempts - 1)` : sql``}
    WHERE job_id = ${jobId} AND seq = ${seq} AND state = 'running'`);
}

/** Items a dead worker left running go back to waiting; their next attempt reads Webex before sending anything. */
export async function resetRunningItems(db: Db, jobId: string): Promise<number> {
  const res = await db.execute<Raw>(sql`
    UPDATE bulk_job_items SET state = 'pending', updated_at = now() WHERE job_id = ${jobId} AND state = 'running' RETURNING seq`);
  return res.rows.length;
}

/** Every waiting item → skipped with `message` (cancel; "only what fits" skips the ones beyond the pool). */
export async function skipPending(db: Db, jobId: string, message: string, opts: { afterRank?: number } = {}): Promise<number> {
  const res = await db.execute<Raw>(sql`
    UPDATE bulk_job_items SET state = 'skipped', message = ${text(message)}, updated_at = now()
    WHERE job_id = ${jobId} AND state = 'pending'
    ${opts.afterRank !== undefined
      ? sql`AND seq IN (SELECT seq FROM bulk_job_items WHERE job_id = ${jobId} AND state = 'pending' ORDER BY seq OFFSET ${opts.afterRank})`
      : sql``}
    RETURNING seq`);
  return res.rows.length;
}

/** Failed items → waiting again (retry). Attempts are kept: the next one reconciles with Webex first. */
export async function retryFailed(db: Db, jobId: string): Promise<number> {
  const res = await db.execute<Raw>(sql`
    UPDATE bulk_job_items SET state = 'pending', message = NULL, status = NULL, tracking_id = NULL, updated_at = now()
    WHERE job_id = ${jobId} AND state = 'failed' RETURNING seq`);
  return res.rows.length;
}

/** Jobs that need a worker: queued ones, and running ones whose lease ran out. */
export async function jobsNeedingWork(db: Db): Promise<string[]> {
  const res = await db.execute<Raw>(sql`
    SELECT id FROM bulk_jobs
    WHERE status = 'queued' OR (status = 'running' AND (lease_until IS NULL OR lease_until < now()))
    ORDER BY created_at LIMIT 200`);
  return res.rows.map((r) => String(r.id));
}

/** The oldest queued job of the org (it goes next when the running one ends). */
export async function nextQueued(db: Db, orgId: string): Promise<string | null> {
  const res = await db.execute<Raw>(sql`SELECT id FROM bulk_jobs WHERE org_id = ${orgId} AND status = 'queued' ORDER BY created_at LIMIT 1`);
  return res.rows[0] ? String(res.rows[0].id) : null;
}

/** Previews nobody ran, after a day. */
export async function deleteOldDrafts(db: Db, olderThanMs = 24 * 3600_000): Promise<void> {
  await db.execute(sql`DELETE FROM bulk_jobs WHERE status = 'draft' AND created_at < ${new Date(Date.now() - olderThanMs).toISOString()}`);
}
