// Route handlers called in-process the way Next calls them, against the in-process emulator. Only the session
// lookup and the Webex client's token source are substituted (bench/api-harness.ts); the rest is the real code.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import * as me from "@/app/api/me/route";
import * as people from "@/app/api/people/route";
import * as person from "@/app/api/people/[id]/route";
import * as licenses from "@/app/api/licenses/route";
import * as roles from "@/app/api/roles/route";
import * as locations from "@/app/api/locations/route";
import { signCursorPayload } from "@/lib/server/api/cursor";
import { apiDeps, setApiDepsForTests } from "@/lib/server/api/deps";
import { call, startApiHarness, type ApiHarness } from "@/bench/api-harness";
import { closeDb, createDb, setDbForTests, type Db } from "@/lib/server/db";
import { testDbOptions } from "./db-helpers";

type ErrorJson = { error: { status: number; message: string; trackingId?: string; fields?: Record<string, string> } };
type PersonJson = Record<string, unknown> & { id: string; emails: string[]; licenses?: string[]; roles?: string[] };

let h: ApiHarness;
let victim: PersonJson; // a seeded person with phones/addresses/licenses, used by PATCH tests

let db: Db;

beforeAll(async () => {
  // Mutations write audit rows: give them a database (opened first; PGlite blocks the event loop while it starts).
  db = await createDb(testDbOptions());
  setDbForTests(db);
  h = await startApiHarness({ people: 2000 });
  const res = await fetch(`${h.webexBase}/people?max=1000`, { headers: { authorization: `Bearer ${h.tokens.admin}` } });
  const items = ((await res.json()) as { items: PersonJson[] }).items;
  const named = new Set(["admin", "helpdesk", "auditor", "employee"].map((w) => `${w}@acme.example`));
  const rich = (p: PersonJson) =>
    !named.has(p.emails[0]!) &&
    (p.licenses?.length ?? 0) > 0 &&
    Array.isArray(p.phoneNumbers) && p.phoneNumbers.length > 0 &&
    Array.isArray(p.addresses) && p.addresses.length > 0;
  // Prefer someone who also holds an admin role, so the PATCH test proves roles survive too.
  const found = items.find((p) => rich(p) && (p.roles?.length ?? 0) > 0) ?? items.find(rich);
  if (!found) throw new Error("no seeded person with licenses, phones and addresses");
  victim = found;
});

afterAll(async () => {
  await h?.close();
  setDbForTests(undefined);
  await closeDb(db);
});

/** Runs `fn` and asserts the emulator saw no request at all meanwhile. */
async function withoutWebex(fn: () => Promise<void>): Promise<void> {
  const before = (await h.stats()).total;
  await fn();
  expect((await h.stats()).total).toBe(before);
}

async function expectError(res: Response, status: number): Promise<ErrorJson["error"]> {
  expect(res.status).toBe(status);
  expect(res.headers.get("cache-control")).toBe("no-store");
  const json = (await res.json()) as ErrorJson;
  expect(json.error.status).toBe(status);
  expect(typeof json.error.message).toBe("string");
  expect(JSON.stringify(json)).not.toMatch(/\bat .*\.ts:\d+/); // never a stack trace
  return json.error;
}

describe("refusals that never reach Webex", () => {
  it("401 without a session, on every route", async () => {
    h.signIn(null);
    await withoutWebex(async () => {
      for (const [handler, path] of [
        [me.GET, "/api/me"],
        [people.GET, "/api/people"],
        [licenses.GET, "/api/licenses"],
        [roles.GET, "/api/roles"],
        [locations.GET, "/api/locations"],
      ] as const) {
        await expectError(await call(handler, path), 401);
      }
      await expectError(await call(person.GET, `/api/people/${victim.id}`, { params: { id: victim.id } }), 401);
      await expectError(await call(people.POST, "/api/people", { method: "POST", body: { emails: ["x@y.example"] } }), 401);
    });
  });

  it("403 for a non-admin on reads, and for the read-only admin on POST/PATCH/DELETE", async () => {
    await withoutWebex(async () => {
      h.signIn("employee");
      await expectError(await call(people.GET, "/api/people"), 403);
      h.signIn("auditor");
      await expectError(
        await call(people.POST, "/api/people", { method: "POST", body: { emails: ["new@y.example"], displayName: "N" } }),
        403,
      );
      await expectError(
        await call(person.PATCH, `/api/people/${victim.id}`, {
          method: "PATCH",
          params: { id: victim.id },
          body: { changes: { title: "x" } },
        }),
        403,
      );
      await expectError(await call(person.DELETE, `/api/people/${victim.id}`, { method: "DELETE", params: { id: victim.id } }), 403);
    });
  });

  it("403 for cross-origin mutations (Origin, null Origin, or Sec-Fetch-Site cross-site)", async () => {
    h.signIn("admin");
    await withoutWebex(async () => {
      const opts = { method: "DELETE", params: { id: victim.id } };
      await expectError(await call(person.DELETE, "/api/people/x", { ...opts, origin: "https://evil.example" }), 403);
      await expectError(await call(person.DELETE, "/api/people/x", { ...opts, origin: "null" }), 403);
      await expectError(await call(person.DELETE, "/api/people/x", { ...opts, origin: "http://roster.test:8080" }), 403);
      await expectError(
        await call(person.DELETE, "/api/people/x", { ...opts, origin: null, headers: { "sec-fetch-site": "cross-site" } }),
        403,
      );
      await expectError(
        await call(person.DELETE, "/api/people/x", { ...opts, origin: null, headers: { "sec-fetch-site": "same-site" } }),
        403,
      );
    });
  });

  it("400 naming each bad query field", async () => {
    h.signIn("admin");
    await withoutWebex(async () => {
      const e1 = await expectError(await call(people.GET, "/api/people", { query: { max: "0", email: "nope" } }), 400);
      expect(Object.keys(e1.fields ?? {}).sort()).toEqual(["email", "max"]);
      const e2 = await expectError(await call(people.GET, "/api/people", { query: { max: "1001" } }), 400);
      expect(e2.fields).toHaveProperty("max");
      const loc = "Y2lzY29zcGFyazovL3VzL0xPQ0FUSU9OLzEyMzQ";
      const e3 = await expectError(await call(people.GET, "/api/people", { query: { locationId: loc, max: "51" } }), 400);
      expect(e3.fields).toHaveProperty("max");
      const e4 = await expectError(await call(people.GET, "/api/people", { query: { roles: "ok-role-id-1,bad id!" } }), 400);
      expect(e4.fields).toHaveProperty("roles.1");
    });
  });

  it("400 for a bad person ID in the path", async () => {
    h.signIn("admin");
    await withoutWebex(async () => {
      for (const id of ["../../evil", "a", "x".repeat(600), "abc/def", "%2e%2e"]) {
        const e = await expectError(await call(person.GET, "/api/people/x", { params: { id } }), 400);
        expect(e.fields).toHaveProperty("id");
      }
    });
  });

  it("400 naming each bad body field, unknown fields included; malformed JSON; wrong content type", async () => {
    h.signIn("admin");
    await withoutWebex(async () => {
      const e1 = await expectError(
        await call(people.POST, "/api/people", {
          method: "POST",
          body: { emails: ["not-an-email"], firstName: "x".repeat(10_000), isAdmin: true, licenses: "L1" },
        }),
        400,
      );
      expect(e1.fields).toMatchObject({ "emails.0": "Invalid email", firstName: expect.any(String), isAdmin: "Unknown field" });
      expect(e1.fields).toHaveProperty("licenses");

      const e2 = await expectError(
        await call(person.PATCH, "/api/people/x", {
          method: "PATCH",
          params: { id: victim.id },
          body: { changes: { title: 42, status: "inactive" }, lastModified: "yesterday" },
        }),
        400,
      );
      expect(Object.keys(e2.fields ?? {}).sort()).toEqual(["changes.status", "changes.title", "lastModified"]);

      const e3 = await expectError(
        await call(person.PATCH, "/api/people/x", { method: "PATCH", params: { id: victim.id }, body: { changes: {} } }),
        400,
      );
      expect(e3.fields).toHaveProperty("changes");

      const e4 = await expectError(
        await call(people.POST, "/api/people", { method: "POST", rawBody: "{not json", headers: { "content-type": "application/json" } }),
        400,
      );
      expect(e4.fields).toHaveProperty("body");
      await expectError(
        await call(people.POST, "/api/people", { method: "POST", rawBody: "emails=a", headers: { "content-type": "text/plain" } }),
        415,
      );
    });
  });

  it("413 for an oversized body, whether Content-Length says so or not", async () => {
    h.signIn("admin");
    await withoutWebex(async () => {
      const big = { emails: ["big@y.example"], displayName: "Big", siteUrls: Array.from({ length: 2000 }, () => "x".repeat(100)) };
      await expectError(await call(people.POST, "/api/people", { method: "POST", body: big }), 413);
      // Refused on the declared length alone.
      await expectError(
        await call(people.POST, "/api/people", {
          method: "POST",
          body: { emails: ["a@y.example"], displayName: "A" },
          headers: { "content-length": String(10 * 1024 * 1024) },
        }),
        413,
      );
      // A streamed body with no Content-Length: the bytes actually read are counted.
      const chunk = new TextEncoder().encode(" ".repeat(16 * 1024));
      let sent = 0;
      const stream = new ReadableStream<Uint8Array>({
        pull(controller) {
          if (sent++ < 10) controller.enqueue(chunk);
          else controller.close();
        },
      });
      const req = new Request("http://roster.test/api/people", {
        method: "POST",
        headers: { origin: "http://roster.test", "content-type": "application/json" },
        body: stream,
        duplex: "half",
      } as RequestInit & { duplex: "half" });
      expect(req.headers.get("content-length")).toBeNull();
      await expectError(await people.POST(req, { params: Promise.resolve({}) }), 413);
    });
  });

  it("400 {field: cursor} for a tampered cursor or one aimed at another host or path", async () => {
    h.signIn("admin");
    const first = await call(people.GET, "/api/people", { query: { max: "5" } });
    const { nextCursor } = (await first.json()) as { nextCursor: string };
    expect(nextCursor).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
    expect(nextCursor).not.toContain("cursor="); // opaque: no readable Webex URL
    const orgId = h.users.admin.orgId;
    const forged = [
      // flip one character of the payload
      (nextCursor[0] === "A" ? "B" : "A") + nextCursor.slice(1),
      // a raw Webex next URL
      `${h.webexBase}/people?cursor=abc`,
      // correctly signed (test key) but the content names another host / path
      signCursorPayload("https://evil.example/people?max=5", orgId, "test-cursor-secret"),
      signCursorPayload("//evil.example/people?max=5", orgId, "test-cursor-secret"),
      signCursorPayload("/v1/admin/secrets?max=5", orgId, "test-cursor-secret"),
      // signed with another key, or for another org
      signCursorPayload("max=5", orgId, "another-secret"),
      signCursorPayload("max=5", "another-org", "test-cursor-secret"),
    ];
    await withoutWebex(async () => {
      for (const cursor of forged) {
        const e = await expectError(await call(people.GET, "/api/people", { query: { cursor } }), 400);
        expect(e.fields).toHaveProperty("cursor");
      }
    });
  });
});

describe("happy paths", () => {
  it("GET /api/me returns the session user and org", async () => {
    h.signIn("admin");
    const res = await call(me.GET, "/api/me");
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe("no-store");
    const body = (await res.json()) as { user: { email: string; isAdmin: boolean }; org: { id: string; name: string | null } };
    expect(body.user).toMatchObject({ email: "admin@acme.example", isAdmin: true });
    expect(body.org.id).toBe(h.users.admin.orgId);
    expect(body.org.name).toEqual(expect.any(String));
    // A non-admin may still ask who they are (the not-an-admin page does).
    h.signIn("employee");
    expect((await call(me.GET, "/api/me")).status).toBe(200);
  });

  it("pages through a 2,000-person org at max=1000, every person exactly once", async () => {
    h.signIn("admin");
    const seen = new Set<string>();
    let total = 0;
    let pages = 0;
    let cursor: string | null = null;
    do {
      const res: Response = await call(people.GET, "/api/people", { query: cursor ? { cursor } : { max: "1000" } });
      expect(res.status).toBe(200);
      expect(res.headers.get("cache-control")).toBe("no-store");
      const body = (await res.json()) as { items: PersonJson[]; nextCursor: string | null };
      for (const p of body.items) seen.add(p.id);
      total += body.items.length;
      cursor = body.nextCursor;
      pages++;
    } while (cursor && pages < 10);
    expect(total).toBe(2000);
    expect(seen.size).toBe(2000);
    expect(pages).toBeGreaterThanOrEqual(2);
  });

  it("filters pass through (email, displayName, roles)", async () => {
    h.signIn("helpdesk");
    const res = await call(people.GET, "/api/people", { query: { email: victim.emails[0]! } });
    const body = (await res.json()) as { items: PersonJson[]; nextCursor: string | null };
    expect(body.items.map((p) => p.id)).toEqual([victim.id]);
    expect(body.nextCursor).toBeNull();

    const byName = (await (await call(people.GET, "/api/people", { query: { displayName: "Ada", max: "50" } })).json()) as {
      items: PersonJson[];
    };
    expect(byName.items.length).toBeGreaterThan(0);
    for (const p of byName.items) expect(String(p.displayName).toLowerCase().startsWith("ada")).toBe(true);

    const { items: allRoles } = (await (await call(roles.GET, "/api/roles")).json()) as { items: { id: string; name: string }[] };
    const fullAdmin = allRoles.find((r) => r.name === "Full Administrator")!;
    const admins = (await (await call(people.GET, "/api/people", { query: { roles: fullAdmin.id } })).json()) as {
      items: PersonJson[];
    };
    expect(admins.items.map((p) => p.emails[0])).toContain("admin@acme.example");
    for (const p of admins.items) expect(p.roles).toContain(fullAdmin.id);
  });

  it("GET /api/people/:id, licenses, roles, locations", async () => {
    h.signIn("auditor");
    const p = (await (await call(person.GET, "/api/people/x", { params: { id: victim.id } })).json()) as PersonJson;
    expect(p.id).toBe(victim.id);
    for (const [handler, path] of [
      [licenses.GET, "/api/licenses"],
      [roles.GET, "/api/roles"],
      [locations.GET, "/api/locations"],
    ] as const) {
      const res = await call(handler, path);
      expect(res.status).toBe(200);
      const body = (await res.json()) as { items: unknown[] };
      expect(body.items.length).toBeGreaterThan(0);
    }
  });

  it("PATCH title changes only the title: licenses, roles, phones, addresses intact in the emulator's store", async () => {
    h.signIn("admin");
    const email = victim.emails[0]!;
    const raw = async () =>
      (await (await h.emulatorFetch(`/_emulator/people?email=${encodeURIComponent(email)}`)).json()) as Record<string, unknown>;
    const before = await raw();
    const puts = async () =>
      Object.entries((await h.stats()).routes)
        .filter(([k]) => k.startsWith("PUT /v1/people/"))
        .reduce((n, [, byStatus]) => n + Object.values(byStatus).reduce((a, b) => a + b, 0), 0);
    const putsBefore = await puts();
    const res = await call(person.PATCH, "/api/people/x", {
      method: "PATCH",
      params: { id: victim.id },
      body: { changes: { title: "Chief Roster Officer" }, lastModified: before.lastModified },
    });
    expect(res.status).toBe(200);
    const out = (await res.json()) as { person: PersonJson; unappliedLicenses: string[] };
    expect(out.person.title).toBe("Chief Roster Officer");
    expect(out.unappliedLicenses).toEqual([]);
    const after = await raw();
    expect(await puts()).toBe(putsBefore + 1);
    expect(after.title).toBe("Chief Roster Officer");
    expect((after.licenses as string[]).length).toBeGreaterThan(0);
    expect((after.phoneNumbers as unknown[]).length).toBeGreaterThan(0);
    expect((after.addresses as unknown[]).length).toBeGreaterThan(0);
    for (const field of ["licenses", "roles", "phoneNumbers", "addresses", "emails", "displayName", "firstName",
      "lastName", "department", "manager", "managerId", "extension", "locationId", "siteUrls", "loginEnabled", "orgId"]) {
      expect(after[field], field).toEqual(before[field]);
    }
  });

  it("PATCH clears a field given null", async () => {
    h.signIn("helpdesk");
    const res = await call(person.PATCH, "/api/people/x", {
      method: "PATCH",
      params: { id: victim.id },
      body: { changes: { title: null } },
    });
    expect(res.status).toBe(200);
    const out = (await res.json()) as { person: PersonJson };
    expect(out.person).not.toHaveProperty("title");
  });

  it("POST creates (201) and DELETE removes (204)", async () => {
    h.signIn("admin");
    const created = await call(people.POST, "/api/people", {
      method: "POST",
      body: { emails: ["api-route-test@acme-new.example"], displayName: "Route Test", title: "Tester" },
    });
    expect(created.status).toBe(201);
    const { person: p } = (await created.json()) as { person: PersonJson };
    expect(p.emails).toEqual(["api-route-test@acme-new.example"]);
    const del = await call(person.DELETE, "/api/people/x", { method: "DELETE", params: { id: p.id } });
    expect(del.status).toBe(204);
    expect(del.headers.get("cache-control")).toBe("no-store");
    expect(await del.text()).toBe("");
  });
});

describe("licenses Webex does not apply", () => {
  async function exhaustedLicense(): Promise<string> {
    h.signIn("admin");
    const { items } = (await (await call(licenses.GET, "/api/licenses")).json()) as {
      items: { id: string; totalUnits?: number; consumedUnits?: number }[];
    };
    const full = items.find((l) => l.totalUnits !== undefined && l.consumedUnits !== undefined && l.consumedUnits >= l.totalUnits);
    if (!full) throw new Error("the seed has no exhausted license");
    expect(victim.licenses).not.toContain(full.id);
    return full.id;
  }

  async function putConfig(config: Record<string, unknown>): Promise<void> {
    const res = await h.emulatorFetch("/_emulator/config", {
      method: "PUT",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(config),
    });
    expect(res.status).toBe(200);
  }

  it("Webex skipping an exhausted license → 200 with unappliedLicenses naming it", async () => {
    const full = await exhaustedLicense();
    await putConfig({ licenseOverflow: "skip" });
    try {
      const current = (await (await call(person.GET, "/api/people/x", { params: { id: victim.id } })).json()) as PersonJson;
      const res = await call(person.PATCH, "/api/people/x", {
        method: "PATCH",
        params: { id: victim.id },
        body: { changes: { licenses: [...(current.licenses ?? []), full] } },
      });
      expect(res.status).toBe(200);
      const out = (await res.json()) as { person: PersonJson; unappliedLicenses: string[] };
      expect(out.unappliedLicenses).toEqual([full]);
      expect(out.person.licenses).toEqual(current.licenses);
    } finally {
      await putConfig({ licenseOverflow: "reject" });
    }
  });

  it("Webex refusing it (400) passes through with the tracking ID", async () => {
    const full = await exhaustedLicense();
    const current = (await (await call(person.GET, "/api/people/x", { params: { id: victim.id } })).json()) as PersonJson;
    const res = await call(person.PATCH, "/api/people/x", {
      method: "PATCH",
      params: { id: victim.id },
      body: { changes: { licenses: [...(current.licenses ?? []), full] } },
    });
    const e = await expectError(res, 400);
    expect(e.trackingId).toEqual(expect.any(String));
    expect(e.message.length).toBeGreaterThan(0);
  });
});

describe("Webex errors", () => {
  it("pass through with status and the Webex tracking ID", async () => {
    h.signIn("admin");
    const missing = Buffer.from("ciscospark://us/PEOPLE/00000000-0000-0000-0000-000000000000").toString("base64url");
    const e = await expectError(await call(person.GET, "/api/people/x", { params: { id: missing } }), 404);
    expect(e.trackingId).toEqual(expect.any(String));
    expect(e.trackingId!.length).toBeGreaterThan(5);
  });

  it("an unexpected failure is a generic 500: no message, no stack", async () => {
    const saved = apiDeps();
    const log = vi.spyOn(console, "error").mockImplementation(() => undefined);
    setApiDepsForTests({
      ...saved,
      webexForUser: async () => {
        throw new Error("connection string postgres://user:hunter2@db");
      },
    });
    try {
      h.signIn("admin");
      const e = await expectError(await call(roles.GET, "/api/roles"), 500);
      expect(e.message).toBe("Internal server error");
      expect(JSON.stringify(e)).not.toContain("hunter2");
      expect(log).toHaveBeenCalledTimes(1);
    } finally {
      setApiDepsForTests(saved);
      log.mockRestore();
    }
  });
});
