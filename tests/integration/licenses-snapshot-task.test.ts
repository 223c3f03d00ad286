// The periodic snapshot task: one round stores each org's license counts with the token of that org's most recent
// session that can read licenses (falling back through the others), at most once per hour; skips are recorded.
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator } from "@/emulator/src/server";
import { tokenStoreConfig } from "@/lib/server/auth/config";
import { saveTokens } from "@/lib/server/auth/token-store";
import { closeDb, createDb, setDbForTests, type Db } from "@/lib/server/db";
import { snapshotAllOrgs } from "@/lib/server/licenses/snapshot-task";
import { isolatedTestDbOptions, setTestEnv } from "./db-helpers";

let db: Db;
let emu: { url: string; close(): Promise<void> };
let restoreEnv: () => void;

beforeAll(async () => {
  // A database of its own: this file empties webex_tokens and license_snapshots, which other files (in parallel on
  // CI's PostgreSQL pass) rely on.
  db = await createDb(await isolatedTestDbOptions());
  setDbForTests(db);
  await db.execute(sql`DELETE FROM license_snapshots`);
  await db.execute(sql`DELETE FROM webex_tokens`);
  emu = await startEmulator({ port: 0, people: 300 });
  restoreEnv = setTestEnv({ WEBEX_API_BASE: `${emu.url}/v1`, ROSTER_EMULATOR: "1", NEXTAUTH_SECRET: "snapshot-task-test-secret", WEBEX_CLIENT_ID: "", WEBEX_CLIENT_SECRET: "" });
});

afterAll(async () => {
  restoreEnv?.();
  await emu?.close();
  setDbForTests(undefined);
  await closeDb(db);
});

describe("snapshotAllOrgs", () => {
  it("snapshots every license of an org with a live session, once per hour", async () => {
    const { access_token } = (await (await fetch(`${emu.url}/_emulator/tokens`, { method: "POST", headers: { "content-type": "application/json" }, body: '{"email":"auditor@acme.example"}' })).json()) as { access_token: string };
    const me = (await (await fetch(`${emu.url}/v1/people/me`, { headers: { authorization: `Bearer ${access_token}` } })).json()) as { id: string; orgId: string };
    const licenses = ((await (await fetch(`${emu.url}/v1/licenses`, { headers: { authorization: `Bearer ${access_token}` } })).json()) as { items: unknown[] }).items;
    await saveTokens(db, tokenStoreConfig(), { sessionId: "s-task", personId: me.id, orgId: me.orgId, tokens: { accessToken: access_token, expiresIn: 3600, scopes: "spark-admin:licenses_read" } });

    expect(await snapshotAllOrgs()).toEqual({ [me.orgId]: licenses.length });
    expect(await snapshotAllOrgs()).toEqual({ [me.orgId]: 0 }); // same hour: nothing new
    const n = await db.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM license_snapshots WHERE org_id = ${me.orgId}`);
    expect(n.rows[0]!.n).toBe(licenses.length);
  });

  it("with several instances, one round per org per interval calls Webex (the round is claimed in task_runs)", async () => {
    const stats = async () => ((await (await fetch(`${emu.url}/_emulator/stats`)).json()) as { routes: Record<string, Record<string, number>> }).routes["GET /v1/licenses"]?.["200"] ?? 0;
    await db.execute(sql`DELETE FROM task_runs`);
    const before = await stats();
    // Two instances' timers fire in the same interval: only one of them reaches Webex for the org.
    const rounds = await Promise.all([snapshotAllOrgs(60_000), snapshotAllOrgs(60_000)]);
    const ran = rounds.filter((r) => Object.keys(r).some((org) => org !== "org-dead"));
    expect(ran).toHaveLength(1);
    expect((await stats()) - before).toBe(1);
    // The same interval again: nobody runs it.
    expect(Object.keys(await snapshotAllOrgs(60_000)).filter((org) => org !== "org-dead")).toEqual([]);
    expect((await stats()) - before).toBe(1);
  });

  it("an org whose session ended is skipped, not fatal", async () => {
    await saveTokens(db, tokenStoreConfig(), { sessionId: "s-dead", personId: "p", orgId: "org-dead", tokens: { accessToken: "revoked", expiresIn: 3600, scopes: "spark-admin:licenses_read" } });
    const out = await snapshotAllOrgs();
    expect(out["org-dead"]).toBeUndefined();
  });
});

describe("which session the task acts with (issue 12, finding 12)", () => {
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
  const fresh = async () => {
    await db.execute(sql`DELETE FROM webex_tokens WHERE org_id <> 'org-dead'`);
    await db.execute(sql`DELETE FROM license_snapshots`);
  };

  it("the org's most recent session is not an administrator: an older admin session takes the snapshot", async () => {
    await fresh();
    const auditor = await session("auditor@acme.example", 60_000, [role("id_readonly_admin")]);
    await session("employee@acme.example", 0); // most recently active, roles not stored
    const out = await snapshotAllOrgs();
    expect(out[auditor.orgId]).toBeGreaterThan(0);
  });

  it("an admin session Webex refuses (its stored roles are out of date) falls back to the next one", async () => {
    await fresh();
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
    await fresh();
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
