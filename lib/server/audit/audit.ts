import "server-only";
import { and, desc, eq, gte, ilike, lt, lte, or, type SQL } from "drizzle-orm";
import type { FieldChange } from "@/lib/people/diff-person";
import { auditOutcome, type AuditAction, type AuditEvent, type AuditQuery } from "@/lib/people/audit-types";
import { getDb } from "@/lib/server/db";
import { auditEvents } from "@/lib/server/db/schema";
import type { SessionUser } from "@/lib/server/session";
import { WebexError } from "@/lib/server/webex/errors";
import { logError } from "@/lib/server/log";
import { storable, storableText } from "@/lib/safe-text";

export interface AuditDetail {
  changes: FieldChange[];
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

type Row = typeof auditEvents.$inferSelect;

function toEvent(r: Row, now = Date.now()): AuditEvent {
  const detail = (r.diff ?? { changes: [] }) as AuditDetail;
  return {
    id: String(r.id),
    at: r.at.toISOString(),
    actorId: r.actorId,
    actorEmail: r.actorEmail,
    action: r.action as AuditAction,
    targetId: r.targetId,
    targetEmail: r.targetEmail,
    changes: detail.changes ?? [],
    unappliedLicenses: detail.unappliedLicenses ?? [],
    note: detail.note ?? null,
    outcome: auditOutcome(r.outcome, r.at.getTime(), now),
    status: r.status,
    message: r.message,
    trackingId: r.trackingId,
    jobId: r.jobId ?? null,
  };
}

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

function where(orgId: string, q: AuditQuery, beforeId?: number): SQL | undefined {
  const parts: (SQL | undefined)[] = [eq(auditEvents.orgId, orgId)];
  if (q.actor) parts.push(or(eq(auditEvents.actorId, q.actor), ilike(auditEvents.actorEmail, `%${escapeLike(q.actor)}%`)));
  if (q.target) parts.push(or(eq(auditEvents.targetId, q.target), ilike(auditEvents.targetEmail, `%${escapeLike(q.target)}%`)));
  if (q.targetId) parts.push(eq(auditEvents.targetId, q.targetId));
  if (q.action) parts.push(eq(auditEvents.action, q.action));
  if (q.from) parts.push(gte(auditEvents.at, new Date(`${q.from}T00:00:00.000Z`)));
  if (q.to) parts.push(lte(auditEvents.at, new Date(`${q.to}T23:59:59.999Z`)));
  if (beforeId !== undefined) parts.push(lt(auditEvents.id, beforeId));
  return and(...parts);
}

export interface AuditPage {
  items: AuditEvent[];
  nextCursor: string | null;
}

/** Newest first; the cursor is the last row's id (rows are scoped to the caller's org, so it reveals nothing). */
export async function listAudit(orgId: string, q: AuditQuery): Promise<AuditPage> {
  const db = await getDb();
  const limit = q.limit ?? 50;
  const rows = await db
    .select()
    .from(auditEvents)
    .where(where(orgId, q, q.cursor ? Number(q.cursor) : undefined))
    .orderBy(desc(auditEvents.id))
    .limit(limit + 1);
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  const now = Date.now();
  return { items: page.map((r) => toEvent(r, now)), nextCursor: rows.length > limit && last ? String(last.id) : null };
}

/** Every matching event, newest first, in batches (for CSV export); stops at `cap` rows. */
export async function* iterateAudit(orgId: string, q: AuditQuery, cap = 50_000): AsyncGenerator<AuditEvent[]> {
  let cursor: string | undefined;
  let sent = 0;
  while (sent < cap) {
    const page = await listAudit(orgId, { ...q, cursor, limit: Math.min(500, cap - sent) });
    if (page.items.length > 0) yield page.items;
    sent += page.items.length;
    if (!page.nextCursor) return;
    cursor = page.nextCursor;
  }
}
