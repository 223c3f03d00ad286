import "server-only";
import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import { VIEWS_PER_OWNER_MAX, type SavedView, type SavedViewsList } from "@/lib/directory/saved-views";
import { ApiError } from "@/lib/server/api/errors";
import type { Db } from "@/lib/server/db";

// Saved views (issue 15, table saved_views of migration 0010). Who sees and changes what:
// - a personal view: only its owner sees it, renames it or deletes it (another admin gets 404: its existence is
//   not theirs to know);
// - a shared view: every administrator of the org sees it (read-only ones included). Sharing puts a view in every
//   admin's sidebar, an org-wide change, so only admins who may change people ("write": full and user
//   administrators) may share one, and only they may rename, unshare or delete a shared view — any of them, not
//   only its owner, so a shared view left behind by an admin who has gone can still be tidied. A read-only admin
//   keeps personal views only.
// Names are unique per owner (case-insensitive, 409), at most VIEWS_PER_OWNER_MAX views per owner (409). Both are
// checked under a transaction-scoped advisory lock on (org, owner), so two saves at once cannot both pass.

export interface ViewActor {
  orgId: string;
  email: string;
  canWrite: boolean;
}

type Row = {
  id: string;
  owner_email: string;
  name: string;
  shared: boolean;
  query: string;
  created_at: string | Date;
  updated_at: string | Date;
};

const iso = (v: string | Date) => new Date(v).toISOString();
const owner = (a: ViewActor) => a.email.toLowerCase();

function canEdit(a: ViewActor, r: Pick<Row, "owner_email" | "shared">): boolean {
  return r.shared ? a.canWrite : r.owner_email === owner(a);
}

function toView(a: ViewActor, r: Row): SavedView {
  return {
    id: r.id,
    name: r.name,
    query: r.query,
    shared: Boolean(r.shared),
    ownerEmail: r.owner_email,
    mine: r.owner_email === owner(a),
    canEdit: canEdit(a, r),
    createdAt: iso(r.created_at),
    updatedAt: iso(r.updated_at),
  };
}

/** The admin's own views and the org's shared ones, by name. */
export async function listViews(db: Db, a: ViewActor): Promise<SavedViewsList> {
  const res = await db.execute<Row>(sql`
    SELECT id, owner_email, name, shared, query, created_at, updated_at FROM saved_views
    WHERE org_id = ${a.orgId} AND (shared OR owner_email = ${owner(a)})
    ORDER BY lower(name), created_at, id`);
  return { items: res.rows.map((r) => toView(a, r)), canShare: a.canWrite, maxPerOwner: VIEWS_PER_OWNER_MAX };
}

type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];

async function lockOwner(tx: Tx, orgId: string, email: string): Promise<void> {
  await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext(${`saved_views:${orgId}:${email}`}))`);
}

async function nameTaken(tx: Tx, orgId: string, email: string, name: string, exceptId?: string): Promise<boolean> {
  const res = await tx.execute<{ id: string }>(sql`
    SELECT id FROM saved_views WHERE org_id = ${orgId} AND owner_email = ${email} AND lower(name) = lower(${name})
    ${exceptId ? sql`AND id <> ${exceptId}` : sql``} LIMIT 1`);
  return res.rows.length > 0;
}

const duplicate = (name: string) => new ApiError(409, `You already have a view named "${name}". Choose another name, or rename that one.`);

export async function createView(db: Db, a: ViewActor, input: { name: string; query: string; shared: boolean }, now = new Date()): Promise<SavedView> {
  if (input.shared && !a.canWrite) throw new ApiError(403, "Your administrator role cannot share views with the organization; save it as a personal view");
  const email = owner(a);
  return db.transaction(async (tx) => {
    await lockOwner(tx, a.orgId, email);
    if (await nameTaken(tx, a.orgId, email, input.name)) throw duplicate(input.name);
    const count = await tx.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM saved_views WHERE org_id = ${a.orgId} AND owner_email = ${email}`);
    if (Number(count.rows[0]?.n ?? 0) >= VIEWS_PER_OWNER_MAX) {
      throw new ApiError(409, `You have ${VIEWS_PER_OWNER_MAX} saved views, the most one admin may keep. Delete one to save another.`);
    }
    const id = randomUUID();
    const at = now.toISOString();
    const res = await tx.execute<Row>(sql`
      INSERT INTO saved_views (id, org_id, owner_email, name, shared, query, created_at, updated_at)
      VALUES (${id}, ${a.orgId}, ${email}, ${input.name}, ${input.shared}, ${input.query}, ${at}, ${at})
      RETURNING id, owner_email, name, shared, query, created_at, updated_at`);
    return toView(a, res.rows[0]!);
  });
}

/** The view as the actor may see it, or 404; 403 when they see it but may not change it. */
async function editable(tx: Tx, a: ViewActor, id: string): Promise<Row> {
  const res = await tx.execute<Row>(sql`
    SELECT id, owner_email, name, shared, query, created_at, updated_at FROM saved_views
    WHERE id = ${id} AND org_id = ${a.orgId} AND (shared OR owner_email = ${owner(a)}) FOR UPDATE`);
  const row = res.rows[0];
  if (!row) throw new ApiError(404, "No such saved view (it may have been deleted)");
  if (!canEdit(a, row)) throw new ApiError(403, "Only administrators who can make changes may rename or delete a shared view");
  return row;
}

export async function updateView(db: Db, a: ViewActor, id: string, patch: { name?: string; query?: string; shared?: boolean }, now = new Date()): Promise<SavedView> {
  if (patch.shared === true && !a.canWrite) throw new ApiError(403, "Your administrator role cannot share views with the organization");
  return db.transaction(async (tx) => {
    const row = await editable(tx, a, id);
    await lockOwner(tx, a.orgId, row.owner_email);
    if (patch.name !== undefined && (await nameTaken(tx, a.orgId, row.owner_email, patch.name, id))) {
      throw row.owner_email === owner(a) ? duplicate(patch.name) : new ApiError(409, `${row.owner_email} already has a view named "${patch.name}". Choose another name.`);
    }
    const res = await tx.execute<Row>(sql`
      UPDATE saved_views SET
        name = ${patch.name ?? row.name},
        query = ${patch.query ?? row.query},
        shared = ${patch.shared ?? Boolean(row.shared)},
        updated_at = ${now.toISOString()}
      WHERE id = ${id} AND org_id = ${a.orgId}
      RETURNING id, owner_email, name, shared, query, created_at, updated_at`);
    return toView(a, res.rows[0]!);
  });
}

export async function deleteView(db: Db, a: ViewActor, id: string): Promise<void> {
  await db.transaction(async (tx) => {
    await editable(tx, a, id);
    await tx.execute(sql`DELETE FROM saved_views WHERE id = ${id} AND org_id = ${a.orgId}`);
  });
}
