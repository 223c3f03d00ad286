import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { decryptToken, encryptToken } from "@/lib/server/auth/crypto";
import {
  deleteDeadTokens,
  deleteTokens,
  getValidAccessToken,
  saveTokens,
  SessionEndedError,
  sessionAlive,
  type TokenStoreConfig,
} from "@/lib/server/auth/token-store";
import { closeDb, createDb, type Db } from "@/lib/server/db";
import { webexTokens } from "@/lib/server/db/schema";
import { startEmulator } from "@/emulator/src/server";
import { DEV_CLIENT_ID, DEV_CLIENT_SECRET, emulatorControl, emulatorTokens, sleep, testDbOptions } from "./db-helpers";

const SECRET = "test-secret-for-token-encryption";
let db: Db;
let emu: { url: string; close(): Promise<void> };
let cfg: TokenStoreConfig;

beforeAll(async () => {
  [db, emu] = await Promise.all([createDb(testDbOptions()), startEmulator({ port: 0, people: 50, seed: 3 })]);
  cfg = { secret: SECRET, tokenUrl: `${emu.url}/v1/access_token`, clientId: DEV_CLIENT_ID, clientSecret: DEV_CLIENT_SECRET, timeoutMs: 5000 };
});
afterAll(async () => {
  await Promise.all([closeDb(db), emu?.close()]);
});

const sid = () => `test-${crypto.randomUUID()}`;
const grants = async () => (await emulatorControl<{ grants: { refresh_token: number } }>(emu.url, "/stats")).grants.refresh_token;

async function signIn(email: string, sessionId = sid()) {
  const t = await emulatorTokens(emu.url, email);
  await saveTokens(db, cfg, {
    sessionId,
    personId: `person-${email}`,
    orgId: "org-1",
    tokens: { accessToken: t.access_token, expiresIn: t.expires_in, refreshToken: t.refresh_token, refreshExpiresIn: t.refresh_token_expires_in, scopes: t.scope },
  });
  return { sessionId, tokens: t };
}

describe("token encryption", () => {
  it("round-trips, and is bound to the secret and the session id", () => {
    const c = encryptToken("abc.def", SECRET, "s1");
    expect(c).not.toContain("abc.def");
    expect(decryptToken(c, SECRET, "s1")).toBe("abc.def");
    expect(encryptToken("abc.def", SECRET, "s1")).not.toBe(c); // random IV
    expect(() => decryptToken(c, "other-secret", "s1")).toThrow();
    expect(() => decryptToken(c, SECRET, "s2")).toThrow();
  });

  it("stores only ciphertext in webex_tokens", async () => {
    const { sessionId, tokens } = await signIn("admin@acme.example");
    const raw = await db.execute<Record<string, unknown>>(sql`SELECT * FROM webex_tokens WHERE session_id = ${sessionId}`);
    const text = JSON.stringify(raw.rows[0]);
    expect(text).not.toContain(tokens.access_token);
    expect(text).not.toContain(tokens.refresh_token);
    expect(await getValidAccessToken(db, cfg, sessionId)).toBe(tokens.access_token);
    expect(await sessionAlive(db, {}, sessionId)).toBe(true);
  });

  it("sweeps rows that can never be used again, and only those", async () => {
    const live = await signIn("admin@acme.example");
    const dead = sid();
    await saveTokens(db, { ...cfg, now: () => Date.now() - 100 * 24 * 3600 * 1000 }, {
      sessionId: dead,
      personId: "p",
      orgId: "o",
      tokens: { accessToken: "a", expiresIn: 60, refreshToken: "r", refreshExpiresIn: 90 * 24 * 3600 },
    });
    await deleteDeadTokens(db);
    expect(await sessionAlive(db, {}, dead)).toBe(false);
    expect(await db.select().from(webexTokens).where(eq(webexTokens.sessionId, dead))).toEqual([]);
    expect(await sessionAlive(db, {}, live.sessionId)).toBe(true);
  });

  it("a missing row is a typed SessionEndedError", async () => {
    await expect(getValidAccessToken(db, cfg, "no-such-session")).rejects.toMatchObject({ name: "SessionEndedError", reason: "missing", status: 401 });
  });
});

describe("the in-process token cache (cacheMs)", () => {
  it("serves a fresh token without reading the row, forgets it on sign-out, and never serves it past its freshness", async () => {
    const cached: TokenStoreConfig = { ...cfg, cacheMs: 60_000 };
    const { sessionId, tokens } = await signIn("admin@acme.example");
    expect(await getValidAccessToken(db, cached, sessionId)).toBe(tokens.access_token);
    // The row is gone behind the cache's back (another instance signed the user out): still served from memory…
    await db.delete(webexTokens).where(eq(webexTokens.sessionId, sessionId));
    expect(await getValidAccessToken(db, cached, sessionId)).toBe(tokens.access_token);
    expect(await sessionAlive(db, cached, sessionId)).toBe(true);
    // …for at most cacheMs: a config whose clock is past it reads the row again.
    const later: TokenStoreConfig = { ...cached, now: () => Date.now() + 61_000 };
    await expect(getValidAccessToken(db, later, sessionId)).rejects.toBeInstanceOf(SessionEndedError);
    // Without the cache (the default) every call reads the row.
    await expect(getValidAccessToken(db, cfg, sessionId)).rejects.toBeInstanceOf(SessionEndedError);

    // Sign-out on this instance (deleteTokens) forgets the cached token at once.
    const again = await signIn("admin@acme.example");
    expect(await getValidAccessToken(db, cached, again.sessionId)).toBe(again.tokens.access_token);
    await deleteTokens(db, again.sessionId);
    await expect(getValidAccessToken(db, cached, again.sessionId)).rejects.toBeInstanceOf(SessionEndedError);
    expect(await sessionAlive(db, cached, again.sessionId)).toBe(false);
  });

  it("a token due for refresh is not served from the cache: it is refreshed once and the new one is cached", async () => {
    await emulatorControl(emu.url, "/config", "PUT", { tokenLifetimeSeconds: 4 });
    try {
      const cached: TokenStoreConfig = { ...cfg, cacheMs: 60_000 };
      const { sessionId, tokens } = await signIn("auditor@acme.example");
      expect(await getValidAccessToken(db, cached, sessionId)).toBe(tokens.access_token);
      await sleep(2_200); // past half the 4 s lifetime
      const before = await grants();
      const fresh = await getValidAccessToken(db, cached, sessionId);
      expect(fresh).not.toBe(tokens.access_token);
      expect(await grants()).toBe(before + 1);
      expect(await getValidAccessToken(db, cached, sessionId)).toBe(fresh);
      expect(await grants()).toBe(before + 1);
    } finally {
      await emulatorControl(emu.url, "/config", "PUT", { tokenLifetimeSeconds: 1_209_600 });
    }
  });
});

describe("refresh under a lease", () => {
  it("10 concurrent calls at expiry refresh exactly once", async () => {
    await emulatorControl(emu.url, "/config", "PUT", { tokenLifetimeSeconds: 5 });
    try {
      const { sessionId, tokens } = await signIn("helpdesk@acme.example");
      await sleep(3_000); // past half the 5 s lifetime: due for refresh
      const before = await grants();
      const results = await Promise.all(Array.from({ length: 10 }, () => getValidAccessToken(db, cfg, sessionId)));
      expect(await grants()).toBe(before + 1);
      expect(new Set(results).size).toBe(1);
      expect(results[0]).not.toBe(tokens.access_token);
      // The new token works against Webex.
      const me = await fetch(`${emu.url}/v1/people/me`, { headers: { authorization: `Bearer ${results[0]}` } });
      expect(me.status).toBe(200);
      // A session keeps working across expiry.
      await sleep(5_500);
      const later = await getValidAccessToken(db, cfg, sessionId);
      expect(later).not.toBe(results[0]);
      expect((await fetch(`${emu.url}/v1/people/me`, { headers: { authorization: `Bearer ${later}` } })).status).toBe(200);
      expect(await grants()).toBe(before + 2);
    } finally {
      await emulatorControl(emu.url, "/config", "PUT", { tokenLifetimeSeconds: 1_209_600 });
    }
  });

  // PGlite is one process (one handle per database): the lock across instances needs a server, so this test exists
  // only in the PostgreSQL pass of npm test (which always runs it), not as a skipped test in the PGlite pass.
  const onServer = process.env.DATABASE_URL ? it : () => undefined;
  onServer("two database handles (two instances) also refresh once", async () => {
    const other = await createDb(testDbOptions());
    await emulatorControl(emu.url, "/config", "PUT", { tokenLifetimeSeconds: 4 });
    try {
      const { sessionId } = await signIn("auditor@acme.example");
      await sleep(2_500);
      const before = await grants();
      const results = await Promise.all(
        Array.from({ length: 10 }, (_, i) => getValidAccessToken(i % 2 ? db : other, cfg, sessionId)),
      );
      expect(await grants()).toBe(before + 1);
      expect(new Set(results).size).toBe(1);
    } finally {
      await emulatorControl(emu.url, "/config", "PUT", { tokenLifetimeSeconds: 1_209_600 });
      await closeDb(other);
    }
  });

  it("forceRefresh after a 401 refreshes once, even when several callers force at once", async () => {
    const { sessionId, tokens } = await signIn("admin@acme.example");
    const before = await grants();
    const results = await Promise.all(Array.from({ length: 5 }, () => getValidAccessToken(db, cfg, sessionId, { force: true })));
    expect(await grants()).toBe(before + 1);
    expect(new Set(results).size).toBe(1);
    expect(results[0]).not.toBe(tokens.access_token);
  });

  it("a revoked refresh token ends the session cleanly: row deleted, typed reason", async () => {
    await emulatorControl(emu.url, "/config", "PUT", { tokenLifetimeSeconds: 2 });
    try {
      const { sessionId } = await signIn("employee@acme.example");
      await emulatorControl(emu.url, "/revoke", "POST", { email: "employee@acme.example" });
      await sleep(2_100);
      const calls = await Promise.allSettled(Array.from({ length: 3 }, () => getValidAccessToken(db, cfg, sessionId)));
      for (const c of calls) {
        expect(c.status).toBe("rejected");
        const err = (c as PromiseRejectedResult).reason as SessionEndedError;
        expect(err).toBeInstanceOf(SessionEndedError);
        expect(["refresh_failed", "missing"]).toContain(err.reason);
        expect(err.code).toBe("SessionExpired");
      }
      expect(calls.some((c) => ((c as PromiseRejectedResult).reason as SessionEndedError).reason === "refresh_failed")).toBe(true);
      expect(await db.select().from(webexTokens).where(eq(webexTokens.sessionId, sessionId))).toEqual([]);
      expect(await sessionAlive(db, {}, sessionId)).toBe(false);
    } finally {
      await emulatorControl(emu.url, "/config", "PUT", { tokenLifetimeSeconds: 1_209_600 });
    }
  });

  it("a token endpoint outage keeps the still-valid token instead of ending the session", async () => {
    const { sessionId, tokens } = await signIn("admin@acme.example");
    const broken = { ...cfg, tokenUrl: "http://127.0.0.1:9/v1/access_token", timeoutMs: 1000, refreshAheadMs: 1e12 };
    // refreshAheadMs is capped at half the lifetime; look 8 days ahead instead by faking the clock.
    const now = Date.now() + 8 * 24 * 3600 * 1000;
    expect(await getValidAccessToken(db, { ...broken, now: () => now }, sessionId)).toBe(tokens.access_token);
    // Once it has really expired, the outage is an error (not a session end), and the row stays.
    const later = Date.now() + 15 * 24 * 3600 * 1000;
    await expect(getValidAccessToken(db, { ...broken, now: () => later }, sessionId)).rejects.toMatchObject({ name: "TokenRefreshError" });
    expect(await sessionAlive(db, {}, sessionId)).toBe(true);
  });
});

describe("refresh outside any transaction (a slow token endpoint blocks nobody)", () => {
  /**
   * A token endpoint in front of the emulator's that holds each grant until released (or `maxHoldMs` passed, so
   * a database that waits for the grant cannot hang the test), then forwards it.
   */
  async function slowTokenEndpoint(maxHoldMs: number) {
    const { createServer } = await import("node:http");
    let arrived!: () => void;
    const arrival = new Promise<void>((r) => (arrived = r));
    let release!: () => void;
    const released = new Promise<void>((r) => (release = r));
    const server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (c: Buffer) => chunks.push(c));
      req.on("end", () => {
        arrived();
        void Promise.race([released, sleep(maxHoldMs)]).then(async () => {
          const upstream = await fetch(`${emu.url}/v1/access_token`, {
            method: "POST",
            headers: { "content-type": String(req.headers["content-type"]) },
            body: Buffer.concat(chunks),
          });
          res.writeHead(upstream.status, { "content-type": "application/json" }).end(await upstream.text());
        });
      });
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    const { port } = server.address() as import("node:net").AddressInfo;
    return {
      tokenUrl: `http://127.0.0.1:${port}/v1/access_token`,
      arrival,
      release,
      close: () => new Promise<void>((r) => { server.closeAllConnections(); server.close(() => r()); }),
    };
  }

  it("an unrelated query on the same database finishes while a refresh is in flight, and no transaction is open meanwhile", async () => {
    const slow = await slowTokenEndpoint(4_000);
    try {
      const { sessionId, tokens } = await signIn("admin@acme.example");
      const before = await grants();
      const order: string[] = [];
      const refresh = getValidAccessToken(db, { ...cfg, tokenUrl: slow.tokenUrl }, sessionId, { force: true }).then((t) => {
        order.push("refresh");
        return t;
      });
      await slow.arrival; // the grant is at the token endpoint now, and held there
      const openTx = await db.execute<{ n: number }>(sql`
        SELECT count(*)::int AS n FROM pg_stat_activity
        WHERE datname = current_database() AND state LIKE 'idle in transaction%' AND query ILIKE '%webex_tokens%'`).then(
        (r) => r.rows[0]!.n,
        () => 0, // PGlite has no pg_stat_activity rows of other connections: it is one connection
      );
      order.push("query");
      slow.release();
      const fresh = await refresh;
      expect(order).toEqual(["query", "refresh"]);
      expect(openTx).toBe(0);
      expect(fresh).not.toBe(tokens.access_token);
      expect(await grants()).toBe(before + 1);
      expect(await getValidAccessToken(db, cfg, sessionId)).toBe(fresh);
    } finally {
      await slow.close();
    }
  });

  it("callers arriving during a slow refresh wait for it and get its token: still one grant", async () => {
    const slow = await slowTokenEndpoint(4_000);
    try {
      const { sessionId } = await signIn("helpdesk@acme.example");
      const before = await grants();
      const slowCfg = { ...cfg, tokenUrl: slow.tokenUrl };
      const first = getValidAccessToken(db, slowCfg, sessionId, { force: true });
      await slow.arrival;
      const others = Array.from({ length: 5 }, () => getValidAccessToken(db, slowCfg, sessionId, { force: true }));
      await sleep(200); // they are polling the lease now
      slow.release();
      const results = await Promise.all([first, ...others]);
      expect(new Set(results).size).toBe(1);
      expect(await grants()).toBe(before + 1);
    } finally {
      await slow.close();
    }
  });
});
