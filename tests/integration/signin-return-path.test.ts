// Finding 2 of issue 12: a signed-in admin opening /signin?callbackUrl=<hostile> was redirected off the console
// (`/\t/evil.example`, which browsers read as //evil.example) or got a 500 (`/\n/evil.example`). Here with a real
// session: next-auth's core and our authOptions signing in against the emulator, then the /signin page itself.
// next-auth is driven through tests/integration/next-auth-driver.ts.
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";

import { startEmulator } from "@/emulator/src/server";
import { closeDb, createDb, setDbForTests, type Db } from "@/lib/server/db";
import { resetEnvCache } from "@/lib/server/env";
import { approveOnEmulator, testDbOptions } from "./db-helpers";
import { auth, jar } from "./next-auth-driver";

vi.mock("next/headers", async () => (await import("./next-auth-driver")).nextHeaders);
vi.mock("next/navigation", async () => (await import("./next-auth-driver")).nextNavigation);

const APP = "http://localhost:3000";
let db: Db;
let emu: { url: string; close(): Promise<void> };
const saved = { ...process.env };

beforeAll(async () => {
  [db, emu] = await Promise.all([createDb(testDbOptions()), startEmulator({ port: 0, people: 20, seed: 7 })]);
  Object.assign(process.env, { ROSTER_EMULATOR: "1", WEBEX_API_BASE: `${emu.url}/v1`, NEXTAUTH_SECRET: "return-path-secret-0123456789", NEXTAUTH_URL: APP });
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

/** Signs in as the full admin with `callbackUrl`; answers where next-auth sends the browser at the end. */
async function signIn(callbackUrl: string): Promise<string | undefined> {
  const { csrfToken } = (await auth({ action: "csrf", method: "GET" })).body as { csrfToken: string };
  const start = await auth({ action: "signin", providerId: "webex", method: "POST", body: { csrfToken, callbackUrl } });
  const authorize = new URL(start.redirect!);
  const back = await approveOnEmulator(emu.url, authorize.searchParams, "admin@acme.example");
  return (await auth({ action: "callback", providerId: "webex", method: "GET", query: Object.fromEntries(back.searchParams) })).redirect;
}

/** The /signin page with this callbackUrl (as Next decodes it from the query): where it redirects. */
async function signinPageRedirect(callbackUrl: string): Promise<string> {
  const { default: SignInPage } = await import("@/app/signin/page");
  try {
    await SignInPage({ searchParams: Promise.resolve({ callbackUrl }) });
  } catch (err) {
    const url = (err as { url?: string }).url;
    if (typeof url === "string") return url;
    throw err;
  }
  throw new Error("the signed-in /signin page did not redirect");
}

const HOSTILE = [
  "/\t/evil.example", // ?callbackUrl=/%09/evil.example
  "/\n/evil.example", // ?callbackUrl=/%0a/evil.example (was a 500: a newline cannot go in a Location header)
  "/\r/evil.example",
  "/\u0000/evil.example",
  "/\\evil.example",
  "/.//evil.example",
  "//evil.example",
  "https://evil.example/phish",
];

describe("return path after sign-in", () => {
  it("a signed-in admin on /signin goes to a path on the console, whatever callbackUrl says", async () => {
    await signIn("/");
    expect(await signinPageRedirect("/people?displayName=Al")).toBe("/people?displayName=Al");
    expect(await signinPageRedirect(`${APP}/licenses?a=b`)).toBe("/licenses?a=b");
    for (const hostile of HOSTILE) {
      const to = await signinPageRedirect(hostile);
      expect(to, JSON.stringify(hostile)).toBe("/");
      // A value Next can put in a Location header (no 500) that a browser resolves on the console.
      expect(() => new Headers({ location: to })).not.toThrow();
      expect(new URL(to, APP).origin).toBe(APP);
    }
  });

  it("next-auth sends the browser back to the console after the OAuth callback, never elsewhere", async () => {
    expect(await signIn(`${APP}/people?q=1`)).toBe(`${APP}/people?q=1`);
    expect(await signIn("/activity")).toBe(`${APP}/activity`);
    for (const hostile of HOSTILE) {
      jar.clear();
      expect(await signIn(hostile), JSON.stringify(hostile)).toBe(`${APP}/`);
    }
  });
});
