// The change feed and Undo (issue 15): index the 2,000-person emulator org, change people directly in Webex (as
// another admin in Control Hub would) and through Roster, sync again: GET /api/changes lists exactly those changes;
// Undo restores exactly the before-value of the reverted field and nothing else, through the safe edit path (a field
// changed again since → 409, nothing written), audited; the CSV export equals the feed.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import * as changesRoute from "@/app/api/changes/route";
import * as exportRoute from "@/app/api/changes/export/route";
import * as revertRoute from "@/app/api/changes/[id]/revert/route";
import * as auditRevertRoute from "@/app/api/activity/[id]/revert/route";
import * as personRoute from "@/app/api/people/[id]/route";
import { call, startApiHarness, type ApiHarness } from "@/bench/api-harness";
import type { ChangeItem, ChangesPage, RevertResponse } from "@/lib/directory/changes";
import { changesCsvHeader, changesCsvRow } from "@/lib/directory/changes-csv";
import { closeDb, createDb, setDbForTests, type Db } from "@/lib/server/db";
import { isolatedTestDbOptions } from "./db-helpers";
import { syncNow } from "./directory-helpers";

const PEOPLE = 2000;
let h: ApiHarness;
let db: Db;

type WebexPerson = { id: string; emails: string[]; displayName: string; department?: string; title?: string; licenses: string[]; roles: string[]; [k: string]: unknown };

async function webex(path: string, init: RequestInit = {}): Promise<Response> {
  return fetch(`${h.webexBase}${path}`, { ...init, headers: { authorization: `Bearer ${h.tokens.admin}`, "content-type": "application/json", ...init.headers } });
}
const getPerson = async (id: string) => (await (await webex(`/people/${id}?callingData=true`)).json()) as WebexPerson;
/** PUT replaces the whole person: send all of it, with the changes. */
async function putPerson(id: string, changes: Partial<WebexPerson>): Promise<void> {
  const full = await getPerson(id);
  const res = await webex(`/people/${id}?callingData=true`, { method: "PUT", body: JSON.stringify({ ...full, ...changes }) });
  expect(res.status, await res.clone().text()).toBe(200);
}
/** The person as compared before and after an Undo: everything but Webex's own timestamp. */
const comparable = (p: WebexPerson) => {
  const rest: Record<string, unknown> = { ...p };
  delete rest.lastModified;
  return { ...rest, licenses: [...p.licenses].sort(), roles: [...(p.roles ?? [])].sort() };
};
async function feed(query: Record<string, string> = {}): Promise<ChangeItem[]> {
  const out: ChangeItem[] = [];
  let cursor: string | undefined;
  do {
    const res = await call(changesRoute.GET, "/api/changes", { query: { limit: "3", ...query, ...(cursor ? { cursor } : {}) } });
    expect(res.status).toBe(200);
    const page = (await res.json()) as ChangesPage;
    out.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return out;
}
const revert = (id: string) => call(revertRoute.POST, `/api/changes/${id}/revert`, { method: "POST", params: { id } });
const key = (c: { kind: string; personId: string; field: string | null; before: unknown; after: unknown }) =>
  JSON.stringify([c.kind, c.personId, c.field, Array.isArray(c.before) ? [...c.before].sort() : c.before, Array.isArray(c.after) ? [...c.after].sort() : c.after]);

beforeAll(async () => {
  db = await createDb(await isolatedTestDbOptions());
  setDbForTests(db);
  h = await startApiHarness({ people: PEOPLE });
});

afterAll(async () => {
  await h?.close();
  setDbForTests(undefined);
  await closeDb(db);
});

describe("change feed and Undo", () => {
  it("lists exactly the changes made since the last sync; Undo restores exactly the before-value, or answers 409", async () => {
    h.signIn("admin");
    await syncNow(); // the baseline: the first sync records no changes
    expect(await feed()).toEqual([]);

    const licenses = ((await (await webex("/licenses")).json()) as { items: { id: string; name: string; totalUnits: number; consumedUnits: number }[] }).items;
    const people = ((await (await webex("/people?max=200")).json()) as { items: WebexPerson[] }).items.filter((p) => !/^(admin|helpdesk|auditor|employee)@/.test(p.emails[0]!));
    const [edited, licensed, removed, viaRoster] = [people[30]!, people[40]!, people[50]!, people[60]!];
    const e0 = await getPerson(edited.id);
    const l0 = await getPerson(licensed.id);
    const r0 = await getPerson(viaRoster.id);
    const extra = licenses.find((l) => !l0.licenses.includes(l.id) && !/calling/i.test(l.name) && l.consumedUnits < l.totalUnits)!;
    expect(extra).toBeDefined();

    // In Webex directly: an edit of two fields, a license added, a new person, a deletion.
    await putPerson(edited.id, { department: "Changed In Webex", title: "Changed Title" });
    await putPerson(licensed.id, { licenses: [...l0.licenses, extra.id] });
    const created = (await (await webex("/people", { method: "POST", body: JSON.stringify({ emails: ["feed.new@acme.example"], displayName: "Feed New" }) })).json()) as WebexPerson;
    expect((await webex(`/people/${removed.id}`, { method: "DELETE" })).status).toBe(204);
    // Through Roster: attributed to the admin from Roster's own audit trail.
    const patch = await call(personRoute.PATCH, `/api/people/${viaRoster.id}`, {
      method: "PATCH",
      params: { id: viaRoster.id },
      body: { changes: { title: "Set In Roster" }, original: { title: r0.title ?? null } },
    });
    expect(patch.status).toBe(200);

    await syncNow();
    const items = await feed();
    const expected = [
      { kind: "changed", personId: edited.id, field: "department", before: e0.department ?? null, after: "Changed In Webex" },
      { kind: "changed", personId: edited.id, field: "title", before: e0.title ?? null, after: "Changed Title" },
      { kind: "changed", personId: licensed.id, field: "licenses", before: l0.licenses, after: [...l0.licenses, extra.id] },
      { kind: "added", personId: created.id, field: null, before: null, after: null },
      { kind: "removed", personId: removed.id, field: null, before: null, after: null },
      { kind: "changed", personId: viaRoster.id, field: "title", before: r0.title ?? null, after: "Set In Roster" },
    ];
    expect(items.map(key).sort()).toEqual(expected.map(key).sort());
    const byKey = (personId: string, field: string | null) => items.find((c) => c.personId === personId && c.field === field)!;
    expect(byKey(viaRoster.id, "title").actor).toEqual({ name: null, email: "admin@acme.example", source: "roster" });
    expect(byKey(removed.id, null).notRevertable).toMatch(/cannot be restored/);
    expect(byKey(created.id, null).notRevertable).not.toBeNull();

    // Filters: kind, field, person, text.
    expect((await feed({ kind: "removed" })).map((c) => c.personId)).toEqual([removed.id]);
    expect((await feed({ field: "title" })).length).toBe(2);
    expect((await feed({ person: edited.id })).map((c) => c.field).sort()).toEqual(["department", "title"]);
    expect((await feed({ q: "feed.new@" })).map((c) => c.personId)).toEqual([created.id]);

    // The CSV export is the feed.
    const csv = new TextDecoder("utf-8", { ignoreBOM: true }).decode(await (await call(exportRoute.GET, "/api/changes/export")).arrayBuffer());
    expect(csv).toBe(changesCsvHeader() + (await feed({ limit: "200" })).map(changesCsvRow).join(""));

    // A read-only admin may not undo (403), and nothing is written.
    h.signIn("auditor");
    expect((await revert(byKey(edited.id, "department").id)).status).toBe(403);
    h.signIn("admin");

    // Undo the department: exactly its before-value, every other field as it was.
    const beforeUndo = await getPerson(edited.id);
    const dept = byKey(edited.id, "department");
    const res = await revert(dept.id);
    expect(res.status).toBe(200);
    const body = (await res.json()) as RevertResponse;
    expect(body.change.revertedBy).toBe("admin@acme.example");
    expect(body.change.revertedAt).not.toBeNull();
    const afterUndo = await getPerson(edited.id);
    const expectedPerson = { ...comparable(beforeUndo), department: e0.department };
    if (e0.department === undefined) delete (expectedPerson as Record<string, unknown>).department;
    expect(comparable(afterUndo)).toEqual(expectedPerson);
    // Audited as reverting that change; the feed shows it undone; a second Undo is refused.
    const audit = await db.execute<{ outcome: string; diff: { note?: string } | string }>(
      sql`SELECT outcome, diff FROM audit_events WHERE org_id = ${h.users.admin.orgId} AND target_id = ${edited.id} AND diff -> 'reverts' ->> 'id' = ${dept.id}`,
    );
    expect(audit.rows.map((r) => r.outcome)).toEqual(["ok"]);
    const note = (typeof audit.rows[0]!.diff === "string" ? JSON.parse(audit.rows[0]!.diff) : audit.rows[0]!.diff) as { note?: string };
    expect(note.note).toContain(`Undo of change #${dept.id}`);
    expect((await feed({ person: edited.id, field: "department" }))[0]!.revertedAt).not.toBeNull();
    expect((await revert(dept.id)).status).toBe(409);

    // The title changed again in Webex since the sync: 409, and Webex keeps the newer value.
    await putPerson(edited.id, { title: "Changed Again" });
    const conflict = await revert(byKey(edited.id, "title").id);
    expect(conflict.status).toBe(409);
    expect(((await conflict.json()) as { error: { message: string } }).error.message).toMatch(/changed again in Webex since; reload/);
    expect((await getPerson(edited.id)).title).toBe("Changed Again");
    const refused = await db.execute<{ outcome: string }>(
      sql`SELECT outcome FROM audit_events WHERE org_id = ${h.users.admin.orgId} AND diff -> 'reverts' ->> 'id' = ${byKey(edited.id, "title").id}`,
    );
    expect(refused.rows.map((r) => r.outcome)).toEqual(["error"]);

    // Licenses (PATCH /licenses/users): back to exactly the licenses held before, nothing else touched.
    const lBefore = await getPerson(licensed.id);
    const lic = await revert(byKey(licensed.id, "licenses").id);
    expect(lic.status).toBe(200);
    expect(comparable(await getPerson(licensed.id))).toEqual({ ...comparable(lBefore), licenses: [...l0.licenses].sort() });

    // A removed person cannot be restored: 400 with why, nothing sent.
    const gone = await revert(byKey(removed.id, null).id);
    expect(gone.status).toBe(400);
    expect(((await gone.json()) as { error: { message: string } }).error.message).toMatch(/cannot be restored/);
  }, 180_000);

  it("Undo of Roster's own change: its before-values through the same path, 409 when changed again since", async () => {
    h.signIn("admin");
    const people = ((await (await webex("/people?max=300")).json()) as { items: WebexPerson[] }).items.filter((p) => !/^(admin|helpdesk|auditor|employee)@/.test(p.emails[0]!));
    const [a, b] = [people[250]!, people[260]!];
    const edit = async (p: WebexPerson, dept: string) => {
      const cur = await getPerson(p.id);
      const res = await call(personRoute.PATCH, `/api/people/${p.id}`, {
        method: "PATCH",
        params: { id: p.id },
        body: { changes: { department: dept }, original: { department: cur.department ?? null } },
      });
      expect(res.status).toBe(200);
      const row = await db.execute<{ id: number }>(sql`SELECT id FROM audit_events WHERE target_id = ${p.id} AND outcome = 'ok' ORDER BY id DESC LIMIT 1`);
      return { before: cur, auditId: String(row.rows[0]!.id) };
    };
    const undoAudit = (id: string) => call(auditRevertRoute.POST, `/api/activity/${id}/revert`, { method: "POST", params: { id } });

    const ea = await edit(a, "Roster Dept A");
    const afterEdit = await getPerson(a.id);
    expect((await undoAudit(ea.auditId)).status).toBe(200);
    const restored = await getPerson(a.id);
    const want = { ...comparable(afterEdit), department: ea.before.department };
    if (ea.before.department === undefined) delete (want as Record<string, unknown>).department;
    expect(comparable(restored)).toEqual(want);
    expect((await undoAudit(ea.auditId)).status).toBe(409); // already undone

    const eb = await edit(b, "Roster Dept B");
    await putPerson(b.id, { department: "Changed Since" });
    const res = await undoAudit(eb.auditId);
    expect(res.status).toBe(409);
    expect((await getPerson(b.id)).department).toBe("Changed Since");

    // A license-only change (PATCH /licenses/users, which never compares): licenses changed again since → 409 too.
    const c = people[270]!;
    const c0 = await getPerson(c.id);
    const all = ((await (await webex("/licenses")).json()) as { items: { id: string; name: string; totalUnits: number; consumedUnits: number }[] }).items;
    const pool = all.filter((l) => !c0.licenses.includes(l.id) && !/calling/i.test(l.name) && l.consumedUnits < l.totalUnits);
    const held = c0.licenses.find((id) => !/calling/i.test(all.find((l) => l.id === id)?.name ?? "calling"))!;
    expect(pool.length).toBeGreaterThanOrEqual(1);
    expect(held).toBeDefined();
    const lic = await call(personRoute.PATCH, `/api/people/${c.id}`, { method: "PATCH", params: { id: c.id }, body: { changes: { licenses: [...c0.licenses, pool[0]!.id] }, original: { licenses: c0.licenses } } });
    expect(lic.status).toBe(200);
    const licRow = await db.execute<{ id: number }>(sql`SELECT id FROM audit_events WHERE target_id = ${c.id} AND action = 'person.licenses' AND outcome = 'ok' ORDER BY id DESC LIMIT 1`);
    const since = [...c0.licenses.filter((id) => id !== held), pool[0]!.id].sort();
    await putPerson(c.id, { licenses: since }); // another admin removed one of their licenses meanwhile
    const licConflict = await undoAudit(String(licRow.rows[0]!.id));
    expect(licConflict.status).toBe(409);
    expect([...(await getPerson(c.id)).licenses].sort()).toEqual(since);

    h.signIn("auditor");
    expect((await undoAudit(eb.auditId)).status).toBe(403);
  }, 60_000);
});
