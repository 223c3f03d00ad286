// A failed PUT that Webex applied in part (the spec: it "may still have altered some values"), through Roster's
// PATCH /api/people/{id} with the emulator's partialPut fault: the admin is told exactly which of their fields were
// applied and which not, gets the person as Webex holds it now, and the audit row records what was applied.
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import * as person from "@/app/api/people/[id]/route";
import * as activity from "@/app/api/activity/route";
import { call, startApiHarness, type ApiHarness } from "@/bench/api-harness";
import { createDb, closeDb, setDbForTests, type Db } from "@/lib/server/db";
import { auditEvents } from "@/lib/server/db/schema";
import { testDbOptions } from "./db-helpers";

type P = Record<string, unknown> & { id: string; emails: string[]; lastModified: string };
type Change = { field: string; before: unknown; after: unknown };
type Failed = {
  error: { status: number; code: string; message: string; trackingId: string };
  person: P;
  outcome: { applied: Change[]; notApplied: Change[]; unappliedLicenses: string[] };
};

let h: ApiHarness;
let db: Db;
let people: P[];

const raw = async (email: string) => (await (await h.emulatorFetch(`/_emulator/people?email=${encodeURIComponent(email)}`)).json()) as P;
const putConfig = (config: unknown) =>
  h.emulatorFetch("/_emulator/config", { method: "PUT", headers: { "content-type": "application/json" }, body: JSON.stringify(config) });
const puts = async () => (await h.stats()).received["PUT /v1/people/{id}"] ?? 0;
const patch = (id: string, body: unknown) => call(person.PATCH, `/api/people/${id}`, { method: "PATCH", params: { id }, body });
const rows = (targetId: string) => db.select().from(auditEvents).where(eq(auditEvents.targetId, targetId));

beforeAll(async () => {
  db = await createDb(testDbOptions());
  setDbForTests(db);
  h = await startApiHarness({ people: 300, config: { rateLimitPerMinute: 100_000 } });
  const res = await fetch(`${h.webexBase}/people?max=300`, { headers: { authorization: `Bearer ${h.tokens.admin}` } });
  people = ((await res.json()) as { items: P[] }).items.filter(
    (p) => p.type === "person" && !p.extension && !["admin", "helpdesk", "auditor", "employee"].some((w) => p.emails[0] === `${w}@acme.example`),
  );
});
afterAll(async () => {
  setDbForTests(undefined);
  await closeDb(db);
  await h?.close();
});
beforeEach(async () => {
  h.signIn("admin");
  h.intercept(null);
  await putConfig({ faults: { partialPut: 0 } });
});

describe("PATCH /api/people/{id} when Webex applies part of the PUT (partialPut)", () => {
  it("says which fields were applied and which not, answers the reloaded person, sends the PUT once and audits what was applied", async () => {
    const target = people[1]!;
    const before = await raw(target.emails[0]!);
    const changes = { firstName: "Partly", lastName: "Applied", department: "Never Dept", title: "Never Title" };
    const original = { firstName: before.firstName ?? null, lastName: before.lastName ?? null, department: before.department ?? null, title: before.title ?? null };
    await putConfig({ faults: { partialPut: 1 } });
    const sent = await puts();

    const res = await patch(target.id, { changes, original, lastModified: before.lastModified });
    expect(res.status).toBe(500);
    const body = (await res.json()) as Failed;
    expect(body.error).toMatchObject({ status: 500, code: "UpdateFailed", trackingId: expect.any(String) });
    // In the spec's field order the emulator applied firstName and lastName, not department and title.
    expect(body.outcome.applied).toEqual([
      { field: "firstName", before: before.firstName ?? null, after: "Partly" },
      { field: "lastName", before: before.lastName ?? null, after: "Applied" },
    ]);
    expect(body.outcome.notApplied).toEqual([
      { field: "department", before: before.department ?? null, after: "Never Dept" },
      { field: "title", before: before.title ?? null, after: "Never Title" },
    ]);
    // The person as Webex holds it now, for the page to show.
    expect(body.person).toMatchObject({ id: target.id, firstName: "Partly", lastName: "Applied" });
    expect(body.person.department ?? null).toBe(before.department ?? null);
    expect(body.person.title ?? null).toBe(before.title ?? null);
    // A PUT that may have partly applied is not repeated behind the admin's back.
    expect((await puts()) - sent).toBe(1);

    const [row] = await rows(target.id);
    expect(row).toMatchObject({ action: "person.update", outcome: "error", status: 500, trackingId: body.error.trackingId });
    const diff = row!.diff as { changes: Change[]; notApplied: Change[]; note: string };
    expect(diff.changes.map((c) => c.field)).toEqual(["firstName", "lastName"]);
    expect(diff.notApplied.map((c) => [c.field, c.after])).toEqual([
      ["department", "Never Dept"],
      ["title", "Never Title"],
    ]);
    expect(diff.note).toBe("Webex applied part of it: First name, Last name. Not applied: Department, Title.");
    const listed = (await (await call(activity.GET, "/api/activity", { query: { targetId: target.id } })).json()) as { items: { changes: Change[]; note: string }[] };
    expect(listed.items[0]!.changes.map((c) => c.field)).toEqual(["firstName", "lastName"]);
    expect(listed.items[0]!.note).toMatch(/Not applied: Department, Title/);

    // Retrying the fields that were not applied, from the reloaded person, saves them.
    await putConfig({ faults: { partialPut: 0 } });
    const retry = await patch(target.id, {
      changes: { department: "Never Dept", title: "Never Title" },
      original: Object.fromEntries(body.outcome.notApplied.map((c) => [c.field, c.before])),
      lastModified: body.person.lastModified,
    });
    expect(retry.status, await retry.clone().text()).toBe(200);
    expect(await raw(target.emails[0]!)).toMatchObject({ firstName: "Partly", lastName: "Applied", department: "Never Dept", title: "Never Title" });
  });

  it("a failed PUT that applied nothing is sent once more; failing again, everything is reported as not applied", async () => {
    const target = people[2]!;
    const before = await raw(target.emails[0]!);
    await putConfig({ faults: { partialPut: 1 } }); // one changed field: the emulator applies none of it
    const sent = await puts();
    const res = await patch(target.id, { changes: { title: "Single" }, original: { title: before.title ?? null } });
    expect(res.status).toBe(500);
    const body = (await res.json()) as Failed;
    expect(body.outcome).toEqual({ applied: [], notApplied: [{ field: "title", before: before.title ?? null, after: "Single" }], unappliedLicenses: [] });
    expect((await puts()) - sent).toBe(2);
    const [row] = await rows(target.id);
    expect((row!.diff as { note: string }).note).toBe("Nothing was applied: Title unchanged.");
  });

  it("a PUT that failed before Webex touched the person is sent again and saves (one audit row, ok)", async () => {
    const target = people[3]!;
    const before = await raw(target.emails[0]!);
    let failed = 0;
    h.intercept(async (req, pass) => {
      if (req.method === "PUT" && failed++ === 0) {
        return new Response(JSON.stringify({ message: "Something went wrong on the server.", trackingId: "WX_X" }), { status: 502, headers: { "content-type": "application/json" } });
      }
      return pass();
    });
    const sent = await puts();
    const res = await patch(target.id, { changes: { title: "Second time lucky" }, original: { title: before.title ?? null } });
    expect(res.status, await res.clone().text()).toBe(200);
    expect((await raw(target.emails[0]!)).title).toBe("Second time lucky");
    expect((await puts()) - sent).toBe(1); // the first never reached Webex
    expect(failed).toBe(2);
    const list = await rows(target.id);
    expect(list.map((r) => r.outcome)).toEqual(["ok"]);
  });
});
