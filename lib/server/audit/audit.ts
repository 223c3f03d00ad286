import "server-only";
import { and, desc, eq, gte, ilike, lt, lte, or, type SQL } from "drizzle-orm";
import type { FieldChange } from "@/lib/people/diff-person";
import type { AuditAction, AuditEvent, AuditQuery } from "@/lib/people/audit-types";
import { getDb } from "@/lib/server/db";
import { auditEvents } from "@/lib/server/db/schema";
import type { SessionUser } from "@/lib/server/session";
import { WebexError } from "@/lib/server/webex/errors";

export interface AuditDetail {
  changes: FieldChange[];
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

/**
 * Records one change made through Roster. A failure to write the audit row is logged and does not undo the
 * Webex change (which has already happened), nor hide its result from the admin.
 */
export async function recordAudit(input: AuditInput): Promise<void> {
  const failed = input.error !== undefined ? errorParts(input.error) : null;
  try {
    const db = await getDb();
    await db.insert(auditEvents).values({
      orgId: input.user.orgId,
      actorId: input.user.personId,
      actorEmail: input.user.email,
      action: input.action,
      targetId: input.targetId ?? null,
      targetEmail: input.targetEmail ?? null,
      diff: input.detail,
      outcome: failed ? "error" : "ok",
      status: failed?.status ?? null,
      message: failed?.message ?? null,
      trackingId: failed?.trackingId ?? null,
      jobId: input.jobId ?? null,
    });
  } catch (err) {
    console.error(JSON.stringify({ level: "error", msg: "audit write failed", action: input.action, targetId: input.targetId, error: String(err) }));
  }
}

type Row = typeof auditEvents.$inferSelect;

function toEvent(r: Row): AuditEvent {
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
    outcome: r.outcome === "error" ? "error" : "ok",
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
  return { items: page.map(toEvent), nextCursor: rows.length > limit && last ? String(last.id) : null };
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
