import { eq } from "drizzle-orm";
// next-auth does not export ./core; reach the file directly (tests only).
import { decode } from "next-auth/jwt";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";

import { closeDb, createDb, setDbForTests, type Db } from "@/lib/server/db";
import { webexTokens } from "@/lib/server/db/schema";
import { resetEnvCache } from "@/lib/server/env";
import { startEmulator } from "@/emulator/src/server";
import { approveOnEmulator, emulatorControl, testDbOptions } from "./db-helpers";
import { auth, jar } from "./next-auth-driver";

// The real next-auth core, our authOptions, the emulator's OAuth endpoints and our token store, end to end
// (no Next server: next-auth's AuthHandler is driven the way its route handler drives it).

vi.mock("next/headers", async () => (await import("./next-auth-driver")).nextHeaders);
vi.mock("next/navigation", async () => (await import("./next-auth-driver")).nextNavigation);

const SECRET = "auth-test-secret-0123456789abcdef";
const APP = "http://localhost:3000";
let db: Db;
let emu: { url: string; close(): Promise<void> };
const saved = { ...process.env };

beforeAll(async () => {
  [db, emu] = await Promise.all([createDb(testDbOptions()), startEmulator({ port: 0, people: 50, seed: 5 })]);
  Object.assign(process.env, {
    ROSTER_EMULATOR: "1",
    WEBEX_API_BASE: `${emu.url}/v1`,
    NEXTAUTH_SECRET: SECRET,
    NEXTAUTH_URL: APP,
  });
  delete process.env.WEBEX_CLIENT_ID;
  delete process.env.WEBEX_CLIENT_SECRET;
  resetEnvCache();
  setDbForTests(db);
});
afterAll(async () => {
  setDbForTests(undefined);
  process.env = saved;
  resetEnvCache();
  await Promise.all([closeDb(db), emu?.close()]);
});
beforeEach(() => jar.clear());

async function csrf(): Promise<string> {
  const res = await auth({ action: "csrf", method: "GET" });
  return (res.body as { csrfToken: string }).csrfToken;
}

/** Sign in through the emulator's consent form; returns the final redirect and the cookies set. */
async function signInAs(email: string, callbackUrl = `${APP}/people?q=1`) {
  const csrfToken = await csrf();
  const start = await auth({ action: "signin", providerId: "webex", method: "POST", body: { csrfToken, callbackUrl } });
  expect(start.redirect).toBeDefined();
  const authorize = new URL(start.redirect!);
  expect(`${authorize.origin}${authorize.pathname}`).toBe(`${emu.url}/v1/authorize`);
  expect(authorize.searchParams.get("code_challenge_method")).toBe("S256");
  expect(authorize.searchParams.get("state")).toBeTruthy();
  expect(authorize.searchParams.get("scope")).toContain("spark-admin:people_write");
  expect(authorize.searchParams.get("redirect_uri")).toBe(`${APP}/api/auth/callback/webex`);

  const back = await approveOnEmulator(emu.url, authorize.searchParams, email);
  const done = await auth({
    action: "callback",
    providerId: "webex",
    method: "GET",
    query: Object.fromEntries(back.searchParams),
  });
  return done;
}

describe("Sign in with Webex (next-auth + emulator)", () => {
  it("signs the full admin in: identity in the cookie, tokens only in the database (encrypted)", async () => {
    const done = await signInAs("admin@acme.example");
    expect(done.redirect).toBe(`${APP}/people?q=1`);
    const cookie = jar.get("next-auth.session-token");
    expect(cookie).toBeTruthy();

    const token = await decode({ token: cookie, secret: SECRET });
    expect(token).toMatchObject({ email: "admin@acme.example", name: "Ada Admin" });
    const keys = Object.keys(token!);
    for (const k of keys) expect(["sub", "sid", "personId", "orgId", "name", "email", "picture", "avatar", "scopes", "roles", "roleNames", "iat", "exp", "jti"]).toContain(k);
    expect(JSON.stringify(token)).not.toMatch(/access_token|refresh_token|accessToken|refreshToken/);

    const rows = await db.select().from(webexTokens).where(eq(webexTokens.sessionId, token!.sid as string));
    expect(rows).toHaveLength(1);
    expect(rows[0]!.accessTokenEnc.startsWith("v1.")).toBe(true);
    expect(rows[0]!.refreshTokenEnc?.startsWith("v1.")).toBe(true);

    const { getSessionState, getAccessToken, requireUser } = await import("@/lib/server/session");
    const state = await getSessionState();
    expect(state.user).toMatchObject({ email: "admin@acme.example", isAdmin: true, canWrite: true });
    expect(state.user!.roleNames).toContain("Full Administrator");
    expect(JSON.stringify(state.user)).not.toContain(token!.sid as string);
    // The decrypted token really is a Webex token for this person, and never in the cookie.
    const access = await getAccessToken(state.user!);
    expect(cookie).not.toContain(access);
    const me = await fetch(`${emu.url}/v1/people/me`, { headers: { authorization: `Bearer ${access}` } });
    expect(((await me.json()) as { emails: string[] }).emails).toContain("admin@acme.example");
    await expect(requireUser("/people")).resolves.toMatchObject({ isAdmin: true });

    // The browser-visible session: identity only.
    const session = await auth({ action: "session", method: "GET" });
    expect(JSON.stringify(session.body)).not.toContain(token!.sid as string);
    expect(session.body).toMatchObject({ user: { email: "admin@acme.example", isAdmin: true, canWrite: true } });
  });

  it("the read-only admin is an admin who cannot write; the employee is not an admin", async () => {
    await signInAs("auditor@acme.example");
    const { getSessionState, requireUser } = await import("@/lib/server/session");
    expect((await getSessionState()).user).toMatchObject({ isAdmin: true, canWrite: false });

    jar.clear();
    await signInAs("employee@acme.example");
    const state = await getSessionState();
    expect(state.user).toMatchObject({ email: "employee@acme.example", isAdmin: false, canWrite: false });
    await expect(requireUser("/people")).rejects.toMatchObject({ url: "/not-admin" });
  });

  it("sign-out deletes the token row", async () => {
    await signInAs("helpdesk@acme.example");
    const token = await decode({ token: jar.get("next-auth.session-token"), secret: SECRET });
    const csrfToken = await csrf();
    await auth({ action: "signout", method: "POST", body: { csrfToken, callbackUrl: `${APP}/signin` } });
    expect(jar.has("next-auth.session-token")).toBe(false);
    expect(await db.select().from(webexTokens).where(eq(webexTokens.sessionId, token!.sid as string))).toEqual([]);
    const { getSessionState, requireUser } = await import("@/lib/server/session");
    expect(await getSessionState()).toEqual({ user: null, reason: "signed-out" });
    await expect(requireUser("/people?x=1")).rejects.toMatchObject({ url: "/signin?callbackUrl=%2Fpeople%3Fx%3D1" });
  });

  it("a revoked refresh token ends the session; pages send the user to /signin?error=SessionExpired", async () => {
    await emulatorControl(emu.url, "/config", "PUT", { tokenLifetimeSeconds: 1 });
    try {
      await signInAs("helpdesk@acme.example");
      const { getSessionState, getAccessToken, forceRefresh, requireUser, SessionEndedError } = await import("@/lib/server/session");
      const user = (await getSessionState()).user!;
      await emulatorControl(emu.url, "/revoke", "POST", { email: "helpdesk@acme.example" });
      await new Promise((r) => setTimeout(r, 1_100));
      await expect(getAccessToken(user)).rejects.toBeInstanceOf(SessionEndedError);
      expect(await forceRefresh(user)).toBeNull();
      expect(await getSessionState()).toEqual({ user: null, reason: "expired" });
      await expect(requireUser("/licenses")).rejects.toMatchObject({ url: "/signin?error=SessionExpired&callbackUrl=%2Flicenses" });
    } finally {
      await emulatorControl(emu.url, "/config", "PUT", { tokenLifetimeSeconds: 1_209_600 });
    }
  });

  it("a cancelled consent comes back as an error, not a session", async () => {
    const csrfToken = await csrf();
    const start = await auth({ action: "signin", providerId: "webex", method: "POST", body: { csrfToken, callbackUrl: APP } });
    const form = new URLSearchParams(new URL(start.redirect!).searchParams);
    form.set("deny", "1");
    const res = await fetch(`${emu.url}/v1/authorize`, { method: "POST", body: form, redirect: "manual" });
    const back = new URL(res.headers.get("location")!);
    const done = await auth({ action: "callback", providerId: "webex", method: "GET", query: Object.fromEntries(back.searchParams) });
    const errorUrl = new URL(done.redirect!);
    expect(errorUrl.pathname).toBe("/api/auth/error");
    const error = errorUrl.searchParams.get("error")!;
    const shown = await auth({ action: "error", method: "GET", error, query: { error } });
    expect(shown.redirect).toMatch(/\/signin\?error=(Callback|OAuthCallback|AccessDenied)$/);
    expect(jar.has("next-auth.session-token")).toBe(false);
  });
});
