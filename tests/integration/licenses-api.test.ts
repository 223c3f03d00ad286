// /api/licenses/* and /api/roles/members against the in-process emulator (bench/api-harness.ts), with an
// in-memory database for snapshots.
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import * as capacity from "@/app/api/licenses/capacity/route";
import * as detail from "@/app/api/licenses/[id]/route";
import * as holders from "@/app/api/licenses/[id]/holders/route";
import * as roleMembers from "@/app/api/roles/members/route";
import * as licensesList from "@/app/api/licenses/route";
import { call, startApiHarness, type ApiHarness } from "@/bench/api-harness";
import { closeDb, createDb, setDbForTests, type Db } from "@/lib/server/db";
import { recordSnapshots } from "@/lib/server/licenses/snapshots";
import { licenseHolders } from "@/lib/server/licenses/holders";
import { WebexClient } from "@/lib/server/webex/client";
import { MemoryBudgetStore } from "@/lib/server/webex/budget";
import { WebexError } from "@/lib/server/webex/errors";
import { testDbOptions } from "./db-helpers";

type Lic = { id: string; name: string; totalUnits: number; consumedUnits: number; consumedByUsers?: number; consumedByWorkspaces?: number };
type Cap = { id: string; name: string; total: number; consumed: number; remaining: number; users: number | null; workspaces: number | null; level: string; utilisation: number | null };

let h: ApiHarness;
let db: Db;
let emuLicenses: Lic[];

async function webexJson<T>(path: string): Promise<{ body: T; next: string | null }> {
  const res = await fetch(path.startsWith("http") ? path : `${h.webexBase}${path}`, { headers: { authorization: `Bearer ${h.tokens.admin}` } });
  const link = res.headers.get("link");
  return { body: (await res.json()) as T, next: link?.match(/<([^>]+)>;\s*rel="next"/)?.[1] ?? null };
}

/** Everyone in the emulator's org holding `licenseId`, by walking /v1/people. */
async function expectedHolders(licenseId: string): Promise<string[]> {
  const ids: string[] = [];
  let url: string | null = `${h.webexBase}/people?max=1000`;
  while (url) {
    const { body, next }: { body: { items: { id: string; licenses?: string[] }[] }; next: string | null } = await webexJson(url);
    for (const p of body.items) if (p.licenses?.includes(licenseId)) ids.push(p.id);
    url = next;
  }
  return ids.sort();
}

beforeAll(async () => {
  // The database first: opening PGlite blocks the event loop long enough for the emulator to drop idle sockets.
  db = await createDb(testDbOptions());
  h = await startApiHarness({ people: 1500 });
  setDbForTests(db);
  emuLicenses = (await webexJson<{ items: Lic[] }>("/licenses")).body.items;
});

beforeEach(() => h.signIn("auditor")); // read-only admins may look

afterAll(async () => {
  await h?.close();
  setDbForTests(undefined);
  await closeDb(db);
});

describe("GET /api/licenses/capacity", () => {
  it("every figure equals the emulator's /licenses, sorted by utilisation, with levels", async () => {
    const res = await call(capacity.GET, "/api/licenses/capacity");
    expect(res.status).toBe(200);
    const json = (await res.json()) as { licenses: Cap[]; subscriptions: { total: number; consumed: number }[] };
    expect(json.licenses).toHaveLength(emuLicenses.length);
    for (const l of emuLicenses) {
      const got = json.licenses.find((c) => c.id === l.id)!;
      expect(got).toMatchObject({ name: l.name, total: l.totalUnits, consumed: l.consumedUnits, remaining: l.totalUnits - l.consumedUnits });
      expect(got.users).toBe(l.consumedByUsers ?? null);
      expect(got.workspaces).toBe(l.consumedByWorkspaces ?? null);
    }
    const utils = json.licenses.map((c) => c.utilisation ?? -1);
    expect(utils).toEqual([...utils].sort((a, b) => b - a));
    expect(json.licenses.some((c) => c.level === "exhausted")).toBe(true);
    // The seeded ~94 % pool is over 90 %: a warning (critical starts at 95 %).
    expect(json.licenses.find((c) => c.utilisation! > 0.9 && c.utilisation! < 1)?.level).toMatch(/warning|critical/);
    expect(json.subscriptions.reduce((a, s) => a + s.total, 0)).toBe(emuLicenses.reduce((a, l) => a + l.totalUnits, 0));
  });

  it("stores at most one snapshot per license per hour, however often it is viewed", async () => {
    await call(capacity.GET, "/api/licenses/capacity");
    await call(capacity.GET, "/api/licenses/capacity");
    // This org's snapshots of the last hour (the forecast test below stores back-dated ones of its own).
    const rows = await db.execute<{ n: number }>(
      sql`SELECT count(*)::int AS n FROM license_snapshots WHERE org_id = ${h.users.auditor.orgId} AND taken_at > now() - interval '1 hour'`,
    );
    expect(rows.rows[0]!.n).toBe(emuLicenses.length);
  });

  it("keeps GET /api/licenses's shape", async () => {
    const json = (await (await call(licensesList.GET, "/api/licenses")).json()) as { items: Lic[] };
    expect(json.items.map((l) => l.id).sort()).toEqual(emuLicenses.map((l) => l.id).sort());
  });

  it("403 for a non-admin", async () => {
    h.signIn("employee");
    expect((await call(capacity.GET, "/api/licenses/capacity")).status).toBe(403);
  });
});

describe("GET /api/licenses/:id", () => {
  it("history and a forecast: collecting with one day, a date with a synthetic growing month", async () => {
    const lic = emuLicenses.find((l) => l.consumedUnits < l.totalUnits && l.totalUnits > 100)!;
    let json = (await (await call(detail.GET, `/api/licenses/${lic.id}`, { params: { id: lic.id } })).json()) as { forecast: { kind: string }; history: unknown[] };
    expect(json.forecast.kind).toBe("collecting");
    expect(json.history.length).toBeGreaterThanOrEqual(1);

    // 20 days of daily snapshots growing 2 units a day up to today's figure.
    const now = Date.now();
    for (let d = 20; d >= 1; d--) {
      await recordSnapshots(db, h.users.auditor.orgId, [{ ...lic, consumedUnits: lic.consumedUnits - 2 * d }], now - d * 86_400_000);
    }
    json = (await (await call(detail.GET, `/api/licenses/${lic.id}`, { params: { id: lic.id } })).json()) as { forecast: { kind: string; at: number } & Record<string, unknown>; history: unknown[] };
    expect(json.forecast.kind).toBe("runs-out");
    const days = ((json.forecast as unknown as { at: number }).at - now) / 86_400_000;
    expect(days).toBeGreaterThan(((lic.totalUnits - lic.consumedUnits) / 2) * 0.8);
    expect(days).toBeLessThan(((lic.totalUnits - lic.consumedUnits) / 2) * 1.25);
  });

  it("history and forecast are keyed by the license's ID: a rename in Webex (as in 2026) keeps both", async () => {
    // A license of its own (the forecast test above grows another one).
    const lic = emuLicenses.filter((l) => l.consumedUnits < l.totalUnits && l.totalUnits > 100).at(-1)!;
    const orgId = h.users.auditor.orgId;
    const now = Date.now();
    for (let d = 30; d >= 1; d--) {
      await recordSnapshots(db, orgId, [{ ...lic, consumedUnits: lic.consumedUnits - d }], now - d * 86_400_000 - 3_600_000);
    }
    const view = async () =>
      (await (await call(detail.GET, `/api/licenses/${lic.id}`, { params: { id: lic.id } })).json()) as { license: { name: string }; forecast: { kind: string; at?: number }; history: { at: number }[] };
    const before = await view();
    expect(before.forecast.kind).toBe("runs-out");

    const renamed = `${lic.name} (renamed by Webex)`;
    const res = await h.emulatorFetch("/_emulator/license-name", { method: "PUT", headers: { "content-type": "application/json" }, body: JSON.stringify({ licenseId: lic.id, name: renamed }) });
    expect(res.status).toBe(200);
    try {
      await h.reference.invalidate(orgId, ["licenses"]); // as the cache's lifetime running out would
      const after = await view();
      expect(after.license.name).toBe(renamed);
      expect(after.history.length).toBeGreaterThanOrEqual(before.history.length); // every snapshot taken under the old name
      expect(after.history.slice(0, 30).map((p) => p.at)).toEqual(before.history.slice(0, 30).map((p) => p.at));
      expect(after.forecast).toEqual(before.forecast);
      const tiles = (await (await call(capacity.GET, "/api/licenses/capacity")).json()) as { licenses: Cap[] };
      expect(tiles.licenses.find((t) => t.id === lic.id)?.name).toBe(renamed);
      expect(tiles.licenses.some((t) => t.name === lic.name)).toBe(false);
    } finally {
      await h.emulatorFetch("/_emulator/license-name", { method: "PUT", headers: { "content-type": "application/json" }, body: JSON.stringify({ licenseId: lic.id, name: lic.name }) });
      await h.reference.invalidate(orgId, ["licenses"]);
    }
  });

  it("404 with a message for an unknown license, 400 for a malformed ID", async () => {
    const unknown = Buffer.from("ciscospark://us/LICENSE/nope:MS_0000").toString("base64url");
    const res = await call(detail.GET, `/api/licenses/${unknown}`, { params: { id: unknown } });
    expect(res.status).toBe(404);
    expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(/license/i);
    expect((await call(detail.GET, "/api/licenses/x", { params: { id: "x" } })).status).toBe(400);
  });
});

describe("GET /api/licenses/:id/holders", () => {
  it("holders equal exactly the emulator's assignment, with status and activity", async () => {
    for (const lic of [emuLicenses.reduce((a, b) => (a.consumedByUsers! < b.consumedByUsers! ? a : b)), emuLicenses[0]!]) {
      const res = await call(holders.GET, `/api/licenses/${lic.id}/holders`, { params: { id: lic.id } });
      expect(res.status).toBe(200);
      const json = (await res.json()) as { holders: { id: string; email: string; status: string | null }[]; source: string };
      expect(json.source).toBe("assigned-to");
      expect(json.holders.map((x) => x.id).sort()).toEqual(await expectedHolders(lic.id));
      expect(json.holders.every((x) => x.email && x.status)).toBe(true);
    }
  });

  it("falls back to an org scan when includeAssignedTo is refused", async () => {
    class NoAssignedTo extends WebexClient {
      override async getLicense(id: string, params: { includeAssignedTo?: "user"; limit?: number } = {}, cursor?: string) {
        if (params.includeAssignedTo) throw new WebexError(400, "includeAssignedTo is not supported", "T1");
        return super.getLicense(id, params, cursor);
      }
    }
    const webex = new NoAssignedTo({
      baseUrl: h.webexBase,
      orgId: h.users.admin.orgId,
      accessToken: async () => h.tokens.admin,
      budget: new MemoryBudgetStore(),
      perMinute: 1_000_000,
      timeoutMs: 15_000,
      logger: () => undefined,
    });
    const lic = emuLicenses[1]!;
    const result = await licenseHolders(webex, lic.id);
    expect(result.source).toBe("org-scan");
    expect(result.holders.map((x) => x.id).sort()).toEqual(await expectedHolders(lic.id));
  });
});

describe("GET /api/roles/members", () => {
  it("each role's members equal GET /people?roles=", async () => {
    const json = (await (await call(roleMembers.GET, "/api/roles/members")).json()) as { items: { id: string; name: string; members: { id: string }[] }[] };
    const roles = (await webexJson<{ items: { id: string }[] }>("/roles")).body.items;
    expect(json.items.map((r) => r.id)).toEqual(roles.map((r) => r.id));
    for (const r of json.items) {
      const people = (await webexJson<{ items: { id: string }[] }>(`/people?roles=${r.id}&max=1000`)).body.items;
      expect(r.members.map((m) => m.id).sort()).toEqual(people.map((p) => p.id).sort());
    }
    expect(json.items.find((r) => r.name === "Full Administrator")?.members.length).toBeGreaterThanOrEqual(1);
  });
});
