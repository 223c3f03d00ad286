// The Webex client against the Webex emulator over real HTTP: paging, the shared rate budget, retries.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator, type EmulatorOptions, type RunningEmulator } from "@/emulator/src/server";
import { closeDb, createDb, type Db } from "@/lib/server/db";
import { DbBudgetStore, MemoryBudgetStore, type BudgetStore } from "@/lib/server/webex/budget";
import { WebexClient } from "@/lib/server/webex/client";
import type { WebexLogEntry } from "@/lib/server/webex/log";
import { testDbOptions } from "./db-helpers";

const ADMIN = "admin@acme.example";

interface Stats {
  total: number;
  routes: Record<string, Record<string, number>>;
}

interface Harness {
  emu: RunningEmulator;
  token: string;
  orgId: string;
  stats(): Promise<Stats>;
  config(patch: unknown): Promise<void>;
  client(opts?: { budget?: BudgetStore; perMinute?: number; logs?: WebexLogEntry[] }): WebexClient;
}

async function harness(opts: EmulatorOptions): Promise<Harness> {
  const emu = await startEmulator({ port: 0, seed: 11, ...opts });
  const post = await fetch(`${emu.url}/_emulator/tokens`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ email: ADMIN }),
  });
  const { access_token: token } = (await post.json()) as { access_token: string };
  // orgId straight from the emulator, outside the client (and its budget), before the test's limits apply.
  const me = (await (await fetch(`${emu.url}/v1/people/me`, { headers: { Authorization: `Bearer ${token}` } })).json()) as {
    orgId: string;
  };
  return {
    emu,
    token,
    orgId: me.orgId,
    stats: async () => (await (await fetch(`${emu.url}/_emulator/stats`)).json()) as Stats,
    config: async (patch) => {
      const res = await fetch(`${emu.url}/_emulator/config`, {
        method: "PUT",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify(patch),
      });
      expect(res.status).toBe(200);
    },
    client: ({ budget, perMinute, logs } = {}) =>
      new WebexClient({
        baseUrl: `${emu.url}/v1`,
        orgId: me.orgId,
        accessToken: async () => token,
        budget: budget ?? new MemoryBudgetStore(),
        perMinute,
        logger: logs ? (e) => logs.push(e) : () => {},
      }),
  };
}

const count = (stats: Stats, status: string, route?: string) =>
  Object.entries(stats.routes)
    .filter(([r]) => route === undefined || r === route)
    .reduce((n, [, byStatus]) => n + (byStatus[status] ?? 0), 0);

let db: Db;
beforeAll(async () => {
  db = await createDb(testDbOptions());
});
afterAll(() => closeDb(db));

describe("walking a 2,000-person org", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await harness({ people: 2000, config: { rateLimitPerMinute: 1_000_000 } });
  });
  afterAll(() => h?.emu.close());

  it("returns every person exactly once, 100 per page, through the database-backed budget", async () => {
    const c = h.client({ budget: new DbBudgetStore(async () => db) });
    const ids: string[] = [];
    let pages = 0;
    for await (const page of c.iteratePeople({ max: 100 })) {
      pages++;
      expect(page.length).toBeLessThanOrEqual(100);
      ids.push(...page.map((p) => p.id));
    }
    expect(ids).toHaveLength(2000);
    expect(new Set(ids).size).toBe(2000);
    expect(pages).toBe(20);
    expect(count(await h.stats(), "200", "GET /v1/people")).toBe(20);
  });

  it("reads the directory lists through the same client", async () => {
    const c = h.client();
    const [licenses, roles, orgs, locations] = await Promise.all([
      c.listLicenses(),
      c.listRoles(),
      c.listOrganizations(),
      c.listLocations(),
    ]);
    expect(licenses.length).toBeGreaterThan(0);
    expect(roles.map((r) => r.name)).toContain("Full Administrator");
    expect(orgs.map((o) => o.id)).toContain(h.orgId);
    expect(locations.length).toBeGreaterThan(0);
    const busiest = licenses.reduce((a, b) => ((b.consumedByUsers ?? 0) > (a.consumedByUsers ?? 0) ? b : a));
    expect(busiest.consumedByUsers).toBeGreaterThan(300);
    const holders: string[] = [];
    for await (const users of c.iterateLicenseUsers(busiest.id, 300)) holders.push(...users.map((u) => u.id));
    expect(holders).toHaveLength(busiest.consumedByUsers!);
    expect(new Set(holders).size).toBe(holders.length);
  });
});

describe("retries", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await harness({ people: 300, config: { rateLimitPerMinute: 1_000_000 } });
  });
  afterAll(() => h?.emu.close());

  it("retries 503 faults on GETs until they succeed", async () => {
    await h.config({ faults: { "503": 0.3 } });
    const c = h.client();
    const first = await c.listPeople({ max: 40 });
    expect(first.items).toHaveLength(40);
    // One after another: with 40 concurrent callers at a 30 % fault rate, every 503 pauses the whole org and
    // a caller can exhaust its bounded wait (by design); this test is about each GET being retried.
    const people = [];
    for (const p of first.items) people.push(await c.getPerson(p.id));
    expect(people.map((p) => p.id)).toEqual(first.items.map((p) => p.id));
    const stats = await h.stats();
    expect(count(stats, "200", "GET /v1/people/{id}")).toBe(40);
    expect(count(stats, "503")).toBeGreaterThan(0);
    await h.config({ faults: { "503": 0 } });
    // ~11 s alone; the jittered backoffs are random and a loaded CI machine once needed more than 60 s.
  }, 4 * 60_000);

  it("sends a POST exactly once under a 500 fault", async () => {
    await h.config({ faults: { "500": 1 } });
    const c = h.client();
    const err = await c
      .createPerson({ emails: ["new.person@acme.example"], firstName: "New", lastName: "Person", displayName: "New Person" })
      .catch((e: unknown) => e);
    await h.config({ faults: { "500": 0 } });
    expect(err).toMatchObject({ status: 500 });
    expect((err as { trackingId: string }).trackingId).toMatch(/^ROSTER_/);
    expect((await h.stats()).routes["POST /v1/people"]).toEqual({ "500": 1 });
  });
});

describe("a burst under rateLimitPerMinute: 60", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await harness({ people: 300, config: { rateLimitPerMinute: 60 } });
  });
  afterAll(() => h?.emu.close());

  it(
    "completes 200 calls (concurrency 10) with no failure and at most a handful of 429s",
    async () => {
      const budget = new DbBudgetStore(async () => db);
      const logs: WebexLogEntry[] = [];
      // Two clients sharing one budget stand in for two requests (or two instances) of the same org.
      const clients = [h.client({ budget, perMinute: 60, logs }), h.client({ budget, perMinute: 60, logs })];
      const { items } = await clients[0]!.listPeople({ max: 200 });
      expect(items).toHaveLength(200);
      const queue = items.map((p) => p.id);
      const failures: unknown[] = [];
      let done = 0;
      const t0 = Date.now();
      await Promise.all(
        Array.from({ length: 10 }, async (_, worker) => {
          for (let id = queue.shift(); id; id = queue.shift()) {
            try {
              await clients[worker % 2]!.getPerson(id);
              done++;
            } catch (e) {
              failures.push(e);
            }
          }
        }),
      );
      const stats = await h.stats();
      const tooMany = count(stats, "429");
      console.log(`burst: ${done} calls in ${((Date.now() - t0) / 1000).toFixed(0)} s, ${tooMany} × 429`);
      expect(failures).toEqual([]);
      expect(done).toBe(200);
      expect(tooMany).toBeLessThanOrEqual(5);
      expect(logs.every((l) => !JSON.stringify(l).includes(h.token))).toBe(true);
    },
    6 * 60_000,
  );
});
