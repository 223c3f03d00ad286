// Issue 11's acceptance: two console instances on one PostgreSQL behind a round-robin load balancer (no sticky
// sessions) keep every cross-request guarantee. One stack for every case (bench/cluster-harness.ts: the production
// build as processes, the emulator, the balancer); the case that kills instance A comes last.
// Run with `npm run test:scale` (PostgreSQL from scripts/with-postgres.sh; needs `npx next build` first).
import { chromium } from "@playwright/test";
import pg from "pg";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startCluster, type Cluster, type ClusterSession, type Instance } from "@/bench/cluster-harness";
import { sameValue } from "@/lib/people/same-value";

const ADMIN = "admin@acme.example";
/** Every instance's budget and the emulator's limit (calls per minute per org). */
const PER_MINUTE = 600;
/** The budget's bucket (lib/server/webex/budget.ts bucketShape): burst capacity and refill rate. */
const CAPACITY = PER_MINUTE / 10;
const REFILL_PER_S = (PER_MINUTE - CAPACITY) / 60;
/** ROSTER_SNAPSHOT_INTERVAL_MINUTES = 0.05: a round every 3 s. */
const SNAPSHOT_INTERVAL_MS = 3_000;
const JOB_PEOPLE = 200;

type Stats = { total: number; routes: Record<string, Record<string, number>>; grants: Record<string, number> };
type Person = Record<string, unknown> & { id: string; type?: string; emails: string[]; licenses?: string[] };
type JobView = { id: string; status: string; counts: Record<string, number>; webexCalls: number };

const sleep = (ms: number) => new Promise((r) => setTimeout(r, Math.max(0, ms)));

let cluster: Cluster;
let A: Instance;
let B: Instance;
let admin: ClusterSession;
let failed = false;

const stats = () => cluster.control<Stats>("/stats");
/** Webex API calls (the OAuth endpoints are not rate limited and not spent from the budget). */
const apiCalls = (s: Stats, match: (route: string) => boolean = () => true) =>
  Object.entries(s.routes)
    .filter(([route]) => !/\/v1\/(access_token|authorize)/.test(route) && match(route))
    .reduce((n, [, byStatus]) => n + Object.values(byStatus).reduce((a, b) => a + b, 0), 0);
const throttled = (s: Stats) => Object.values(s.routes).reduce((n, byStatus) => n + (byStatus["429"] ?? 0), 0);

async function webexAsAdmin<T>(p: string): Promise<T> {
  const { access_token } = await cluster.control<{ access_token: string }>("/tokens", "POST", { email: ADMIN });
  const res = await fetch(`${cluster.emulator}/v1${p}`, { headers: { authorization: `Bearer ${access_token}` } });
  if (!res.ok) throw new Error(`emulator ${p} → ${res.status}`);
  return (await res.json()) as T;
}

beforeAll(async () => {
  failed = true; // until the stack is up and signed in
  cluster = await startCluster({
    instances: 2,
    people: 2000,
    perMinute: PER_MINUTE,
    env: { ROSTER_SNAPSHOT_INTERVAL_MINUTES: String(SNAPSHOT_INTERVAL_MS / 60_000), ROSTER_JOB_LEASE_SECONDS: "4", ROSTER_JOB_SWEEP_SECONDS: "1" },
  });
  [A, B] = cluster.instances as [Instance, Instance];
  // Signed in on A alone (every step of the OAuth flow, callback included): the session the other cases use on B.
  admin = await cluster.signIn(ADMIN, A);
  failed = false;
});

beforeEach((ctx) => {
  ctx.onTestFailed(() => void (failed = true));
});

afterAll(async () => {
  if (!cluster) return;
  if (failed) console.error(`Logs of the stack's processes:\n${cluster.logTails(40)}`);
  await cluster.close();
});

describe("two console instances on one PostgreSQL, behind a round-robin balancer", () => {
  it("a session signed in on A works on B (HTTP), and a browser signed in through the balancer sees the grid on A and on B", async () => {
    const me = await admin.on(B).get("/api/me");
    expect(me.status).toBe(200);
    expect(((await me.json()) as { user: { email: string } }).user.email).toBe(ADMIN);
    const people = await admin.on(B).get("/api/people?max=100");
    expect(people.status).toBe(200);
    expect(((await people.json()) as { items: unknown[] }).items).toHaveLength(100);

    const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH || "/usr/bin/chromium", args: ["--no-sandbox", "--disable-gpu", "--no-first-run"] });
    try {
      const page = await browser.newPage();
      await page.goto(`${cluster.balancer}/people`);
      await page.waitForURL(/\/signin/);
      await page.getByRole("button", { name: /sign in with webex/i }).click();
      await page.getByRole("button", { name: /admin@acme\.example/i }).click();
      await page.waitForURL(`${cluster.balancer}/people`);
      // Cookies belong to the host, not the port: the balancer's session cookie goes to each instance's own URL.
      for (const instance of [A, B]) {
        await page.goto(`${instance.base}/people`);
        await page.getByTestId("data-row").first().waitFor({ state: "visible", timeout: 15_000 });
        expect(new URL(page.url()).pathname, `instance ${instance.name}`).toBe("/people");
        expect(await page.getByTestId("data-row").count(), `grid rows on instance ${instance.name}`).toBe(100);
      }
      expect(cluster.forwarded().every((n) => n > 0), `the balancer sent requests to both: ${cluster.forwarded().join(", ")}`).toBe(true);
    } finally {
      await browser.close();
    }
  });

  it("the license snapshot task calls Webex once per interval across both instances, not once each", async () => {
    const rounds = 4;
    const licenseCalls = (s: Stats) => apiCalls(s, (r) => r === "GET /v1/licenses");
    // From the middle of one slot to the middle of another: each slot boundary in between starts one round.
    const now = Date.now();
    const from = (Math.floor(now / SNAPSHOT_INTERVAL_MS) + 1) * SNAPSHOT_INTERVAL_MS + SNAPSHOT_INTERVAL_MS / 2;
    await sleep(from - Date.now());
    const before = await stats();
    await sleep(from + rounds * SNAPSHOT_INTERVAL_MS - Date.now());
    const after = await stats();
    // One per interval (a round delayed past the window's end by a busy machine may fall outside it); one per
    // instance would be twice as many.
    const calls = licenseCalls(after) - licenseCalls(before);
    expect(calls, `GET /v1/licenses over ${rounds} intervals`).toBeLessThanOrEqual(rounds);
    expect(calls, `GET /v1/licenses over ${rounds} intervals`).toBeGreaterThanOrEqual(rounds - 1);
  });

  it("50 concurrent edits of one person split across A and B: disjoint fields lose nothing, overlapping ones give 409 to all but one per field", async () => {
    const list = (await (await admin.on(A).get("/api/people?max=100")).json()) as { items: Person[] };
    const target = list.items.find((p) => p.type === "person" && !/^(admin|helpdesk|auditor|employee)@/.test(p.emails[0]!))!;
    const current = (await (await admin.on(A).get(`/api/people/${target.id}`)).json()) as Person;

    // One edit per field for six fields (nothing to conflict with), and 22 edits each of firstName and displayName
    // from the same starting value (one may win per field, the others must be told it changed).
    const disjoint: Record<string, unknown> = {
      title: "Scale-out engineer",
      department: "Scale",
      manager: "Pat Scale",
      lastName: "Scaletest",
      avatar: "https://avatars.example.com/scale.png",
      addresses: [{ type: "work", locality: "Scaleville", country: "DE" }],
    };
    // Each field's edits alternate between A and B.
    const edits: { field: string; value: unknown; instance: Instance }[] = Object.entries(disjoint).map(([field, value], i) => ({ field, value, instance: i % 2 ? B : A }));
    for (let i = 0; i < 22; i++) {
      edits.push({ field: "firstName", value: `First${i}`, instance: i % 2 ? B : A }, { field: "displayName", value: `Display Name ${i}`, instance: i % 2 ? A : B });
    }
    expect(edits).toHaveLength(50);
    expect(edits.filter((e) => e.instance === A)).toHaveLength(25);

    const results = await Promise.all(
      edits.map(async ({ instance, ...e }) => {
        const res = await admin.on(instance).send("PATCH", `/api/people/${target.id}`, { changes: { [e.field]: e.value }, original: { [e.field]: current[e.field] ?? null } });
        const body = (await res.json()) as { error?: { code?: string; message?: string } };
        return { ...e, instance: instance.name, status: res.status, body };
      }),
    );
    // Every broken guarantee at once, so a failure shows the whole picture.
    const problems: string[] = [];
    for (const r of results) {
      if (r.status === 409 && r.body.error?.code !== "Conflict") problems.push(`${r.field} on ${r.instance}: 409 without code Conflict`);
      if (r.status !== 200 && r.status !== 409) problems.push(`${r.field} on ${r.instance}: ${r.status} ${r.body.error?.message ?? ""}`);
    }
    const winners = results.filter((r) => r.status === 200);
    for (const field of [...Object.keys(disjoint), "firstName", "displayName"]) {
      const saved = winners.filter((w) => w.field === field).map((w) => `${JSON.stringify(w.value)} on ${w.instance}`);
      if (saved.length !== 1) problems.push(`${field}: ${saved.length} edits saved (${saved.join(", ")}), expected exactly one`);
    }
    const final = (await (await admin.on(B).get(`/api/people/${target.id}`)).json()) as Person;
    for (const w of winners) {
      if (!sameValue(w.field, final[w.field], w.value)) {
        problems.push(`${w.field}: ${JSON.stringify(w.value)} saved (200) on ${w.instance}, but Webex holds ${JSON.stringify(final[w.field])}`);
      }
    }
    expect(problems, "lost updates or more than one saved edit per field").toEqual([]);
  });

  it("A and B hammered together stay within the org's budget: no 429 reaches a client or comes from Webex", async () => {
    const ids = ((await (await admin.on(A).get("/api/people?max=100")).json()) as { items: Person[] }).items.map((p) => p.id);
    const statuses = new Map<number, number>();
    const before = await stats();
    const started = Date.now();
    const deadline = started + 8_000;
    await Promise.all(
      [A, B].flatMap((instance) =>
        Array.from({ length: 8 }, async (_, w) => {
          for (let i = 0; Date.now() < deadline; i++) {
            const p = (i + w) % 2 === 0 ? "/api/people?max=100" : `/api/people/${ids[(i * 7 + w) % ids.length]}`;
            const res = await admin.on(instance).get(p);
            await res.arrayBuffer();
            statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
          }
        }),
      ),
    );
    const after = await stats();
    const seconds = (Date.now() - started) / 1000;
    const calls = apiCalls(after) - apiCalls(before);
    // A full bucket plus its refill over the window: what one org budget allows, however many instances spend it.
    const allowed = CAPACITY + REFILL_PER_S * seconds;
    const answered = [...statuses.values()].reduce((a, b) => a + b, 0);
    console.log(`hammer: ${answered} requests in ${seconds.toFixed(1)} s (${JSON.stringify(Object.fromEntries(statuses))}), ${calls} Webex calls, budget allows ${allowed.toFixed(0)}`);
    expect(Object.fromEntries(statuses), "every request answered 200").toEqual({ 200: answered });
    expect(calls, "Webex calls during the hammer ≤ one budget's burst + refill").toBeLessThanOrEqual(Math.ceil(allowed) + 2);
    expect(calls, "the hammer kept the budget busy (else it proves nothing)").toBeGreaterThanOrEqual(REFILL_PER_S * seconds * 0.8);
    expect(throttled(after), "429s Webex answered in the whole run").toBe(0);
  });

  it("with a short token lifetime, concurrent calls on A and B at expiry refresh the token exactly once", async () => {
    const lifetime = 8;
    const config = await cluster.control<{ tokenLifetimeSeconds: number }>("/config");
    await cluster.control("/config", "PUT", { tokenLifetimeSeconds: lifetime });
    let shortLived: ClusterSession;
    let issuedBy: number;
    try {
      shortLived = await cluster.signIn(ADMIN);
      issuedBy = Date.now();
    } finally {
      await cluster.control("/config", "PUT", { tokenLifetimeSeconds: config.tokenLifetimeSeconds });
    }
    // A newer session, so the snapshot task (it acts with the org's most recent session) leaves the short one alone.
    await cluster.signIn(ADMIN);
    const before = await stats();
    await sleep(issuedBy + lifetime * 1000 + 300 - Date.now()); // expired now
    const burst = await Promise.all(
      [A, B].flatMap((instance) => Array.from({ length: 10 }, () => shortLived.on(instance).get("/api/people?max=10").then((r) => r.status))),
    );
    const after = await stats();
    expect(burst.every((s) => s === 200), `statuses ${burst.join(",")}`).toBe(true);
    expect(after.grants.refresh_token! - before.grants.refresh_token!, "refresh_token grants").toBe(1);
  });

  it("a job started on A finishes exactly once when A is killed mid-job and B goes on", async () => {
    const licenses = (await webexAsAdmin<{ items: { id: string; name: string; consumedByUsers?: number }[] }>("/licenses")).items;
    const license = licenses.find((l) => l.name.startsWith("Webex Contact Center"))!;
    await cluster.control("/license-units", "PUT", { licenseId: license.id, totalUnits: 100_000 });
    const holdersBefore = (await webexAsAdmin<{ consumedByUsers: number }>(`/licenses/${license.id}`)).consumedByUsers;
    const everyone = (await webexAsAdmin<{ items: Person[] }>("/people?max=1000")).items;
    const targets = everyone.filter((p) => p.type === "person" && !p.licenses?.includes(license.id)).slice(0, JOB_PEOPLE);
    expect(targets).toHaveLength(JOB_PEOPLE);

    const db = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await db.connect();
    try {
      const leaseOwner = async (id: string) =>
        ((await db.query<{ lease_owner: string | null }>("SELECT lease_owner FROM bulk_jobs WHERE id = $1", [id])).rows[0]?.lease_owner ?? null);
      const preview = await admin.on(A).send("POST", "/api/jobs/preview", { action: "license-add", licenseId: license.id, target: { personIds: targets.map((p) => p.id) } });
      expect(preview.status).toBe(201);
      const jobId = ((await preview.json()) as { job: { id: string } }).job.id;
      const job = async (on: Instance) => (await (await admin.on(on).get(`/api/jobs/${jobId}`)).json()) as JobView;

      // B is frozen while A starts the job, so it is A's engine that claims it (B's would otherwise race for it).
      B.freeze();
      let owner: string | null;
      try {
        expect((await admin.on(A).send("POST", `/api/jobs/${jobId}/start`)).status).toBe(200);
        const until = Date.now() + 60_000;
        while ((await job(A)).counts.done! < 30) {
          if (Date.now() > until) throw new Error("the job did not get going on A");
          await sleep(200);
        }
        owner = await leaseOwner(jobId);
      } finally {
        B.thaw();
      }
      expect(owner).not.toBeNull();
      await A.kill();
      const writesAt = (await cluster.control<{ items: { route: string; changed: boolean }[] }>("/writes")).items.filter(
        (w) => w.changed && w.route === "PATCH /v1/licenses/users",
      ).length;
      expect(writesAt, "changes when A was killed").toBeGreaterThan(0);
      expect(writesAt).toBeLessThan(JOB_PEOPLE);

      const owners = new Set<string>();
      let view: JobView;
      const until = Date.now() + 90_000;
      for (;;) {
        const o = await leaseOwner(jobId);
        if (o) owners.add(o);
        view = await job(B);
        if (view.status !== "running" && view.status !== "queued") break;
        if (Date.now() > until) throw new Error(`the job did not finish on B: ${JSON.stringify(view.counts)}`);
        await sleep(250);
      }
      expect(view.status).toBe("done");
      expect(view.counts).toMatchObject({ done: JOB_PEOPLE, failed: 0, pending: 0, running: 0 });
      expect([...owners].some((o) => o !== owner), "B's engine took the job over from A's").toBe(true);

      // The job's writes (the edit case's PUTs are in the same log).
      const writes = (await cluster.control<{ items: { route: string; personId: string; changed: boolean }[] }>("/writes")).items.filter(
        (w) => w.route === "PATCH /v1/licenses/users",
      );
      const changes = new Map<string, number>();
      for (const w of writes) if (w.changed) changes.set(w.personId, (changes.get(w.personId) ?? 0) + 1);
      const targeted = new Set(targets.map((t) => t.id));
      expect([...changes].filter(([, n]) => n > 1), "people changed more than once").toEqual([]);
      expect(targets.filter((t) => !changes.has(t.id)).length, "targets never changed").toBe(0);
      expect([...changes.keys()].filter((id) => !targeted.has(id)), "people changed who were not targets").toEqual([]);
      expect((await webexAsAdmin<{ consumedByUsers: number }>(`/licenses/${license.id}`)).consumedByUsers).toBe(holdersBefore + JOB_PEOPLE);
    } finally {
      await db.end();
    }
  });
});
