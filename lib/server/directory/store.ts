import "server-only";
import { sql } from "drizzle-orm";
import type { DetectedChange, IndexedPerson } from "@/lib/directory/types";
import { storableJson } from "@/lib/safe-text";
import type { Db } from "@/lib/server/db";

// Reading and writing the index tables (migration 0010). A sync writes only what changed: new and changed rows are
// upserted, removed people deleted, in one transaction with the new generation and the detected changes, so readers
// never see half a sync.

export interface DirectoryState {
  generation: number;
  asOf: number | null;
  locationsAsOf: number | null;
  people: number;
  webexCalls: number;
  durationMs: number;
}

const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

const ms = (v: string | Date | null) => (v === null ? null : new Date(v).getTime());

export async function readState(db: Db, orgId: string): Promise<DirectoryState | null> {
  const res = await db.execute<{ generation: number; as_of: string | Date | null; locations_as_of: string | Date | null; people: number; webex_calls: number; duration_ms: number }>(
    sql`SELECT generation, as_of, locations_as_of, people, webex_calls, duration_ms FROM directory_state WHERE org_id = ${orgId}`,
  );
  const r = res.rows[0];
  if (!r) return null;
  return { generation: Number(r.generation), asOf: ms(r.as_of), locationsAsOf: ms(r.locations_as_of), people: Number(r.people), webexCalls: Number(r.webex_calls), durationMs: Number(r.duration_ms) };
}

/**
 * One copy of each repeated string (license and role IDs, departments, titles, locations, statuses): parsed JSON
 * gives every person their own copies, ~40 % of the org's memory at 100,000 people (docs/PERFORMANCE.md).
 */
function interner(): (s: string) => string {
  const pool = new Map<string, string>();
  return (s) => {
    const had = pool.get(s);
    if (had !== undefined) return had;
    pool.set(s, s);
    return s;
  };
}

const SHARED_FIELDS = ["status", "department", "title", "locationId", "managerId", "manager", "type"] as const;

const READ_PAGE = 10_000;

/**
 * Every indexed person of the org (unordered), through a cursor in one repeatable-read transaction (one
 * generation), 10,000 rows a fetch, the event loop getting a turn between fetches: one query of 100,000 rows froze
 * an embedded-PGlite server for ~2 s (docs/PERFORMANCE.md).
 */
export async function readPeople(db: Db, orgId: string): Promise<Map<string, IndexedPerson>> {
  const out = new Map<string, IndexedPerson>();
  const intern = interner();
  await db.transaction(
    async (tx) => {
      await tx.execute(sql`DECLARE directory_people_read NO SCROLL CURSOR FOR SELECT data FROM directory_people WHERE org_id = ${orgId}`);
      for (;;) {
        const res = await tx.execute<{ data: IndexedPerson | string }>(sql.raw(`FETCH ${READ_PAGE} FROM directory_people_read`));
        for (const r of res.rows) {
          const p = typeof r.data === "string" ? (JSON.parse(r.data) as IndexedPerson) : r.data;
          for (const k of SHARED_FIELDS) {
            const v = p[k];
            if (typeof v === "string") p[k] = intern(v);
          }
          p.licenses = p.licenses.map(intern);
          p.roles = p.roles.map(intern);
          out.set(p.id, p);
        }
        if (res.rows.length < READ_PAGE) break;
        await yieldToEventLoop();
      }
    },
    { isolationLevel: "repeatable read", accessMode: "read only" },
  );
  return out;
}

function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => x === b[i]);
  return (a ?? null) === (b ?? null);
}

/**
 * Whether a person's row would be written unchanged. Field by field: a row read back from jsonb has its keys in
 * jsonb's order, not the sync's, so comparing JSON text rewrote every row of the org on every sync.
 */
export function samePerson(a: IndexedPerson, b: IndexedPerson): boolean {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)] as (keyof IndexedPerson)[]);
  for (const k of keys) if (!sameValue(a[k], b[k])) return false;
  return true;
}

export interface SyncWrite {
  orgId: string;
  /** The generation read before the walk: the write fails (returns null) if another sync committed since. */
  expectedGeneration: number;
  before: ReadonlyMap<string, IndexedPerson>;
  after: ReadonlyMap<string, IndexedPerson>;
  changes: readonly DetectedChange[];
  /** When the walk started (the data is as of then). */
  asOf: number;
  locationsRead: boolean;
  webexCalls: number;
  durationMs: number;
}

const BATCH = 500;
const ROW_BATCH = 5_000;

function changedRows(w: SyncWrite): IndexedPerson[] {
  const out: IndexedPerson[] = [];
  for (const [id, p] of w.after) {
    const prev = w.before.get(id);
    if (!prev || !samePerson(prev, p)) out.push(p);
  }
  return out;
}

/** Commits a sync: rows, changes, state. Returns the new generation, or null when another sync got there first. */
export async function commitSync(db: Db, w: SyncWrite): Promise<number | null> {
  const rows = changedRows(w);
  const removed = [...w.before.keys()].filter((id) => !w.after.has(id));
  const asOf = new Date(w.asOf).toISOString();
  return db.transaction(async (tx) => {
    const cur = await tx.execute<{ generation: number; as_of: string | Date | null }>(
      sql`SELECT generation, as_of FROM directory_state WHERE org_id = ${w.orgId} FOR UPDATE`,
    );
    const current = cur.rows[0];
    if ((current ? Number(current.generation) : 0) !== w.expectedGeneration) return null;
    const generation = w.expectedGeneration + 1;
    // One parameter per batch (a JSON array), not three per row: binding 1,500 parameters a statement made the
    // first commit of 100,000 people take ~2× as long (docs/PERFORMANCE.md). Between batches the event loop gets a
    // turn: embedded PGlite runs a query without ever yielding, so a whole commit would freeze the server for seconds.
    for (let i = 0; i < rows.length; i += ROW_BATCH) {
      if (i > 0) await yieldToEventLoop();
      const chunk = rows.slice(i, i + ROW_BATCH);
      await tx.execute(sql`INSERT INTO directory_people (org_id, person_id, data)
        SELECT ${w.orgId}, x->>'id', x FROM jsonb_array_elements(${storableJson(chunk)}::jsonb) AS x
        ON CONFLICT (org_id, person_id) DO UPDATE SET data = EXCLUDED.data`);
    }
    for (let i = 0; i < removed.length; i += BATCH) {
      const ids = removed.slice(i, i + BATCH);
      await tx.execute(sql`DELETE FROM directory_people WHERE org_id = ${w.orgId} AND person_id IN (${sql.join(ids.map((id) => sql`${id}`), sql`, `)})`);
    }
    const seenFrom = current?.as_of ? new Date(current.as_of).toISOString() : null;
    for (let i = 0; i < w.changes.length; i += BATCH) {
      const chunk = w.changes.slice(i, i + BATCH);
      const values = sql.join(
        chunk.map(
          (c) => sql`(${w.orgId}, ${generation}, ${seenFrom}, ${asOf}, ${c.personId}, ${c.email}, ${c.displayName}, ${c.kind}, ${c.field},
            ${c.field === null ? null : storableJson(c.before)}::jsonb, ${c.field === null ? null : storableJson(c.after)}::jsonb)`,
        ),
        sql`, `,
      );
      await tx.execute(sql`INSERT INTO directory_changes (org_id, generation, seen_from, seen_to, person_id, email, display_name, kind, field, before, after)
        VALUES ${values}`);
    }
    const locationsAsOf = w.locationsRead ? asOf : null;
    await tx.execute(sql`
      INSERT INTO directory_state (org_id, generation, as_of, locations_as_of, people, webex_calls, duration_ms)
      VALUES (${w.orgId}, ${generation}, ${asOf}, ${locationsAsOf}, ${w.after.size}, ${w.webexCalls}, ${w.durationMs})
      ON CONFLICT (org_id) DO UPDATE SET generation = EXCLUDED.generation, as_of = EXCLUDED.as_of,
        locations_as_of = COALESCE(EXCLUDED.locations_as_of, directory_state.locations_as_of),
        people = EXCLUDED.people, webex_calls = EXCLUDED.webex_calls, duration_ms = EXCLUDED.duration_ms`);
    return generation;
  });
}
