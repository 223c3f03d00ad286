// Issue 13: Webex's admin audit events in the person's history and /activity (decision 016). Real route handlers
// against the in-process emulator, whose admin audit log records every write it carries out. Changes are made
// "outside Roster" by calling the emulator directly with another admin's token, as Control Hub or a script would.
import { sql } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import * as person from "@/app/api/people/[id]/route";
import * as activity from "@/app/api/activity/route";
import * as activityExport from "@/app/api/activity/export/route";
import { call, startApiHarness, type ApiHarness, type Who } from "@/bench/api-harness";
import type { AuditEvent, WebexAuditStatus } from "@/lib/people/audit-types";
import { OVERLAP_MS, setWebexAuditTtlForTests } from "@/lib/server/audit/webex-audit";
import { closeDb, createDb, setDbForTests, type Db } from "@/lib/server/db";
import { runRetention } from "@/lib/server/retention";
import type { SessionUser } from "@/lib/server/session";
import { isolatedTestDbOptions } from "./db-helpers";

type PersonJson = Record<string, unknown> & { id: string; emails: string[]; displayName: string };
type Page = { items: AuditEvent[]; nextCursor: string | null; webex: WebexAuditStatus };

let h: ApiHarness;
let db: Db;
let roleIds: Record<string, string>;
let fullAdmin: SessionUser;
let seq = 0;
const AUDIT_ROUTE = "GET /v1/adminAudit/events";

/** A call straight to the emulator as `who` (outside Roster). */
async function webex<T>(who: Who, path: string, init: RequestInit = {}): Promise<T> {
  const res = await fetch(`${h.webexBase}${path}`, {
    ...init,
    headers: { authorization: `Bearer ${h.tokens[who]}`, "content-type": "application/json", ...(init.headers ?? {}) },
  });
  if (!res.ok) throw new Error(`${init.method ?? "GET"} ${path}: ${res.status} ${await res.text()}`);
  return (res.status === 204 ? undefined : await res.json()) as T;
}

async function outsidePerson(): Promise<PersonJson> {
  seq += 1;
  return webex<PersonJson>("admin", "/people", {
    method: "POST",
    body: JSON.stringify({ emails: [`outside${seq}.${Date.now()}@acme.example`], displayName: `Outside ${seq}` }),
  });
}

async function outsideEdit(who: Who, id: string, fields: Record<string, unknown>): Promise<void> {
  const current = await webex<PersonJson>(who, `/people/${id}`);
  await webex(who, `/people/${id}`, { method: "PUT", body: JSON.stringify({ ...current, ...fields }) });
}

async function page(query: Record<string, string>): Promise<Page> {
  const res = await call(activity.GET, "/api/activity", { query });
  expect(res.status).toBe(200);
  return (await res.json()) as Page;
}

const auditCalls = async () => (await h.stats()).received[AUDIT_ROUTE] ?? 0;
const withRoles = (who: Who, codes: string[]): SessionUser => ({ ...h.users[who], roles: codes.map((c) => roleIds[c]!) });

beforeAll(async () => {
  db = await createDb(await isolatedTestDbOptions());
  setDbForTests(db);
  h = await startApiHarness({ people: 60, webexAuditTtlMs: 0.001 });
  const roles = (await webex<{ items: { id: string; name: string }[] }>("admin", "/roles")).items;
  const byName = (n: string) => roles.find((r) => r.name === n)!.id;
  roleIds = { full: byName("Full Administrator"), user: byName("User Administrator"), readonly: byName("Read-only Administrator") };
  fullAdmin = withRoles("admin", ["full"]);
});

afterAll(async () => {
  await h?.close();
  setDbForTests(undefined);
  await closeDb(db);
});

beforeEach(() => {
  h.signInAs(fullAdmin);
  setWebexAuditTtlForTests(0.001);
});
afterEach(() => h.intercept(null));

describe("changes made outside Roster", () => {
  it("appear in the person's history, attributed to the admin Webex names, labelled as made outside Roster", async () => {
    const target = await outsidePerson();
    await outsideEdit("helpdesk", target.id, { title: "Night Auditor" });
    const history = await page({ targetId: target.id });
    expect(history.webex.state).toBe("ok");
    expect(history.items.map((e) => [e.source, e.action, e.actorName, e.actorEmail])).toEqual([
      ["webex", "person.update", "Hal Helpdesk", "helpdesk@acme.example"],
      ["webex", "person.create", "Ada Admin", "admin@acme.example"],
    ]);
    expect(history.items[0]!.summary).toContain("title");
    expect(history.items[0]!.targetId).toBe(target.id);
    expect(history.items.every((e) => e.targetId === target.id)).toBe(true);
  });

  it("the source filter keeps Roster's rows and Webex's apart; the CSV export says which is which", async () => {
    const target = await outsidePerson();
    const viaRoster = await call(person.PATCH, `/api/people/${target.id}`, { method: "PATCH", params: { id: target.id }, body: { changes: { department: "Audit" } } });
    expect(viaRoster.status).toBe(200);
    await outsideEdit("helpdesk", target.id, { title: "Filter Probe" });
    const all = await page({ targetId: target.id });
    expect(all.items.map((e) => e.source)).toEqual(["webex", "roster", "webex"]);
    expect((await page({ targetId: target.id, source: "roster" })).items.map((e) => e.source)).toEqual(["roster"]);
    expect((await page({ targetId: target.id, source: "webex" })).items.map((e) => [e.source, e.actorName])).toEqual([
      ["webex", "Hal Helpdesk"],
      ["webex", "Ada Admin"],
    ]);
    expect((await page({ target: target.displayName, source: "webex", actor: "helpdesk" })).items).toHaveLength(1);

    const csv = await (await call(activityExport.GET, "/api/activity/export", { query: { target: target.id } })).text();
    const lines = csv.replace(/^\uFEFF/, "").trim().split("\r\n");
    expect(lines[0]).toMatch(/^"?Time \(UTC\)"?,"?Source"?,/);
    const sources = lines.slice(1).map((l) => l.split(",")[1]);
    expect(sources).toEqual(["Webex (made outside Roster)", "Roster", "Webex (made outside Roster)"]);
    expect(lines[1]).toContain("helpdesk@acme.example");
  });

  it("paging through a merged list visits every row once", async () => {
    const target = await outsidePerson();
    for (let i = 0; i < 4; i++) {
      await outsideEdit("helpdesk", target.id, { title: `Outside ${i}` });
      const res = await call(person.PATCH, `/api/people/${target.id}`, { method: "PATCH", params: { id: target.id }, body: { changes: { department: `Inside ${i}` } } });
      expect(res.status).toBe(200);
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const p: Page = await page({ targetId: target.id, limit: "3", ...(cursor ? { cursor } : {}) });
      seen.push(...p.items.map((e) => e.id));
      cursor = p.nextCursor;
    } while (cursor);
    expect(seen).toHaveLength(9); // create + 4 outside + 4 through Roster
    expect(new Set(seen).size).toBe(9);
  });
});

describe("Roster's own changes are not shown twice", () => {
  it("an edit through Roster is one row (Roster's, with before/after), although Webex logged it too", async () => {
    const target = await outsidePerson();
    const res = await call(person.PATCH, `/api/people/${target.id}`, { method: "PATCH", params: { id: target.id }, body: { changes: { title: "Inside Job" } } });
    expect(res.status).toBe(200);
    // Webex did log it, as Ada, with Roster's tracking ID.
    const now = Date.now();
    const orgId = fullAdmin.orgId;
    const logged = await webex<{ items: { data: { actionText: string; trackingId: string } }[] }>(
      "admin",
      `/adminAudit/events?orgId=${encodeURIComponent(orgId)}&from=${new Date(now - 60_000).toISOString()}&to=${new Date(now + 60_000).toISOString()}`,
    );
    expect(logged.items.some((e) => e.data.actionText.includes(`title of user ${target.displayName}`))).toBe(true);

    const history = await page({ targetId: target.id });
    const edits = history.items.filter((e) => e.action === "person.update");
    expect(edits.map((e) => e.source)).toEqual(["roster"]);
    expect(edits[0]!.changes).toEqual([{ field: "title", before: null, after: "Inside Job" }]);
  });

  it("the same admin's change outside Roster, with no Roster row for it, is still shown", async () => {
    const target = await outsidePerson();
    await outsideEdit("admin", target.id, { title: "Ada in Control Hub" });
    const history = await page({ targetId: target.id });
    expect(history.items.map((e) => [e.source, e.action, e.actorName])).toEqual([
      ["webex", "person.update", "Ada Admin"],
      ["webex", "person.create", "Ada Admin"],
    ]);
  });
});

describe("when Webex will not share its audit log", () => {
  it("a User Administrator is told why, sees Roster's rows, and Roster does not ask Webex", async () => {
    const target = await outsidePerson();
    await call(person.PATCH, `/api/people/${target.id}`, { method: "PATCH", params: { id: target.id }, body: { changes: { title: "Seen by all" } } });
    await outsideEdit("helpdesk", target.id, { department: "Hidden from helpdesk" });
    h.signInAs(withRoles("helpdesk", ["user"]));
    const before = await auditCalls();
    const history = await page({ targetId: target.id });
    expect(await auditCalls()).toBe(before);
    expect(history.webex).toMatchObject({ state: "unavailable" });
    expect((history.webex as { message: string }).message).toMatch(/only to full administrators/);
    expect(history.items.map((e) => e.source)).toEqual(["roster"]);
  });

  it("a session without audit:events_read is told to sign in again, and Roster does not ask Webex", async () => {
    h.signInAs({ ...fullAdmin, scopes: fullAdmin.scopes.filter((s) => s !== "audit:events_read") });
    const before = await auditCalls();
    const p = await page({});
    expect(await auditCalls()).toBe(before);
    expect(p.webex).toMatchObject({ state: "unavailable" });
    expect((p.webex as { message: string }).message).toMatch(/audit:events_read.*sign in again/i);
    expect(p.items.every((e) => e.source === "roster")).toBe(true);
  });

  it("Webex answering 403 is shown plainly, Webex rows are hidden, Roster's rows still show", async () => {
    const target = await outsidePerson();
    await call(person.PATCH, `/api/people/${target.id}`, { method: "PATCH", params: { id: target.id }, body: { changes: { title: "Still listed" } } });
    h.intercept(async (req, pass) =>
      req.url.pathname.endsWith("/adminAudit/events")
        ? new Response(JSON.stringify({ message: "The access token is missing a required scope: audit:events_read.", trackingId: "T" }), {
            status: 403,
            headers: { "content-type": "application/json", trackingid: "T" },
          })
        : pass(),
    );
    const history = await page({ targetId: target.id });
    expect(history.webex).toMatchObject({ state: "unavailable" });
    expect((history.webex as { message: string }).message).toMatch(/Webex refused.*403.*missing a required scope/);
    expect(history.items.map((e) => [e.source, e.action])).toEqual([["roster", "person.update"]]);
    h.intercept(null);
    // Once Webex answers again, the events are back.
    expect((await page({ targetId: target.id })).items.map((e) => e.source)).toContain("webex");
  });
});

describe("the rate budget", () => {
  it("one read per interval per org, shared by its admins; later reads ask only for what is new", async () => {
    await outsidePerson();
    const upToDate = Date.now();
    await page({}); // up to date now
    setWebexAuditTtlForTests(60_000);
    const before = await auditCalls();
    const asked: URL[] = [];
    h.intercept(async (req, pass) => {
      if (req.url.pathname.endsWith("/adminAudit/events")) asked.push(req.url);
      return pass();
    });
    const target = await outsidePerson();
    await outsideEdit("helpdesk", target.id, { title: "Not yet" });
    const colleague = { ...fullAdmin, personId: "another-full-admin-session" };
    for (const who of [fullAdmin, colleague, fullAdmin]) {
      h.signInAs(who);
      expect((await page({ targetId: target.id })).items).toHaveLength(0);
    }
    expect(await auditCalls()).toBe(before);
    expect(asked).toEqual([]);
    setWebexAuditTtlForTests(0.001);
    expect((await page({ targetId: target.id })).items).toHaveLength(2);
    // One read: one window (the same from/to), paged from offset 0 in pages of 200 (more than one page only when
    // other tests left more than 200 events in the overlap).
    expect(asked.length).toBeGreaterThan(0);
    expect(await auditCalls()).toBe(before + asked.length);
    expect(new Set(asked.map((u) => `${u.searchParams.get("from")}|${u.searchParams.get("to")}`)).size).toBe(1);
    expect(asked.map((u) => Number(u.searchParams.get("offset")))).toEqual(asked.map((_, i) => i * 200));
    // Only what is new: from the previous read less the overlap for late events, not the 30-day look-back.
    expect(Date.parse(asked[0]!.searchParams.get("from")!)).toBeGreaterThanOrEqual(upToDate - OVERLAP_MS - 5_000);
  });

  it("a backlog over one page is read in pages of 200, within the per-read cap", async () => {
    await page({});
    const before = await auditCalls();
    const target = await outsidePerson();
    for (let i = 0; i < 230; i++) await outsideEdit("helpdesk", target.id, { title: `Busy ${i}` });
    const history = await page({ targetId: target.id, source: "webex", limit: "200" });
    expect(await auditCalls()).toBe(before + 2);
    expect(history.items).toHaveLength(200);
    expect(history.nextCursor).not.toBeNull();
    const rest = await page({ targetId: target.id, source: "webex", limit: "200", cursor: history.nextCursor! });
    expect(rest.items).toHaveLength(31); // 230 edits + the create
  });
});

describe("retention", () => {
  it("ROSTER_AUDIT_RETENTION_DAYS removes old Webex events with Roster's old rows, and nothing newer", async () => {
    const target = await outsidePerson();
    const recent = await outsidePerson();
    await page({ targetId: target.id });
    await db.execute(sql`UPDATE webex_audit_events SET created = created - interval '400 days' WHERE target_id = ${target.id}`);
    const removed = await runRetention(db, { jobsDays: 90, snapshotDays: 730, auditDays: 365 }, Date.now());
    expect(removed.auditEvents).toBeGreaterThanOrEqual(1);
    const left = await db.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM webex_audit_events WHERE target_id = ${target.id}`);
    expect(Number(left.rows[0]!.n)).toBe(0);
    // The newer event (created in this test, so the test does not depend on what others left) is kept.
    const others = await db.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM webex_audit_events WHERE target_id = ${recent.id}`);
    expect(Number(others.rows[0]!.n)).toBe(1);
  });
});
