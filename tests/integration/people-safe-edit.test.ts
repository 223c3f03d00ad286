// Safe edits end to end: the real route handlers and safe-update code against the in-process emulator
// (bench/api-harness.ts substitutes only the session and the token source), audit rows in PGlite.
import fc from "fast-check";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import * as people from "@/app/api/people/route";
import * as person from "@/app/api/people/[id]/route";
import * as activity from "@/app/api/activity/route";
import { call, startApiHarness, type ApiHarness } from "@/bench/api-harness";
import { WRITABLE_PERSON_FIELDS } from "@/lib/people/schemas";
import { sameValue } from "@/lib/people/same-value";
import { createDb, closeDb, setDbForTests, type Db } from "@/lib/server/db";
import { testDbOptions } from "./db-helpers";

type P = Record<string, unknown> & { id: string; emails: string[]; licenses: string[]; roles: string[]; lastModified: string };
type License = { id: string; name: string; totalUnits: number; consumedUnits: number };

let h: ApiHarness;
let db: Db;
let licenses: License[];
let roles: { id: string; name: string }[];
let everyone: P[];

async function webex<T>(path: string): Promise<T> {
  const res = await fetch(`${h.webexBase}${path}`, { headers: { authorization: `Bearer ${h.tokens.admin}` } });
  return (await res.json()) as T;
}
const raw = async (email: string) => (await (await h.emulatorFetch(`/_emulator/people?email=${encodeURIComponent(email)}`)).json()) as P;
const putConfig = (config: unknown) =>
  h.emulatorFetch("/_emulator/config", { method: "PUT", headers: { "content-type": "application/json" }, body: JSON.stringify(config) });
const writes = async () =>
  Object.entries((await h.stats()).routes)
    .filter(([k]) => /^(POST|PUT|DELETE|PATCH) \/v1\/people/.test(k))
    .reduce((n, [, byStatus]) => n + Object.values(byStatus).reduce((a, b) => a + b, 0), 0);
const patch = (id: string, body: unknown) => call(person.PATCH, `/api/people/${id}`, { method: "PATCH", params: { id }, body });

beforeAll(async () => {
  // The database first: opening PGlite blocks the event loop long enough for keep-alive sockets to go stale.
  db = await createDb(testDbOptions());
  setDbForTests(db);
  h = await startApiHarness({ people: 600 });
  licenses = (await webex<{ items: License[] }>("/licenses")).items;
  roles = (await webex<{ items: { id: string; name: string }[] }>("/roles")).items;
  everyone = (await webex<{ items: P[] }>("/people?max=1000&callingData=true")).items.filter(
    (p) => p.type === "person" && !["admin", "helpdesk", "auditor", "employee"].some((w) => p.emails[0] === `${w}@acme.example`),
  );
});
afterAll(async () => {
  setDbForTests(undefined);
  await closeDb(db);
  await h?.close();
});
beforeEach(() => h.signIn("admin"));

const licenseNamed = (name: string) => licenses.find((l) => l.name === name)!.id;
const word = fc.stringMatching(/^[A-Z][a-z]{1,10}( [A-Z][a-z]{1,8})?$/);

describe("PATCH through the emulator's full replacement (property, 60 cases)", () => {
  it("every field the admin did not touch is unchanged in Webex; the touched ones hold the new values", async () => {
    const optionalRoles = roles.filter((r) => r.name !== "Full Administrator").map((r) => r.id);
    const extra = [licenseNamed("Messaging"), licenseNamed("Meeting - Webex Meetings")];
    const edits = fc.record(
      {
        title: fc.option(word, { nil: null }),
        department: fc.option(word, { nil: null }),
        firstName: word,
        lastName: fc.option(word, { nil: null }),
        displayName: word,
        addresses: fc.array(fc.record({ type: fc.constant("work"), locality: word, country: fc.constantFrom("US", "DE") }), { maxLength: 2 }),
        mobile: fc.option(fc.stringMatching(/^\+1 555 0[0-9]{3}$/), { nil: null }),
        roles: fc.subarray(optionalRoles),
        toggleLicense: fc.constantFrom(...extra),
        loginEnabled: fc.boolean(),
      },
      { requiredKeys: [] },
    );
    let applied = 0;
    await fc.assert(
      // The last 10 people are kept out of the property's reach (the delete test below needs one with licenses).
      fc.asyncProperty(fc.nat({ max: everyone.length - 11 }), edits, async (index, e) => {
        const target = everyone[index]!;
        const before = await raw(target.emails[0]!);
        const changes: Record<string, unknown> = {};
        for (const k of ["title", "department", "firstName", "lastName", "displayName", "addresses", "loginEnabled"] as const) {
          if (k in e) changes[k] = e[k];
        }
        if ("roles" in e) changes.roles = e.roles;
        if ("mobile" in e) {
          const kept = (before.phoneNumbers as { type: string }[]).filter((n) => n.type !== "mobile");
          changes.phoneNumbers = e.mobile ? [...kept, { type: "mobile", value: e.mobile }] : kept;
        }
        if (e.toggleLicense) {
          const has = before.licenses.includes(e.toggleLicense);
          changes.licenses = has ? before.licenses.filter((l) => l !== e.toggleLicense) : [...before.licenses, e.toggleLicense];
        }
        if (Object.keys(changes).length === 0) return;
        const original = Object.fromEntries(Object.keys(changes).map((k) => [k, before[k] ?? null]));
        const res = await patch(target.id, { changes, original, lastModified: before.lastModified });
        const text = await res.text();
        if (res.status === 400 && /Not enough licenses/.test(text)) return; // a full pool: Webex refused, nothing changed
        expect(res.status, text).toBe(200);
        applied++;
        const after = await raw(target.emails[0]!);
        for (const field of [...WRITABLE_PERSON_FIELDS, "orgId"]) {
          const expected = field in changes ? changes[field] : before[field];
          expect(sameValue(field, after[field], expected), `${field}: ${JSON.stringify(after[field])} vs ${JSON.stringify(expected)}`).toBe(true);
        }
      }),
      { numRuns: 60 },
    );
    expect(applied).toBeGreaterThan(40);
  }, 180_000);
});

describe("Calling users (callingData)", () => {
  it("a title edit keeps a Calling user's extension, location and work numbers", async () => {
    const calling = everyone.find((p) => p.extension && p.locationId)!;
    const before = await raw(calling.emails[0]!);
    const res = await patch(calling.id, { changes: { title: "Calling survives" }, original: { title: before.title ?? null } });
    expect(res.status, await res.clone().text()).toBe(200);
    const after = await raw(calling.emails[0]!);
    expect(after.title).toBe("Calling survives");
    for (const f of ["extension", "locationId", "phoneNumbers", "licenses"]) expect(after[f], f).toEqual(before[f]);
    const got = (await (await call(person.GET, `/api/people/${calling.id}`, { params: { id: calling.id } })).json()) as P;
    expect(got.extension).toBe(before.extension); // the console's GET asks for callingData too
  });
});

describe("a PUT that Webex refuses", () => {
  it("answers with Webex's status and tracking ID plus the person as Webex holds it now (the page shows it)", async () => {
    const full = licenses.find((l) => l.consumedUnits >= l.totalUnits)!;
    const target = everyone[7]!;
    const before = await raw(target.emails[0]!);
    const res = await patch(target.id, { changes: { title: "Never", licenses: [...before.licenses, full.id] } });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { code: string; trackingId: string; message: string }; person: P };
    expect(body.error.code).toBe("UpdateFailed");
    expect(body.error.trackingId).toEqual(expect.any(String));
    expect(body.person.id).toBe(target.id);
    expect(body.person.title ?? null).toBe(before.title ?? null);
  });
});

describe("two sessions edit the same person", () => {
  it("overlapping field → 409 with both values, and nothing is overwritten", async () => {
    const target = everyone[3]!;
    const loaded = await raw(target.emails[0]!);
    h.signIn("helpdesk");
    expect((await patch(target.id, { changes: { title: "Set by helpdesk" }, original: { title: loaded.title ?? null } })).status).toBe(200);
    h.signIn("admin");
    const putsBefore = await writes();
    const res = await patch(target.id, { changes: { title: "Set by admin" }, original: { title: loaded.title ?? null }, lastModified: loaded.lastModified });
    expect(res.status).toBe(409);
    const body = (await res.json()) as { error: { code: string; conflicts: { field: string; yours: unknown; theirs: unknown; original: unknown }[] } };
    expect(body.error.code).toBe("Conflict");
    expect(body.error.conflicts).toEqual([{ field: "title", original: loaded.title ?? null, yours: "Set by admin", theirs: "Set by helpdesk" }]);
    expect(await writes()).toBe(putsBefore);
    expect((await raw(target.emails[0]!)).title).toBe("Set by helpdesk");
    // "Keep mine": the admin resends with Webex's current value as the starting point.
    const keep = await patch(target.id, { changes: { title: "Set by admin" }, original: { title: "Set by helpdesk" } });
    expect(keep.status).toBe(200);
    expect((await raw(target.emails[0]!)).title).toBe("Set by admin");
  });

  it("disjoint fields → both changes survive", async () => {
    const target = everyone[4]!;
    const loaded = await raw(target.emails[0]!);
    h.signIn("helpdesk");
    const a = await patch(target.id, { changes: { department: "Dept by helpdesk" }, original: { department: loaded.department ?? null }, lastModified: loaded.lastModified });
    h.signIn("admin");
    const b = await patch(target.id, { changes: { title: "Title by admin" }, original: { title: loaded.title ?? null }, lastModified: loaded.lastModified });
    expect([a.status, b.status]).toEqual([200, 200]);
    const after = await raw(target.emails[0]!);
    expect(after).toMatchObject({ department: "Dept by helpdesk", title: "Title by admin" });
  });

  it("concurrent requests on disjoint fields both survive", async () => {
    const target = everyone[5]!;
    const loaded = await raw(target.emails[0]!);
    const [a, b] = await Promise.all([
      patch(target.id, { changes: { department: "Parallel dept" }, original: { department: loaded.department ?? null } }),
      patch(target.id, { changes: { lastName: "Parallel" }, original: { lastName: loaded.lastName ?? null } }),
    ]);
    expect([a.status, b.status]).toEqual([200, 200]);
    // Without the per-person lock the second PUT (built from a GET taken before the first PUT) would restore
    // the old department.
    expect(await raw(target.emails[0]!)).toMatchObject({ department: "Parallel dept", lastName: "Parallel" });
  });
});

describe("onboarding (POST /api/people)", () => {
  it("a create that Webex answers 400 although it created the person yields exactly one person", async () => {
    await putConfig({ faults: { createAfter400: 1 } });
    try {
      const email = "fault.400@acme.example";
      const res = await call(people.POST, "/api/people", { method: "POST", body: { emails: [email], firstName: "Fault", lastName: "Four" } });
      expect(res.status, await res.clone().text()).toBe(201);
      const out = (await res.json()) as { person: P; recovered: boolean };
      expect(out.recovered).toBe(true);
      const again = await call(people.POST, "/api/people", { method: "POST", body: { emails: [email], firstName: "Fault", lastName: "Four" } });
      expect(again.status).toBe(409);
      expect(((await again.json()) as { error: { existingId: string } }).error.existingId).toBe(out.person.id);
      expect((await webex<{ items: P[] }>(`/people?email=${email}`)).items).toHaveLength(1);
      const posts = (await h.stats()).routes["POST /v1/people"] ?? {};
      expect(Object.values(posts).reduce((a, b) => a + b, 0)).toBe(1); // never POSTed twice
    } finally {
      await putConfig({ faults: { createAfter400: 0 } });
    }
  });

  it("an exhausted license is refused before Webex, naming it", async () => {
    const full = licenses.find((l) => l.consumedUnits >= l.totalUnits)!;
    const before = await writes();
    const res = await call(people.POST, "/api/people", { method: "POST", body: { emails: ["full@acme.example"], displayName: "F", licenses: [full.id] } });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { message: string; fields: Record<string, string> } };
    expect(body.error.fields.licenses).toContain(full.name);
    expect(await writes()).toBe(before);
  });
});

describe("bad input never reaches Webex", () => {
  it("invalid email, 10,000-character names, unknown license id, wrong types → 400 naming the fields", async () => {
    const before = (await h.stats()).total;
    const id = everyone[0]!.id;
    const cases: [Response, string[]][] = [
      [await call(people.POST, "/api/people", { method: "POST", body: { emails: ["nope"], displayName: "x".repeat(10_000) } }), ["emails.0", "displayName"]],
      [await call(people.POST, "/api/people", { method: "POST", body: { emails: ["a@b.example"], displayName: "A", licenses: ["not a license!"] } }), ["licenses.0"]],
      [await call(people.POST, "/api/people", { method: "POST", body: { emails: "a@b.example", displayName: 5 } }), ["emails", "displayName"]],
      [await patch(id, { changes: { firstName: "y".repeat(10_000), loginEnabled: "yes" } }), ["changes.firstName", "changes.loginEnabled"]],
      [await patch(id, { changes: { title: 42, roles: "x" } }), ["changes.title", "changes.roles"]],
    ];
    for (const [res, fields] of cases) {
      expect(res.status).toBe(400);
      const body = (await res.json()) as { error: { fields: Record<string, string> } };
      for (const f of fields) expect(body.error.fields, f).toHaveProperty([f]);
    }
    expect((await h.stats()).total).toBe(before);
  });

  it("a well-formed but unknown license id is refused with a field message before any write", async () => {
    const before = await writes();
    const res = await call(people.POST, "/api/people", {
      method: "POST",
      body: { emails: ["unknown.lic@acme.example"], displayName: "U", licenses: ["Y2lzY29zcGFyazovL3VzL0xJQ0VOU0Uvbm9wZQ"] },
    });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { fields: Record<string, string> } }).error.fields).toHaveProperty(["licenses.0"]);
    expect(await writes()).toBe(before);
  });

  it("the read-only admin gets 403 on PATCH, POST and DELETE", async () => {
    h.signIn("auditor");
    const before = (await h.stats()).total;
    const id = everyone[0]!.id;
    expect((await patch(id, { changes: { title: "x" } })).status).toBe(403);
    expect((await call(people.POST, "/api/people", { method: "POST", body: { emails: ["r@o.example"], displayName: "R" } })).status).toBe(403);
    expect((await call(person.DELETE, `/api/people/${id}`, { method: "DELETE", params: { id } })).status).toBe(403);
    expect((await h.stats()).total).toBe(before);
  });
});

describe("delete and the audit trail", () => {
  it("the last Full Administrator cannot be deleted; others can; every action is in /api/activity with its diff", async () => {
    const me = h.users.admin;
    const res = await call(person.DELETE, `/api/people/${me.personId}`, { method: "DELETE", params: { id: me.personId } });
    expect(res.status).toBe(409);
    expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(/last Full Administrator/);

    const victim = everyone.slice(-10).find((p) => p.licenses.length > 0)!;
    expect((await call(person.DELETE, `/api/people/${victim.id}`, { method: "DELETE", params: { id: victim.id } })).status).toBe(204);

    const list = async (query: Record<string, string>) =>
      (await (await call(activity.GET, "/api/activity", { query })).json()) as { items: { action: string; outcome: string; targetId: string; changes: { field: string }[] }[]; nextCursor: string | null };
    const deletes = await list({ action: "person.delete" });
    expect(deletes.items[0]).toMatchObject({ action: "person.delete", outcome: "ok", targetId: victim.id });
    expect(deletes.items[0]!.changes.map((c) => c.field)).toContain("licenses");
    expect(deletes.items[1]).toMatchObject({ outcome: "error" });
    const conflicts = await list({ target: everyone[3]!.emails[0]! });
    expect(conflicts.items.some((e) => e.outcome === "error")).toBe(true);
    const creates = await list({ action: "person.create", actor: "admin@acme" });
    expect(creates.items.length).toBeGreaterThan(0);
    // Cursor paging: two pages of 2 don't overlap.
    const p1 = await list({ limit: "2" });
    const p2 = await list({ limit: "2", cursor: p1.nextCursor! });
    expect(p2.items.map((e) => e.targetId)).not.toEqual(p1.items.map((e) => e.targetId));
    const bad = await call(activity.GET, "/api/activity", { query: { from: "2026-02-01", to: "2026-01-01", action: "nope" } });
    expect(bad.status).toBe(400);
  });
});
