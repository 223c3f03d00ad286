// The directory index's sync (issue 15): one walk of the 2,000-person emulator org through the route handlers; the
// index holds what Webex holds, with the fewest calls; a second sync finds exactly the changes made in Webex since.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as sync from "@/app/api/directory/sync/route";
import { call, startApiHarness, type ApiHarness } from "@/bench/api-harness";
import type { DirectoryStatus, StartSyncResponse } from "@/lib/directory/api-types";
import { forgetDirectory, syncNow } from "./directory-helpers";
import { closeDb, createDb, setDbForTests, type Db } from "@/lib/server/db";
import { getDirectory } from "@/lib/server/directory/cache";
import { sql } from "drizzle-orm";
import { isolatedTestDbOptions } from "./db-helpers";

const PEOPLE = 2000;
let h: ApiHarness;
let db: Db;

type WebexPerson = { id: string; emails: string[]; displayName: string; department?: string; title?: string; licenses: string[]; roles: string[]; locationId?: string; [k: string]: unknown };

async function webex(path: string, init: RequestInit = {}): Promise<Response> {
  return fetch(`${h.webexBase}${path}`, { ...init, headers: { authorization: `Bearer ${h.tokens.admin}`, "content-type": "application/json", ...init.headers } });
}

async function allPeople(callingData: boolean): Promise<WebexPerson[]> {
  const out: WebexPerson[] = [];
  let url: string | null = `${h.webexBase}/people?max=${callingData ? 100 : 1000}${callingData ? "&callingData=true" : ""}`;
  while (url) {
    const res: Response = await fetch(url, { headers: { authorization: `Bearer ${h.tokens.admin}` } });
    out.push(...((await res.json()) as { items: WebexPerson[] }).items);
    url = res.headers.get("link")?.match(/<([^>]+)>;\s*rel="next"/)?.[1] ?? null;
  }
  return out;
}

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

describe("directory sync", () => {
  it("indexes every person as Webex holds them, then finds exactly the changes made in Webex since", async () => {
    h.signIn("admin");
    // This test is about an org's first sync: start from one never synced, whichever test ran before (CI shuffles them).
    await forgetDirectory(db);
    const before = (await (await call(sync.GET, "/api/directory/sync")).json()) as DirectoryStatus;
    expect(before.asOf).toBeNull();

    // First sync: locations were never read, so it walks with callingData (100 a page).
    const statsBefore = await h.stats();
    const first = await syncNow();
    const statsAfter = await h.stats();
    const expected = await allPeople(true);
    expect(first.people).toBe(expected.length);
    expect(first.lastFinished?.webexCalls).toBe(Math.ceil(expected.length / 100));
    expect(first.asOf).not.toBeNull();
    expect(first.locationsAsOf).toBe(first.asOf);
    const snap = await getDirectory(db, h.users.admin.orgId);
    expect(snap?.count).toBe(expected.length);
    for (const p of expected) {
      const got = snap!.byId.get(p.id)!;
      expect(got.email).toBe(p.emails[0]);
      expect(got.displayName).toBe(p.displayName);
      expect(got.department).toBe(p.department ?? null);
      expect([...got.licenses].sort()).toEqual([...p.licenses].sort());
      expect(got.locationId).toBe(p.locationId ?? null);
    }
    expect((statsAfter.routes["GET /v1/people"]?.["200"] ?? 0) - (statsBefore.routes["GET /v1/people"]?.["200"] ?? 0)).toBe(Math.ceil(expected.length / 100));

    // Changes made in Webex directly (another admin in Control Hub): one edit, one new person, one deleted.
    const [edited, removed] = [expected[10]!, expected[20]!];
    const full = (await (await webex(`/people/${edited.id}?callingData=true`)).json()) as WebexPerson;
    expect((await webex(`/people/${edited.id}?callingData=true`, { method: "PUT", body: JSON.stringify({ ...full, department: "Changed In Webex", title: "Changed Title" }) })).status).toBe(200);
    const created = (await (await webex(`/people`, { method: "POST", body: JSON.stringify({ emails: ["new.in.webex@acme.example"], displayName: "New In Webex" }) })).json()) as WebexPerson;
    expect((await webex(`/people/${removed.id}`, { method: "DELETE" })).status).toBe(204);

    // Second sync: locations are fresh, so the plain walk (1,000 a page) is enough.
    const second = await syncNow();
    expect(second.lastFinished?.webexCalls).toBe(Math.ceil(expected.length / 1000));
    expect(second.generation).toBe(first.generation + 1);
    const rows = await db.execute<{ kind: string; person_id: string; field: string | null; before: unknown; after: unknown }>(
      sql`SELECT kind, person_id, field, before, after FROM directory_changes WHERE org_id = ${h.users.admin.orgId} ORDER BY kind, field`,
    );
    const changes = rows.rows.map((r) => ({ kind: r.kind, personId: r.person_id, field: r.field, before: r.before, after: r.after }));
    expect(changes).toEqual([
      { kind: "added", personId: created.id, field: null, before: null, after: null },
      { kind: "changed", personId: edited.id, field: "department", before: edited.department ?? null, after: "Changed In Webex" },
      { kind: "changed", personId: edited.id, field: "title", before: edited.title ?? null, after: "Changed Title" },
      { kind: "removed", personId: removed.id, field: null, before: null, after: null },
    ]);
    const snap2 = await getDirectory(db, h.users.admin.orgId);
    expect(snap2?.count).toBe(expected.length);
    expect(snap2?.byId.has(removed.id)).toBe(false);
    expect(snap2?.byId.get(edited.id)?.locationId).toBe(edited.locationId ?? null); // carried over from the first sync
  }, 120_000);

  it("a second Sync now while one runs joins it (200, the same run)", async () => {
    h.signIn("auditor");
    const a = await call(sync.POST, "/api/directory/sync", { method: "POST" });
    const b = await call(sync.POST, "/api/directory/sync", { method: "POST" });
    const ra = (await a.json()) as StartSyncResponse;
    const rb = (await b.json()) as StartSyncResponse;
    expect(a.status).toBe(202);
    expect(b.status).toBe(200);
    expect(rb.run.id).toBe(ra.run.id);
    await syncNow();
  }, 60_000);

  it("signed out: 401; not an administrator: 403", async () => {
    h.signIn(null);
    expect((await call(sync.GET, "/api/directory/sync")).status).toBe(401);
    h.signIn("employee");
    expect((await call(sync.POST, "/api/directory/sync", { method: "POST" })).status).toBe(403);
  });
});
