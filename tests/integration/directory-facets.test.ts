// The people grid's facets over the directory index (issue 15): index the 2,000-person emulator org, then every
// count GET /api/directory/people gives equals a count over a walk of Webex made here with the admin's token (as
// another admin in Control Hub would see it), licenses equal GET /licenses's consumedByUsers, combined filters list
// exactly the matching people, and the org-wide sort orders all of them.
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import * as people from "@/app/api/directory/people/route";
import { call, startApiHarness, type ApiHarness } from "@/bench/api-harness";
import type { DirectoryPeopleIndexed, DirectoryPeopleResponse } from "@/lib/directory/people-api";
import { closeDb, createDb, setDbForTests, type Db } from "@/lib/server/db";
import { clearDirectoryCache } from "@/lib/server/directory/cache";
import { isolatedTestDbOptions } from "./db-helpers";
import { syncNow } from "./directory-helpers";

const PEOPLE = 2000;
const DAY = 86_400_000;
let h: ApiHarness;
let db: Db;

type WebexPerson = {
  id: string;
  emails: string[];
  displayName: string;
  status?: string;
  department?: string;
  locationId?: string;
  licenses?: string[];
  roles?: string[];
  invitePending?: boolean;
  loginEnabled?: boolean;
  lastActivity?: string;
};
type WebexLicense = { id: string; name: string; consumedByUsers: number };

async function walk(): Promise<WebexPerson[]> {
  const out: WebexPerson[] = [];
  let url: string | null = `${h.webexBase}/people?max=100&callingData=true`;
  while (url) {
    const res: Response = await fetch(url, { headers: { authorization: `Bearer ${h.tokens.admin}` } });
    expect(res.status).toBe(200);
    out.push(...((await res.json()) as { items: WebexPerson[] }).items);
    url = res.headers.get("link")?.match(/<([^>]+)>;\s*rel="next"/)?.[1] ?? null;
  }
  return out;
}

async function licensesInWebex(): Promise<WebexLicense[]> {
  const res = await fetch(`${h.webexBase}/licenses`, { headers: { authorization: `Bearer ${h.tokens.admin}` } });
  return ((await res.json()) as { items: WebexLicense[] }).items;
}

/** GET /api/directory/people with the clock at `now` (the route's "inactive N days" is counted from it). */
async function query(params: Record<string, string>, now: number): Promise<{ status: number; body: DirectoryPeopleResponse }> {
  vi.useFakeTimers({ toFake: ["Date"], now });
  try {
    const res = await call(people.GET, `/api/directory/people?${new URLSearchParams(params)}`);
    return { status: res.status, body: (await res.json()) as DirectoryPeopleResponse };
  } finally {
    vi.useRealTimers();
  }
}

async function indexed(params: Record<string, string>, now: number): Promise<DirectoryPeopleIndexed> {
  const { status, body } = await query(params, now);
  expect(status).toBe(200);
  expect(body.indexed).toBe(true);
  return body as DirectoryPeopleIndexed;
}

const tally = (xs: string[]) => xs.reduce<Record<string, number>>((acc, x) => ((acc[x] = (acc[x] ?? 0) + 1), acc), {});
const idleFor = (p: WebexPerson, now: number, days: number) => !p.lastActivity || now - Date.parse(p.lastActivity) >= days * DAY;

beforeAll(async () => {
  clearDirectoryCache();
  db = await createDb(await isolatedTestDbOptions());
  setDbForTests(db);
  h = await startApiHarness({ people: PEOPLE });
});

afterAll(async () => {
  await h?.close();
  setDbForTests(undefined);
  await closeDb(db);
  clearDirectoryCache();
});

describe("directory facets", () => {
  it("says clearly when the org was never indexed, then counts every facet as Webex holds the org", async () => {
    h.signIn("admin");
    // Whichever test ran before: forget the org's index, as if it had never been synced.
    await db.execute(sql`delete from directory_people`);
    await db.execute(sql`delete from directory_state`);
    clearDirectoryCache();
    const before = await query({}, Date.now());
    expect(before.status).toBe(200);
    expect(before.body).toMatchObject({ indexed: false, asOf: null, generation: 0 });
    expect((before.body as { message: string }).message).toMatch(/Sync now/);

    await syncNow();
    const org = await walk();
    const licenses = await licensesInWebex();
    expect(org.length).toBe(PEOPLE);
    // "Now" from the data, not the wall clock: an hour after the latest activity anyone had.
    const now = Math.max(...org.filter((p) => p.lastActivity).map((p) => Date.parse(p.lastActivity!))) + 3_600_000;

    const all = await indexed({ limit: "1" }, now);
    expect(all.total).toBe(org.length);
    const f = all.facets;

    // Licenses: holders equal Webex's consumedByUsers, and the walk; "lacks" is everyone else.
    expect(licenses.length).toBeGreaterThan(1);
    for (const l of licenses) {
      expect(f.hasLicense[l.id], l.name).toBe(l.consumedByUsers);
      expect(f.hasLicense[l.id], l.name).toBe(org.filter((p) => p.licenses?.includes(l.id)).length);
      expect(f.lacksLicense[l.id], l.name).toBe(org.length - l.consumedByUsers);
      expect(all.labels.licenses[l.id]).toBe(l.name);
    }
    expect(f.noLicense).toBe(org.filter((p) => !p.licenses?.length).length);
    expect(f.status).toEqual(tally(org.map((p) => p.status ?? "unknown")));
    expect(f.departments).toEqual(tally(org.map((p) => p.department ?? "")));
    const byLocation = tally(org.map((p) => p.locationId ?? ""));
    for (const [loc, n] of Object.entries(byLocation)) expect(f.locations[loc], loc).toBe(n);
    for (const loc of Object.keys(f.locations)) expect(f.locations[loc]).toBe(byLocation[loc] ?? 0);
    expect(Object.keys(byLocation).filter(Boolean).every((id) => all.labels.locations[id])).toBe(true);
    expect(f.invitePending).toEqual({ yes: org.filter((p) => p.invitePending).length, no: org.filter((p) => !p.invitePending).length });
    expect(f.signInDisabled).toEqual({ yes: org.filter((p) => p.loginEnabled === false).length, no: org.filter((p) => p.loginEnabled !== false).length });
    expect(f.admin).toEqual({ yes: org.filter((p) => p.roles?.length).length, no: org.filter((p) => !p.roles?.length).length });
    for (const [role, n] of Object.entries(tally(org.flatMap((p) => p.roles ?? [])))) expect(f.roles[role]).toBe(n);
    for (const days of [30, 60, 90, 180]) expect(f.inactive[String(days)], `${days} days`).toBe(org.filter((p) => idleFor(p, now, days)).length);
    // The seeded org has enough of each for the checks above to mean something.
    expect(f.inactive["90"]).toBeGreaterThan(50);
    expect(f.invitePending.yes).toBeGreaterThan(10);
    expect(f.signInDisabled.yes).toBeGreaterThan(10);
  });

  it("combines facets: the total, every row and the other facets' counts are those of the matching people in Webex", async () => {
    h.signIn("helpdesk"); // any admin may read the index
    await syncNow();
    const org = await walk();
    const licenses = await licensesInWebex();
    const now = Math.max(...org.filter((p) => p.lastActivity).map((p) => Date.parse(p.lastActivity!))) + 3_600_000;
    const calling = licenses.find((l) => l.name === "Webex Calling - Professional");
    expect(calling).toBeDefined();

    const expected = org.filter((p) => p.licenses?.includes(calling!.id) && idleFor(p, now, 90));
    expect(expected.length).toBeGreaterThan(5);
    const params = { has: calling!.id, inactive: "90" };
    const first = await indexed({ ...params, limit: "1000" }, now);
    expect(first.total).toBe(expected.length);
    expect(new Set(first.rows.map((r) => r.id))).toEqual(new Set(expected.map((p) => p.id)));
    // Counts update as filters combine: departments among these people; the inactive facet ignores its own choice.
    expect(first.facets.departments).toEqual(tally(expected.map((p) => p.department ?? "")));
    const holders = org.filter((p) => p.licenses?.includes(calling!.id));
    expect(first.facets.inactive["30"]).toBe(holders.filter((p) => idleFor(p, now, 30)).length);
    expect(first.facets.status).toEqual(tally(expected.map((p) => p.status ?? "unknown")));

    // A department narrows it further; the search text narrows by display-name prefix, as in Webex.
    const dept = Object.entries(tally(expected.map((p) => p.department ?? ""))).find(([d]) => d)![0];
    const inDept = await indexed({ ...params, dept: encodeURIComponent(dept) }, now);
    expect(inDept.total).toBe(expected.filter((p) => p.department === dept).length);
    const letter = expected[0]!.displayName.slice(0, 1);
    const searched = await indexed({ ...params, q: letter.toLowerCase() }, now);
    expect(searched.total).toBe(expected.filter((p) => p.displayName.toLowerCase().startsWith(letter.toLowerCase())).length);

    // Org-wide sort by last activity, newest first, paged by offset: never-active people last.
    const sorted = expected
      .map((p) => p.lastActivity)
      .sort((a, b) => (a && b ? Date.parse(b) - Date.parse(a) : a ? -1 : b ? 1 : 0));
    const seen: (string | undefined)[] = [];
    for (let offset = 0; offset < expected.length; offset += 7) {
      const page = await indexed({ ...params, sort: "-lastActivity", offset: String(offset), limit: "7" }, now);
      expect(page.total).toBe(expected.length);
      seen.push(...page.rows.map((r) => r.lastActivity));
    }
    expect(seen).toEqual(sorted);
  });

  it("refuses what it cannot read, and people who are not administrators", async () => {
    h.signIn("admin");
    const now = Date.now();
    for (const bad of [{ limit: "1001" } as Record<string, string>, { sort: "password" }, { has: "not an id!" }, { inactive: "0" }, { admin: "maybe" }, { dept: "%E0%A4%A" }]) {
      const { status, body } = await query(bad, now);
      expect(status, JSON.stringify(bad)).toBe(400);
      expect(JSON.stringify(body)).not.toMatch(/at .*\.ts/);
    }
    h.signIn("employee");
    expect((await query({}, now)).status).toBe(403);
  });
});
