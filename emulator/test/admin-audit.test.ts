import Ajv from "ajv";
import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ADMIN, AUDITOR, EMPLOYEE, HELPDESK, nextUrl, startTestEmulator, type Emu, type PersonJson } from "./helpers";

// GET /v1/adminAudit/events: Webex's admin audit log. Every write the emulator carries out is an event.

interface AuditEventJson {
  id: string;
  actorId: string;
  actorOrgId: string;
  created: string;
  data: Record<string, unknown> & { targetId: string; actorName: string; actorEmail: string; actionText: string; eventCategory: string; trackingId: string };
}

let emu: Emu;
let admin: string;
let helpdesk: string;
let orgId: string;
const HOUR = 3600_000;

beforeAll(async () => {
  emu = await startTestEmulator({ people: 60 });
  admin = await emu.token(ADMIN);
  helpdesk = await emu.token(HELPDESK);
  orgId = (await emu.json<{ items: { id: string }[] }>("/organizations", { token: admin })).items[0]!.id;
});
afterAll(() => emu.close());

const window = (fromMs = Date.now() - HOUR, toMs = Date.now() + HOUR) =>
  `orgId=${encodeURIComponent(orgId)}&from=${new Date(fromMs).toISOString()}&to=${new Date(toMs).toISOString()}`;

const uuidOf = (peopleId: string) => Buffer.from(peopleId, "base64url").toString("utf8").split("/").pop()!;
const auditId = (peopleId: string) => Buffer.from(uuidOf(peopleId), "utf8").toString("base64");

async function events(query: string, token = admin): Promise<AuditEventJson[]> {
  return (await emu.json<{ items: AuditEventJson[] }>(`/adminAudit/events?${query}`, { token })).items;
}

async function person(email: string): Promise<PersonJson> {
  return (await emu.json<{ items: PersonJson[] }>(`/people?email=${encodeURIComponent(email)}`, { token: admin })).items[0]!;
}

async function newPerson(token = admin): Promise<PersonJson> {
  const email = `audit-${Math.random().toString(36).slice(2)}@acme.example`;
  return emu.json<PersonJson>("/people", { method: "POST", token, body: { emails: [email], displayName: "Audit Target" } });
}

describe("events recorded for writes", () => {
  it("a PUT by another admin is an event naming the actor, the target, the changed field and the request's tracking ID", async () => {
    const target = await newPerson();
    const current = await emu.json<PersonJson>(`/people/${target.id}`, { token: helpdesk });
    const res = await emu.call(`/people/${target.id}`, {
      method: "PUT",
      token: helpdesk,
      headers: { TrackingID: "TEST_put_title_1" },
      body: { ...current, title: "Chief Auditor" },
    });
    expect(res.status).toBe(200);
    const mine = (await events(window())).filter((e) => e.data.trackingId === "TEST_put_title_1");
    expect(mine).toHaveLength(1);
    const event = mine[0]!;
    const hal = await person(HELPDESK);
    expect(event.actorId).toBe(auditId(hal.id));
    expect(event.actorOrgId).toBe(orgId);
    expect(event.data).toMatchObject({
      actorName: "Hal Helpdesk",
      actorEmail: HELPDESK,
      targetId: auditId(target.id),
      targetName: "Audit Target",
      targetType: "TargetResourceType.USER",
      eventCategory: "EventCategory.USERS",
      eventDescription: "A user was modified",
      targetOrgId: orgId,
    });
    expect(event.data.actionText).toContain("Hal Helpdesk modified title of user Audit Target");
    expect(Date.parse(event.created)).toBeGreaterThan(Date.now() - 60_000);
  });

  it("create, role change, license PATCH and delete are events; a PUT that changes nothing and a refused write are not", async () => {
    const target = await newPerson();
    const current = await emu.json<PersonJson>(`/people/${target.id}`, { token: admin });
    await emu.json(`/people/${target.id}`, { method: "PUT", token: admin, body: current }); // no change
    const readonly = (await emu.json<{ items: { id: string; name: string }[] }>("/roles", { token: admin })).items.find((r) => r.name === "Read-only Administrator")!;
    await emu.json(`/people/${target.id}`, { method: "PUT", token: admin, body: { ...current, roles: [readonly.id] } });
    const refused = await emu.call(`/people/${target.id}`, { method: "PUT", token: admin, body: { ...current, displayName: "" } });
    expect(refused.status).toBe(400);
    const license = (await emu.json<{ items: { id: string }[] }>("/licenses", { token: admin })).items[0]!;
    const patched = await emu.call("/licenses/users", {
      method: "PATCH",
      token: admin,
      body: { personId: target.id, licenses: [{ id: license.id, operation: "add" }] },
    });
    expect(patched.status).toBeLessThan(300);
    expect((await emu.call(`/people/${target.id}`, { method: "DELETE", token: admin })).status).toBe(204);

    const about = (await events(window())).filter((e) => e.data.targetId === auditId(target.id)).reverse();
    expect(about.map((e) => [e.data.eventCategory, e.data.eventDescription])).toEqual([
      ["EventCategory.USERS", "A user was created"],
      ["EventCategory.ROLES", "Admin roles were changed for a user"],
      ["EventCategory.LICENSES", "Licenses were changed for a user"],
      ["EventCategory.USERS", "A user was deleted"],
    ]);
    expect(about[1]!.data.actionText).toContain("to Read-only Administrator");
    expect(about[3]!.data.targetName).toBe("Audit Target");
  });

  it("answers in the spec's AuditEventCollectionResponse shape, no field beyond it", async () => {
    await newPerson();
    const spec = JSON.parse(readFileSync(path.resolve(__dirname, "../spec/webex-admin-subset.json"), "utf8"));
    const schemas = spec.components.schemas;
    schemas.AuditEvent.additionalProperties = false;
    schemas.AuditEvent.properties.data.additionalProperties = false;
    const ajv = new Ajv({ strict: false, allErrors: true });
    ajv.addSchema({ components: spec.components }, "webex");
    const validate = ajv.compile({ $ref: "webex#/components/schemas/AuditEventCollectionResponse" });
    const body = await emu.json(`/adminAudit/events?${window()}`, { token: admin });
    expect(validate(body), JSON.stringify(validate.errors)).toBe(true);
    expect((body as { items: unknown[] }).items.length).toBeGreaterThan(0);
    const categories = await emu.json<{ eventCategories: string[] }>("/adminAudit/eventCategories", { token: admin });
    expect(categories.eventCategories).toEqual(expect.arrayContaining(["USERS", "LICENSES", "ROLES"]));
  });
});

describe("limits", () => {
  it("orgId, from and to are required; a bad date, from after to, another org and a window over one year are 400/403", async () => {
    const now = Date.now();
    const iso = (ms: number) => new Date(ms).toISOString();
    const cases: [string, number][] = [
      [`from=${iso(now - HOUR)}&to=${iso(now)}`, 400],
      [`orgId=${orgId}&to=${iso(now)}`, 400],
      [`orgId=${orgId}&from=${iso(now - HOUR)}`, 400],
      [`orgId=${orgId}&from=yesterday&to=${iso(now)}`, 400],
      [`orgId=${orgId}&from=${iso(now)}&to=${iso(now - HOUR)}`, 400],
      [`orgId=${orgId}&from=${iso(now - 366 * 24 * HOUR)}&to=${iso(now)}`, 400],
      [`orgId=${orgId}&from=${iso(now - 365 * 24 * HOUR)}&to=${iso(now)}`, 200],
      [`orgId=someone-else&from=${iso(now - HOUR)}&to=${iso(now)}`, 403],
      [`${window()}&max=201`, 400],
      [`${window()}&max=0`, 400],
      [`${window()}&max=200`, 200],
      [`${window()}&offset=-1`, 400],
    ];
    for (const [query, status] of cases) {
      const res = await emu.call(`/adminAudit/events?${query.replace(/orgId=([^&]+)/, (_, v: string) => `orgId=${encodeURIComponent(v)}`)}`, { token: admin });
      expect({ query, status: res.status }).toEqual({ query, status });
      if (status !== 200) expect(((await res.json()) as { message: string }).message).toBeTruthy();
    }
  });

  it("needs the audit:events_read scope and a full administrator (403 otherwise)", async () => {
    const noScope = await emu.token(ADMIN, ["spark-admin:people_read", "spark-admin:people_write"]);
    for (const token of [noScope, helpdesk, await emu.token(AUDITOR), await emu.token(EMPLOYEE)]) {
      const res = await emu.call(`/adminAudit/events?${window()}`, { token });
      expect(res.status).toBe(403);
    }
    expect((await emu.call(`/adminAudit/eventCategories`, { token: helpdesk })).status).toBe(403);
    expect((await emu.call(`/adminAudit/events?${window()}`)).status).toBe(401);
  });

  it("pages with offset and max (newest first, a Link to the next page), filters by actorId and time window", async () => {
    const start = Date.now() - 1;
    const made: string[] = [];
    for (let i = 0; i < 5; i++) made.push((await newPerson(helpdesk)).id);
    const end = Date.now() + 1;
    const hal = await person(HELPDESK);
    const q = `${window(start, end)}&actorId=${encodeURIComponent(hal.id)}`;
    const seen: string[] = [];
    let url: string | undefined = `${emu.api}/adminAudit/events?${q}&max=2`;
    let pages = 0;
    while (url) {
      const res = await emu.call(url, { token: admin });
      expect(res.status).toBe(200);
      const body = (await res.json()) as { items: AuditEventJson[] };
      expect(body.items.length).toBeLessThanOrEqual(2);
      seen.push(...body.items.map((e) => e.data.targetId));
      url = nextUrl(res.headers.get("link"));
      pages++;
    }
    expect(pages).toBe(3);
    expect(seen).toEqual(made.map(auditId).reverse());
    const offset = await events(`${q}&offset=4&max=2`);
    expect(offset.map((e) => e.data.targetId)).toEqual([auditId(made[0]!)]);
    // The audit form of the actor's ID filters too, and nothing outside [from, to) is returned.
    expect(await events(`${window(start, end)}&actorId=${encodeURIComponent(auditId(hal.id))}`)).toHaveLength(5);
    expect(await events(window(end, end + HOUR))).toHaveLength(0);
  });
});
