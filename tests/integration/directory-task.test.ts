// The directory index's periodic sync (lib/server/directory/task.ts, issue 15) and who may use the index: one sync
// per org per interval whatever the number of instances; a refused session falls through to the next admin's; an
// org with no admin session is skipped without writing anything; concurrent syncs join; a run left by a dead
// process stops blocking after 5 minutes; and a demoted admin loses the index like every other route.
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import * as syncRoute from "@/app/api/directory/sync/route";
import { startEmulator } from "@/emulator/src/server";
import { tokenStoreConfig } from "@/lib/server/auth/config";
import { saveTokens } from "@/lib/server/auth/token-store";
import { closeDb, createDb, setDbForTests, type Db } from "@/lib/server/db";
import { clearDirectoryCache } from "@/lib/server/directory/cache";
import { runningSync, startSync } from "@/lib/server/directory/sync";
import { syncAllOrgs } from "@/lib/server/directory/task";
import { MemoryBudgetStore } from "@/lib/server/webex/budget";
import { WebexClient } from "@/lib/server/webex/client";
import { approveOnEmulator, emulatorControl, setTestEnv, sleep, testDbOptions } from "./db-helpers";
import { auth, jar } from "./next-auth-driver";

vi.mock("next/headers", async () => (await import("./next-auth-driver")).nextHeaders);
vi.mock("next/navigation", async () => (await import("./next-auth-driver")).nextNavigation);

const APP = "http://localhost:3000";
const PEOPLE = 300;
let db: Db;
let emu: { url: string; close(): Promise<void> };
let restoreEnv: () => void;
let adminToken: string;

beforeAll(async () => {
  [db, emu] = await Promise.all([createDb(testDbOptions()), startEmulator({ port: 0, people: PEOPLE, seed: 11 })]);
  setDbForTests(db);
  restoreEnv = setTestEnv({
    ROSTER_EMULATOR: "1",
    WEBEX_API_BASE: `${emu.url}/v1`,
    NEXTAUTH_SECRET: "directory-task-test-secret-0123456789",
    NEXTAUTH_URL: APP,
    WEBEX_CLIENT_ID: "",
    WEBEX_CLIENT_SECRET: "",
    ROSTER_SESSION_RECHECK_SECONDS: "1",
  });
  adminToken = (await emulatorControl<{ access_token: string }>(emu.url, "/tokens", "POST", { email: "admin@acme.example" })).access_token;
});

// Every org here is the emulator's one org: each test starts with no session, no index, no sync and no claimed round.
beforeEach(async () => {
  jar.clear();
  clearDirectoryCache();
  for (const t of ["webex_tokens", "task_runs", "directory_people", "directory_state", "directory_changes"]) await db.execute(sql.raw(`DELETE FROM ${t}`));
  await db.execute(sql`DELETE FROM jobs WHERE kind = 'directory-sync'`);
});

afterAll(async () => {
  restoreEnv?.();
  setDbForTests(undefined);
  await Promise.all([closeDb(db), emu?.close()]);
});

const role = (code: string) => Buffer.from(`ciscospark://us/ROLE/${code}`).toString("base64url");

async function webex(path: string, init: RequestInit = {}): Promise<Response> {
  return fetch(`${emu.url}/v1${path}`, { ...init, headers: { authorization: `Bearer ${adminToken}`, "content-type": "application/json", ...init.headers } });
}

async function peopleCalls(): Promise<Record<string, number>> {
  return (await emulatorControl<{ routes: Record<string, Record<string, number>> }>(emu.url, "/stats")).routes["GET /v1/people"] ?? {};
}

/** A stored session of a seeded account (`token` overrides the real one: "revoked" is refused by Webex with 401). */
async function session(email: string, ageMs: number, roles?: string[], token?: string) {
  const { access_token } = await emulatorControl<{ access_token: string }>(emu.url, "/tokens", "POST", { email });
  const me = (await (await fetch(`${emu.url}/v1/people/me`, { headers: { authorization: `Bearer ${access_token}` } })).json()) as { id: string; orgId: string };
  const sessionId = `s-${crypto.randomUUID()}`;
  await saveTokens(db, { ...tokenStoreConfig(), now: () => Date.now() - ageMs }, {
    sessionId,
    personId: me.id,
    orgId: me.orgId,
    tokens: { accessToken: token ?? access_token, expiresIn: 24 * 3600, scopes: "spark-admin:people_read spark-admin:licenses_read" },
    ...(roles ? { identity: { roles, roleNames: roles } } : {}),
  });
  return { sessionId, orgId: me.orgId, token: access_token };
}

function client(orgId: string, token: string): WebexClient {
  return new WebexClient({ baseUrl: `${emu.url}/v1`, orgId, accessToken: async () => token, budget: new MemoryBudgetStore(), perMinute: 1_000_000, timeoutMs: 10_000 });
}

async function syncRuns(orgId: string) {
  return (await db.execute<{ id: string; status: string; error: string | null }>(sql`SELECT id, status, error FROM jobs WHERE org_id = ${orgId} AND kind = 'directory-sync' ORDER BY created_at`)).rows;
}
async function indexed(orgId: string): Promise<number> {
  return (await db.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM directory_people WHERE org_id = ${orgId}`)).rows[0]!.n;
}

describe("syncAllOrgs (the periodic directory sync)", () => {
  it("two instances asking for the same interval: the org is synced once", async () => {
    const admin = await session("auditor@acme.example", 0, [role("id_readonly_admin")]);
    const before = (await peopleCalls())["200"] ?? 0;
    const at = Math.floor(Date.now() / 60_000) * 60_000 + 1_000;
    const rounds = await Promise.all([syncAllOrgs(60_000, at), syncAllOrgs(60_000, at + 1)]);
    expect(rounds.filter((r) => admin.orgId in r)).toEqual([{ [admin.orgId]: "synced" }]);
    expect(await syncRuns(admin.orgId)).toHaveLength(1);
    expect(await indexed(admin.orgId)).toBe(PEOPLE);
    // The first sync reads locations too: ⌈people/100⌉ calls, once.
    expect(((await peopleCalls())["200"] ?? 0) - before).toBe(Math.ceil(PEOPLE / 100));
    // The same interval again: nobody syncs.
    expect(await syncAllOrgs(60_000, at + 2)).toEqual({});
    expect(await syncRuns(admin.orgId)).toHaveLength(1);
  });

  it("a session Webex refuses (401) falls through to the next admin session", async () => {
    const admin = await session("auditor@acme.example", 60_000, [role("id_readonly_admin")]);
    await session("helpdesk@acme.example", 0, [role("id_user_admin")], "revoked"); // most recent, ranked first
    const before = await peopleCalls();
    expect(await syncAllOrgs()).toEqual({ [admin.orgId]: "synced" });
    const after = await peopleCalls();
    expect((after["401"] ?? 0) - (before["401"] ?? 0)).toBe(1);
    const runs = await syncRuns(admin.orgId);
    expect(runs.map((r) => r.status)).toEqual(["failed", "succeeded"]);
    expect(await indexed(admin.orgId)).toBe(PEOPLE);
  });

  it("an org without any admin session is skipped: logged, nothing written", async () => {
    const employee = await session("employee@acme.example", 0, []); // known not to be an administrator
    const warn = vi.spyOn(console, "error").mockImplementation(() => undefined);
    try {
      const before = await peopleCalls();
      expect(await syncAllOrgs()).toEqual({ [employee.orgId]: "skipped" });
      expect(await peopleCalls()).toEqual(before);
      const lines = warn.mock.calls.map((c) => JSON.parse(String(c[0])) as { msg: string; orgId: string; reason: string });
      expect(lines).toContainEqual(expect.objectContaining({ msg: "directory sync: org skipped", orgId: employee.orgId, reason: "no signed-in administrator can read people" }));
    } finally {
      warn.mockRestore();
    }
    expect(await syncRuns(employee.orgId)).toEqual([]);
    expect(await indexed(employee.orgId)).toBe(0);
    expect((await db.execute(sql`SELECT 1 FROM directory_state WHERE org_id = ${employee.orgId}`)).rows).toEqual([]);
  });
});

describe("startSync: one sync per org at a time", () => {
  it("two syncs started at once: one runs, the other joins it", async () => {
    const admin = await session("auditor@acme.example", 0, [role("id_readonly_admin")]);
    const webexClient = client(admin.orgId, admin.token);
    const before = (await peopleCalls())["200"] ?? 0;
    const [a, b] = await Promise.all([
      startSync(db, webexClient, admin.orgId, { trigger: "a@acme.example", wait: true }),
      startSync(db, webexClient, admin.orgId, { trigger: "b@acme.example", wait: true }),
    ]);
    expect([a.started, b.started].sort()).toEqual([false, true]);
    expect(b.run.id).toBe(a.run.id);
    expect(await syncRuns(admin.orgId)).toHaveLength(1);
    expect(((await peopleCalls())["200"] ?? 0) - before).toBe(Math.ceil(PEOPLE / 100));
  });

  it("a sync that finds nothing changed rewrites no row of the index", async () => {
    const admin = await session("auditor@acme.example", 0, [role("id_readonly_admin")]);
    const webexClient = client(admin.orgId, admin.token);
    const versions = async () =>
      (await db.execute<{ person_id: string; v: string }>(sql`SELECT person_id, xmin::text AS v FROM directory_people WHERE org_id = ${admin.orgId} ORDER BY person_id`)).rows;
    expect((await startSync(db, webexClient, admin.orgId, { trigger: "schedule", wait: true })).run.status).toBe("succeeded");
    const first = await versions();
    expect(first).toHaveLength(PEOPLE);
    // Again, the plain walk and the location walk: Webex holds the same people, so no row is written.
    for (const locations of [false, true]) {
      expect((await startSync(db, webexClient, admin.orgId, { trigger: "schedule", wait: true, locations })).run.status).toBe("succeeded");
      expect(await versions()).toEqual(first);
    }
  });

  it("a run left 'running' by a dead process blocks for 5 minutes, then is marked failed and a new one starts", async () => {
    const admin = await session("auditor@acme.example", 0, [role("id_readonly_admin")]);
    const now = Date.now();
    await db.execute(sql`
      INSERT INTO jobs (id, org_id, kind, status, created_by, input, progress, started_at, created_at, updated_at)
      VALUES ('dead-run', ${admin.orgId}, 'directory-sync', 'running', NULL, '{}'::jsonb, '{"scanned":100,"pages":1,"expected":null,"locations":true}'::jsonb,
              ${new Date(now).toISOString()}, ${new Date(now).toISOString()}, ${new Date(now).toISOString()})`);
    const webexClient = client(admin.orgId, admin.token);

    // 4 minutes later the run may still be alive: a new sync joins it.
    const early = await startSync(db, webexClient, admin.orgId, { trigger: "schedule", wait: true, now: () => now + 4 * 60_000 });
    expect(early).toMatchObject({ started: false, run: { id: "dead-run", status: "running" } });

    // 5 minutes and a bit later: it died with its process.
    const later = await startSync(db, webexClient, admin.orgId, { trigger: "schedule", wait: true, now: () => now + 5 * 60_000 + 1_000 });
    expect(later.started).toBe(true);
    expect(later.run.status).toBe("succeeded");
    const runs = await syncRuns(admin.orgId);
    expect(runs.find((r) => r.id === "dead-run")).toMatchObject({ status: "failed", error: expect.stringContaining("The sync stopped") });
    expect(await runningSync(db, admin.orgId, now + 6 * 60_000)).toBeNull();
    expect(await indexed(admin.orgId)).toBe(PEOPLE);
  });
});

// --- Who may use the index: the real sign-in and session re-check (as in auth-session-recheck.test.ts) ----------
async function signInAs(email: string): Promise<void> {
  const csrf = await auth({ action: "csrf", method: "GET" });
  const csrfToken = (csrf.body as { csrfToken: string }).csrfToken;
  const start = await auth({ action: "signin", providerId: "webex", method: "POST", body: { csrfToken, callbackUrl: `${APP}/people` } });
  const back = await approveOnEmulator(emu.url, new URL(start.redirect!).searchParams, email);
  const done = await auth({ action: "callback", providerId: "webex", method: "GET", query: Object.fromEntries(back.searchParams) });
  expect(done.redirect).toBe(`${APP}/people`);
}

async function setRoles(email: string, roles: string[]): Promise<void> {
  const p = ((await (await webex(`/people?email=${encodeURIComponent(email)}`)).json()) as { items: (Record<string, unknown> & { id: string })[] }).items[0]!;
  expect((await webex(`/people/${p.id}`, { method: "PUT", body: JSON.stringify({ ...p, roles }) })).status).toBe(200);
}

const getStatus = () => syncRoute.GET(new Request(`${APP}/api/directory/sync`));
const postSync = () => syncRoute.POST(new Request(`${APP}/api/directory/sync`, { method: "POST", headers: { origin: APP } }));

describe("a demoted admin loses the index", () => {
  it("after their roles are removed in Webex, GET and POST /api/directory/sync answer 403", async () => {
    await setRoles("auditor@acme.example", [role("id_readonly_admin")]);
    try {
      await signInAs("auditor@acme.example");
      expect((await getStatus()).status).toBe(200);
      const started = await postSync();
      expect(started.status).toBe(202);
      const { orgId } = (await (await webex("/people/me")).json()) as { orgId: string };
      for (let i = 0; i < 200 && (await runningSync(db, orgId)); i++) await sleep(50); // let the sync finish

      await setRoles("auditor@acme.example", []);
      await sleep(1_200); // the re-check interval (1 s here) lapses
      for (const res of [await getStatus(), await postSync()]) {
        expect(res.status).toBe(403);
        expect(((await res.json()) as { error: { message: string } }).error.message).toBe("Administrator access required");
      }
    } finally {
      await setRoles("auditor@acme.example", [role("id_readonly_admin")]);
    }
  }, 30_000);
});
