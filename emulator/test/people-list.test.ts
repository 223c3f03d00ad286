import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ADMIN, EMPLOYEE, nextUrl, startTestEmulator, walkPeople, type Emu, type PersonJson } from "./helpers";

let emu: Emu;
let admin: string;

beforeAll(async () => {
  emu = await startTestEmulator({ people: 2000 });
  admin = await emu.token(ADMIN);
});
afterAll(() => emu.close());

type List = { items: PersonJson[]; notFoundIds?: string[] };

describe("GET /v1/people paging", () => {
  it("walks 2,000 people with max=100 exactly once while people are created and deleted", async () => {
    const initial = await walkPeople(emu, admin, "max=1000");
    expect(initial).toHaveLength(2000);
    const deleted = new Set<string>();
    const created = new Set<string>();
    const seen: string[] = [];
    let next: string | undefined = `${emu.api}/people?max=100`;
    let page = 0;
    while (next) {
      const res = await emu.call(next, { token: admin });
      expect(res.status).toBe(200);
      seen.push(...((await res.json()) as List).items.map((p) => p.id));
      next = nextUrl(res.headers.get("link"));
      page++;
      if (!next) break;
      // Mutate the org between pages: delete one person already seen and one not yet seen, create two.
      const victims = [initial[page * 37]!, initial[Math.min(1999, page * 100 + 150)]!].filter((p) => p.emails[0] !== ADMIN);
      for (const victim of victims) {
        if (deleted.has(victim.id)) continue;
        expect((await emu.call(`/people/${victim.id}`, { method: "DELETE", token: admin })).status).toBe(204);
        deleted.add(victim.id);
      }
      for (let i = 0; i < 2; i++) {
        const person = await emu.json<PersonJson>("/people", {
          method: "POST",
          token: admin,
          body: { emails: [`walk-${page}-${i}@acme.example`], displayName: `Walk ${page} ${i}` },
        });
        created.add(person.id);
      }
    }
    expect(page).toBeGreaterThanOrEqual(20);
    expect(new Set(seen).size).toBe(seen.length);
    const seenSet = new Set(seen);
    for (const person of initial) if (!deleted.has(person.id)) expect(seenSet.has(person.id)).toBe(true);
    // People created during the walk are appended, so the walk reaches them too.
    for (const id of created) expect(seenSet.has(id)).toBe(true);
  });

  it("puts the next link on the origin the client called and carries every filter", async () => {
    // fetch cannot override Host, so call through "localhost" instead of the 127.0.0.1 the emulator reports.
    const origin = emu.url.replace("127.0.0.1", "localhost");
    const res = await emu.call(`${origin}/v1/people?max=3&displayName=a&excludeStatus=true`, { token: admin });
    const link = res.headers.get("link") ?? "";
    expect(link.startsWith(`<${origin}/v1/people?`)).toBe(true);
    expect(link).toMatch(/>; rel="next"$/);
    const next = new URL(nextUrl(link)!);
    expect(next.searchParams.get("max")).toBe("3");
    expect(next.searchParams.get("displayName")).toBe("a");
    expect(next.searchParams.get("excludeStatus")).toBe("true");
    expect(next.searchParams.get("cursor")).toBeTruthy();
  });

  it("rejects a bad cursor with 400 and the Webex error body", async () => {
    const res = await emu.call("/people?cursor=not-a-cursor!!", { token: admin });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { message: string; errors: { description: string }[]; trackingId: string };
    expect(body.message).toMatch(/cursor/i);
    expect(body.errors[0]?.description).toBeTruthy();
    expect(body.trackingId).toBe(res.headers.get("trackingid"));
  });
});

describe("GET /v1/people filters", () => {
  it("email is exact and case-insensitive", async () => {
    const body = await emu.json<List>("/people?email=ADMIN@Acme.Example", { token: admin });
    expect(body.items.map((p) => p.emails[0])).toEqual([ADMIN]);
    expect((await emu.json<List>("/people?email=admin@acme", { token: admin })).items).toEqual([]);
  });

  it("displayName is starts-with, case-insensitive", async () => {
    const body = await emu.json<List>("/people?displayName=ada%20ad", { token: admin });
    expect(body.items.length).toBeGreaterThan(0);
    for (const p of body.items) expect(p.displayName.toLowerCase().startsWith("ada ad")).toBe(true);
  });

  it("id lists up to 85 IDs, reports notFoundIds and omits presence", async () => {
    const some = (await emu.json<List>("/people?max=3", { token: admin })).items;
    const missing = "Y2lzY29zcGFyazovL3VzL1BFT1BMRS8wMDAwMDAwMC0wMDAwLTAwMDAtMDAwMC0wMDAwMDAwMDAwMDA";
    const body = await emu.json<List>(`/people?id=${some.map((p) => p.id).join(",")},${missing}`, { token: admin });
    expect(body.items.map((p) => p.id)).toEqual(some.map((p) => p.id));
    expect(body.notFoundIds).toEqual([missing]);
    for (const p of body.items) {
      expect(p).not.toHaveProperty("status");
      expect(p).not.toHaveProperty("lastActivity");
    }
    const tooMany = Array.from({ length: 86 }, () => missing).join(",");
    expect((await emu.call(`/people?id=${tooMany}`, { token: admin })).status).toBe(400);
  });

  it("roles and locationId filter; max is clamped (1000, 100 with callingData, 50 with locationId)", async () => {
    const roles = await emu.json<{ items: { id: string; name: string }[] }>("/roles", { token: admin });
    const fullId = roles.items.find((r) => r.name === "Full Administrator")!.id;
    const fulls = await emu.json<List>(`/people?roles=${fullId}`, { token: admin });
    expect(fulls.items.map((p) => p.emails[0])).toEqual([ADMIN]);

    const locations = await emu.json<{ items: { id: string }[] }>("/locations", { token: admin });
    const loc = locations.items[0]!.id;
    const byLoc = await emu.json<List>(`/people?locationId=${loc}&max=500&callingData=true`, { token: admin });
    expect(byLoc.items).toHaveLength(50);
    for (const p of byLoc.items) expect(p.locationId).toBe(loc);
    expect((await emu.json<List>("/people?callingData=true&max=500", { token: admin })).items).toHaveLength(100);
    expect((await emu.json<List>("/people?max=5000", { token: admin })).items).toHaveLength(1000);
    expect((await emu.json<List>("/people", { token: admin })).items).toHaveLength(100);
    expect((await emu.call("/people?max=0", { token: admin })).status).toBe(400);
    expect((await emu.call("/people?max=abc", { token: admin })).status).toBe(400);
    expect((await emu.call("/people?callingData=yes", { token: admin })).status).toBe(400);
  });

  it("excludeStatus drops status", async () => {
    const body = await emu.json<List>("/people?max=5&excludeStatus=true", { token: admin });
    for (const p of body.items) expect(p).not.toHaveProperty("status");
  });

  it("non-admins must filter by email or displayName and see no admin fields", async () => {
    const employee = await emu.token(EMPLOYEE);
    const res = await emu.call("/people", { token: employee });
    expect(res.status).toBe(400);
    const body = await emu.json<List>("/people?displayName=Ada", { token: employee });
    expect(body.items.length).toBeGreaterThan(0);
    for (const p of body.items) {
      expect(p).not.toHaveProperty("licenses");
      expect(p).not.toHaveProperty("roles");
      expect(p).not.toHaveProperty("invitePending");
    }
    expect((await emu.call("/people?displayName=A&roles=x", { token: employee })).status).toBe(403);
  });
});

describe("GET /v1/people/{id} and /me", () => {
  it("returns the person, 404 with a Webex body when missing, and me for the token owner", async () => {
    const me = await emu.json<PersonJson>("/people/me", { token: admin });
    expect(me.emails).toEqual([ADMIN]);
    expect(me.displayName).toBe("Ada Admin");
    expect(typeof me.invitePending).toBe("boolean");
    expect(typeof me.loginEnabled).toBe("boolean");
    const same = await emu.json<PersonJson>(`/people/${me.id}`, { token: admin });
    expect(same).toEqual(me);
    const res = await emu.call("/people/Y2lzY29zcGFyazovL3VzL1BFT1BMRS9ub3BlCg", { token: admin });
    expect(res.status).toBe(404);
    expect(((await res.json()) as { message: string }).message).toMatch(/not found/i);
  });

  it("keeps the documented field order and omits unset nickName/timezone", async () => {
    const body = await emu.json<List>("/people?max=200", { token: admin });
    const order = ["id", "emails", "phoneNumbers", "extension", "locationId", "displayName", "nickName", "firstName", "lastName", "avatar", "orgId", "roles", "licenses", "department", "manager", "managerId", "title", "addresses", "created", "lastModified", "timezone", "lastActivity", "siteUrls", "sipAddresses", "xmppFederationJid", "status", "invitePending", "loginEnabled", "type"];
    for (const p of body.items) {
      const keys = Object.keys(p);
      expect([...keys].sort((a, b) => order.indexOf(a) - order.indexOf(b))).toEqual(keys);
      if ("timezone" in p) expect(typeof p.timezone).toBe("string");
    }
    expect(body.items.some((p) => !("timezone" in p))).toBe(true);
  });
});
