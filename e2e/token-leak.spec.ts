import { emulator, expect, signIn, test } from "./fixtures";

// The Webex tokens the emulator issued for this sign-in must never reach the browser: not in a response
// body (HTML, JSON, scripts), not in a JS-readable cookie, not in web storage.
test("Webex access and refresh tokens never reach the browser", async ({ page, context }) => {
  await emulator("/_emulator/reset", { body: {} });
  const bodies: { url: string; text: string }[] = [];
  page.on("response", async (res) => {
    try {
      bodies.push({ url: res.url(), text: await res.text() });
    } catch {
      /* redirects and aborted requests have no body */
    }
  });

  await signIn(page, "admin@acme.example", "/people");
  await expect(page.getByTestId("signed-in-user")).toBeVisible();
  for (const path of ["/", "/licenses", "/roles", "/activity", "/people"]) {
    await page.goto(path);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  }
  for (const api of ["/api/auth/session", "/api/me", "/api/people?max=5", "/api/licenses", "/api/roles"]) {
    const res = await page.evaluate(async (u) => (await fetch(u)).text(), api);
    bodies.push({ url: api, text: res });
  }
  await page.waitForLoadState("networkidle");

  const issued = (await emulator("/_emulator/tokens/issued?email=admin@acme.example")) as {
    tokens: { access_token: string; refresh_token?: string }[];
  };
  const secrets = issued.tokens.flatMap((t) => [t.access_token, t.refresh_token]).filter((s): s is string => !!s);
  expect(secrets.length).toBeGreaterThanOrEqual(2);

  const scripts = bodies.filter((b) => /\.js(\?|$)/.test(b.url));
  expect(scripts.length).toBeGreaterThan(0);
  const jsCookies = await page.evaluate(() => document.cookie);
  const cookies = await context.cookies();
  const storage = await page.evaluate(() => JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }));
  for (const secret of secrets) {
    for (const b of bodies) expect(b.text.includes(secret), `token found in ${b.url}`).toBe(false);
    expect(jsCookies.includes(secret)).toBe(false);
    expect(storage.includes(secret)).toBe(false);
    for (const c of cookies) expect(c.value.includes(secret), `token in cookie ${c.name}`).toBe(false);
  }
  // The session cookie itself is HttpOnly and SameSite=Lax.
  const session = cookies.find((c) => c.name.includes("session-token"));
  expect(session?.httpOnly).toBe(true);
  expect(session?.sameSite).toBe("Lax");
  expect(jsCookies).not.toContain("session-token");
});
