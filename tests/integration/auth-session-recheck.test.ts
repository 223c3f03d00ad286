// Issue 12, finding 1 (decision 013): a signed-in admin's token, existence and roles are re-checked against Webex
// once per ROSTER_SESSION_RECHECK_SECONDS on every route, including routes that only read Roster's database.
// Real next-auth sign-in through the emulator's consent form, the real session lookup and route wrapper (no
// substituted dependencies), and role changes / deletions made through the emulator's own API, as an admin
// would in Control Hub.
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";

import * as activity from "@/app/api/activity/route";
import * as activityExport from "@/app/api/activity/export/route";
import * as reclaim from "@/app/api/reclaim/route";
import * as person from "@/app/api/people/[id]/route";
import { closeDb, createDb, setDbForTests, type Db } from "@/lib/server/db";
import { startEmulator } from "@/emulator/src/server";
import { approveOnEmulator, emulatorControl, setTestEnv, sleep, testDbOptions } from "./db-helpers";
import { auth, jar } from "./next-auth-driver";

vi.mock("next/headers", async () => (await import("./next-auth-driver")).nextHeaders);
vi.mock("next/navigation", async () => (await import("./next-auth-driver")).nextNavigation);

const APP = "http://localhost:3000";
const RECHECK_S = 1;
let db: Db;
let emu: { url: string; close(): Promise<void> };
let restoreEnv: () => void;
let adminToken: string;

beforeAll(async () => {
  [db, emu] = await Promise.all([createDb(testDbOptions()), startEmulator({ port: 0, people: 50, seed: 7 })]);
  restoreEnv = setTestEnv({
    ROSTER_EMULATOR: "1",
    WEBEX_API_BASE: `${emu.url}/v1`,
    NEXTAUTH_SECRET: "session-recheck-test-secret-0123456789",
    NEXTAUTH_URL: APP,
    WEBEX_CLIENT_ID: "",
    WEBEX_CLIENT_SECRET: "",
    ROSTER_SESSION_RECHECK_SECONDS: String(RECHECK_S),
  });
  setDbForTests(db);
  adminToken = (await emulatorControl<{ access_token: string }>(emu.url, "/tokens", "POST", { email: "admin@acme.example" })).access_token;
});
afterAll(async () => {
  setDbForTests(undefined);
  restoreEnv?.();
  await Promise.all([closeDb(db), emu?.close()]);
});
beforeEach(() => jar.clear());
// Tests change the seeded admins' roles in Webex: each test starts from the seed's (helpdesk a User Administrator,
// auditor a Read-only Administrator), whichever test ran before it.
beforeEach(async () => {
  await setRoles("helpdesk@acme.example", [role("id_user_admin")]);
  await setRoles("auditor@acme.example", [role("id_readonly_admin")]);
});

async function signInAs(email: string): Promise<void> {
  const csrf = await auth({ action: "csrf", method: "GET" });
  const csrfToken = (csrf.body as { csrfToken: string }).csrfToken;
  const start = await auth({ action: "signin", providerId: "webex", method: "POST", body: { csrfToken, callbackUrl: `${APP}/people` } });
  const back = await approveOnEmulator(emu.url, new URL(start.redirect!).searchParams, email);
  const done = await auth({ action: "callback", providerId: "webex", method: "GET", query: Object.fromEntries(back.searchParams) });
  expect(done.redirect).toBe(`${APP}/people`);
}

// --- Control Hub, as the full administrator would use it -----------------------------------------------------
const role = (code: string) => Buffer.from(`ciscospark://us/ROLE/${code}`).toString("base64url");

async function webex(path: string, init: RequestInit = {}): Promise<Response> {
  return fetch(`${emu.url}/v1${path}`, { ...init, headers: { authorization: `Bearer ${adminToken}`, "content-type": "application/json", ...init.headers } });
}

async function personByEmail(email: string): Promise<Record<string, unknown> & { id: string }> {
  const res = await webex(`/people?email=${encodeURIComponent(email)}`);
  return ((await res.json()) as { items: (Record<string, unknown> & { id: string })[] }).items[0]!;
}

async function setRoles(email: string, roles: string[]): Promise<void> {
  const p = await personByEmail(email);
  const res = await webex(`/people/${p.id}`, { method: "PUT", body: JSON.stringify({ ...p, roles }) });
  expect(res.status).toBe(200);
}

async function meCalls(): Promise<number> {
  const stats = await emulatorControl<{ routes: Record<string, Record<string, number>> }>(emu.url, "/stats");
  return Object.values(stats.routes["GET /v1/people/me"] ?? {}).reduce((a, b) => a + b, 0);
}

// --- The console's routes, called the way Next calls them ----------------------------------------------------
const get = (handler: (req: Request, ctx?: never) => Promise<Response>, path: string) => handler(new Request(`${APP}${path}`));
const readRoutes = () => [get(activity.GET, "/api/activity"), get(activityExport.GET, "/api/activity/export"), get(reclaim.GET, "/api/reclaim")];
async function statuses(): Promise<number[]> {
  return Promise.all(readRoutes().map(async (r) => (await r).status));
}
/** A change with an empty body: 400 (invalid body) for an admin who may write, 403 for one who may not. */
async function tryWrite(): Promise<Response> {
  return person.PATCH(
    new Request(`${APP}/api/people/some-id`, { method: "PATCH", headers: { origin: APP, "content-type": "application/json" }, body: "{}" }),
    { params: Promise.resolve({ id: "Y2lzY29zcGFyazovL3VzL1BFT1BMRS9ub25l" }) },
  );
}
const pause = () => sleep(RECHECK_S * 1000 + 200); // let the re-check interval lapse

describe("the signed-in admin is re-checked against Webex at most once per interval, on every route", () => {
  it("a read-only admin whose roles are removed gets 403 on database-only routes, and pages send them to /not-admin; a promotion applies too", async () => {
    await signInAs("auditor@acme.example");
    expect(await statuses()).toEqual([200, 200, 200]);
    expect((await tryWrite()).status).toBe(403);

    await setRoles("auditor@acme.example", []);
    await pause();
    const refused = await Promise.all(readRoutes());
    for (const res of refused) {
      expect(res.status).toBe(403);
      expect(((await res.json()) as { error: { message: string } }).error.message).toBe("Administrator access required");
    }
    const { requireUser } = await import("@/lib/server/session");
    await expect(requireUser("/activity")).rejects.toMatchObject({ url: "/not-admin" });

    // Promoted to User Administrator: reading and writing are allowed again after the next check.
    await setRoles("auditor@acme.example", [role("id_user_admin")]);
    await pause();
    expect(await statuses()).toEqual([200, 200, 200]);
    expect((await tryWrite()).status).toBe(400);
    await expect(requireUser("/activity")).resolves.toMatchObject({ isAdmin: true, canWrite: true });
  });

  it("a user admin demoted to read-only can still read but no longer write", async () => {
    await signInAs("helpdesk@acme.example");
    expect((await tryWrite()).status).toBe(400);
    await setRoles("helpdesk@acme.example", [role("id_readonly_admin")]);
    await pause();
    const res = await tryWrite();
    expect(res.status).toBe(403);
    expect(((await res.json()) as { error: { message: string } }).error.message).toBe("Your administrator role cannot make changes");
    expect(await statuses()).toEqual([200, 200, 200]);
  });

  it("N concurrent requests after the interval cause exactly one GET /people/me", async () => {
    await signInAs("admin@acme.example");
    expect(await statuses()).toEqual([200, 200, 200]);
    await pause();
    const before = await meCalls();
    const results = await Promise.all(Array.from({ length: 12 }, (_, i) => get(i % 2 ? activity.GET : reclaim.GET, i % 2 ? "/api/activity" : "/api/reclaim")));
    expect(results.map((r) => r.status)).toEqual(Array(12).fill(200));
    expect((await meCalls()) - before).toBe(1);
    // Within the interval nobody asks again.
    await statuses();
    expect((await meCalls()) - before).toBe(1);
  });

  it("two instances (no shared process memory, one database) also check once: the lease is in the token row", async () => {
    await signInAs("admin@acme.example");
    const { decode } = await import("next-auth/jwt");
    const claims = (await decode({ token: jar.get("next-auth.session-token"), secret: process.env.NEXTAUTH_SECRET! }))!;
    const sid = claims.sid as string;
    const { sessionAccess } = await import("@/lib/server/auth/session-check");
    const { sessionCheckConfig } = await import("@/lib/server/auth/config");
    const other = process.env.DATABASE_URL ? await createDb(testDbOptions()) : db; // PGlite: one process, one handle
    try {
      await pause();
      const before = await meCalls();
      const signedInWith = { roles: [], roleNames: [] };
      const processMemory = globalThis as unknown as { __rosterSessionChecks: Map<string, unknown>; __rosterSessionAccess: Map<string, unknown> };
      const runs = Array.from({ length: 6 }, (_, i) => {
        // Each call as if in its own process: nothing this process remembers about the session is shared.
        processMemory.__rosterSessionAccess.delete(sid);
        const run = sessionAccess(i % 2 ? other : db, sessionCheckConfig(), sid, signedInWith);
        processMemory.__rosterSessionChecks.delete(sid);
        return run;
      });
      const results = await Promise.all(runs);
      expect(results.map((r) => r.state)).toEqual(Array(6).fill("ok"));
      expect((await meCalls()) - before).toBe(1);
    } finally {
      if (other !== db) await closeDb(other);
    }
  });

  it("a revoked token ends the session: 401 SessionExpired, pages to sign-in", async () => {
    await signInAs("helpdesk@acme.example");
    expect(await statuses()).toEqual([200, 200, 200]);
    await emulatorControl(emu.url, "/revoke", "POST", { email: "helpdesk@acme.example" });
    await pause();
    for (const res of await Promise.all(readRoutes())) {
      expect(res.status).toBe(401);
      expect(((await res.json()) as { error: { code?: string } }).error.code).toBe("SessionExpired");
    }
    const { requireUser } = await import("@/lib/server/session");
    await expect(requireUser("/activity")).rejects.toMatchObject({ url: "/signin?error=SessionExpired&callbackUrl=%2Factivity" });
  });

  it("a Webex outage during the check does not lock the admin out: the last verified roles stand in (bounded grace)", async () => {
    await signInAs("auditor@acme.example");
    expect(await statuses()).toEqual([200, 200, 200]);
    await emulatorControl(emu.url, "/config", "PUT", { faults: { "500": 1 } });
    try {
      await pause();
      const before = await meCalls();
      expect(await statuses()).toEqual([200, 200, 200]);
      // One attempt, then a pause before the next (not one attempt per request).
      expect(await statuses()).toEqual([200, 200, 200]);
      expect((await meCalls()) - before).toBe(1);
    } finally {
      await emulatorControl(emu.url, "/config", "PUT", { faults: { "500": 0 } });
    }
  });

  it("an admin deleted in Webex loses access: 200 → 401 SessionExpired", async () => {
    // The employee is made a read-only admin first (the seeded admins are needed by the other tests).
    await setRoles("employee@acme.example", [role("id_readonly_admin")]);
    await signInAs("employee@acme.example");
    expect(await statuses()).toEqual([200, 200, 200]);
    const p = await personByEmail("employee@acme.example");
    expect((await webex(`/people/${p.id}`, { method: "DELETE" })).status).toBe(204);
    await pause();
    for (const res of await Promise.all(readRoutes())) {
      expect(res.status).toBe(401);
      expect(((await res.json()) as { error: { code?: string } }).error.code).toBe("SessionExpired");
    }
  });
});
