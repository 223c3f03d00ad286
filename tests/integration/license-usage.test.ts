// License usage by team (issue 15): sync the 2,000-person emulator org, then every group's figures equal what a
// walk of Webex itself gives (the test walks it with the admin's token, as another tool would), and the CSV export
// carries exactly the JSON's figures.
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as usageRoute from "@/app/api/licenses/usage/route";
import * as exportRoute from "@/app/api/licenses/usage/export/route";
import { call, startApiHarness, type ApiHarness } from "@/bench/api-harness";
import { USAGE_CSV_HEADER } from "@/lib/directory/usage-csv";
import type { UsageResponse } from "@/lib/directory/usage";
import { closeDb, createDb, setDbForTests, type Db } from "@/lib/server/db";
import { clearDirectoryCache } from "@/lib/server/directory/cache";
import { syncNow } from "./directory-helpers";
import { isolatedTestDbOptions } from "./db-helpers";

const PEOPLE = 2000;
const DAY = 86_400_000;
let h: ApiHarness;
let db: Db;

type WebexPerson = { id: string; emails: string[]; displayName: string; department?: string; licenses?: string[]; locationId?: string; managerId?: string; manager?: string; lastActivity?: string };
type WebexLicense = { id: string; name?: string; totalUnits?: number };

async function walk(first: string): Promise<WebexPerson[]> {
  const out: WebexPerson[] = [];
  let url: string | null = `${h.webexBase}${first}`;
  while (url) {
    const res: Response = await fetch(url, { headers: { authorization: `Bearer ${h.tokens.admin}` } });
    expect(res.status).toBe(200);
    out.push(...((await res.json()) as { items: WebexPerson[] }).items);
    url = res.headers.get("link")?.match(/<([^>]+)>;\s*rel="next"/)?.[1] ?? null;
  }
  return out;
}

async function usage(qs: string): Promise<UsageResponse> {
  const res = await call(usageRoute.GET, `/api/licenses/usage${qs}`);
  expect(res.status).toBe(200);
  return (await res.json()) as UsageResponse;
}

/** What Webex holds, grouped by hand: group key → license → { held, idle30, idle90 }, and people per group. */
function expected(people: WebexPerson[], keyOf: (p: WebexPerson) => string | null, asOf: number) {
  const groups = new Map<string | null, { people: number; lic: Map<string, { held: number; idle30: number; idle90: number }> }>();
  for (const p of people) {
    const k = keyOf(p);
    const g = groups.get(k) ?? { people: 0, lic: new Map() };
    groups.set(k, g);
    g.people++;
    const t = p.lastActivity ? Date.parse(p.lastActivity) : null;
    for (const l of new Set(p.licenses ?? [])) {
      const x = g.lic.get(l) ?? { held: 0, idle30: 0, idle90: 0 };
      g.lic.set(l, x);
      x.held++;
      if (t === null || t < asOf - 30 * DAY) x.idle30++;
      if (t === null || t < asOf - 90 * DAY) x.idle90++;
    }
  }
  return groups;
}

function compare(u: UsageResponse, want: ReturnType<typeof expected>, licenses: WebexLicense[]) {
  expect(new Set(u.rows.map((r) => r.key))).toEqual(new Set(want.keys()));
  const total = new Map(licenses.map((l) => [l.id, l.totalUnits ?? 0]));
  for (const row of u.rows) {
    const g = want.get(row.key)!;
    expect(row.people, `${u.by} ${row.label}`).toBe(g.people);
    u.licenses.forEach((l, i) => {
      const got = row.licenses[i]!;
      const x = g.lic.get(l.id) ?? { held: 0, idle30: 0, idle90: 0 };
      expect({ license: l.name, group: row.label, held: got.held, idle30: got.idle30, idle90: got.idle90 }).toEqual({ license: l.name, group: row.label, ...x });
      expect(l.totalUnits).toBe(total.get(l.id));
      expect(got.share).toBe(l.totalUnits > 0 ? x.held / l.totalUnits : null);
    });
  }
  // Sorted by units held, most first.
  const units = u.rows.map((r) => r.units);
  expect(units).toEqual([...units].sort((a, b) => b - a));
}

beforeAll(async () => {
  db = await createDb(await isolatedTestDbOptions());
  setDbForTests(db);
  clearDirectoryCache();
  h = await startApiHarness({ people: PEOPLE });
}, 120_000);

afterAll(async () => {
  await h?.close();
  setDbForTests(undefined);
  await closeDb(db);
});

describe("license usage by team", () => {
  it("says the org was never indexed before a sync, and the export refuses with why", async () => {
    h.signIn("admin");
    // Whichever test ran first, start from an org Roster never indexed.
    await db.execute(sql`delete from directory_people`);
    await db.execute(sql`delete from directory_state`);
    clearDirectoryCache();
    const before = await usage("?by=department");
    expect(before).toMatchObject({ indexed: false, asOf: null, rows: [], people: 0 });
    const res = await call(exportRoute.GET, "/api/licenses/usage/export?by=department");
    expect(res.status).toBe(409);
    expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(/Sync now/);
  });

  it("equals, for every department, manager and location, the people holding each license in Webex; the CSV equals the JSON", async () => {
    h.signIn("admin");
    const status = await syncNow();
    const asOf = status.asOf!;
    const people = await walk("/people?max=1000");
    const withLocations = await walk("/people?callingData=true&max=100");
    expect(people).toHaveLength(withLocations.length);
    const licenses = ((await (await fetch(`${h.webexBase}/licenses`, { headers: { authorization: `Bearer ${h.tokens.admin}` } })).json()) as { items: WebexLicense[] }).items;
    const locations = ((await (await fetch(`${h.webexBase}/locations?max=1000`, { headers: { authorization: `Bearer ${h.tokens.admin}` } })).json()) as { items: { id: string; name: string }[] }).items;

    // Departments.
    const byDept = await usage("?by=department");
    expect(byDept).toMatchObject({ indexed: true, asOf, people: people.length });
    expect(byDept.licenses.map((l) => l.id).sort()).toEqual(licenses.map((l) => l.id).sort());
    compare(byDept, expected(people, (p) => p.department?.trim() || null, asOf), licenses);
    expect(byDept.rows.length).toBeGreaterThan(3);
    expect(byDept.rows.some((r) => r.units > 0 && r.licenses.some((l) => l.idle90 > 0))).toBe(true);

    // Managers: direct reports, keyed by the manager's ID and named as the index has the manager.
    const byManager = await usage("?by=manager");
    compare(byManager, expected(people, (p) => p.managerId ?? (p.manager ? `name:${p.manager}` : null), asOf), licenses);
    const names = new Map(people.map((p) => [p.id, p.displayName]));
    for (const r of byManager.rows) if (r.key && names.has(r.key)) expect(r.label).toBe(names.get(r.key));
    expect(byManager.rows.filter((r) => r.key !== null).length).toBeGreaterThan(5);

    // Managers with indirect reports: everyone up the chain.
    const up = new Map(people.map((p) => [p.id, p.managerId ?? null]));
    const indirect = await usage("?by=manager&indirect=1");
    const chainCount = new Map<string, number>();
    for (const p of people) {
      const seen = new Set<string>([p.id]);
      let m = p.managerId ?? null;
      while (m && !seen.has(m)) {
        seen.add(m);
        chainCount.set(m, (chainCount.get(m) ?? 0) + 1);
        m = up.get(m) ?? null;
      }
    }
    for (const r of indirect.rows) if (r.key && !r.key.startsWith("name:")) expect(r.people, r.label).toBe(chainCount.get(r.key));

    // Locations (Webex sends them only with callingData), named as /locations names them.
    const byLocation = await usage("?by=location");
    compare(byLocation, expected(withLocations, (p) => p.locationId ?? null, asOf), licenses);
    const locName = new Map(locations.map((l) => [l.id, l.name]));
    for (const r of byLocation.rows) if (r.key) expect(r.label).toBe(locName.get(r.key));

    // One license (a license's page): only its column, the same figures.
    const one = licenses.find((l) => byDept.rows.some((r) => r.licenses[byDept.licenses.findIndex((x) => x.id === l.id)]!.held > 0))!;
    const single = await usage(`?by=department&licenseId=${encodeURIComponent(one.id)}`);
    expect(single.licenses.map((l) => l.id)).toEqual([one.id]);
    compare(single, expected(people.map((p) => ({ ...p, licenses: (p.licenses ?? []).filter((l) => l === one.id) })), (p) => p.department?.trim() || null, asOf), licenses);

    // The CSV: exactly the JSON's figures, one line per group and license.
    for (const by of ["department", "manager", "location"] as const) {
      const json = await usage(`?by=${by}`);
      const res = await call(exportRoute.GET, `/api/licenses/usage/export?by=${by}`);
      expect(res.status).toBe(200);
      expect(res.headers.get("content-type")).toContain("text/csv");
      const text = (await res.text()).replace(/^\uFEFF/, "");
      const lines = text.split("\r\n").filter(Boolean);
      expect(lines[0]).toBe(USAGE_CSV_HEADER.join(","));
      const parsed = lines.slice(1).map(splitCsv);
      expect(parsed).toHaveLength(json.rows.length * json.licenses.length);
      let i = 0;
      for (const r of json.rows) {
        json.licenses.forEach((l, j) => {
          const cells = parsed[i++]!;
          const x = r.licenses[j]!;
          expect(cells.slice(1, 12)).toEqual([
            r.label, r.key ?? "", String(r.people), l.name, l.id, String(x.held), String(l.totalUnits),
            x.share === null ? "" : (x.share * 100).toFixed(1), String(x.idle30), String(x.idle90), new Date(asOf).toISOString(),
          ].map((v) => (/^[=+\-@]/.test(v) ? `'${v}` : v)));
        });
      }
    }
  }, 180_000);

  it("tells a signed-in admin who is in the index who they are", async () => {
    h.signIn("admin");
    await syncNow();
    const u = await usage("?by=manager");
    const me = (await walk("/people?email=admin%40acme.example")).at(0);
    if (me) expect(u.viewer?.personId).toBe(me.id);
    else expect(u.viewer).toBeNull();
  }, 120_000);
});

/** A CSV line's cells (quotes taken off). */
function splitCsv(line: string): string[] {
  const out: string[] = [];
  let cur = "";
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') {
        cur += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cur += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") {
      out.push(cur);
      cur = "";
    } else cur += c;
  }
  out.push(cur);
  return out;
}
