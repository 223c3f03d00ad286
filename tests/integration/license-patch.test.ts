// License-only edits of the person page go through PATCH /licenses/users (decision 017): the real route handler
// against the in-process emulator, in both of the emulator's license overflow modes ("reject": an exhausted pool
// is a 400 for the whole request, as the seed documents say; "skip": Webex goes on without it and answers 206).
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import * as person from "@/app/api/people/[id]/route";
import * as activity from "@/app/api/activity/route";
import { call, startApiHarness, type ApiHarness } from "@/bench/api-harness";
import { createDb, closeDb, setDbForTests, type Db } from "@/lib/server/db";
import { testDbOptions } from "./db-helpers";

type P = Record<string, unknown> & { id: string; emails: string[]; licenses: string[]; type: string; lastModified: string; title?: string; extension?: string; locationId?: string };
type License = { id: string; name: string; totalUnits: number; consumedUnits: number };
type Refused = { id: string; name: string; operation: string; reason: string };
type Answer = { person: P | null; licenses?: string[]; unappliedLicenses: string[]; refusedLicenses?: Refused[]; error?: { code?: string; message: string; trackingId?: string; fields?: Record<string, string> } };

let h: ApiHarness;
let db: Db;
let everyone: P[];
let used = 0;

async function webex<T>(path: string, init: RequestInit = {}): Promise<T> {
  const res = await fetch(`${h.webexBase}${path}`, { ...init, headers: { authorization: `Bearer ${h.tokens.admin}`, "content-type": "application/json", ...init.headers } });
  return (await res.json()) as T;
}
const control = (path: string, body: unknown) => h.emulatorFetch(`/_emulator${path}`, { method: "PUT", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
const raw = async (email: string) => (await (await h.emulatorFetch(`/_emulator/people?email=${encodeURIComponent(email)}`)).json()) as P;
const licenses = async () => (await webex<{ items: License[] }>("/licenses")).items;
const named = async (name: string) => (await licenses()).find((l) => l.name === name)!;
const patch = (id: string, body: unknown) => call(person.PATCH, `/api/people/${id}`, { method: "PATCH", params: { id }, body });
/** Every call the emulator received while `fn` ran, by route. */
async function callsDuring(fn: () => Promise<unknown>): Promise<Record<string, number>> {
  const before = (await h.stats()).received;
  await fn();
  const after = (await h.stats()).received;
  return Object.fromEntries(Object.entries(after).map(([k, n]) => [k, n - (before[k] ?? 0)]).filter(([, n]) => (n as number) > 0));
}
/** A seeded person no test has used yet, made not to hold the given (non-Calling) licenses. */
async function nextPerson(without: string[]): Promise<P> {
  const p = everyone[used++];
  if (!p) throw new Error("no person left");
  const held = without.filter((id) => p.licenses.includes(id));
  if (held.length) await webex("/licenses/users", { method: "PATCH", body: JSON.stringify({ personId: p.id, licenses: held.map((id) => ({ id, operation: "remove" })) }) });
  return p;
}
/** Sets a pool so that exactly `free` units are left. */
async function leave(license: License, free: number) {
  const now = (await licenses()).find((l) => l.id === license.id)!;
  await control("/license-units", { licenseId: license.id, totalUnits: now.consumedUnits + free });
}

beforeAll(async () => {
  db = await createDb(testDbOptions());
  setDbForTests(db);
  h = await startApiHarness({ people: 400, config: { rateLimitPerMinute: 100_000 } });
  everyone = (await webex<{ items: P[] }>("/people?max=1000&callingData=true")).items.filter(
    (p) => p.type === "person" && !["admin", "helpdesk", "auditor", "employee"].some((w) => p.emails[0] === `${w}@acme.example`),
  );
});
afterAll(async () => {
  setDbForTests(undefined);
  await closeDb(db);
  await h?.close();
});

describe.each(["reject", "skip"] as const)("license-only edits with licenseOverflow %s", (mode) => {
  beforeEach(async () => {
    h.signIn("admin");
    await control("/config", { licenseOverflow: mode });
  });

  it("200: one PATCH /licenses/users and no other Webex call; only the licenses change; an audit row before → after", async () => {
    const messaging = await named("Messaging");
    const contactCenter = await named("Webex Contact Center - Premium Agent");
    await leave(messaging, 5);
    await leave(contactCenter, 5);
    const target = await nextPerson([messaging.id, contactCenter.id]);
    const before = await raw(target.emails[0]!);
    // Another admin adds a license in Webex after this admin loaded the person: it is kept (PATCH sends only the
    // admin's own change), and it is no conflict.
    await webex("/licenses/users", { method: "PATCH", body: JSON.stringify({ personId: target.id, licenses: [{ id: contactCenter.id, operation: "add" }] }) });
    let res!: Response;
    const calls = await callsDuring(async () => {
      res = await patch(target.id, { changes: { licenses: [...before.licenses, messaging.id] }, original: { licenses: before.licenses }, lastModified: before.lastModified });
    });
    const body = (await res.json()) as Answer;
    expect(res.status, JSON.stringify(body)).toBe(200);
    expect(calls).toEqual({ "PATCH /v1/licenses/users": 1 }); // not GET → PUT → GET
    expect(body.person).toBeNull();
    expect(new Set(body.licenses)).toEqual(new Set([...before.licenses, contactCenter.id, messaging.id]));
    expect(body.refusedLicenses).toEqual([]);
    const after = await raw(target.emails[0]!);
    expect(new Set(after.licenses)).toEqual(new Set([...before.licenses, contactCenter.id, messaging.id]));
    for (const f of ["displayName", "title", "department", "phoneNumbers", "addresses", "roles", "emails", "loginEnabled", "managerId"]) expect(after[f], f).toEqual(before[f]);
    const rows = (await (await call(activity.GET, "/api/activity", { query: { target: target.id } })).json()) as {
      items: { action: string; outcome: string; changes: { field: string; before: string[]; after: string[] }[] }[];
    };
    expect(rows.items[0]).toMatchObject({ action: "person.licenses", outcome: "ok" });
    expect(rows.items[0]!.changes[0]!.before).toEqual(before.licenses); // the licenses as the admin read them
    expect(new Set(rows.items[0]!.changes[0]!.after)).toEqual(new Set(after.licenses)); // Webex's answer

    // Removing goes the same way.
    const removeCalls = await callsDuring(async () => {
      const r = await patch(target.id, { changes: { licenses: after.licenses.filter((l) => l !== messaging.id) }, original: { licenses: after.licenses } });
      expect(r.status).toBe(200);
    });
    expect(removeCalls).toEqual({ "PATCH /v1/licenses/users": 1 });
    expect((await raw(target.emails[0]!)).licenses).not.toContain(messaging.id);
  });

  it("an exhausted pool: the refused license is named with why (reject: 400, nothing changed; skip: 206, the rest applied)", async () => {
    const messaging = await named("Messaging");
    const meetings = await named("Meeting - Webex Meetings");
    await leave(messaging, 5);
    await leave(meetings, 5);
    const target = await nextPerson([messaging.id, meetings.id]);
    const before = await raw(target.emails[0]!);
    await leave(meetings, 0); // the pool fills up after the admin loaded the page
    const res = await patch(target.id, { changes: { licenses: [...before.licenses, messaging.id, meetings.id] }, original: { licenses: before.licenses } });
    const body = (await res.json()) as Answer & { refusedLicenses?: Refused[] };
    const after = await raw(target.emails[0]!);
    if (mode === "reject") {
      expect(res.status).toBe(400);
      expect(body.error).toMatchObject({ code: "LicensesRefused" });
      expect(body.error!.trackingId).toBeTruthy();
      expect(body.error!.fields!["changes.licenses"]).toMatch(/^Not saved, nothing was changed\. Meeting - Webex Meetings was not assigned: no free units left \(\d+ of \d+ used\)/);
      expect(body.refusedLicenses).toEqual([expect.objectContaining({ id: meetings.id, name: "Meeting - Webex Meetings", operation: "add" })]);
      expect(after.licenses).toEqual(before.licenses);
    } else {
      expect(res.status, JSON.stringify(body)).toBe(200);
      expect(body.refusedLicenses).toEqual([{ id: meetings.id, name: "Meeting - Webex Meetings", operation: "add", reason: expect.stringMatching(/^no free units left/) }]);
      expect(body.unappliedLicenses).toEqual([meetings.id]);
      expect(new Set(body.licenses)).toEqual(new Set([...before.licenses, messaging.id]));
      expect(new Set(after.licenses)).toEqual(new Set([...before.licenses, messaging.id]));
    }
    const rows = (await (await call(activity.GET, "/api/activity", { query: { target: target.id } })).json()) as { items: { action: string; outcome: string; unappliedLicenses: string[] }[] };
    expect(rows.items[0]).toMatchObject({ action: "person.licenses", outcome: mode === "reject" ? "error" : "ok", unappliedLicenses: [meetings.id] });
  });

  it("adding a Calling license takes the full update, which carries the person's location and extension", async () => {
    const pro = await named("Webex Calling - Professional");
    const basic = await named("Webex Calling - Basic");
    await leave(pro, 5);
    const target = everyone.find((p) => p.extension && p.locationId && p.licenses.includes(basic.id) && !p.licenses.includes(pro.id) && !(p as { _used?: boolean })._used)!;
    (target as { _used?: boolean })._used = true;
    const before = await raw(target.emails[0]!);
    let res!: Response;
    const calls = await callsDuring(async () => {
      res = await patch(target.id, { changes: { licenses: [...before.licenses, pro.id] }, original: { licenses: before.licenses } });
    });
    expect(res.status, await res.clone().text()).toBe(200);
    expect(calls["PUT /v1/people/{id}"]).toBe(1);
    const after = await raw(target.emails[0]!);
    expect(after.licenses).toContain(pro.id);
    expect(after.extension).toBe(before.extension);
    expect(after.locationId).toBe(before.locationId);
  });
});

describe("206 from Webex with one license refused (skip mode)", () => {
  it("names the refused license and why, and answers with what Webex holds now", async () => {
    h.signIn("admin");
    await control("/config", { licenseOverflow: "skip" });
    const messaging = await named("Messaging");
    const webinars = await named("Webex Webinars");
    await leave(messaging, 5);
    await leave(webinars, 3);
    const target = await nextPerson([messaging.id, webinars.id]);
    const before = await raw(target.emails[0]!);
    await leave(webinars, 0);
    const seen: number[] = [];
    h.intercept(async (req, pass) => {
      const r = await pass();
      if (req.url.pathname.endsWith("/licenses/users")) seen.push(r.status);
      return r;
    });
    const res = await patch(target.id, { changes: { licenses: [...before.licenses, messaging.id, webinars.id] }, original: { licenses: before.licenses } });
    h.intercept(null);
    expect(seen).toEqual([206]);
    const body = (await res.json()) as Answer;
    expect(res.status).toBe(200);
    expect(body.refusedLicenses).toHaveLength(1);
    expect(body.refusedLicenses![0]).toMatchObject({ name: "Webex Webinars", operation: "add" });
    expect(body.refusedLicenses![0]!.reason).toMatch(/no free units left \(\d+ of \d+ used\)/);
    expect(new Set(body.licenses)).toEqual(new Set((await raw(target.emails[0]!)).licenses));
    await control("/config", { licenseOverflow: "reject" });
  });
});
