import "server-only";
import { sql, type SQL } from "drizzle-orm";
import {
  notRevertableReason,
  revertAuditEdit,
  revertEdit,
  type ChangeActor,
  type ChangeItem,
  type ChangeKind,
  type ChangesPage,
  type ChangesQuery,
  type RevertResponse,
} from "@/lib/directory/changes";
import type { FieldValue, TrackedField } from "@/lib/directory/types";
import { zonedDayRange } from "@/lib/format";
import { findConflicts } from "@/lib/people/apply-changes";
import type { PersonChanges, PersonOriginal } from "@/lib/people/schemas";
import { ApiError } from "@/lib/server/api/errors";
import { recordAudit, type AuditDetail, type RevertRef } from "@/lib/server/audit/audit";
import type { Db } from "@/lib/server/db";
import { PersonConflictError, safeUpdatePerson } from "@/lib/server/people/safe-update";
import type { SessionUser } from "@/lib/server/session";
import type { WebexClient } from "@/lib/server/webex/client";

// The change feed (issue 15): the rows each sync wrote to directory_changes, listed with filters and keyset paging
// on (seen_to, id), attributed, exported, and undone through the one safe edit path.
//
// Attribution is computed when the feed is read, not when the sync commits: Webex's admin audit events reach Roster
// only when someone views the activity or the feed (lib/server/audit/webex-audit.ts, read lazily and lagging Webex
// by minutes), so at commit time the events of the window are usually not there yet; and Webex's events may be shown
// only to admins allowed to read them (decision 016), which is a property of the reader, not of the row. The stored
// actor_name/actor_email columns are kept for a future writer and win when set.

/** Roster's own change of a person within the window names the admin; otherwise Webex's event (when readable). */
function actorJoin(includeWebex: boolean): SQL {
  const webex = includeWebex
    ? sql`UNION ALL
        SELECT 'webex' AS src, w.actor_name AS name, w.actor_email AS email, w.created AS at FROM webex_audit_events w
        WHERE w.org_id = c.org_id AND w.target_id = c.person_id
          AND w.created > COALESCE(c.seen_from, '-infinity'::timestamptz) AND w.created <= c.seen_to
          AND (CASE c.kind WHEN 'added' THEN w.action = 'person.create' WHEN 'removed' THEN w.action = 'person.delete'
               ELSE w.action IN ('person.update', 'person.licenses', 'person.deactivate', 'person.reactivate') END)`
    : sql``;
  return sql`LEFT JOIN LATERAL (
      SELECT x.src, x.name, x.email FROM (
        SELECT 'roster' AS src, NULL::text AS name, a.actor_email AS email, a.at AS at FROM audit_events a
        WHERE a.org_id = c.org_id AND a.target_id = c.person_id AND a.outcome = 'ok'
          AND a.at > COALESCE(c.seen_from, '-infinity'::timestamptz) AND a.at <= c.seen_to
          AND (CASE c.kind WHEN 'added' THEN a.action = 'person.create' WHEN 'removed' THEN a.action = 'person.delete'
               ELSE a.diff -> 'changes' @> jsonb_build_array(jsonb_build_object('field',
                 CASE c.field WHEN 'email' THEN 'emails' ELSE c.field END)) END)
        ${webex}
      ) x ORDER BY x.at DESC LIMIT 1
    ) act ON true`;
}

type Row = {
  id: string | number;
  seen_us: string | number;
  seen_from: string | Date | null;
  seen_to: string | Date;
  person_id: string;
  email: string;
  display_name: string;
  kind: string;
  field: string | null;
  before: unknown;
  after: unknown;
  actor_name: string | null;
  actor_email: string | null;
  act_src: string | null;
  act_name: string | null;
  act_email: string | null;
  reverted_at: string | Date | null;
  reverted_by: string | null;
};

const iso = (v: string | Date | null) => (v === null ? null : new Date(v).toISOString());
/** jsonb read as text: a driver hands a jsonb string back already parsed, indistinguishable from JSON text. */
const json = (v: unknown): FieldValue => (typeof v === "string" ? (JSON.parse(v) as FieldValue) : null);

function toItem(r: Row): ChangeItem {
  const actor: ChangeActor | null =
    r.actor_name || r.actor_email
      ? { name: r.actor_name, email: r.actor_email, source: "webex" }
      : r.act_src
        ? { name: r.act_name, email: r.act_email, source: r.act_src as ChangeActor["source"] }
        : null;
  const item: ChangeItem = {
    id: String(r.id),
    kind: r.kind as ChangeKind,
    personId: r.person_id,
    email: r.email,
    displayName: r.display_name,
    field: r.field as TrackedField | null,
    before: json(r.before),
    after: json(r.after),
    seenFrom: iso(r.seen_from),
    seenTo: iso(r.seen_to)!,
    actor,
    revertedAt: iso(r.reverted_at),
    revertedBy: r.reverted_by,
    notRevertable: null,
  };
  item.notRevertable = notRevertableReason(item);
  return item;
}

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

function where(orgId: string, q: ChangesQuery): SQL {
  const parts: SQL[] = [sql`c.org_id = ${orgId}`];
  if (q.kind) parts.push(sql`c.kind = ${q.kind}`);
  if (q.field) parts.push(sql`c.field = ${q.field}`);
  if (q.person) parts.push(sql`c.person_id = ${q.person}`);
  if (q.q) {
    const like = `%${escapeLike(q.q)}%`;
    parts.push(sql`(c.display_name ILIKE ${like} OR c.email ILIKE ${like})`);
  }
  const { start, end } = zonedDayRange(q.from, q.to, q.tz ?? "UTC");
  if (start) parts.push(sql`c.seen_to >= ${start.toISOString()}::timestamptz`);
  if (end) parts.push(sql`c.seen_to < ${end.toISOString()}::timestamptz`);
  const cursor = q.cursor ? /^(\d+)-(\d+)$/.exec(q.cursor) : null;
  if (cursor) parts.push(sql`((EXTRACT(EPOCH FROM c.seen_to) * 1000000)::bigint, c.id) < (${cursor[1]}::bigint, ${cursor[2]}::bigint)`);
  return sql.join(parts, sql` AND `);
}

const SELECT = sql`c.id, (EXTRACT(EPOCH FROM c.seen_to) * 1000000)::bigint AS seen_us, c.seen_from, c.seen_to, c.person_id, c.email,
  c.display_name, c.kind, c.field, c.before::text AS before, c.after::text AS after, c.actor_name, c.actor_email, act.src AS act_src, act.name AS act_name,
  act.email AS act_email, c.reverted_at, c.reverted_by`;

export interface ListChangesOptions {
  /** Whether the reader may see Webex's admin audit events (decision 016): attribution from them only then. */
  includeWebex: boolean;
}

/** Newest first (by the sync that saw them, then id); the cursor is the last row's seen_to and id. */
export async function listChanges(db: Db, orgId: string, q: ChangesQuery, opts: ListChangesOptions): Promise<ChangesPage> {
  const limit = q.limit ?? 50;
  // Page the feed first (the index on (org_id, seen_to, id)), then attribute only that page.
  const res = await db.execute<Row>(sql`
    SELECT ${SELECT} FROM (
      SELECT * FROM directory_changes c WHERE ${where(orgId, q)}
      ORDER BY c.seen_to DESC, c.id DESC LIMIT ${limit + 1}
    ) c ${actorJoin(opts.includeWebex)}
    ORDER BY c.seen_to DESC, c.id DESC`);
  const rows = res.rows;
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return { items: page.map(toItem), nextCursor: rows.length > limit && last ? `${last.seen_us}-${last.id}` : null };
}

/** Every matching row, newest first, in batches (the CSV export); stops at `cap` rows. */
export async function* iterateChanges(db: Db, orgId: string, q: ChangesQuery, opts: ListChangesOptions, cap = 50_000): AsyncGenerator<ChangeItem[]> {
  let cursor: string | undefined;
  let sent = 0;
  while (sent < cap) {
    const page = await listChanges(db, orgId, { ...q, cursor, limit: Math.min(200, cap - sent) }, opts);
    if (page.items.length > 0) yield page.items;
    sent += page.items.length;
    if (!page.nextCursor) return;
    cursor = page.nextCursor;
  }
}

export async function getChange(db: Db, orgId: string, id: string, opts: ListChangesOptions): Promise<ChangeItem | null> {
  const res = await db.execute<Row>(sql`
    SELECT ${SELECT} FROM (SELECT * FROM directory_changes c WHERE c.org_id = ${orgId} AND c.id = ${id}::bigint) c ${actorJoin(opts.includeWebex)}`);
  return res.rows[0] ? toItem(res.rows[0]) : null;
}

/**
 * The edit path for an Undo. PATCH /licenses/users (the license-only path, decision 017) sends only additions and
 * removals and never reads the person, so it would not notice licenses changed again since; an Undo must, so the
 * person is read and compared first (the PUT path compares them itself, after its own read, under the lock).
 */
async function undo(webex: WebexClient, user: SessionUser, personId: string, edit: { changes: PersonChanges; original: PersonOriginal }, reverts: RevertRef) {
  const keys = Object.keys(edit.changes);
  if (keys.length === 1 && keys[0] === "licenses") {
    const current = await webex.getPerson(personId, { callingData: true });
    const conflicts = findConflicts(current, edit.changes, edit.original);
    if (conflicts.length > 0) {
      const err = new PersonConflictError(conflicts, current);
      const detail: AuditDetail = { changes: [{ field: "licenses", before: current.licenses ?? [], after: edit.changes.licenses }], reverts };
      await recordAudit({ user, action: "person.licenses", targetId: personId, targetEmail: current.emails?.[0] ?? null, detail, error: err });
      throw err;
    }
  }
  return safeUpdatePerson(webex, user, personId, edit, { reverts });
}

/**
 * Undo of a feed row: its before-value through the safe edit path with its after-value as `original` (a field
 * changed again in Webex since → PersonConflictError, 409, nothing written), audited as reverting change #id; the
 * row is then marked reverted.
 */
export async function revertChange(db: Db, webex: WebexClient, user: SessionUser, id: string): Promise<RevertResponse> {
  const change = await getChange(db, user.orgId, id, { includeWebex: false });
  if (!change) throw new ApiError(404, "No such change in this organization's feed");
  if (change.revertedAt) throw new ApiError(409, `Already undone${change.revertedBy ? ` by ${change.revertedBy}` : ""}.`);
  const edit = revertEdit(change);
  if (!edit) throw new ApiError(400, change.notRevertable ?? "This change cannot be undone.");
  const result = await undo(webex, user, change.personId, edit, { kind: "feed", id });
  await db.execute(sql`UPDATE directory_changes SET reverted_at = now(), reverted_by = ${user.email}
    WHERE org_id = ${user.orgId} AND id = ${id}::bigint AND reverted_at IS NULL`);
  const done = (await getChange(db, user.orgId, id, { includeWebex: false }))!;
  return { change: done, changes: result.changes, unappliedLicenses: result.unappliedLicenses };
}

type AuditRow = { id: number | string; action: string; target_id: string | null; diff: unknown; outcome: string };

export interface AuditRevertResponse {
  changes: { field: string; before: unknown; after: unknown }[];
  unappliedLicenses: string[];
}

/** Undo of one of Roster's own changes (an audit row): its before-values, with its after-values as `original`. */
export async function revertAuditRow(db: Db, webex: WebexClient, user: SessionUser, id: string): Promise<AuditRevertResponse> {
  const res = await db.execute<AuditRow>(sql`SELECT id, action, target_id, diff, outcome FROM audit_events WHERE org_id = ${user.orgId} AND id = ${id}::bigint`);
  const row = res.rows[0];
  if (!row || !row.target_id) throw new ApiError(404, "No such change in this organization's audit trail");
  const detail = (typeof row.diff === "string" ? JSON.parse(row.diff) : (row.diff ?? { changes: [] })) as AuditDetail;
  const plan = revertAuditEdit({ action: row.action, outcome: row.outcome, changes: detail.changes ?? [] });
  if (!plan.ok) throw new ApiError(400, plan.reason);
  const prior = await db.execute<{ actor_email: string }>(sql`
    SELECT actor_email FROM audit_events WHERE org_id = ${user.orgId} AND outcome = 'ok'
      AND diff -> 'reverts' ->> 'kind' = 'roster' AND diff -> 'reverts' ->> 'id' = ${String(row.id)} LIMIT 1`);
  if (prior.rows[0]) throw new ApiError(409, `Already undone by ${prior.rows[0].actor_email}.`);
  const result = await undo(webex, user, row.target_id, plan, { kind: "roster", id: String(row.id) });
  return { changes: result.changes, unappliedLicenses: result.unappliedLicenses };
}
