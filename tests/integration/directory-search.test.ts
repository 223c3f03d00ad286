// Jump to person (issue 15): after a sync of the 2,000-person emulator org, GET /api/directory/search finds people
// by a name prefix and by email from the index, ranked: the names that start with the query first, in name order.
// Expectations are computed from the emulator's own list of people, never from the code under test.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as search from "@/app/api/directory/search/route";
import { call, startApiHarness, type ApiHarness } from "@/bench/api-harness";
import type { DirectorySearchResponse } from "@/lib/directory/search";
import { closeDb, createDb, setDbForTests, type Db } from "@/lib/server/db";
import { clearDirectoryCache } from "@/lib/server/directory/cache";
import { isolatedTestDbOptions } from "./db-helpers";
import { syncNow } from "./directory-helpers";

const PEOPLE = 2000;
let h: ApiHarness;
let db: Db;
type WebexPerson = { id: string; emails: string[]; displayName: string };
const everyone: WebexPerson[] = [];

async function find(q: string): Promise<DirectorySearchResponse> {
  const res = await call(search.GET, "/api/directory/search", { query: { q } });
  expect(res.status).toBe(200);
  return (await res.json()) as DirectorySearchResponse;
}

beforeAll(async () => {
  db = await createDb(await isolatedTestDbOptions());
  setDbForTests(db);
  clearDirectoryCache();
  h = await startApiHarness({ people: PEOPLE });
  h.signIn("admin");
  await syncNow();
  let url: string | null = `${h.webexBase}/people?max=1000`;
  while (url) {
    const res: Response = await fetch(url, { headers: { authorization: `Bearer ${h.tokens.admin}` } });
    everyone.push(...((await res.json()) as { items: WebexPerson[] }).items);
    url = res.headers.get("link")?.match(/<([^>]+)>;\s*rel="next"/)?.[1] ?? null;
  }
}, 120_000);

afterAll(async () => {
  await h?.close();
  setDbForTests(undefined);
  await closeDb(db);
  clearDirectoryCache();
});

const byName = (a: WebexPerson, b: WebexPerson) => a.displayName.localeCompare(b.displayName, "en", { sensitivity: "base", numeric: true }) || (a.emails[0]! < b.emails[0]! ? -1 : 1);

describe("directory search", () => {
  it("finds the people whose name starts with a prefix first, in name order, from the index", async () => {
    h.signIn("helpdesk");
    const target = everyone.find((p) => /^[A-Za-z]{3,}/.test(p.displayName) && !p.emails[0]!.startsWith("admin"))!;
    const prefix = target.displayName.slice(0, 4);
    const expected = everyone.filter((p) => p.displayName.toLowerCase().startsWith(prefix.toLowerCase())).sort(byName);
    expect(expected.length).toBeGreaterThan(0);

    const res = await find(prefix.toLowerCase());
    expect(res.indexed).toBe(true);
    expect(res.people).toBe(everyone.length);
    expect(res.hits.length).toBeLessThanOrEqual(10);
    const top = res.hits.slice(0, Math.min(10, expected.length));
    expect(top.map((x) => x.id)).toEqual(expected.slice(0, 10).map((p) => p.id));
    expect(top.every((x) => x.rank === 0)).toBe(true);
    // Weaker matches, if any, only after them.
    const ranks = res.hits.map((x) => x.rank);
    expect(ranks).toEqual([...ranks].sort());
    // The full name finds the person first.
    expect((await find(target.displayName)).hits[0]?.id).toBe(expected.find((p) => p.displayName === target.displayName)!.id);
  });

  it("finds a person by their email address, and by its beginning", async () => {
    h.signIn("auditor");
    const target = everyone[1234]!;
    const email = target.emails[0]!;
    const exact = await find(email.toUpperCase());
    expect(exact.hits[0]).toMatchObject({ id: target.id, email, displayName: target.displayName });

    const local = email.split("@")[0]!;
    const start = local.slice(0, Math.max(3, local.length - 2));
    const hits = (await find(start)).hits;
    expect(hits.map((x) => x.id)).toContain(target.id);
    // Everyone ranked above a pure email-prefix match matched by name.
    const at = hits.findIndex((x) => x.id === target.id);
    for (const x of hits.slice(0, at)) expect(x.rank).toBeLessThanOrEqual(hits[at]!.rank);
  });

  it("says when the org was never indexed, finds nothing for no match, and refuses non-admins", async () => {
    h.signInAs({ ...h.users.admin, orgId: "never-synced-org" });
    expect(await find("ada")).toEqual({ indexed: false, asOf: null, generation: 0, people: 0, hits: [] });
    h.signIn("admin");
    expect((await find("zzzz-no-such-person-qqq")).hits).toEqual([]);
    expect((await call(search.GET, "/api/directory/search", { query: { q: "" } })).status).toBe(400);
    h.signIn("employee");
    expect((await call(search.GET, "/api/directory/search", { query: { q: "ada" } })).status).toBe(403);
  });
});
