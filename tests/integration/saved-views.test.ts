// Saved views (issue 15): personal views are their owner's alone, shared ones every admin of the org sees; only
// admins who may change people share, rename or delete a shared view; names are unique per owner; the query is the
// people grid's and nothing else. Route handlers against PGlite (and PostgreSQL under `npm test`).
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as views from "@/app/api/views/route";
import * as view from "@/app/api/views/[id]/route";
import { call, startApiHarness, type ApiHarness, type Who } from "@/bench/api-harness";
import type { SavedView, SavedViewsList } from "@/lib/directory/saved-views";
import { VIEWS_PER_OWNER_MAX } from "@/lib/directory/saved-views";
import { closeDb, createDb, setDbForTests, type Db } from "@/lib/server/db";
import { isolatedTestDbOptions } from "./db-helpers";

let h: ApiHarness;
let db: Db;

beforeAll(async () => {
  db = await createDb(await isolatedTestDbOptions());
  setDbForTests(db);
  h = await startApiHarness({ people: 20 });
});

afterAll(async () => {
  await h?.close();
  setDbForTests(undefined);
  await closeDb(db);
});

/** A name no other test uses (tests run in any order on one database). */
const unique = (label: string) => `${label} ${randomUUID().slice(0, 8)}`;

async function list(who: Who): Promise<SavedViewsList> {
  h.signIn(who);
  const res = await call(views.GET, "/api/views");
  expect(res.status).toBe(200);
  return (await res.json()) as SavedViewsList;
}

async function create(who: Who, body: unknown): Promise<Response> {
  h.signIn(who);
  return call(views.POST, "/api/views", { method: "POST", body });
}

async function created(who: Who, body: { name: string; query: string; shared?: boolean }): Promise<SavedView> {
  const res = await create(who, body);
  expect(res.status).toBe(201);
  return (await res.json()) as SavedView;
}

const patch = (who: Who, id: string, body: unknown) => {
  h.signIn(who);
  return call(view.PATCH, `/api/views/${id}`, { method: "PATCH", params: { id }, body });
};
const remove = (who: Who, id: string) => {
  h.signIn(who);
  return call(view.DELETE, `/api/views/${id}`, { method: "DELETE", params: { id } });
};
const names = (l: SavedViewsList) => l.items.map((v) => v.name);

describe("saved views", () => {
  it("keeps a personal view to its owner: another admin neither sees, renames nor deletes it", async () => {
    const name = unique("Mine");
    const v = await created("helpdesk", { name, query: "?q=ada&size=50" });
    expect(v).toMatchObject({ name, query: "q=ada&size=50", shared: false, mine: true, canEdit: true, ownerEmail: "helpdesk@acme.example" });

    expect(names(await list("helpdesk"))).toContain(name);
    expect(names(await list("admin"))).not.toContain(name);
    expect(names(await list("auditor"))).not.toContain(name);
    // Not found, rather than forbidden: its existence is not the other admin's to know.
    expect((await patch("admin", v.id, { name: "Taken over" })).status).toBe(404);
    expect((await remove("admin", v.id)).status).toBe(404);
    expect(names(await list("helpdesk"))).toContain(name);

    // Its owner renames and deletes it.
    const renamed = await patch("helpdesk", v.id, { name: `${name} renamed` });
    expect(renamed.status).toBe(200);
    expect(((await renamed.json()) as SavedView).name).toBe(`${name} renamed`);
    expect((await remove("helpdesk", v.id)).status).toBe(204);
    expect(names(await list("helpdesk"))).not.toContain(`${name} renamed`);
  });

  it("shows a shared view to every admin of the org, marked shared; only admins who may change people rename or delete it", async () => {
    const name = unique("Team");
    const v = await created("admin", { name, query: "roles=abc&sort=-displayName", shared: true });
    for (const who of ["admin", "helpdesk", "auditor"] as const) {
      const seen = (await list(who)).items.find((x) => x.id === v.id);
      expect(seen, who).toMatchObject({ name, shared: true, mine: who === "admin", canEdit: who !== "auditor", query: "roles=abc&sort=-displayName" });
    }
    expect((await list("auditor")).canShare).toBe(false);

    // The read-only admin may not change it…
    const refused = await patch("auditor", v.id, { name: "Mine now" });
    expect(refused.status).toBe(403);
    expect(((await refused.json()) as { error: { message: string } }).error.message).toMatch(/shared view/);
    expect((await remove("auditor", v.id)).status).toBe(403);
    // …another full or user admin may (a shared view outlives the admin who made it).
    expect((await patch("helpdesk", v.id, { name: `${name} (Sales)` })).status).toBe(200);
    expect(names(await list("auditor"))).toContain(`${name} (Sales)`);
    expect((await remove("helpdesk", v.id)).status).toBe(204);
    expect((await list("auditor")).items.find((x) => x.id === v.id)).toBeUndefined();
  });

  it("lets a read-only admin keep personal views but not share one", async () => {
    const name = unique("Audit");
    expect((await create("auditor", { name, query: "", shared: true })).status).toBe(403);
    const v = await created("auditor", { name, query: "" });
    expect((await patch("auditor", v.id, { shared: true })).status).toBe(403);
    expect((await patch("auditor", v.id, { name: `${name} 2` })).status).toBe(200);
    expect((await remove("auditor", v.id)).status).toBe(204);
  });

  it("refuses a second view of the same name for one owner (409, any case), not for another owner", async () => {
    const name = unique("Pending invites");
    const first = await created("admin", { name, query: "q=a" });
    const again = await create("admin", { name: name.toUpperCase(), query: "q=b" });
    expect(again.status).toBe(409);
    expect(((await again.json()) as { error: { message: string } }).error.message).toBe(`You already have a view named "${name.toUpperCase()}". Choose another name, or rename that one.`);
    // Renaming another view onto it is the same conflict.
    const other = await created("admin", { name: unique("Other"), query: "" });
    expect((await patch("admin", other.id, { name })).status).toBe(409);
    // Another admin may use the name.
    const theirs = await created("helpdesk", { name, query: "q=a" });
    for (const [who, id] of [["admin", first.id], ["admin", other.id], ["helpdesk", theirs.id]] as const) expect((await remove(who, id)).status).toBe(204);
  });

  it("lets only one of two saves of the same name at once through", async () => {
    const name = unique("Race");
    h.signIn("admin");
    const answers = await Promise.all([1, 2, 3].map(() => call(views.POST, "/api/views", { method: "POST", body: { name, query: "" } })));
    expect(answers.map((r) => r.status).sort()).toEqual([201, 409, 409]);
    const mine = (await list("admin")).items.filter((v) => v.name === name);
    expect(mine).toHaveLength(1);
    expect((await remove("admin", mine[0]!.id)).status).toBe(204);
  });

  it("refuses a query that is not the grid's (400 naming the field) and drops paging from one that is", async () => {
    for (const query of ["q=a&bad-param=1", "x".repeat(21) + "=1", "q=" + "x".repeat(1001), "q=a%0Ab", "q=" + "y".repeat(2100)]) {
      const res = await create("admin", { name: unique("Bad"), query });
      expect(res.status, query.slice(0, 30)).toBe(400);
      expect(((await res.json()) as { error: { fields: Record<string, string> } }).error.fields).toHaveProperty("query");
    }
    const v = await created("admin", { name: unique("Paged"), query: "q=ada&cursor=abc&page=2" });
    expect(v.query).toBe("q=ada");
    expect((await remove("admin", v.id)).status).toBe(204);
  });

  it(`keeps at most ${VIEWS_PER_OWNER_MAX} views per owner`, async () => {
    // An admin of its own (the limit is per owner), so other tests' views never count.
    h.signInAs({ ...h.users.helpdesk, email: `limit-${randomUUID().slice(0, 8)}@acme.example` });
    const ids: string[] = [];
    for (let i = 0; i < VIEWS_PER_OWNER_MAX; i++) {
      const res = await call(views.POST, "/api/views", { method: "POST", body: { name: `View ${i}`, query: `q=${i}` } });
      expect(res.status).toBe(201);
      ids.push(((await res.json()) as SavedView).id);
    }
    const over = await call(views.POST, "/api/views", { method: "POST", body: { name: "One too many", query: "" } });
    expect(over.status).toBe(409);
    expect(((await over.json()) as { error: { message: string } }).error.message).toMatch(/Delete one to save another/);
    const gone = ids.pop()!;
    expect((await call(view.DELETE, `/api/views/${gone}`, { method: "DELETE", params: { id: gone } })).status).toBe(204);
    expect((await call(views.POST, "/api/views", { method: "POST", body: { name: "One too many", query: "" } })).status).toBe(201);
  });

  it("answers 404 for a view that does not exist and 403 to someone who is not an admin", async () => {
    expect((await patch("admin", "00000000-0000-0000-0000-000000000000", { name: "x" })).status).toBe(404);
    h.signIn("employee");
    expect((await call(views.GET, "/api/views")).status).toBe(403);
  });
});
