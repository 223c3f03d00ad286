// The org's reference data (decision 012) through the real routes against the in-process emulator, with the
// shared store in the database (PGlite here, PostgreSQL in `npm test`'s second pass): two "instances" are two
// ReferenceCache objects on one table, as two console processes would be.
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import * as capacity from "@/app/api/licenses/capacity/route";
import * as licensesList from "@/app/api/licenses/route";
import * as locations from "@/app/api/locations/route";
import * as me from "@/app/api/me/route";
import * as overview from "@/app/api/overview/route";
import * as person from "@/app/api/people/[id]/route";
import * as roleMembers from "@/app/api/roles/members/route";
import * as roles from "@/app/api/roles/route";
import { call, startApiHarness, type ApiHarness } from "@/bench/api-harness";
import { closeDb, createDb, setDbForTests, type Db } from "@/lib/server/db";
import { DEFAULT_WEBEX_SCOPES } from "@/lib/server/env";
import { setReferenceCacheForTests } from "@/lib/server/reference";
import { ReferenceCache } from "@/lib/server/reference/cache";
import { DbReferenceStore } from "@/lib/server/reference/db-store";
import { testDbOptions } from "./db-helpers";

type Lic = { id: string; name: string; totalUnits: number; consumedUnits: number };

let h: ApiHarness;
let db: Db;
const store = () => new DbReferenceStore(async () => db);
/** Two console instances sharing the database; `memoMs` small so the shared table is what they meet in. */
const instance = (ttlMs = 120_000, memoMs = 10_000) => new ReferenceCache({ store: store(), ttlMs: () => ttlMs, memoMs });

/** Emulator calls of one route (e.g. "GET /v1/licenses"), every status. */
async function calls(routeKey: string): Promise<number> {
  return Object.values((await h.stats()).routes[routeKey] ?? {}).reduce((a, b) => a + b, 0);
}

async function json<T>(res: Response, status = 200): Promise<T> {
  expect(res.status).toBe(status);
  return (await res.json()) as T;
}

beforeAll(async () => {
  db = await createDb(testDbOptions());
  setDbForTests(db);
  h = await startApiHarness({ people: 300, referenceStore: store() });
});

beforeEach(async () => {
  await db.execute(sql`DELETE FROM reference_cache`);
  setReferenceCacheForTests(instance());
});

afterAll(async () => {
  await h?.close();
  setDbForTests(undefined);
  await closeDb(db);
});

describe("shared by an org's admins", () => {
  it("two admins on two instances share one GET /licenses, /roles and /locations, and see what Webex holds", async () => {
    const a = instance();
    const b = instance();
    const before = { licenses: await calls("GET /v1/licenses"), roles: await calls("GET /v1/roles"), locations: await calls("GET /v1/locations") };

    setReferenceCacheForTests(a);
    h.signIn("admin");
    const fromA = await json<{ items: Lic[] }>(await call(licensesList.GET, "/api/licenses"));
    await json(await call(roles.GET, "/api/roles"));
    await json(await call(locations.GET, "/api/locations"));

    setReferenceCacheForTests(b);
    h.signIn("auditor");
    const fromB = await json<{ items: Lic[] }>(await call(licensesList.GET, "/api/licenses"));
    await json(await call(roles.GET, "/api/roles"));
    await json(await call(locations.GET, "/api/locations"));
    h.signIn("helpdesk");
    await json(await call(licensesList.GET, "/api/licenses"));

    expect(await calls("GET /v1/licenses")).toBe(before.licenses + 1);
    expect(await calls("GET /v1/roles")).toBe(before.roles + 1);
    expect(await calls("GET /v1/locations")).toBe(before.locations + 1);
    const live = (await (await fetch(`${h.webexBase}/licenses`, { headers: { authorization: `Bearer ${h.tokens.admin}` } })).json()) as { items: Lic[] };
    expect(fromB.items).toEqual(fromA.items);
    expect(fromA.items.map((l) => [l.id, l.consumedUnits])).toEqual(live.items.map((l) => [l.id, l.consumedUnits]));
  });

  it("GET /api/me asks Webex for the org's name once, not on every request", async () => {
    h.signIn("admin");
    const before = await calls("GET /v1/organizations");
    for (const who of ["admin", "helpdesk", "auditor"] as const) {
      h.signIn(who);
      const body = await json<{ org: { name: string | null } }>(await call(me.GET, "/api/me"));
      expect(body.org.name).toBe("Acme");
    }
    expect(await calls("GET /v1/organizations")).toBe(before + 1);
  });

  it("the overview's second view, by another admin, costs no Webex call at all", async () => {
    h.signIn("admin");
    await json(await call(overview.GET, "/api/overview"));
    const before = (await h.stats()).total;
    h.signIn("auditor");
    const body = await json<{ licenses: { ok: boolean }; roles: { ok: boolean } }>(await call(overview.GET, "/api/overview"));
    expect(body.licenses.ok && body.roles.ok).toBe(true);
    expect((await h.stats()).total).toBe(before);
  });
});

describe("checked against each reader", () => {
  const without = (scope: string) => DEFAULT_WEBEX_SCOPES.split(" ").filter((s) => s !== scope);

  it("a session without spark-admin:licenses_read gets 403 from a cache hit, and Webex is not asked", async () => {
    h.signIn("admin");
    await json(await call(overview.GET, "/api/overview")); // licenses, roles and role membership are cached
    const narrow = await h.narrowSession("auditor", without("spark-admin:licenses_read"));
    // Webex itself refuses this session's live call: the cache must not answer differently.
    const direct = await fetch(`${h.webexBase}/licenses`, { headers: { authorization: `Bearer ${h.tokenOf(narrow)}` } });
    expect(direct.status).toBe(403);
    const before = (await h.stats()).total;
    h.signInAs(narrow);
    const res = await call(licensesList.GET, "/api/licenses");
    const err = await json<{ error: { message: string } }>(res, 403);
    expect(err.error.message).toMatch(/licenses_read/);
    expect(JSON.stringify(err)).not.toMatch(/consumedUnits|totalUnits/);
    expect((await call(capacity.GET, "/api/licenses/capacity")).status).toBe(403);
    // The overview shows the refusal in the licenses tile only; roles (which the session may read) still show.
    const ov = await json<{ licenses: { ok: boolean; message?: string }; roles: { ok: boolean } }>(await call(overview.GET, "/api/overview"));
    expect(ov.licenses).toMatchObject({ ok: false, message: expect.stringMatching(/licenses_read/) });
    expect(ov.roles.ok).toBe(true);
    expect((await h.stats()).total).toBe(before);
  });

  it("role membership needs people_read as well; the org name needs organizations_read (then it is simply absent)", async () => {
    h.signIn("admin");
    await json(await call(roleMembers.GET, "/api/roles/members"));
    await json(await call(me.GET, "/api/me"));
    h.signInAs(await h.narrowSession("auditor", without("spark-admin:people_read")));
    expect((await call(roleMembers.GET, "/api/roles/members")).status).toBe(403);
    h.signInAs(await h.narrowSession("auditor", without("spark-admin:organizations_read")));
    expect((await json<{ org: { name: string | null } }>(await call(me.GET, "/api/me"))).org.name).toBeNull();
  });

  it("a non-administrator is refused (403) before any cache is looked at", async () => {
    h.signIn("admin");
    await json(await call(roles.GET, "/api/roles"));
    h.signIn("employee");
    expect((await call(roles.GET, "/api/roles")).status).toBe(403);
    expect((await json<{ org: { name: string | null } }>(await call(me.GET, "/api/me"))).org.name).toBeNull();
  });
});

describe("lifetime", () => {
  it("an entry past its TTL is fetched again", async () => {
    setReferenceCacheForTests(instance(600, 50));
    h.signIn("admin");
    const before = await calls("GET /v1/roles");
    await json(await call(roles.GET, "/api/roles"));
    await json(await call(roles.GET, "/api/roles"));
    expect(await calls("GET /v1/roles")).toBe(before + 1);
    await new Promise((r) => setTimeout(r, 700));
    await json(await call(roles.GET, "/api/roles"));
    expect(await calls("GET /v1/roles")).toBe(before + 2);
  });

  it("?fresh=1 asks Webex now and refreshes the entry for everyone", async () => {
    h.signIn("admin");
    await json(await call(licensesList.GET, "/api/licenses"));
    const before = await calls("GET /v1/licenses");
    await json(await call(licensesList.GET, "/api/licenses", { query: { fresh: "1" } }));
    await json(await call(capacity.GET, "/api/licenses/capacity", { query: { fresh: "1" } }));
    expect(await calls("GET /v1/licenses")).toBe(before + 2);
    h.signIn("helpdesk");
    await json(await call(licensesList.GET, "/api/licenses"));
    expect(await calls("GET /v1/licenses")).toBe(before + 2);
  });

  it("a license assigned through Roster shows at once, on this instance and (after its short memo) on another", async () => {
    const a = instance(120_000, 10_000);
    const b = instance(120_000, 200);
    h.signIn("admin");
    setReferenceCacheForTests(a);
    const list = await json<{ items: Lic[] }>(await call(licensesList.GET, "/api/licenses"));
    setReferenceCacheForTests(b);
    await json(await call(licensesList.GET, "/api/licenses"));
    await json(await call(roleMembers.GET, "/api/roles/members"));
    const peopleCalls = await calls("GET /v1/people");

    // Someone without a license that still has free units.
    const free = list.items.find((l) => l.consumedUnits < l.totalUnits && !/calling/i.test(l.name))!;
    const page = (await (await fetch(`${h.webexBase}/people?max=300`, { headers: { authorization: `Bearer ${h.tokens.admin}` } })).json()) as {
      items: { id: string; licenses?: string[]; emails: string[] }[];
    };
    const target = page.items.find((p) => !p.licenses?.includes(free.id) && !p.emails[0]!.endsWith("@acme.example"))!;

    setReferenceCacheForTests(a);
    const res = await call(person.PATCH, "/api/people/x", { method: "PATCH", params: { id: target.id }, body: { changes: { licenses: [...(target.licenses ?? []), free.id] } } });
    expect(res.status).toBe(200);

    const consumed = (r: { items: Lic[] }) => r.items.find((l) => l.id === free.id)!.consumedUnits;
    expect(consumed(await json<{ items: Lic[] }>(await call(licensesList.GET, "/api/licenses")))).toBe(free.consumedUnits + 1);
    setReferenceCacheForTests(b);
    await new Promise((r) => setTimeout(r, 250)); // b's memo runs out; the shared entry is already gone
    expect(consumed(await json<{ items: Lic[] }>(await call(licensesList.GET, "/api/licenses")))).toBe(free.consumedUnits + 1);
    // Role membership was dropped too (a write may change roles): the next read walks the roles again.
    await json(await call(roleMembers.GET, "/api/roles/members"));
    expect(await calls("GET /v1/people")).toBeGreaterThan(peopleCalls);
  });
});
