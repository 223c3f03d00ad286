// The periodic snapshot task: one round stores each org's license counts with the token of that org's most recent
// session that can read licenses (falling back through the others), at most once per hour; skips are recorded.
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startEmulator } from "@/emulator/src/server";
import { tokenStoreConfig } from "@/lib/server/auth/config";
import { saveTokens } from "@/lib/server/auth/token-store";
import { closeDb, createDb, setDbForTests, type Db } from "@/lib/server/db";
import { snapshotAllOrgs } from "@/lib/server/licenses/snapshot-task";
import { setTestEnv, testDbOptions } from "./db-helpers";

let db: Db;
let emu: { url: string; close(): Promise<void> };
let restoreEnv: () => void;

beforeAll(async () => {
  db = await createDb(testDbOptions()); // the file's own (tests/integration/setup-db.ts)
  setDbForTests(db);
  emu = await startEmulator({ port: 0, people: 300 });
  restoreEnv = setTestEnv({ WEBEX_API_BASE: `${emu.url}/v1`, ROSTER_EMULATOR: "1", NEXTAUTH_SECRET: "snapshot-task-test-secret", WEBEX_CLIENT_ID: "", WEBEX_CLIENT_SECRET: "" });
});

// Each test starts with no session, no snapshot and no claimed round, and stores the sessions it needs: every org
// here is the emulator's one org, so a row left by another test would change what the next round does.
beforeEach(async () => {
  await db.execute(sql`DELETE FROM webex_tokens`);
  await db.execute(sql`DELETE FROM license_snapshots`);
  await db.execute(sql`DELETE FROM task_runs`);
});

afterAll(async () => {
  restoreEnv?.();
  await emu?.close();
  setDbForTests(undefined);
  await closeDb(db);
});

const role = (code: string) => Buffer.from(`ciscospark://us/ROLE/${code}`).toString("base64url");
const licensesCalls = async () =>
  ((await (await fetch(`${emu.url}/_emulator/stats`)).json()) as { routes: Record<string, Record<string, number>> }).routes["GET /v1/licenses"] ?? {};

/** A stored session of a seeded account, `ageMs` old; `roles` as sign-in (or the re-check) stored them, or unknown. */
async function session(email: string, ageMs: number, roles?: string[]) {
  const { access_token } = (await (await fetch(`${emu.url}/_emulator/tokens`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ email }) })).json()) as { access_token: string };
  const me = (await (await fetch(`${emu.url}/v1/people/me`, { headers: { authorization: `Bearer ${access_token}` } })).json()) as { id: string; orgId: string };
  const sessionId = `s-${crypto.randomUUID()}`;
  await saveTokens(db, { ...tokenStoreConfig(), now: () => Date.now() - ageMs }, {
    sessionId,
    personId: me.id,
    orgId: me.orgId,
    tokens: { accessToken: access_token, expiresIn: 24 * 3600, scopes: "spark-admin:licenses_read" },
    ...(roles ? { identity: { roles, roleNames: roles } } : {}),
  });
  return { sessionId, orgId: me.orgId, token: access_token };
}

async function emulatorLicenses(token: string): Promise<unknown[]> {
  return ((await (await fetch(`${emu.url}/v1/licenses`, { headers: { authorization: `Bearer ${token}` } })).json()) as { items: unknown[] }).items;
}

describe("snapshotAllOrgs", () => {
  it("snapshots every license of an org with a live session, once per hour", async () => {
    const auditor = await session("auditor@acme.example", 0);
    const licenses = await emulatorLicenses(auditor.token);

    expect(await snapshotAllOrgs()).toEqual({ [auditor.orgId]: licenses.length });
    expect(await snapshotAllOrgs()).toEqual({ [auditor.orgId]: 0 }); // same hour: nothing new
    const n = await db.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM license_snapshots WHERE org_id = ${auditor.orgId}`);
    expect(n.rows[0]!.n).toBe(licenses.length);
  });

  it("with several instances, one round per org per interval calls Webex (the round is claimed in task_runs)", async () => {
    const auditor = await session("auditor@acme.example", 0);
    const before = (await licensesCalls())["200"] ?? 0;
    // Two instances' timers fire in the same interval: only one of them reaches Webex for the org. (One instant for
    // every call: with the clock's, the last call could fall into the next interval.)
    const at = Math.floor(Date.now() / 60_000) * 60_000 + 1_000;
    const rounds = await Promise.all([snapshotAllOrgs(60_000, at), snapshotAllOrgs(60_000, at + 1)]);
    expect(rounds.filter((r) => auditor.orgId in r)).toHaveLength(1);
    expect(((await licensesCalls())["200"] ?? 0) - before).toBe(1);
    // The same interval again: nobody runs it.
    expect(await snapshotAllOrgs(60_000, at + 2)).toEqual({});
    expect(((await licensesCalls())["200"] ?? 0) - before).toBe(1);
  });

  it("an org whose session ended is skipped, not fatal: the other orgs are still snapshot", async () => {
    const auditor = await session("auditor@acme.example", 0);
    await saveTokens(db, tokenStoreConfig(), { sessionId: "s-dead", personId: "p", orgId: "org-dead", tokens: { accessToken: "revoked", expiresIn: 3600, scopes: "spark-admin:licenses_read" } });
    const out = await snapshotAllOrgs();
    expect(out["org-dead"]).toBeUndefined();
    expect(out[auditor.orgId]).toBe((await emulatorLicenses(auditor.token)).length);
  });
});

describe("which session the task acts with (issue 12, finding 12)", () => {
  it("the org's most recent session is not an administrator: an older admin session takes the snapshot", async () => {
    const auditor = await session("auditor@acme.example", 60_000, [role("id_readonly_admin")]);
    await session("employee@acme.example", 0); // most recently active, roles not stored
    const out = await snapshotAllOrgs();
    expect(out[auditor.orgId]).toBeGreaterThan(0);
  });

  it("an admin session Webex refuses (its stored roles are out of date) falls back to the next one", async () => {
    const auditor = await session("auditor@acme.example", 60_000, [role("id_readonly_admin")]);
    await session("employee@acme.example", 0, [role("id_user_admin")]); // demoted since: Webex answers 403
    const before = await licensesCalls();
    const out = await snapshotAllOrgs();
    const after = await licensesCalls();
    expect(out[auditor.orgId]).toBeGreaterThan(0);
    expect((after["403"] ?? 0) - (before["403"] ?? 0)).toBe(1);
    expect((after["200"] ?? 0) - (before["200"] ?? 0)).toBe(1);
  });

  it("when no session can read licenses the skip is recorded with its reason, and the license history says so", async () => {
    const employee = await session("employee@acme.example", 0, []);
    const out = await snapshotAllOrgs();
    expect(out[employee.orgId]).toBeUndefined();

    // What an admin sees with the license's history (GET /api/licenses/{id} and its page).
    const { WebexClient } = await import("@/lib/server/webex/client");
    const { MemoryBudgetStore } = await import("@/lib/server/webex/budget");
    const { licenseDetailView } = await import("@/lib/server/licenses/views");
    const admin = await session("auditor@acme.example", 0, [role("id_readonly_admin")]);
    const webex = new WebexClient({ baseUrl: `${emu.url}/v1`, orgId: admin.orgId, accessToken: async () => admin.token, budget: new MemoryBudgetStore(), perMinute: 1_000_000, timeoutMs: 5_000 });
    const [license] = await webex.listLicenses();
    const view = await licenseDetailView(webex, { orgId: admin.orgId, isAdmin: true, scopes: [] }, license!.id);
    expect(view!.snapshotSkipped).toMatchObject({ reason: "no signed-in administrator can read licenses" });
    expect(view!.snapshotSkipped!.at).toBeLessThanOrEqual(Date.now());

    // The next round that succeeds clears the note.
    await snapshotAllOrgs();
    expect((await licenseDetailView(webex, { orgId: admin.orgId, isAdmin: true, scopes: [] }, license!.id))!.snapshotSkipped).toBeNull();
  });
});
