import { existsSync, readFileSync, statSync } from "node:fs";
import { createHash } from "node:crypto";
import path from "node:path";
import type { Page } from "@playwright/test";
import { decode } from "next-auth/jwt";
import config, { E2E_SERVER_LOG } from "../playwright.config";
import { emulator, expect, signIn, test } from "./fixtures";
import { appRoutes, decodedForms, needlesFor, routeOf, Traffic, type Needle } from "./leak-probe";

// The Webex tokens of a signed-in admin must never leave the server: not to the browser (no response body, header,
// redirect, cookie — HttpOnly or not, encrypted or not — or web storage), not in a URL the browser requests, and not in
// the server's log. The test drives every page and every API route the file system declares (a new route fails it
// until it is driven here), makes changes that run jobs in the background, and forces a token refresh half-way, so
// both the first and the refreshed access token (and the refresh token) are among the secrets searched.

const ADMIN = "admin@acme.example";
const EMPLOYEE = "employee@acme.example";
/** Short enough that the sign-in token is refreshed within the test (the console refreshes at half its lifetime). */
const SHORT_LIFETIME_S = 4;

type IssuedTokens = { tokens: { access_token?: string; refresh_token?: string }[] };
type Stats = { grants: Record<string, number> };
type License = { id: string; name: string };

/** A call from the page (same origin, the session cookie attached): the traffic recorder sees it like any other. */
async function call(page: Page, method: string, url: string, body?: unknown, contentType = "application/json") {
  return page.evaluate(
    async ({ method, url, body, contentType }) => {
      const init: RequestInit = { method, cache: "no-store" };
      if (body !== undefined) {
        init.body = typeof body === "string" ? body : JSON.stringify(body);
        init.headers = { "content-type": contentType };
      }
      const res = await fetch(url, init);
      return { status: res.status, text: await res.text() };
    },
    { method, url, body, contentType },
  );
}

async function expectOk(page: Page, method: string, url: string, body?: unknown, contentType?: string) {
  const res = await call(page, method, url, body, contentType);
  expect(res.status, `${method} ${url}: ${res.text.slice(0, 300)}`).toBeLessThan(400);
  return /^[[{]/.test(res.text) ? (JSON.parse(res.text) as unknown) : null;
}

test.afterEach(async () => {
  // The emulator's startup configuration (the short token lifetime must not outlive this test).
  await emulator("/_emulator/reset", { body: {} });
});

test("Webex tokens never reach the browser or the server log, on any route, before or after a refresh", async ({ page, context }) => {
  test.setTimeout(300_000);
  const routes = appRoutes();
  const apiPatterns = routes.apis.map((a) => a.pattern);
  expect(routes.pages.length).toBeGreaterThan(10);
  expect(routes.apis.length).toBeGreaterThan(20);

  await emulator("/_emulator/reset", { body: {} });
  await emulator("/_emulator/config", { method: "PUT", body: { tokenLifetimeSeconds: SHORT_LIFETIME_S } });

  // Every token the emulator ever lists for the admin during the test, polled throughout: a refreshed-away access
  // token is searched for too.
  const accessTokens = new Set<string>();
  const refreshTokens = new Set<string>();
  const snapshot = async () => {
    const issued = (await emulator(`/_emulator/tokens/issued?email=${encodeURIComponent(ADMIN)}`)) as IssuedTokens;
    for (const t of issued.tokens) {
      if (t.access_token) accessTokens.add(t.access_token);
      if (t.refresh_token) refreshTokens.add(t.refresh_token);
    }
  };
  let polling = true;
  const poller = (async () => {
    while (polling) {
      await snapshot();
      await new Promise((r) => setTimeout(r, 100));
    }
  })();
  let pollerError: unknown;
  poller.catch((err: unknown) => (pollerError = err));

  const traffic = new Traffic(context);
  await traffic.intercept(context);
  const dataDir = path.resolve((config.webServer as { env: Record<string, string> }).env.ROSTER_DATA_DIR!);

  try {
    await signIn(page, ADMIN, "/people");
    await expect(page.getByTestId("signed-in-user")).toBeVisible();
    // Tokens issued from now on live long again: the sign-in token is refreshed once, and the test goes on with the new one.
    await emulator("/_emulator/config", { method: "PUT", body: { tokenLifetimeSeconds: 1_209_600 } });
    await snapshot();
    expect(accessTokens.size, "the sign-in access token").toBeGreaterThanOrEqual(1);
    expect(refreshTokens.size, "the sign-in refresh token").toBeGreaterThanOrEqual(1);

    // What the routes need: a person, a license, jobs.
    const employee = (await emulator(`/_emulator/people?email=${encodeURIComponent(EMPLOYEE)}`)) as { id: string; licenses: string[] };
    const licenses = ((await expectOk(page, "GET", "/api/licenses")) as { items: License[] }).items;
    const held = licenses.find((l) => employee.licenses.includes(l.id))!;
    expect(held, "the employee holds a license").toBeTruthy();

    // Changes, each through the console's API as the browser makes them.
    await expectOk(page, "PATCH", `/api/people/${employee.id}`, { changes: { title: "Leak probe, before the refresh" } });
    // The change feed (issue 15): a sync, a change, a sync; Undo of the feed's row, then of Roster's own change (the undo).
    const syncAndWait = async () => {
      const { run } = (await expectOk(page, "POST", "/api/directory/sync")) as { run: { id: string } };
      await expect
        .poll(async () => ((await expectOk(page, "GET", "/api/directory/sync")) as { lastFinished: { id: string } | null }).lastFinished?.id, { message: "the sync finished", timeout: 60_000 })
        .toBe(run.id);
    };
    await syncAndWait();
    await expectOk(page, "PATCH", `/api/people/${employee.id}`, { changes: { title: "Leak probe, seen by the feed" } });
    await syncAndWait();
    const feedRow = ((await expectOk(page, "GET", `/api/changes?person=${employee.id}&field=title`)) as { items: { id: string }[] }).items[0]!;
    await expectOk(page, "POST", `/api/changes/${feedRow.id}/revert`);
    const undoRow = ((await expectOk(page, "GET", `/api/activity?targetId=${employee.id}&source=roster&limit=1`)) as { items: { id: string }[] }).items[0]!;
    await expectOk(page, "POST", `/api/activity/${undoRow.id}/revert`);
    await expectOk(page, "POST", "/api/people", { emails: ["leak.probe@acme.example"], displayName: "Leak Probe" });
    const created = (await emulator("/_emulator/people?email=leak.probe%40acme.example")) as { id: string };
    await expectOk(page, "DELETE", `/api/people/${created.id}`);
    // A bulk job that changes someone: the first license the employee could be given, else removing one they hold.
    let preview: { job: { id: string }; willChange: number; pool?: { needed: number; fits: number } | null } | undefined;
    const candidates = [
      ...licenses.filter((l) => !employee.licenses.includes(l.id)).map((l) => ({ action: "license-add", licenseId: l.id })),
      { action: "license-remove", licenseId: held.id },
    ];
    for (const c of candidates) {
      preview = (await expectOk(page, "POST", "/api/jobs/preview", { ...c, target: { personIds: [employee.id] } })) as typeof preview;
      if (preview!.willChange > 0 && (!preview!.pool || preview!.pool.fits >= preview!.pool.needed)) break;
    }
    expect(preview!.willChange, "a bulk job that changes someone").toBeGreaterThan(0);
    const jobId = preview!.job.id;
    await expectOk(page, "POST", `/api/jobs/${jobId}/start`, {});
    const reclaim = (await expectOk(page, "POST", "/api/reclaim", { items: [{ personId: employee.id, licenseIds: [held.id] }] })) as { job: { id: string } };
    await expectOk(page, "POST", "/api/reclaim/scan");
    const csvRes = await call(page, "POST", "/api/people/export", { target: { personIds: [employee.id] } });
    expect(csvRes.status).toBe(200);
    await expectOk(page, "POST", "/api/import/preview?name=leak-probe.csv", csvRes.text, "text/csv");
    // Saved views: save, rename, delete (the list is read again by visitAll).
    const savedView = (await expectOk(page, "POST", "/api/views", { name: "Leak probe view", query: "q=leak" })) as { id: string };
    await expectOk(page, "PATCH", `/api/views/${savedView.id}`, { name: "Leak probe view, renamed" });
    await expectOk(page, "DELETE", `/api/views/${savedView.id}`);

    // Concrete URLs for every route pattern; the coverage check below proves each pattern was really served.
    const pageUrls: Record<string, string[]> = {
      "/": ["/"],
      "/activity": ["/activity"],
      "/changes": ["/changes"],
      "/jobs": ["/jobs"],
      "/jobs/[id]": [`/jobs/${jobId}`],
      "/licenses": ["/licenses"],
      "/licenses/[id]": [`/licenses/${held.id}`],
      "/licenses/reclaim": ["/licenses/reclaim"],
      "/not-admin": ["/not-admin"],
      "/people": ["/people"],
      "/people/[id]": [`/people/${employee.id}`],
      "/people/import": ["/people/import"],
      "/people/new": ["/people/new"],
      "/roles": ["/roles"],
      "/signin": ["/signin"],
    };
    const today = new Date().toISOString().slice(0, 10); // the digest's day, UTC
    const apiGetUrls: Record<string, string[]> = {
      "/api/activity": ["/api/activity"],
      "/api/activity/export": ["/api/activity/export"],
      "/api/changes": ["/api/changes"],
      "/api/changes/export": ["/api/changes/export"],
      "/api/digest": [`/api/digest?date=${today}`, `/api/digest?date=${today}&format=csv`],
      "/api/auth/[...nextauth]": ["/api/auth/session", "/api/auth/csrf", "/api/auth/providers"],
      "/api/directory/sync": ["/api/directory/sync"],
      "/api/directory/people": ["/api/directory/people?limit=5", "/api/directory/people?inactive=90&sort=-lastActivity&limit=5"],
      "/api/health": ["/api/health"],
      "/api/health/ready": ["/api/health/ready"],
      "/api/import/template": ["/api/import/template"],
      "/api/jobs": ["/api/jobs"],
      "/api/jobs/[id]": [`/api/jobs/${jobId}`],
      "/api/jobs/[id]/items": [`/api/jobs/${jobId}/items`],
      "/api/jobs/[id]/results": [`/api/jobs/${jobId}/results`],
      "/api/licenses": ["/api/licenses"],
      "/api/licenses/[id]": [`/api/licenses/${held.id}`],
      "/api/licenses/[id]/holders": [`/api/licenses/${held.id}/holders`],
      "/api/licenses/capacity": ["/api/licenses/capacity"],
      "/api/licenses/usage": ["/api/licenses/usage?by=manager&indirect=1", "/api/licenses/usage?by=location"],
      "/api/licenses/usage/export": ["/api/licenses/usage/export?by=department"],
      "/api/locations": ["/api/locations"],
      "/api/me": ["/api/me"],
      "/api/overview": ["/api/overview"],
      "/api/people": ["/api/people?max=5"],
      "/api/people/[id]": [`/api/people/${employee.id}`],
      "/api/reclaim": ["/api/reclaim"],
      "/api/reclaim/export": ["/api/reclaim/export"],
      "/api/reclaim/scan": ["/api/reclaim/scan"],
      "/api/roles": ["/api/roles"],
      "/api/roles/members": ["/api/roles/members"],
      "/api/directory/search": ["/api/directory/search?q=leak"],
      "/api/views": ["/api/views"],
    };
    // A route the file system has and this test does not drive fails here, before anything else.
    expect(Object.keys(pageUrls).sort(), "page routes (app/**/page.tsx) without a URL in this test").toEqual(routes.pages);
    expect(
      Object.keys(apiGetUrls).sort(),
      "GET API routes (app/api/**/route.ts) without a URL in this test",
    ).toEqual(routes.apis.filter((a) => a.methods.includes("GET")).map((a) => a.pattern));

    const quiet = () => expect.poll(() => traffic.pendingList, { message: "requests still open" }).toEqual([]);
    const visitAll = async () => {
      for (const url of Object.values(pageUrls).flat()) {
        await quiet();
        const res = await page.goto(url);
        expect(res?.status(), `GET ${url}`).toBeLessThan(400);
        await settleDown(page);
      }
      await page.goto("/");
      await settleDown(page);
      for (const url of Object.values(apiGetUrls).flat()) await expectOk(page, "GET", url);
    };

    // The reclaim export needs a finished scan (before one, it answers 409 saying so).
    await expect
      .poll(async () => ((await expectOk(page, "GET", "/api/reclaim/scan")) as { running: unknown }).running, { message: "the reclaim scan finished", timeout: 60_000 })
      .toBeNull();
    // Usage by team and its export read the directory index, synced above for the change feed (before a sync, the
    // export answers 409 saying so).
    await visitAll();

    // The sign-in token was short-lived: by now the console has refreshed it (or does so on the next call).
    await expect
      .poll(
        async () => {
          await expectOk(page, "GET", "/api/me");
          return ((await emulator("/_emulator/stats")) as Stats).grants.refresh_token ?? 0;
        },
        { message: "the console refreshed the access token", timeout: 30_000 },
      )
      .toBeGreaterThanOrEqual(1);
    await snapshot();
    expect(accessTokens.size, "the sign-in access token and the refreshed one").toBeGreaterThanOrEqual(2);

    // Everything again on the refreshed token, a change included, and the background job seen to its end.
    await expectOk(page, "PATCH", `/api/people/${employee.id}`, { changes: { title: "Leak probe, after the refresh" } });
    for (const id of [jobId, reclaim.job.id]) {
      await expect
        .poll(async () => ((await expectOk(page, "GET", `/api/jobs/${id}`)) as { status: string }).status, { message: `job ${id} finished`, timeout: 60_000 })
        .toMatch(/^(done|failed|cancelled)$/);
    }
    await expect
      .poll(async () => ((await expectOk(page, "GET", "/api/reclaim/scan")) as { running: unknown; lastFinished: unknown }), {
        message: "the reclaim scan finished",
        timeout: 60_000,
      })
      .toMatchObject({ running: null, lastFinished: expect.anything() });
    await visitAll();

    // What the browser keeps, read before the network is closed.
    const sessionStorageDump = await page.evaluate(() => JSON.stringify({ ...sessionStorage }));
    const storage = await context.storageState({ indexedDB: true });

    // No request leaves the browser any more; every response already seen is read to its end.
    await context.route("**/*", (route) => route.abort("blockedbyclient"));
    await traffic.settle();
    polling = false;
    await poller.catch(() => {});
    expect(pollerError, "polling the issued tokens").toBeUndefined();
    await snapshot();

    // ---- The secrets, in every form ----
    const nextauthSecret = readFileSync(path.join(dataDir, "nextauth-secret"), "utf8").trim();
    const needles: Needle[] = [
      ...[...accessTokens].flatMap((t, i) => needlesFor(`access token #${i + 1}`, t)),
      ...[...refreshTokens].flatMap((t, i) => needlesFor(`refresh token #${i + 1}`, t)),
      ...needlesFor("NEXTAUTH_SECRET", nextauthSecret),
      ...needlesFor("the OAuth client secret", "roster-dev-secret"),
    ];

    // ---- Where they must not be ----
    const haystacks: { where: string; data: Buffer }[] = [];
    const add = (where: string, data: string | Buffer | null | undefined) => {
      if (data && data.length > 0) haystacks.push({ where, data: typeof data === "string" ? Buffer.from(data, "utf8") : data });
    };
    const seenBodies = new Set<string>();
    for (const ex of traffic.exchanges) {
      const what = `${ex.method} ${ex.url} (${ex.resourceType}${ex.status ? `, ${ex.status}` : ""})`;
      add(`the URL of ${what}`, ex.url);
      add(`the URL of ${what}, decoded`, safeDecode(ex.url));
      add(`a request header of ${what}`, ex.requestHeaders.map(([k, v]) => `${k}: ${v}`).join("\n"));
      add(`the request body of ${what}`, ex.requestBody);
      add(`a response header of ${what}`, (ex.responseHeaders ?? []).map(([k, v]) => `${k}: ${v}`).join("\n"));
      const location = ex.responseHeaders?.find(([k]) => k.toLowerCase() === "location")?.[1];
      if (location) add(`the Location of ${what}, decoded`, safeDecode(location));
      if (ex.body) {
        const hash = createHash("sha256").update(ex.body).digest("hex");
        if (!seenBodies.has(hash)) add(`the response body of ${what}`, ex.body);
        seenBodies.add(hash);
      }
    }
    add("the browser console", traffic.consoleMessages.join("\n"));
    const cookies = await context.cookies();
    for (const c of cookies) for (const form of decodedForms(c.value)) add(`cookie ${c.name} (httpOnly: ${c.httpOnly})`, form);
    add("localStorage and IndexedDB (all origins)", JSON.stringify(storage.origins));
    add("sessionStorage", sessionStorageDump);

    // The session cookie, decrypted as the server would: identity and a session id, never a token.
    const sessionCookie = cookies
      .filter((c) => /^next-auth\.session-token(\.\d+)?$/.test(c.name))
      .sort((a, b) => a.name.localeCompare(b.name, "en", { numeric: true }))
      .map((c) => c.value)
      .join("");
    expect(sessionCookie, "the session cookie").not.toBe("");
    const claims = await decode({ token: sessionCookie, secret: nextauthSecret });
    expect(claims?.sid, "the session cookie decrypts to the session's claims").toEqual(expect.any(String));
    add("the decrypted session cookie", JSON.stringify(claims));

    // The server log: the console's and the emulator's stdout and stderr (playwright.config.ts tees them to a file).
    expect(existsSync(E2E_SERVER_LOG), `no server log at ${E2E_SERVER_LOG}: was an already running server reused?`).toBe(true);
    let size = -1;
    await expect.poll(() => {
      const before = size;
      size = statSync(E2E_SERVER_LOG).size;
      return size === before;
    }, { message: "the server log stopped growing", intervals: [500], timeout: 15_000 }).toBe(true);
    const serverLog = readFileSync(E2E_SERVER_LOG);
    expect(serverLog.toString("utf8"), "the log is this server's").toContain(`Console         http://localhost:`);
    add("the server log", serverLog);

    const found: string[] = [];
    for (const { where, data } of haystacks) for (const n of needles) if (data.includes(n.needle)) found.push(`${n.label} in ${where}`);
    expect(found, "secrets that left the server").toEqual([]);

    // ---- The traffic was what the test claims it was ----
    expect(traffic.exchanges.filter((e) => e.unreadable).map((e) => `${e.method} ${e.url} (${e.status}): ${e.unreadable}`), "responses whose body could not be read").toEqual([]);
    // A response cut off after its headers (Next's router cancels prefetches it no longer needs) is accepted only if
    // a response of the same route, method and kind (page, RSC payload, API) was read in full.
    const kindOf = (e: { method: string; url: string; resourceType: string }) => {
      const url = new URL(e.url);
      const route = url.pathname.startsWith("/api/") ? routeOf(apiPatterns, url.pathname) : routeOf(routes.pages, url.pathname);
      const kind = url.searchParams.has("_rsc") ? "RSC" : e.resourceType;
      return `${e.method} ${url.origin}${route ?? url.pathname} (${kind})`;
    };
    const readInFull = new Set(traffic.exchanges.filter((e) => e.body).map(kindOf));
    const cutOff = traffic.exchanges.filter((e) => e.aborted);
    expect(cutOff.filter((e) => !readInFull.has(kindOf(e))).map((e) => `${e.method} ${e.url}: ${e.aborted}`), "responses cut off, never read in full").toEqual([]);
    console.log(`token-leak: ${traffic.exchanges.length} requests, ${traffic.exchanges.filter((e) => e.body).length} bodies read in full, ${cutOff.length} cut off by the browser, ${accessTokens.size} access and ${refreshTokens.size} refresh tokens (${needles.length} needles), ${haystacks.length} places searched`);
    expect(traffic.exchanges.filter((e) => e.body && /\.js(\?|$)/.test(e.url)).length, "scripts searched").toBeGreaterThan(0);

    // Every route the file system declares was served (2xx/3xx), for every method its route.ts exports.
    const consoleOrigin = new URL(page.url()).origin;
    const served = new Set<string>();
    for (const e of traffic.exchanges) {
      const url = new URL(e.url);
      if (url.origin !== consoleOrigin || e.status === undefined || e.status >= 400) continue;
      if (url.pathname.startsWith("/api/")) {
        const r = routeOf(apiPatterns, url.pathname);
        if (r) served.add(`${e.method} ${r}`);
      } else if (e.resourceType === "document") {
        const r = routeOf(routes.pages, url.pathname);
        if (r) served.add(`page ${r}`);
      }
    }
    const declared = [...routes.pages.map((p) => `page ${p}`), ...routes.apis.flatMap((a) => a.methods.map((m) => `${m} ${a.pattern}`))];
    expect(declared.filter((d) => !served.has(d)), "routes never served during the test").toEqual([]);

    // The refresh happened, and the tokens searched include the refreshed one.
    expect(((await emulator("/_emulator/stats")) as Stats).grants.refresh_token).toBeGreaterThanOrEqual(1);
    expect(accessTokens.size).toBeGreaterThanOrEqual(2);

    // The session cookie itself is HttpOnly and SameSite=Lax, and invisible to scripts.
    const session = cookies.find((c) => c.name.includes("session-token"));
    expect(session?.httpOnly).toBe(true);
    expect(session?.sameSite).toBe("Lax");
    const jsCookies = await page.evaluate(() => document.cookie);
    expect(jsCookies).not.toContain("session-token");
  } finally {
    polling = false;
    await poller.catch(() => {});
  }
});

/** Lets a page load what it loads after hydration; a page that polls never goes idle, which is fine too. */
async function settleDown(page: Page) {
  await page.waitForLoadState("networkidle", { timeout: 5_000 }).catch(() => undefined);
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s.replace(/\+/g, " "));
  } catch {
    return s;
  }
}
