import "server-only";
import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import type { AuditAction, WebexAuditStatus } from "@/lib/people/audit-types";
import { storableText } from "@/lib/safe-text";
import { roleCode } from "@/lib/server/auth/roles";
import { getDb, type Db } from "@/lib/server/db";
import { webexAuditEvents } from "@/lib/server/db/schema";
import { getEnv } from "@/lib/server/env";
import { logWarn } from "@/lib/server/log";
import type { SessionUser } from "@/lib/server/session";
import type { WebexClient } from "@/lib/server/webex/client";
import { WebexError } from "@/lib/server/webex/errors";
import type { AdminAuditEvent } from "@/lib/server/webex/models";

// Webex's admin audit log in Roster (decision 016). GET /adminAudit/events has no target filter and costs one call
// per 200 events, so it is never asked per person or per view: each org's log is read incrementally into
// webex_audit_events, at most once per ROSTER_WEBEX_AUDIT_TTL_SECONDS, by whichever admin views the history or
// /activity first (a lease in webex_audit_sync, so one instance reads at a time), with that admin's own token, in the
// org's shared rate budget. Every other view reads the table.

/** Webex's page size limit. */
export const AUDIT_PAGE = 200;
/** At most this many pages per read (1,000 events), so a first read of a busy org cannot spend a view's budget. */
export const MAX_PAGES_PER_READ = 5;
/** A first read goes back this far. */
export const LOOKBACK_MS = 30 * 24 * 3600_000;
/** Webex lists an event minutes after the change: every read starts this far before where the last one ended. */
export const OVERLAP_MS = 10 * 60_000;
/** Webex refuses more than one year per request. */
const MAX_WINDOW_MS = 365 * 24 * 3600_000 - 60_000;
/** The lease of one read: longer than a read can take within a request's deadline. */
const LEASE_SECONDS = 60;

const FULL_ADMIN = "id_full_admin";
export const AUDIT_SCOPE = "audit:events_read";

/** Whether Webex would show this admin its audit log; if not, why (in words for the admin). Pure. */
export function webexAuditPermit(user: Pick<SessionUser, "roles" | "scopes">): { ok: true } | { ok: false; reason: string } {
  if (!user.roles.some((r) => roleCode(r) === FULL_ADMIN)) {
    return { ok: false, reason: "Webex shows its admin audit log only to full administrators, so changes made outside Roster are not listed for you." };
  }
  if (user.scopes.length > 0 && !user.scopes.includes(AUDIT_SCOPE)) {
    return { ok: false, reason: `Your Webex sign-in did not grant ${AUDIT_SCOPE}, so changes made outside Roster cannot be read. Sign out and sign in again to grant it.` };
  }
  return { ok: true };
}

let ttlOverrideMs: number | undefined;
/** Tests (bench/api-harness.ts): the read interval without the environment. */
export function setWebexAuditTtlForTests(ms: number | undefined): void {
  ttlOverrideMs = ms;
}
const ttlMs = () => ttlOverrideMs ?? getEnv().ROSTER_WEBEX_AUDIT_TTL_SECONDS * 1000;

/** Whether a reader may see the stored Webex events at all (no Webex call). */
export function webexAuditVisible(user: SessionUser): WebexAuditStatus {
  const permit = webexAuditPermit(user);
  if (!permit.ok) return { state: "unavailable", message: permit.reason };
  if (ttlMs() <= 0) return { state: "off", message: "Reading Webex's admin audit log is turned off on this server." };
  return { state: "ok", readAt: null };
}

// ---- IDs -------------------------------------------------------------------------------------------------------

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function decode64(value: string): string | null {
  if (!/^[A-Za-z0-9+/_-]+=*$/.test(value)) return null;
  const text = Buffer.from(value.replace(/-/g, "+").replace(/_/g, "/"), "base64").toString("utf8");
  return /^[\x20-\x7e]+$/.test(text) ? text : null;
}

/**
 * The People API ID of a person the audit log names. Webex's audit events name people by standard base64 of their
 * bare UUID (the spec's examples), the People API by base64url of `ciscospark://<region>/PEOPLE/<uuid>`; the region
 * is the org's. An ID already in the People API's form, or one we cannot read, is kept as it is.
 */
export function peopleIdFromAudit(raw: string | undefined, orgId: string): string | null {
  if (!raw) return null;
  const decoded = decode64(raw);
  const uuid = UUID.test(raw) ? raw : decoded && UUID.test(decoded) ? decoded : null;
  if (!uuid) return raw;
  const region = /^ciscospark:\/\/([^/]+)\/ORGANIZATION\//.exec(decode64(orgId) ?? "")?.[1] ?? "us";
  return Buffer.from(`ciscospark://${region}/PEOPLE/${uuid.toLowerCase()}`, "utf8").toString("base64url");
}

/** What Roster files an event under, from Webex's category and description (the admin still sees Webex's text). */
export function auditActionOf(event: AdminAuditEvent): AuditAction {
  const category = (event.data?.eventCategory ?? "").replace(/^EventCategory\./, "").toUpperCase();
  const text = `${event.data?.eventDescription ?? ""} ${event.data?.actionText ?? ""}`.toLowerCase();
  if (category === "LICENSES" || /\blicen[sc]e/.test(text)) return "person.licenses";
  if (/\bdeleted?\b/.test(text)) return "person.delete";
  if (/\b(created?|added)\b/.test(text)) return "person.create";
  if (/\bdeactivated?\b/.test(text)) return "person.deactivate";
  if (/\breactivated?\b/.test(text)) return "person.reactivate";
  return "person.update";
}

const isPersonTarget = (e: AdminAuditEvent) => /USER|PERSON|PEOPLE/i.test(e.data?.targetType ?? "") || /USERS|LICENSES|ROLES/i.test(e.data?.eventCategory ?? "");

function rowOf(orgId: string, e: AdminAuditEvent) {
  const d = e.data ?? {};
  const created = new Date(e.created);
  return {
    orgId,
    eventId: e.id,
    created: Number.isNaN(created.getTime()) ? new Date() : created,
    action: auditActionOf(e),
    category: storableText(d.eventCategory ?? null),
    description: storableText(d.eventDescription ?? null),
    actionText: storableText(d.actionText ?? null),
    actorId: peopleIdFromAudit(e.actorId, orgId),
    actorName: storableText(d.actorName ?? null),
    actorEmail: storableText(d.actorEmail ?? null),
    targetId: peopleIdFromAudit(d.targetId, orgId),
    targetName: storableText(d.targetName ?? null),
    targetType: storableText(d.targetType ?? null),
    trackingId: storableText(d.trackingId ?? null),
  };
}

// ---- The read ----------------------------------------------------------------------------------------------------

type SyncRow = {
  synced_to: Date | string | null;
  window_from: Date | string | null;
  window_to: Date | string | null;
  window_offset: number | null;
  checked_at: Date | string | null;
  error_status: number | null;
  error_message: string | null;
  db_now: Date | string;
};

const iso = (d: Date | null) => d?.toISOString() ?? null;
const asDate = (v: Date | string | null): Date | null => (v === null ? null : v instanceof Date ? v : new Date(v));

function statusOf(row: Pick<SyncRow, "checked_at" | "synced_to" | "error_status" | "error_message">): WebexAuditStatus {
  const readAt = asDate(row.synced_to)?.toISOString() ?? null;
  if (row.error_status === 401 || row.error_status === 403) return { state: "unavailable", message: refusal(row.error_status, row.error_message) };
  if (row.error_status !== null) return { state: "stale", readAt, message: `Webex's admin audit log could not be read the last time (${row.error_status}): changes made outside Roster may be missing.` };
  return { state: "ok", readAt };
}

function refusal(status: number, message: string | null): string {
  return `Webex refused to share its admin audit log (${status}${message ? `: ${message}` : ""}). It is shown only to full administrators whose sign-in granted ${AUDIT_SCOPE}.`;
}

export interface ReadOptions {
  /** Read even if the last read is younger than the TTL (tests). */
  force?: boolean;
  /** Never ask Webex: only say what the reader may see of what is stored (next pages, the CSV export). */
  readOnly?: boolean;
}

/**
 * Brings the org's stored Webex events up to date if the last read is older than the TTL and nobody else is
 * reading, then says what the reader may see. Never throws: a failed read leaves what is stored, and says so.
 */
export async function refreshWebexAudit(user: SessionUser, webex: WebexClient, opts: ReadOptions = {}): Promise<WebexAuditStatus> {
  const visible = webexAuditVisible(user);
  if (visible.state !== "ok") return visible;
  try {
    return await refresh(user, webex, opts);
  } catch (err) {
    logWarn("webex audit refresh failed", {}, err);
    return { state: "stale", readAt: null, message: "Changes made outside Roster could not be loaded just now: try again in a minute." };
  }
}

async function refresh(user: SessionUser, webex: WebexClient, opts: ReadOptions): Promise<WebexAuditStatus> {
  const db = await getDb();
  const orgId = user.orgId;
  const orgStatus = async (): Promise<WebexAuditStatus> => {
    const current = await db.execute<SyncRow>(sql`SELECT synced_to, checked_at, error_status, error_message FROM webex_audit_sync WHERE org_id = ${orgId}`);
    return current.rows[0] ? statusOf(current.rows[0]) : { state: "ok", readAt: null };
  };
  if (opts.readOnly) return orgStatus();
  const owner = randomUUID();
  await db.execute(sql`INSERT INTO webex_audit_sync (org_id) VALUES (${orgId}) ON CONFLICT (org_id) DO NOTHING`);
  const claimed = await db.execute<SyncRow>(sql`
    UPDATE webex_audit_sync SET lease_until = now() + ${LEASE_SECONDS} * interval '1 second', lease_owner = ${owner}
    WHERE org_id = ${orgId}
      AND (lease_until IS NULL OR lease_until < now())
      AND (${opts.force ?? false}::boolean OR checked_at IS NULL OR checked_at <= now() - ${ttlMs()}::float8 * interval '1 millisecond')
    RETURNING synced_to, window_from, window_to, window_offset, checked_at, error_status, error_message, now() AS db_now`);
  const row = claimed.rows[0];
  if (!row) return orgStatus();
  return read(db, orgId, owner, row, webex);
}

async function read(db: Db, orgId: string, owner: string, row: SyncRow, webex: WebexClient): Promise<WebexAuditStatus> {
  const now = asDate(row.db_now)!;
  const syncedTo = asDate(row.synced_to);
  let from = asDate(row.window_from);
  let to = asDate(row.window_to);
  let offset = row.window_offset ?? 0;
  if (!from || !to) {
    to = now;
    from = new Date(Math.max(syncedTo ? syncedTo.getTime() - OVERLAP_MS : now.getTime() - LOOKBACK_MS, now.getTime() - MAX_WINDOW_MS));
    offset = 0;
  }
  let done = false;
  let failure: unknown;
  try {
    for (let page = 0; page < MAX_PAGES_PER_READ && !done; page++) {
      const res = await webex.listAdminAuditEvents({ from, to, max: AUDIT_PAGE, offset });
      const rows = res.items.filter(isPersonTarget).map((e) => rowOf(orgId, e));
      if (rows.length > 0) await db.insert(webexAuditEvents).values(rows).onConflictDoNothing();
      offset += res.items.length;
      done = !res.more || res.items.length < AUDIT_PAGE;
    }
  } catch (err) {
    failure = err;
  }
  const status = failure instanceof WebexError ? failure.status : failure !== undefined ? 0 : null;
  const message = failure instanceof WebexError ? storableText(failure.message) : failure !== undefined ? "no answer" : null;
  if (failure !== undefined) logWarn("webex audit read failed", { status: status ?? 0 }, failure);
  // A window read to its end moves synced_to; an unfinished one is continued (same window, next offset) next time.
  await db.execute(sql`
    UPDATE webex_audit_sync SET
      synced_to = ${iso(done ? to : syncedTo)}::timestamptz,
      window_from = ${iso(done ? null : from)}::timestamptz, window_to = ${iso(done ? null : to)}::timestamptz,
      window_offset = ${done ? null : offset}::integer,
      checked_at = now(), lease_until = NULL, lease_owner = NULL,
      error_status = ${status}::integer, error_message = ${message}
    WHERE org_id = ${orgId} AND lease_owner = ${owner}`);
  return statusOf({ synced_to: done ? to : syncedTo, checked_at: now, error_status: status, error_message: message });
}
