import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ADMIN, EMPLOYEE, licensesByName, nextUrl, startTestEmulator, walkPeople, type Emu, type LicenseJson, type PersonJson } from "./helpers";

let emu: Emu;
let admin: string;

beforeAll(async () => {
  emu = await startTestEmulator({ people: 600 });
  admin = await emu.token(ADMIN);
});
afterAll(() => emu.close());

async function assertCountsMatchAssignments(): Promise<void> {
  const people = await walkPeople(emu, admin, "max=1000");
  const licenses = await licensesByName(emu, admin);
  for (const l of licenses.values()) {
    const assigned = people.filter((p) => p.licenses?.includes(l.id)).length;
    expect(l.consumedByUsers, l.name).toBe(assigned);
    expect(l.consumedUnits, l.name).toBe(assigned + l.consumedByWorkspaces);
  }
}

describe("licenses", () => {
  it("seeds 5+ licenses with different fill levels", async () => {
    const list = [...(await licensesByName(emu, admin)).values()];
    expect(list.length).toBeGreaterThanOrEqual(5);
    const fill = list.map((l) => l.consumedUnits / l.totalUnits);
    expect(fill.some((f) => f === 1)).toBe(true);
    expect(fill.some((f) => f > 0.9 && f < 1)).toBe(true);
    expect(fill.some((f) => f < 0.1)).toBe(true);
    expect(list.some((l) => l.consumedByWorkspaces > 0)).toBe(true);
  });

  it("keeps consumedUnits equal to live assignments across create, PUT, PATCH, DELETE and reset", async () => {
    await assertCountsMatchAssignments();
    const lic = await licensesByName(emu, admin);
    const messaging = lic.get("Messaging")!.id;
    const meetings = lic.get("Meeting - Webex Meetings")!.id;
    const p = await emu.json<PersonJson>("/people", { method: "POST", token: admin, body: { emails: ["lc@acme.example"], displayName: "LC", licenses: [messaging, meetings] } });
    await emu.json(`/people/${p.id}`, { method: "PUT", token: admin, body: { displayName: "LC", licenses: [meetings] } });
    const patched = await emu.call("/licenses/users", { method: "PATCH", token: admin, body: { email: "lc@acme.example", licenses: [{ id: messaging, operation: "add" }, { id: meetings, operation: "remove" }] } });
    expect(patched.status).toBe(200);
    expect(((await patched.json()) as { licenses: string[] }).licenses).toEqual([messaging]);
    await assertCountsMatchAssignments();
    await emu.call(`/people/${p.id}`, { method: "DELETE", token: admin });
    await assertCountsMatchAssignments();
    await emu.control("/reset", "POST", { people: 600 });
    admin = await emu.token(ADMIN);
    await assertCountsMatchAssignments();
  });

  describe.each(["reject", "skip"] as const)("PATCH /licenses/users with licenseOverflow %s", (mode) => {
    type ErrorJson = { message: string; errors: { errorCode?: number; description: string }[] };
    const patch = (body: unknown) => emu.call("/licenses/users", { method: "PATCH", token: admin, body });
    let n = 0;
    const freshPerson = async () => {
      await emu.control("/config", "PUT", { licenseOverflow: mode });
      const email = `lic-${mode}-${++n}-${Date.now()}@acme.example`;
      return emu.json<PersonJson>("/people", { method: "POST", token: admin, body: { emails: [email], displayName: email } });
    };
    const held = async (id: string) => (await emu.json<PersonJson>(`/people/${id}`, { token: admin })).licenses ?? [];

    it("an exhausted pool: 400 naming it and nothing changed (reject), or the rest applied and 206 (skip)", async () => {
      const p = await freshPerson();
      const lic = await licensesByName(emu, admin);
      const webinars = lic.get("Webex Webinars")!; // seeded 100 % full
      const messaging = lic.get("Messaging")!;
      const res = await patch({ personId: p.id, licenses: [{ id: webinars.id, operation: "add" }, { id: messaging.id, operation: "add" }] });
      if (mode === "reject") {
        expect(res.status).toBe(400);
        const body = (await res.json()) as ErrorJson;
        expect(body.message).toBe("License assignment failed");
        expect(body.errors[0]!.description).toContain("Webex Webinars");
        expect(body.errors[0]!.description).not.toContain("Messaging");
        expect(await held(p.id)).toEqual([]);
      } else {
        expect(res.status).toBe(206);
        expect(((await res.json()) as { licenses: string[] }).licenses).toEqual([messaging.id]);
        expect(await held(p.id)).toEqual([messaging.id]);
      }
      // Only the full license: nothing could be applied in either mode.
      const none = await patch({ personId: p.id, licenses: [{ id: webinars.id }] });
      expect(none.status).toBe(400);
      expect(((await none.json()) as ErrorJson).errors[0]!.description).toContain("Webex Webinars");
    });

    it("a Calling license without properties: errorCode 400411 naming it (400 alone, 206 beside one that applies)", async () => {
      const p = await freshPerson();
      const lic = await licensesByName(emu, admin);
      const calling = lic.get("Webex Calling - Basic")!;
      const alone = await patch({ personId: p.id, licenses: [{ id: calling.id, operation: "add" }] });
      expect(alone.status).toBe(400);
      const body = (await alone.json()) as ErrorJson;
      expect(body.message).toBe("License properties missing");
      expect(body.errors[0]).toMatchObject({ errorCode: 400411 });
      expect(body.errors[0]!.description).toContain("Webex Calling - Basic");
      const contactCenter = lic.get("Webex Contact Center - Premium Agent")!;
      const partial = await patch({ personId: p.id, licenses: [{ id: calling.id }, { id: contactCenter.id }] });
      expect(partial.status).toBe(206);
      expect(((await partial.json()) as { licenses: string[] }).licenses).toEqual([contactCenter.id]);
      const location = (await emu.json<{ items: { id: string }[] }>("/locations", { token: admin })).items[0]!.id;
      const withProps = await patch({ personId: p.id, licenses: [{ id: calling.id, properties: { locationId: location, extension: "4711" } }] });
      expect(withProps.status).toBe(200);
      const after = await emu.json<PersonJson & { extension?: string; locationId?: string }>(`/people/${p.id}?callingData=true`, { token: admin });
      expect(after).toMatchObject({ extension: "4711", locationId: location });
    });

    it("a Calling phone number is stored in E.164 for the location's country; an invalid one refuses the request", async () => {
      const p = await freshPerson();
      const calling = (await licensesByName(emu, admin)).get("Webex Calling - Basic")!;
      const locations = (await emu.json<{ items: { id: string; address: { country: string } }[] }>("/locations", { token: admin })).items;
      const us = locations.find((l) => l.address.country === "US")!;
      const invalid = await patch({ personId: p.id, licenses: [{ id: calling.id, properties: { locationId: us.id, phoneNumber: "12" } }] });
      expect(invalid.status).toBe(400);
      expect(((await invalid.json()) as ErrorJson).errors[0]!.description).toContain('"12"');
      expect(await held(p.id)).toEqual([]);
      const ok = await patch({ personId: p.id, licenses: [{ id: calling.id, properties: { locationId: us.id, phoneNumber: "408 526 7209" } }] });
      expect(ok.status).toBe(200);
      const after = await emu.json<PersonJson>(`/people/${p.id}?callingData=true`, { token: admin });
      expect(after.phoneNumbers).toContainEqual(expect.objectContaining({ type: "work", value: "+1 408 526 7209" }));
    });

    it("an unknown license is errorCode 400000 and an unknown location errorCode 400", async () => {
      const p = await freshPerson();
      const unknown = await patch({ personId: p.id, licenses: [{ id: "Y2lzY29zcGFyazovL3VzL0xJQ0VOU0Uvbm9uZQ" }] });
      expect(unknown.status).toBe(400);
      expect(((await unknown.json()) as ErrorJson).errors[0]).toMatchObject({ errorCode: 400000, description: expect.stringContaining("Y2lzY29zcGFyazovL3VzL0xJQ0VOU0Uvbm9uZQ") });
      const calling = (await licensesByName(emu, admin)).get("Webex Calling - Basic")!;
      const badLocation = await patch({ personId: p.id, licenses: [{ id: calling.id, properties: { locationId: "Y2lzY29zcGFyazovL3VzL0xPQ0FUSU9OL25vbmU", extension: "1" } }] });
      expect(badLocation.status).toBe(400);
      expect(((await badLocation.json()) as ErrorJson).errors[0]).toMatchObject({ errorCode: 400, description: "Unable to find location." });
      expect((await patch({ licenses: [] })).status).toBe(400);
    });
  });

  it("PUT /_emulator/license-name renames a license and keeps its ID", async () => {
    const messaging = (await licensesByName(emu, admin)).get("Messaging")!;
    const res = await emu.control("/license-name", "PUT", { licenseId: messaging.id, name: "Webex Messaging" });
    expect(res.status).toBe(200);
    const renamed = await emu.json<LicenseJson>(`/licenses/${messaging.id}`, { token: admin });
    expect(renamed).toEqual({ ...messaging, name: "Webex Messaging" });
    expect((await emu.control("/license-name", "PUT", { licenseId: "nope", name: "x" })).status).toBe(404);
    await emu.control("/license-name", "PUT", { licenseId: messaging.id, name: "Messaging" });
  });

  it("GET /licenses/{id}?includeAssignedTo=user pages users with limit and a Link header", async () => {
    const messaging = (await licensesByName(emu, admin)).get("Messaging")!;
    const single = await emu.json<LicenseJson>(`/licenses/${messaging.id}`, { token: admin });
    expect(single).toEqual(messaging);
    const users: { id: string; type: string; email: string }[] = [];
    let next: string | undefined = `${emu.api}/licenses/${messaging.id}?includeAssignedTo=user&limit=250`;
    while (next) {
      const res = await emu.call(next, { token: admin });
      const body = (await res.json()) as { users: typeof users };
      expect(body.users.length).toBeLessThanOrEqual(250);
      users.push(...body.users);
      next = nextUrl(res.headers.get("link"));
    }
    expect(users).toHaveLength(messaging.consumedByUsers);
    expect(new Set(users.map((u) => u.id)).size).toBe(users.length);
    expect(users.every((u) => u.type === "INTERNAL")).toBe(true);
    expect((await emu.call(`/licenses/${messaging.id}?includeAssignedTo=device`, { token: admin })).status).toBe(400);
    expect((await emu.call("/licenses/bogus", { token: admin })).status).toBe(404);
  });

  it("is admin-only", async () => {
    expect((await emu.call("/licenses", { token: await emu.token(EMPLOYEE) })).status).toBe(403);
    expect((await emu.call("/licenses", { token: await emu.token(ADMIN, ["spark:people_read"]) })).status).toBe(403);
  });
});

describe("roles, organizations, locations", () => {
  it("lists the four roles and gets one by id", async () => {
    const roles = await emu.json<{ items: { id: string; name: string }[] }>("/roles", { token: admin });
    expect(roles.items.map((r) => r.name)).toEqual(["Full Administrator", "User Administrator", "Read-only Administrator", "Device Administrator"]);
    const full = roles.items[0]!;
    expect(Buffer.from(full.id, "base64url").toString()).toBe("ciscospark://us/ROLE/id_full_admin");
    expect(await emu.json(`/roles/${full.id}`, { token: admin })).toEqual(full);
  });

  it("lists the Acme organization", async () => {
    const orgs = await emu.json<{ items: { id: string; displayName: string }[] }>("/organizations", { token: admin });
    expect(orgs.items).toHaveLength(1);
    expect(orgs.items[0]!.displayName).toBe("Acme");
    expect(Buffer.from(orgs.items[0]!.id, "base64url").toString()).toMatch(/^ciscospark:\/\/us\/ORGANIZATION\/[0-9a-f-]{36}$/);
    expect(await emu.json(`/organizations/${orgs.items[0]!.id}`, { token: admin })).toEqual(orgs.items[0]);
  });

  it("lists locations in several countries with name filter and Link paging", async () => {
    const all = await emu.json<{ items: { id: string; name: string; address: { country: string }; timeZone: string }[] }>("/locations", { token: admin });
    expect(all.items.length).toBeGreaterThanOrEqual(5);
    expect(new Set(all.items.map((l) => l.address.country)).size).toBeGreaterThanOrEqual(4);
    const london = await emu.json<{ items: { name: string }[] }>("/locations?name=lond", { token: admin });
    expect(london.items.map((l) => l.name)).toEqual(["London"]);
    const first = await emu.call("/locations?max=2", { token: admin });
    expect(((await first.json()) as { items: unknown[] }).items).toHaveLength(2);
    expect(nextUrl(first.headers.get("link"))).toContain("cursor=");
    expect(await emu.json(`/locations/${all.items[0]!.id}`, { token: admin })).toEqual(all.items[0]);
  });

  it("decodes IDs exactly as Webex encodes them", async () => {
    const [p] = (await emu.json<{ items: PersonJson[] }>(`/people?email=${ADMIN}`, { token: admin })).items;
    expect(Buffer.from(p!.id, "base64url").toString()).toMatch(/^ciscospark:\/\/us\/PEOPLE\/[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(p!.id).not.toContain("=");
    for (const id of p!.licenses!) expect(Buffer.from(id, "base64url").toString()).toMatch(/^ciscospark:\/\/us\/LICENSE\/[0-9a-f-]{36}:[A-Z]+_[0-9a-f-]{36}$/);
  });
});
