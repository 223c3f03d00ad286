import "server-only";
import { and, eq, sql, type SQL } from "drizzle-orm";
import { zonedDayRange } from "@/lib/format";
import type { ActivityPage } from "@/lib/people/api-types";
import type { FieldChange } from "@/lib/people/diff-person";
import { auditOutcome, type AuditAction, type AuditEvent, type AuditQuery } from "@/lib/people/audit-types";
import { getDb } from "@/lib/server/db";
import { auditEvents } from "@/lib/server/db/schema";
import type { SessionUser } from "@/lib/server/session";
import { WebexError } from "@/lib/server/webex/errors";
import { logError } from "@/lib/server/log";
import { storable, storableText } from "@/lib/safe-text";

/** The change an Undo reverted: a feed row (directory_changes) or one of Roster's audit rows. */
export interface RevertRef {
  kind: "feed" | "roster";
  id: string;
}

export interface AuditDetail {
  changes: FieldChange[];
  /** Set on an Undo's row: what it reverts. */
  reverts?: RevertRef;
  /** A failed write's requested fields that Webex did not apply (`before`: its value now, `after`: the request). */
  notApplied?: FieldChange[];
  unappliedLicenses?: string[];
  note?: string;
}

export interface AuditInput {
  user: SessionUser;
  action: AuditAction;
  targetId?: string | null;
  targetEmail?: string | null;
  detail: AuditDetail;
  /** Undefined = ok; otherwise the failure as the admin saw it. */
  error?: unknown;
  /** The bulk job that made the change. */
  jobId?: string | null;
}

function errorParts(err: unknown): { status: number | null; message: string; trackingId: string | null } {
  if (err instanceof WebexError) return { status: err.status, message: err.message, trackingId: err.trackingId || null };
  const status = typeof (err as { status?: unknown })?.status === "number" ? (err as { status: number }).status : null;
  return { status, message: err instanceof Error ? err.message : String(err), trackingId: null };
}

/** The row's columns for an outcome. Text from Webex (emails, names in the diff, its messages) made storable. */
function outcomeColumns(input: { targetEmail?: string | null; detail: AuditDetail; error?: unknown }) {
  const failed = input.error !== undefined ? errorParts(input.error) : null;
  return {
    targetEmail: storableText(input.targetEmail ?? null),
    diff: storable(input.detail),
    outcome: failed ? "error" : "ok",
    status: failed?.status ?? null,
    message: storableText(failed?.message ?? null),
    trackingId: failed?.trackingId ?? null,
  };
}

function logWriteFailure(what: string, input: { action: AuditAction; jobId?: string | null }, err: unknown): void {
  // No target email or diff in the log: they are personal data (the row's ID-free parts are enough to find it).
  logError(what, { action: input.action, jobId: input.jobId ?? null }, err);
}

/** The columns of an audit row: who, what, whom, and its outcome. */
function rowValues(input: Omit<AuditInput, "error"> & { error?: unknown }) {
  return {
    orgId: input.user.orgId,
    actorId: input.user.personId,
    actorEmail: input.user.email,
    action: input.action,
    targetId: input.targetId ?? null,
    jobId: input.jobId ?? null,
    ...outcomeColumns(input),
  };
}

/**
 * Records one change made through Roster. A failure to write the audit row is logged and does not undo the
 * Webex change (which has already happened), nor hide its result from the admin.
 */
export async function recordAudit(input: AuditInput): Promise<void> {
  try {
    const db = await getDb();
    await db.insert(auditEvents).values(rowValues(input));
  } catch (err) {
    logWriteFailure("audit write failed", input, err);
  }
}

/** How an intent row ends: what Webex now holds, or the failure. `action` may be refined (a derived change). */
export interface AuditCompletion {
  action?: AuditAction;
  /** A person the change created. */
  targetId?: string | null;
  targetEmail?: string | null;
  detail: AuditDetail;
  error?: unknown;
}

export interface AuditIntent {
  /** Completes the row (once); if the intent could not be written, writes the whole row now instead. */
  finish(completion: AuditCompletion): Promise<void>;
}

/**
 * Writes the intent row of a change (outcome `pending`) before the Webex write, so that a change whose outcome
 * never gets recorded (the process died, the database was away) still leaves a row: the activity views show a
 * pending row older than PENDING_UNKNOWN_AFTER_MS as "outcome unknown". `finish` completes it after the write.
 * The row is only ever inserted, then completed once (`WHERE outcome = 'pending'`): no other update touches it.
 */
export async function beginAudit(input: Omit<AuditInput, "error">): Promise<AuditIntent> {
  let id: number | null = null;
  try {
    const db = await getDb();
    const rows = await db
      .insert(auditEvents)
      .values({ ...rowValues(input), outcome: "pending" })
      .returning({ id: auditEvents.id });
    id = rows[0]?.id ?? null;
  } catch (err) {
    logWriteFailure("audit intent write failed", input, err);
  }
  let done = false;
  return {
    finish: async (c) => {
      if (done) return;
      done = true;
      const action = c.action ?? input.action;
      if (id === null) {
        await recordAudit({
          ...input,
          action,
          targetId: c.targetId ?? input.targetId,
          targetEmail: c.targetEmail !== undefined ? c.targetEmail : input.targetEmail,
          detail: c.detail,
          error: c.error,
        });
        return;
      }
      try {
        const db = await getDb();
        await db
          .update(auditEvents)
          .set({ action, targetId: c.targetId ?? input.targetId ?? null, ...outcomeColumns({ targetEmail: c.targetEmail !== undefined ? c.targetEmail : input.targetEmail, detail: c.detail, error: c.error }) })
          .where(and(eq(auditEvents.id, id), eq(auditEvents.outcome, "pending")));
      } catch (err) {
        logWriteFailure("audit completion write failed", { action, jobId: input.jobId }, err);
      }
    },
  };
}

// ---- Listing: Roster's rows merged with Webex's admin audit events (decision 016) ---------------------------------

/**
 * A Webex event is Roster's own change (already listed, with before/after values) when Roster has a row for the
 * same target by the same admin from up to `beforeMinutes` before the event to `afterMinutes` after it (clock skew),
 * of an action that can have caused it — or a row with the event's tracking ID. Roster's row is written before its
 * Webex call and the event is timed when Webex made the change, so the gap is the call's duration: at most a
 * request deadline, or a job's five minutes of retry waits. Decision 016.
 */
export const OWN_CHANGE_WINDOW = { beforeMinutes: 5, afterMinutes: 1 } as const;

/** For each Roster action, the Webex event actions it can cause (a PUT logs the fields, roles and licenses apart). */
export const CAUSES: Record<AuditAction, readonly AuditAction[]> = {
  "person.create": ["person.create", "person.licenses"],
  "person.update": ["person.update", "person.licenses"],
  "person.licenses": ["person.licenses"],
  "person.deactivate": ["person.deactivate", "person.update"],
  "person.reactivate": ["person.reactivate", "person.update"],
  "person.delete": ["person.delete"],
  "person.invite": [],
};

const causedBy = (roster: SQL, webex: SQL): SQL =>
  sql`(CASE ${roster} ${sql.join(
    Object.entries(CAUSES).map(([r, ws]) => (ws.length ? sql`WHEN ${r} THEN ${webex} IN (${sql.join(ws.map((w) => sql`${w}`), sql`, `)})` : sql`WHEN ${r} THEN false`)),
    sql` `,
  )} ELSE false END)`;

type UnionRow = {
  src: "r" | "w";
  key: string | number;
  at_us: string | number;
  at: Date | string;
  actor_id: string | null;
  actor_email: string | null;
  actor_name: string | null;
  action: string;
  target_id: string | null;
  target_email: string | null;
  target_name: string | null;
  diff: unknown;
  outcome: string;
  status: number | null;
  message: string | null;
  tracking_id: string | null;
  job_id: string | null;
  summary: string | null;
};

function toEvent(r: UnionRow, now = Date.now()): AuditEvent {
  const at = r.at instanceof Date ? r.at : new Date(r.at);
  const detail = (typeof r.diff === "string" ? JSON.parse(r.diff) : (r.diff ?? { changes: [] })) as AuditDetail;
  return {
    // Roster's rows keep their row id; Webex's are "w<seq>", so ids never collide.
    id: r.src === "w" ? `w${r.key}` : String(r.key),
    source: r.src === "w" ? "webex" : "roster",
    at: at.toISOString(),
    actorId: r.actor_id,
    actorEmail: r.actor_email,
    actorName: r.actor_name,
    action: r.action as AuditAction,
    targetId: r.target_id,
    targetEmail: r.target_email,
    targetName: r.target_name,
    changes: detail.changes ?? [],
    unappliedLicenses: detail.unappliedLicenses ?? [],
    note: detail.note ?? null,
    outcome: auditOutcome(r.outcome, at.getTime(), now),
    status: r.status === null ? null : Number(r.status),
    message: r.message,
    trackingId: r.tracking_id,
    jobId: r.job_id ?? null,
    summary: r.summary,
    reverts: detail.reverts ?? null,
  };
}

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);
const like = (s: string) => `%${escapeLike(s)}%`;
/** The filter's days in the caller's zone (UTC when none is given): from the start of `from` to the end of `to`. */
const dayRange = (q: AuditQuery) => zonedDayRange(q.from, q.to, q.tz ?? "UTC");

function rosterBranch(orgId: string, q: AuditQuery): SQL {
  const parts: SQL[] = [sql`a.org_id = ${orgId}`];
  if (q.actor) parts.push(sql`(a.actor_id = ${q.actor} OR a.actor_email ILIKE ${like(q.actor)})`);
  if (q.target) parts.push(sql`(a.target_id = ${q.target} OR a.target_email ILIKE ${like(q.target)})`);
  if (q.targetId) parts.push(sql`a.target_id = ${q.targetId}`);
  if (q.action) parts.push(sql`a.action = ${q.action}`);
  const { start, end } = dayRange(q);
  if (start) parts.push(sql`a.at >= ${start.toISOString()}::timestamptz`);
  if (end) parts.push(sql`a.at < ${end.toISOString()}::timestamptz`);
  return sql`
    SELECT 'r' AS src, a.id AS key, (EXTRACT(EPOCH FROM a.at) * 1000000)::bigint AS at_us, a.at AS at,
      a.actor_id, a.actor_email, NULL::text AS actor_name, a.action, a.target_id, a.target_email, NULL::text AS target_name,
      a.diff, a.outcome, a.status, a.message, a.tracking_id, a.job_id, NULL::text AS summary
    FROM audit_events a WHERE ${sql.join(parts, sql` AND `)}`;
}

function webexBranch(orgId: string, q: AuditQuery): SQL {
  const parts: SQL[] = [sql`w.org_id = ${orgId}`];
  if (q.actor) parts.push(sql`(w.actor_id = ${q.actor} OR w.actor_email ILIKE ${like(q.actor)} OR w.actor_name ILIKE ${like(q.actor)})`);
  if (q.target) parts.push(sql`(w.target_id = ${q.target} OR w.target_name ILIKE ${like(q.target)})`);
  if (q.targetId) parts.push(sql`w.target_id = ${q.targetId}`);
  if (q.action) parts.push(sql`w.action = ${q.action}`);
  const { start, end } = dayRange(q);
  if (start) parts.push(sql`w.created >= ${start.toISOString()}::timestamptz`);
  if (end) parts.push(sql`w.created < ${end.toISOString()}::timestamptz`);
  // Roster's own changes are listed once, from Roster's row (which has the before/after values).
  parts.push(sql`NOT EXISTS (
    SELECT 1 FROM audit_events r WHERE r.org_id = w.org_id AND r.target_id = w.target_id AND (
      (r.actor_id = w.actor_id AND ${causedBy(sql`r.action`, sql`w.action`)}
        AND r.at >= w.created - ${OWN_CHANGE_WINDOW.beforeMinutes} * interval '1 minute'
        AND r.at <= w.created + ${OWN_CHANGE_WINDOW.afterMinutes} * interval '1 minute')
      OR r.tracking_id = w.tracking_id))`);
  return sql`
    SELECT 'w' AS src, w.seq AS key, (EXTRACT(EPOCH FROM w.created) * 1000000)::bigint AS at_us, w.created AS at,
      w.actor_id, w.actor_email, w.actor_name, w.action, w.target_id, NULL::text AS target_email, w.target_name,
      NULL::jsonb AS diff, 'ok' AS outcome, NULL::integer AS status, NULL::text AS message, w.tracking_id, NULL::text AS job_id,
      COALESCE(w.action_text, w.description) AS summary
    FROM webex_audit_events w WHERE ${sql.join(parts, sql` AND `)}`;
}

/** GET /api/activity's page before the Webex audit status is added. */
export type AuditPage = Omit<ActivityPage, "webex">;

export interface ListOptions {
  /** Whether the reader may see Webex's events (decision 016: only whom Webex would show them). */
  includeWebex: boolean;
}

/**
 * Newest first, Roster's rows and (if allowed) Webex's events of the org, merged by time; the cursor is the last
 * row's time, source and key (rows are scoped to the caller's org, so it reveals nothing).
 */
export async function listAudit(orgId: string, q: AuditQuery, opts: ListOptions = { includeWebex: false }): Promise<AuditPage> {
  const db = await getDb();
  const limit = q.limit ?? 50;
  const branches: SQL[] = [];
  if (q.source !== "webex") branches.push(rosterBranch(orgId, q));
  if (q.source !== "roster" && opts.includeWebex) branches.push(webexBranch(orgId, q));
  if (branches.length === 0) return { items: [], nextCursor: null };
  const cursor = q.cursor ? /^(\d+)-([rw])(\d+)$/.exec(q.cursor) : null;
  const after = cursor ? sql`WHERE (u.at_us, u.src, u.key) < (${cursor[1]}::bigint, ${cursor[2]}::text, ${cursor[3]}::bigint)` : sql``;
  const res = await db.execute<UnionRow>(sql`
    SELECT * FROM (${sql.join(branches, sql` UNION ALL `)}) u ${after}
    ORDER BY u.at_us DESC, u.src DESC, u.key DESC LIMIT ${limit + 1}`);
  const rows = res.rows;
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  const now = Date.now();
  return {
    items: page.map((r) => toEvent(r, now)),
    nextCursor: rows.length > limit && last ? `${last.at_us}-${last.src}${last.key}` : null,
  };
}

/** Every matching event, newest first, in batches (for CSV export); stops at `cap` rows. */
export async function* iterateAudit(orgId: string, q: AuditQuery, opts: ListOptions = { includeWebex: false }, cap = 50_000): AsyncGenerator<AuditEvent[]> {
  let cursor: string | undefined;
  let sent = 0;
  while (sent < cap) {
    const page = await listAudit(orgId, { ...q, cursor, limit: Math.min(500, cap - sent) }, opts);
    if (page.items.length > 0) yield page.items;
    sent += page.items.length;
    if (!page.nextCursor) return;
    cursor = page.nextCursor;
  }
}
