// Safe edits end to end: the real route handlers and safe-update code against the in-process emulator
// (bench/api-harness.ts substitutes only the session and the token source), audit rows in PGlite.
import fc from "fast-check";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import * as people from "@/app/api/people/route";
import * as person from "@/app/api/people/[id]/route";
import * as activity from "@/app/api/activity/route";
import { call, startApiHarness, type ApiHarness } from "@/bench/api-harness";
import { EXPECTED_WRITABLE, webexSame } from "@/tests/oracles/webex-person";
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
  // Webex's rate limit is not under test here, and a failing property's shrinking makes many more calls than a run.
  h = await startApiHarness({ people: 600, config: { rateLimitPerMinute: 100_000 } });
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

describe("PATCH through the emulator's full replacement (property, 80 cases)", () => {
  it("every writable field the admin did not touch is unchanged in Webex; the touched ones hold the new values", async () => {
    const optionalRoles = roles.filter((r) => r.name !== "Full Administrator").map((r) => r.id);
    const extra = [licenseNamed("Messaging"), licenseNamed("Meeting - Webex Meetings")];
    const callingIds = licenses.filter((l) => /Calling/.test(l.name)).map((l) => l.id);
    const callingBasic = licenseNamed("Webex Calling - Basic");
    const locations = (await webex<{ items: { id: string }[] }>("/locations")).items.map((l) => l.id);
    const isWork = (n: { type: string }) => n.type === "work" || n.type === "work_extension";
    let emailSeq = 0;
    // Every field an admin can write (tests/oracles/webex-person.ts), within the emulator's rules: the Calling
    // fields (extension, locationId, work numbers) only with a Calling license, and an existing Calling user's
    // location never moves (docs/webex-api.md; emulator/src/routes/assignment.ts).
    const edits = fc.record(
      {
        title: fc.option(word, { nil: null }),
        department: fc.option(word, { nil: null }),
        firstName: word,
        lastName: fc.option(word, { nil: null }),
        displayName: word,
        addresses: fc.array(
          fc.record(
            { type: fc.constant("work"), locality: word, country: fc.constantFrom("US", "DE"), region: word, streetAddress: word, postalCode: fc.stringMatching(/^[0-9]{5}$/) },
            { requiredKeys: ["type", "country"] },
          ),
          { maxLength: 2 },
        ),
        mobile: fc.option(fc.stringMatching(/^\+1 555 0[0-9]{3}$/), { nil: null }),
        fax: fc.option(fc.stringMatching(/^\+1 555 9[0-9]{3}$/), { nil: null }),
        roles: fc.subarray(optionalRoles),
        toggleLicense: fc.constantFrom(...extra),
        loginEnabled: fc.boolean(),
        manager: fc.option(fc.nat({ max: everyone.length - 1 }), { nil: null }),
        avatar: fc.option(fc.stringMatching(/^[a-z]{3,12}$/).map((n) => `https://avatars.example/${n}.png`), { nil: null }),
        siteUrls: fc.uniqueArray(fc.constantFrom("acme.webex.com", "acme-eu.webex.com", "acme-training.webex.com"), { maxLength: 2 }),
        newEmail: fc.constant(true),
        // For a Calling user: a new extension and/or work number, or Calling taken away (license and fields).
        // For anyone else: Calling given (a Calling Basic unit, an extension and a location).
        calling: fc.oneof(
          fc.record({ extension: fc.option(fc.stringMatching(/^[0-9]{4,6}$/), { nil: undefined }), work: fc.option(fc.stringMatching(/^\+1 408 555 1[0-9]{3}$/), { nil: undefined }) }),
          fc.constant("toggle" as const),
        ),
        location: fc.nat({ max: locations.length - 1 }),
      },
      { requiredKeys: [] },
    );
    let applied = 0;
    const reached = new Set<string>();
    // The last 10 people (the delete test below needs one with licenses), the first 10 (the tests below edit some
    // of them) and the Calling user of the callingData test are kept out of the property's reach.
    const calling = everyone.find((p) => p.extension && p.locationId)!;
    const indices = fc.integer({ min: 10, max: everyone.length - 11 }).filter((i) => everyone[i] !== calling);
    await fc.assert(
      fc.asyncProperty(indices, edits, async (index, e) => {
        const target = everyone[index]!;
        const before = await raw(target.emails[0]!);
        const changes: Record<string, unknown> = {};
        for (const k of ["title", "department", "firstName", "lastName", "displayName", "addresses", "loginEnabled", "avatar", "siteUrls", "roles"] as const) {
          if (k in e) changes[k] = e[k];
        }
        if ("manager" in e) {
          const boss = e.manager === null || e.manager === undefined ? null : everyone[e.manager]!;
          changes.manager = boss ? boss.displayName : null;
          changes.managerId = boss ? boss.id : null;
        }
        if (e.newEmail) changes.emails = [`edited.${process.pid}.${++emailSeq}@acme.example`];
        let phones = before.phoneNumbers as { type: string; value: string }[] | undefined;
        let phonesChanged = false;
        let heldLicenses = before.licenses;
        let licensesChanged = false;
        if (e.toggleLicense) {
          heldLicenses = heldLicenses.includes(e.toggleLicense) ? heldLicenses.filter((l) => l !== e.toggleLicense) : [...heldLicenses, e.toggleLicense];
          licensesChanged = true;
        }
        const isCalling = before.licenses.some((l) => callingIds.includes(l));
        if (e.calling === "toggle") {
          if (isCalling) {
            heldLicenses = heldLicenses.filter((l) => !callingIds.includes(l));
            Object.assign(changes, { extension: null, locationId: null });
            phones = (phones ?? []).filter((n) => !isWork(n));
          } else {
            heldLicenses = [...heldLicenses, callingBasic];
            Object.assign(changes, { extension: String(7000 + index), locationId: locations[e.location ?? 0] });
          }
          licensesChanged = phonesChanged = true;
        } else if (e.calling && isCalling) {
          if (e.calling.extension) changes.extension = e.calling.extension;
          if (e.calling.work) {
            phones = [...(phones ?? []).filter((n) => n.type !== "work"), { type: "work", value: e.calling.work }];
            phonesChanged = true;
          }
        }
        for (const type of ["mobile", "fax"] as const) {
          if (!(type in e)) continue;
          const value = e[type];
          phones = [...(phones ?? []).filter((n) => n.type !== type), ...(value ? [{ type, value }] : [])];
          phonesChanged = true;
        }
        if (phonesChanged) changes.phoneNumbers = phones ?? [];
        if (licensesChanged) changes.licenses = heldLicenses;
        if (Object.keys(changes).length === 0) return;
        const original = Object.fromEntries(Object.keys(changes).map((k) => [k, before[k] ?? null]));
        const res = await patch(target.id, { changes, original, lastModified: before.lastModified });
        const text = await res.text();
        if (res.status === 400 && /Not enough licenses|No units left|no free units left/.test(text)) return; // a full pool: Webex refused, nothing changed
        expect(res.status, text).toBe(200);
        applied++;
        if (changes.emails) target.emails = changes.emails as string[]; // later cases and tests find them by email
        const after = await raw(target.emails[0]!);
        for (const field of [...EXPECTED_WRITABLE, "orgId"]) {
          const expected = field in changes ? changes[field] : before[field];
          expect(webexSame(field, after[field], expected), `${field}: ${JSON.stringify(after[field])} vs ${JSON.stringify(expected)}`).toBe(true);
          if (field in changes) reached.add(field);
        }
      }),
      { numRuns: 80 },
    );
    expect(applied).toBeGreaterThan(50);
    expect([...reached].sort()).toEqual([...EXPECTED_WRITABLE].sort()); // every writable field was edited at least once
  }, 240_000);
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

  // Concurrency without luck: a barrier between the routes' Webex client and the emulator holds each edit's first
  // read of the person until both edits have read (or, when the per-person lock makes the second edit wait for the
  // first, until HOLD_MS pass). So if the lock were missing, both edits would read the same old person before
  // either writes, every time; with it, the second reads what the first wrote.
  const HOLD_MS = 1_500;
  function readBarrier(personId: string) {
    const path = new URL(`${h.webexBase}/people/${personId}`).pathname;
    const waiting: (() => void)[] = [];
    let open = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const state = { held: 0, releasedTogether: false };
    const release = () => {
      open = true;
      clearTimeout(timer);
      for (const go of waiting.splice(0)) go();
    };
    h.intercept(async (req, pass) => {
      if (open || req.method !== "GET" || req.url.pathname !== path) return pass();
      state.held++;
      const go = new Promise<void>((resolve) => waiting.push(resolve));
      if (state.held === 2) {
        state.releasedTogether = true;
        release();
      } else timer = setTimeout(release, HOLD_MS);
      await go;
      return pass();
    });
    return state;
  }

  it("concurrent edits of the same field → exactly one 200 and one 409, and the 409 names the winner's value", async () => {
    const target = everyone[6]!;
    const loaded = await raw(target.emails[0]!);
    const barrier = readBarrier(target.id);
    try {
      const [a, b] = await Promise.all([
        patch(target.id, { changes: { title: "Racer A" }, original: { title: loaded.title ?? null }, lastModified: loaded.lastModified }),
        patch(target.id, { changes: { title: "Racer B" }, original: { title: loaded.title ?? null }, lastModified: loaded.lastModified }),
      ]);
      const statuses = [a.status, b.status];
      expect([...statuses].sort(), `statuses ${statuses.join(", ")}`).toEqual([200, 409]);
      const [winner, loser] = a.status === 200 ? ["Racer A", b] : ["Racer B", a];
      const body = (await loser.json()) as { error: { code: string; conflicts: { field: string; theirs: unknown; yours: unknown }[] } };
      expect(body.error.code).toBe("Conflict");
      expect(body.error.conflicts).toEqual([expect.objectContaining({ field: "title", theirs: winner })]);
      expect((await raw(target.emails[0]!)).title).toBe(winner);
      const writes = (await (await h.emulatorFetch(`/_emulator/writes?personId=${encodeURIComponent(target.id)}`)).json()) as { items: { route: string }[] };
      expect(writes.items.filter((w) => w.route === "PUT /v1/people/{id}")).toHaveLength(1); // the loser never wrote
      expect(barrier.releasedTogether).toBe(false); // the second edit did not read before the first had written
    } finally {
      h.intercept(null);
    }
  });

  it("concurrent edits of disjoint fields → both survive", async () => {
    const target = everyone[5]!;
    const loaded = await raw(target.emails[0]!);
    const barrier = readBarrier(target.id);
    try {
      const [a, b] = await Promise.all([
        patch(target.id, { changes: { department: "Parallel dept" }, original: { department: loaded.department ?? null } }),
        patch(target.id, { changes: { lastName: "Parallel" }, original: { lastName: loaded.lastName ?? null } }),
      ]);
      expect([a.status, b.status]).toEqual([200, 200]);
      // Without the per-person lock the barrier lets both read the old person; the second PUT would then restore
      // the old department (or last name).
      expect(await raw(target.emails[0]!)).toMatchObject({ department: "Parallel dept", lastName: "Parallel" });
      expect(barrier.releasedTogether).toBe(false);
    } finally {
      h.intercept(null);
    }
  });
});

describe("onboarding (POST /api/people)", () => {
  it("a create that Webex answers 400 although it created the person yields exactly one person", async () => {
    const postsBefore = Object.values((await h.stats()).routes["POST /v1/people"] ?? {}).reduce((a, b) => a + b, 0);
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
      const posts = Object.values((await h.stats()).routes["POST /v1/people"] ?? {}).reduce((a, b) => a + b, 0);
      expect(posts - postsBefore).toBe(1); // never POSTed twice (other tests create people too)
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
    const list = async (query: Record<string, string>) =>
      (await (await call(activity.GET, "/api/activity", { query })).json()) as { items: { action: string; outcome: string; targetId: string; changes: { field: string }[] }[]; nextCursor: string | null };
    // Every row checked here is this test's own, found by its target: other tests delete, create and conflict in
    // the same org, in any order.
    const me = h.users.admin;
    const res = await call(person.DELETE, `/api/people/${me.personId}`, { method: "DELETE", params: { id: me.personId } });
    expect(res.status).toBe(409);
    expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(/last Full Administrator/);
    const refused = await list({ action: "person.delete", target: me.personId });
    expect(refused.items.length).toBeGreaterThan(0);
    expect(refused.items.every((e) => e.outcome === "error")).toBe(true);

    const victim = everyone.slice(-10).find((p) => p.licenses.length > 0)!;
    expect((await call(person.DELETE, `/api/people/${victim.id}`, { method: "DELETE", params: { id: victim.id } })).status).toBe(204);
    const deletes = await list({ action: "person.delete", target: victim.id });
    expect(deletes.items).toHaveLength(1);
    expect(deletes.items[0]).toMatchObject({ action: "person.delete", outcome: "ok", targetId: victim.id });
    expect(deletes.items[0]!.changes.map((c) => c.field)).toContain("licenses");

    // A conflict (409) is a failed row of that person.
    const contested = everyone[8]!;
    const loaded = await raw(contested.emails[0]!);
    expect((await patch(contested.id, { changes: { title: "Audit first" }, original: { title: loaded.title ?? null } })).status).toBe(200);
    expect((await patch(contested.id, { changes: { title: "Audit second" }, original: { title: loaded.title ?? null }, lastModified: loaded.lastModified })).status).toBe(409);
    const conflicts = await list({ target: contested.id });
    expect(conflicts.items.some((e) => e.outcome === "error")).toBe(true);

    // A create is a row of its own.
    const created = await call(people.POST, "/api/people", { method: "POST", body: { emails: ["audit.trail@acme.example"], displayName: "Audit Trail" } });
    expect(created.status).toBe(201);
    const creates = await list({ action: "person.create", actor: "admin@acme", target: "audit.trail@acme.example" });
    expect(creates.items).toHaveLength(1);
    // Cursor paging: two pages of 2 don't overlap.
    const p1 = await list({ limit: "2" });
    const p2 = await list({ limit: "2", cursor: p1.nextCursor! });
    expect(p2.items.map((e) => e.targetId)).not.toEqual(p1.items.map((e) => e.targetId));
    const bad = await call(activity.GET, "/api/activity", { query: { from: "2026-02-01", to: "2026-01-01", action: "nope" } });
    expect(bad.status).toBe(400);
  });
});
