import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { ADMIN, AUDITOR, EMPLOYEE, HELPDESK, licensesByName, startTestEmulator, type Emu, type PersonJson, resetForTest } from "./helpers";

let emu: Emu;
let admin: string;
let lic: Map<string, { id: string; consumedUnits: number; consumedByUsers: number; totalUnits: number }>;
let locationId: string;
let roleId: (name: string) => string;

beforeAll(async () => {
  emu = await startTestEmulator();
});
beforeEach(async () => {
  admin = await resetForTest(emu);
  lic = await licensesByName(emu, admin);
  locationId = (await emu.json<{ items: { id: string }[] }>("/locations", { token: admin })).items[0]!.id;
  const roles = (await emu.json<{ items: { id: string; name: string }[] }>("/roles", { token: admin })).items;
  roleId = (name) => roles.find((r) => r.name === name)!.id;
});
afterAll(() => emu.close());

const licId = (name: string) => lic.get(name)!.id;
const create = (token: string, body: unknown) => emu.call("/people", { method: "POST", token, body });

describe("POST /v1/people", () => {
  it("creates an invite-pending person with the documented defaults", async () => {
    const res = await create(admin, { emails: ["New.Hire@Acme.Example"], firstName: "New", lastName: "Hire", licenses: [licId("Messaging")] });
    expect(res.status).toBe(200);
    const p = (await res.json()) as PersonJson;
    expect(p).toMatchObject({ emails: ["new.hire@acme.example"], displayName: "New Hire", nickName: "New", status: "pending", invitePending: true, loginEnabled: true, type: "person" });
    expect(p.created).toBe(p.lastModified);
    expect(p.licenses).toEqual([licId("Messaging")]);
    const after = await licensesByName(emu, admin);
    expect(after.get("Messaging")!.consumedByUsers).toBe(lic.get("Messaging")!.consumedByUsers + 1);
  });

  it("validates: names, unique email (409), unknown license/role/location (400)", async () => {
    expect((await create(admin, { emails: ["x@acme.example"] })).status).toBe(400);
    expect((await create(admin, { displayName: "No Email" })).status).toBe(400);
    const dup = await create(admin, { emails: ["EMPLOYEE@acme.example"], displayName: "Dup" });
    expect(dup.status).toBe(409);
    expect(((await dup.json()) as { message: string }).message).toMatch(/already exists/);
    expect((await create(admin, { emails: ["a1@acme.example"], displayName: "A", licenses: ["bogus"] })).status).toBe(400);
    expect((await create(admin, { emails: ["a2@acme.example"], displayName: "A", roles: ["bogus"] })).status).toBe(400);
    const badLoc = await create(admin, { emails: ["a3@acme.example"], displayName: "A", licenses: [licId("Webex Calling - Basic")], extension: "7001", locationId: "bogus" });
    expect(badLoc.status).toBe(400);
  });

  it("applies the Calling rules", async () => {
    const calling = licId("Webex Calling - Basic");
    expect((await create(admin, { emails: ["c1@acme.example"], displayName: "C", licenses: [calling] })).status).toBe(400);
    expect((await create(admin, { emails: ["c2@acme.example"], displayName: "C", licenses: [calling], extension: "7002" })).status).toBe(400);
    expect((await create(admin, { emails: ["c3@acme.example"], displayName: "C", locationId })).status).toBe(400);
    const ok = await emu.call("/people?callingData=true", { method: "POST", token: admin, body: { emails: ["c4@acme.example"], displayName: "C", licenses: [calling], extension: "7004", locationId } });
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({ extension: "7004", locationId });
  });

  it("enforces capacity: reject names the license, skip assigns what fits", async () => {
    const webinars = lic.get("Webex Webinars")!;
    expect(webinars.consumedUnits).toBe(webinars.totalUnits);
    const rejected = await create(admin, { emails: ["w1@acme.example"], displayName: "W", licenses: [webinars.id, licId("Messaging")] });
    expect(rejected.status).toBe(400);
    expect(((await rejected.json()) as { message: string }).message).toContain("Webex Webinars");
    expect((await emu.control("/people?email=w1@acme.example")).status).toBe(404);

    await emu.control("/config", "PUT", { licenseOverflow: "skip" });
    const skipped = await create(admin, { emails: ["w2@acme.example"], displayName: "W", licenses: [webinars.id, licId("Messaging")] });
    expect(skipped.status).toBe(200);
    expect(((await skipped.json()) as PersonJson).licenses).toEqual([licId("Messaging")]);
    expect((await licensesByName(emu, admin)).get("Webex Webinars")!.consumedUnits).toBe(webinars.totalUnits);
  });

  it("answers 400 although created under the createAfter400 fault", async () => {
    await emu.control("/config", "PUT", { faults: { createAfter400: 1 } });
    const res = await create(admin, { emails: ["quirk@acme.example"], displayName: "Quirk" });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { message: string }).message).toBeTruthy();
    const found = await emu.json<{ items: PersonJson[] }>("/people?email=quirk@acme.example", { token: admin });
    expect(found.items).toHaveLength(1);
  });
});

describe("PUT /v1/people/{id} is a full replacement", () => {
  it("clears omitted fields, frees license units, ignores read-only fields and bumps lastModified", async () => {
    const [employee] = (await emu.json<{ items: PersonJson[] }>(`/people?email=${EMPLOYEE}`, { token: admin })).items;
    expect(employee!.licenses!.length).toBeGreaterThan(0);
    const before = await licensesByName(emu, admin);
    await new Promise((r) => setTimeout(r, 5));
    const res = await emu.call(`/people/${employee!.id}`, {
      method: "PUT",
      token: admin,
      body: { displayName: "Emil E.", firstName: "Emil", emails: employee!.emails, id: "ignored", created: "1999-01-01T00:00:00.000Z", status: "active", type: "bot" },
    });
    expect(res.status).toBe(200);
    const p = (await res.json()) as PersonJson;
    expect(p.licenses).toEqual([]);
    expect(p.roles).toEqual([]);
    expect(p.nickName).toBe("Emil");
    expect(p).not.toHaveProperty("lastName");
    expect(p).not.toHaveProperty("department");
    expect(p).not.toHaveProperty("title");
    expect(p).not.toHaveProperty("addresses");
    expect(p.id).toBe(employee!.id);
    expect(p.created).toBe(employee!.created);
    expect(p.type).toBe("person");
    expect((p.lastModified as string) > (employee!.lastModified as string)).toBe(true);
    const after = await licensesByName(emu, admin);
    for (const id of employee!.licenses!) {
      const name = [...before.values()].find((l) => l.id === id)!.name;
      expect(after.get(name)!.consumedByUsers).toBe(before.get(name)!.consumedByUsers - 1);
    }
  });

  it("requires displayName, and can deactivate with loginEnabled", async () => {
    const [employee] = (await emu.json<{ items: PersonJson[] }>(`/people?email=${EMPLOYEE}`, { token: admin })).items;
    expect((await emu.call(`/people/${employee!.id}`, { method: "PUT", token: admin, body: { firstName: "X" } })).status).toBe(400);
    const res = await emu.call(`/people/${employee!.id}`, { method: "PUT", token: admin, body: { displayName: "Emil", loginEnabled: false } });
    expect(((await res.json()) as PersonJson).loginEnabled).toBe(false);
  });

  it("keeps Calling rules and capacity on PUT", async () => {
    const [employee] = (await emu.json<{ items: PersonJson[] }>(`/people?email=${EMPLOYEE}`, { token: admin })).items;
    const url = `/people/${employee!.id}`;
    expect((await emu.call(url, { method: "PUT", token: admin, body: { displayName: "E", locationId } })).status).toBe(400);
    expect((await emu.call(url, { method: "PUT", token: admin, body: { displayName: "E", licenses: [licId("Webex Webinars")] } })).status).toBe(400);
  });
});

describe("callingData", () => {
  it("Calling fields appear only with callingData=true (GET, list, PUT response); a PUT of a plain GET loses them", async () => {
    const calling = licId("Webex Calling - Basic");
    const made = await emu.call("/people?callingData=true", {
      method: "POST",
      token: admin,
      body: {
        emails: ["calling.user@acme.example"], displayName: "Cal", licenses: [calling], extension: "7101", locationId,
        phoneNumbers: [{ type: "work_extension", value: "7101" }, { type: "mobile", value: "+1 555 0100" }],
      },
    });
    expect(made.status).toBe(200);
    const { id } = (await made.json()) as PersonJson;
    const plain = await emu.json<PersonJson>(`/people/${id}`, { token: admin });
    expect(plain).not.toHaveProperty("extension");
    expect(plain).not.toHaveProperty("locationId");
    expect(plain.phoneNumbers).toEqual([{ type: "mobile", value: "+1 555 0100" }]);
    const full = await emu.json<PersonJson>(`/people/${id}?callingData=true`, { token: admin });
    expect(full).toMatchObject({ extension: "7101", locationId });
    expect(full.phoneNumbers).toHaveLength(2);
    const listed = await emu.json<{ items: PersonJson[] }>(`/people?email=calling.user@acme.example`, { token: admin });
    expect(listed.items[0]).not.toHaveProperty("extension");
    const listedFull = await emu.json<{ items: PersonJson[] }>(`/people?email=calling.user@acme.example&callingData=true`, { token: admin });
    expect(listedFull.items[0]).toMatchObject({ extension: "7101", locationId });

    // Full replacement: PUTting the plain GET back is refused (the Calling license needs its fields) ...
    const writable = (p: PersonJson) => {
      const body: Record<string, unknown> = { ...p };
      for (const k of ["id", "created", "lastModified", "status", "invitePending", "sipAddresses", "type", "nickName", "lastActivity"]) delete body[k];
      return body;
    };
    const plainBody = writable(plain);
    expect((await emu.call(`/people/${id}`, { method: "PUT", token: admin, body: plainBody })).status).toBe(400);
    // ... while the callingData GET round-trips, and the PUT answer carries the fields only with callingData=true.
    const fullBody = writable(full);
    const put = await emu.call(`/people/${id}?callingData=true`, { method: "PUT", token: admin, body: { ...fullBody, title: "T" } });
    expect(put.status).toBe(200);
    expect(await put.json()).toMatchObject({ extension: "7101", locationId, title: "T" });
  });
});

describe("roles and permissions on writes", () => {
  it("user administrators manage people but cannot grant Full Administrator", async () => {
    const helpdesk = await emu.token(HELPDESK);
    expect((await create(helpdesk, { emails: ["h1@acme.example"], displayName: "H" })).status).toBe(200);
    const grant = await create(helpdesk, { emails: ["h2@acme.example"], displayName: "H", roles: [roleId("Full Administrator")] });
    expect(grant.status).toBe(403);
  });

  it("read-only admins and employees get 403 on writes; missing write scope is 403", async () => {
    for (const email of [AUDITOR, EMPLOYEE]) {
      expect((await create(await emu.token(email), { emails: [`${email}.x@acme.example`], displayName: "R" })).status).toBe(403);
    }
    const readOnlyScopes = await emu.token(ADMIN, ["spark-admin:people_read"]);
    expect((await create(readOnlyScopes, { emails: ["s@acme.example"], displayName: "S" })).status).toBe(403);
  });

  it("DELETE answers 204, 404 when missing, 409 for the last full administrator", async () => {
    const person = await emu.json<PersonJson>("/people", { method: "POST", token: admin, body: { emails: ["gone@acme.example"], displayName: "Gone", licenses: [licId("Messaging")] } });
    expect((await emu.call(`/people/${person.id}`, { method: "DELETE", token: admin })).status).toBe(204);
    expect((await emu.call(`/people/${person.id}`, { method: "DELETE", token: admin })).status).toBe(404);
    expect((await licensesByName(emu, admin)).get("Messaging")!.consumedByUsers).toBe(lic.get("Messaging")!.consumedByUsers);
    const me = await emu.json<PersonJson>("/people/me", { token: admin });
    const res = await emu.call(`/people/${me.id}`, { method: "DELETE", token: admin });
    expect(res.status).toBe(409);
    expect(((await res.json()) as { message: string }).message).toMatch(/last Full Administrator/);
    const demote = await emu.call(`/people/${me.id}`, { method: "PUT", token: admin, body: { displayName: "Ada Admin", roles: [] } });
    expect(demote.status).toBe(409);
  });
});
