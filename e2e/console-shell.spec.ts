import type { Page } from "@playwright/test";
import { emulator, expect, expectNoSeriousAxe, signIn, test } from "./fixtures";
import { emuLicenses, forgetToken, webex } from "./licenses-helpers";
import { screenshot } from "./screenshots";

// The console's frame: the narrow-window menu, the organization's name, page titles, the app icon, and every
// console route's loading and error states. Each test sets up what it checks and turns its emulator knobs off again.

const ADMIN = "admin@acme.example";

test.beforeAll(async () => {
  await emulator("/_emulator/reset", { body: {} });
  forgetToken();
});

test.afterEach(async () => {
  await emulator("/_emulator/config", { method: "PUT", body: { faults: { "503": 0 }, routeLatencyMs: {} } });
});


async function firstPerson(): Promise<{ id: string; displayName: string }> {
  const { body } = await webex<{ items: { id: string; displayName: string }[] }>("/people?max=1");
  return body.items[0]!;
}

test("390 px: a menu button opens the same links; Escape closes it, a link navigates and closes it", async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await signIn(page, ADMIN, "/");
  await expect(page.getByRole("heading", { level: 1, name: "Overview" })).toBeVisible();
  await expect(page.locator("aside")).toBeHidden();

  const menu = page.getByRole("button", { name: "Menu" });
  await expect(menu).toHaveAttribute("aria-expanded", "false");
  await menu.click();
  await expect(menu).toHaveAttribute("aria-expanded", "true");
  const nav = page.getByRole("navigation", { name: "Main" });
  for (const name of ["Overview", "People", "Licenses", "Roles", "Jobs", "Activity"]) {
    await expect(nav.getByRole("link", { name, exact: true })).toBeVisible();
  }
  // Focus moves into the menu, onto its first link.
  await expect(nav.getByRole("link", { name: "Overview", exact: true })).toBeFocused();
  const panel = page.locator(`[id="${await menu.getAttribute("aria-controls")}"]`);
  await expect(panel.getByTestId("org-name")).toHaveText(/Acme/);
  await expectNoSeriousAxe(page, "open menu at 390 px");
  await screenshot(page, "narrow-menu");

  await page.keyboard.press("Escape");
  await expect(menu).toHaveAttribute("aria-expanded", "false");
  await expect(nav).toBeHidden();
  await expect(menu).toBeFocused();

  await menu.click();
  await nav.getByRole("link", { name: "Licenses", exact: true }).click();
  await expect(page).toHaveURL(/\/licenses$/);
  await expect(page.getByRole("heading", { level: 1, name: "Licenses" })).toBeVisible();
  await expect(page.getByTestId("licenses-table")).toBeVisible();
  await expect(menu).toHaveAttribute("aria-expanded", "false");
  await expect(nav).toBeHidden();
  await screenshot(page, "narrow-licenses");
});

test("1024 px: the sidebar shows the links and the organization's name; no menu button", async ({ page }) => {
  const { body } = await webex<{ items: { displayName: string }[] }>("/organizations");
  const orgName = body.items[0]!.displayName;
  await page.setViewportSize({ width: 1024, height: 768 });
  await signIn(page, ADMIN, "/");
  const sidebar = page.locator("aside");
  await expect(sidebar).toBeVisible();
  await expect(sidebar.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "People", exact: true })).toBeVisible();
  await expect(sidebar.getByTestId("org-name")).toHaveText(new RegExp(orgName.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")));
  await expect(page.getByRole("button", { name: "Menu" })).toBeHidden();
});

test("titles tell tabs apart: a person's and a license's names; the console pages follow 'Page · Roster'", async ({ page }) => {
  const person = await firstPerson();
  const [license] = await emuLicenses();
  await signIn(page, ADMIN, "/people");
  await expect(page).toHaveTitle("People · Roster");
  await page.goto(`/people/${encodeURIComponent(person.id)}`);
  await expect(page).toHaveTitle(`${person.displayName} · People · Roster`);
  await page.goto(`/licenses/${encodeURIComponent(license!.id)}`);
  await expect(page).toHaveTitle(`${license!.name} · Licenses · Roster`);
  for (const [path, title] of [
    ["/", "Overview · Roster"],
    ["/licenses", "Licenses · Roster"],
    ["/licenses/reclaim", "Reclaim · Licenses · Roster"],
    ["/roles", "Roles · Roster"],
    ["/jobs", "Jobs · Roster"],
    ["/activity", "Activity · Roster"],
  ] as const) {
    await page.goto(path);
    await expect(page).toHaveTitle(title);
  }
});

test("the favicon and app icon are served and linked from the pages", async ({ page, request }) => {
  for (const [path, type] of [
    ["/favicon.ico", /^image\//],
    ["/icon.svg", /^image\/svg\+xml/],
    ["/apple-touch-icon.png", /^image\/png/],
  ] as const) {
    const res = await request.get(path);
    expect(res.status(), path).toBe(200);
    expect(res.headers()["content-type"], path).toMatch(type);
  }
  await signIn(page, ADMIN, "/");
  await expect(page.locator('link[rel="icon"][href^="/favicon.ico"]')).toHaveCount(1);
  await expect(page.locator('link[rel="icon"][href^="/icon.svg"]')).toHaveCount(1);
  // The page's CSP lets the browser load it (img-src 'self').
  const icon = await page.evaluate(async () => {
    const img = new Image();
    img.src = "/icon.svg";
    await img.decode();
    return img.naturalWidth > 0;
  });
  expect(icon).toBe(true);
});

test("unknown addresses: an app-wide page, and one for a license that does not exist", async ({ page }) => {
  await signIn(page, ADMIN, "/");
  await page.goto("/no-such-page");
  await expect(page.getByRole("heading", { name: "This page does not exist" })).toBeVisible();
  await expect(page).toHaveTitle("Page not found · Roster");
  await expectNoSeriousAxe(page, "app-wide not-found");
  await page.getByRole("link", { name: "Go to the overview" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Overview" })).toBeVisible();
  await page.goto("/licenses/Y2lzY29zcGFyazovL3VzL0xJQ0VOU0Uvbm8tc3VjaC1saWNlbnNl");
  await expect(page.getByText("This license was not found")).toBeVisible();
  await expect(page.getByRole("link", { name: "Back to Licenses" })).toBeVisible();
});

test("each console route that waits on Webex shows its loading state, then the page", async ({ page }) => {
  test.setTimeout(120_000);
  const person = await firstPerson();
  const [license] = await emuLicenses();
  await signIn(page, ADMIN, "/jobs");
  await expect(page.getByRole("heading", { level: 1, name: "Jobs" })).toBeVisible();
  const routes: { path: string; slow: string; loading: string; done: (p: Page) => Promise<void> }[] = [
    { path: "/", slow: "GET /v1/licenses", loading: "Loading the overview", done: (p) => expect(p.getByTestId("tile-licenses")).toBeVisible() },
    { path: "/people", slow: "GET /v1/people", loading: "Loading people", done: (p) => expect(p.getByTestId("data-row").first()).toBeVisible() },
    {
      path: `/people/${encodeURIComponent(person.id)}`,
      slow: "GET /v1/people/{id}",
      loading: "Loading person",
      done: (p) => expect(p.getByRole("heading", { level: 1, name: person.displayName })).toBeVisible(),
    },
    { path: "/licenses", slow: "GET /v1/licenses", loading: "Loading licenses", done: (p) => expect(p.getByTestId("licenses-table")).toBeVisible() },
    {
      path: `/licenses/${encodeURIComponent(license!.id)}`,
      slow: "GET /v1/licenses",
      loading: "Loading the license",
      done: (p) => expect(p.getByRole("heading", { level: 1, name: license!.name })).toBeVisible(),
    },
    { path: "/licenses/reclaim", slow: "GET /v1/licenses", loading: "Loading reclaim candidates", done: (p) => expect(p.getByRole("heading", { level: 1, name: "Reclaim licenses" })).toBeVisible() },
    { path: "/roles", slow: "GET /v1/roles", loading: "Loading roles", done: (p) => expect(p.getByTestId("roles-table")).toBeVisible() },
  ];
  for (const r of routes) {
    await emulator("/_emulator/config", { method: "PUT", body: { routeLatencyMs: { [r.slow]: 2500 } } });
    await page.goto(r.path, { waitUntil: "commit" });
    await expect(page.getByRole("status", { name: r.loading }), r.path).toBeVisible();
    await emulator("/_emulator/config", { method: "PUT", body: { routeLatencyMs: {} } });
    await r.done(page);
    await expect(page.getByRole("status", { name: r.loading }), r.path).toHaveCount(0);
  }
});

/** Opens `path` in a new tab of the signed-in context (the pages wait on Webex side by side). */
async function openTab(page: Page, path: string): Promise<Page> {
  const tab = await page.context().newPage();
  await tab.goto(path);
  return tab;
}

test("Webex down: each Webex page shows what happened, the tracking ID and Try again, and recovers once Webex is back", async ({ page }) => {
  test.setTimeout(180_000);
  const [license] = await emuLicenses();
  await signIn(page, ADMIN, "/jobs");
  await expect(page.getByRole("heading", { level: 1, name: "Jobs" })).toBeVisible();
  const routes = [
    // With the view in the URL: Try again keeps it.
    { path: "/licenses?sort=name", error: "Could not load the licenses", ok: (p: Page) => expect(p).toHaveURL(/\/licenses\?sort=name$/).then(() => expect(p.getByTestId("licenses-table")).toBeVisible({ timeout: 5_000 })) },
    { path: `/licenses/${encodeURIComponent(license!.id)}`, error: "Could not load this license", ok: (p: Page) => expect(p.getByRole("heading", { level: 1, name: license!.name })).toBeVisible() },
    { path: "/licenses/reclaim", error: "Could not load the reclaim view", ok: (p: Page) => expect(p.getByRole("button", { name: "Apply" })).toBeVisible() },
    { path: "/roles", error: "Could not load the roles", ok: (p: Page) => expect(p.getByTestId("roles-table")).toBeVisible() },
  ];
  await emulator("/_emulator/config", { method: "PUT", body: { faults: { "503": 1 } } });
  // Every Webex call answers 503: the server retries within the page's deadline, then gives up; side by side.
  const tabs = await Promise.all(routes.map((r) => openTab(page, r.path)));
  for (const [i, r] of routes.entries()) {
    const alert = tabs[i]!.getByRole("alert").filter({ hasText: r.error });
    await expect(alert, r.path).toBeVisible({ timeout: 60_000 });
    await expect(alert, r.path).toContainText(/Webex is (busy|slow)[^.]*try again/i);
    await expect(alert, r.path).toContainText(/Webex tracking ID \(for support\): \S+/);
    await expect(alert.getByRole("link", { name: "Try again" }), r.path).toBeVisible();
    await expect(tabs[i]!.getByText(/\bat \S+:\d+:\d+/), `${r.path}: no stack trace`).toHaveCount(0);
  }
  await expectNoSeriousAxe(tabs[0]!, "error page");
  await screenshot(tabs[0]!, "licenses-webex-down");

  await emulator("/_emulator/config", { method: "PUT", body: { faults: { "503": 0 } } });
  for (const [i, r] of routes.entries()) {
    // As the page says: Try again, and again after the wait it names while Roster still holds off after the 503s.
    await expect(async () => {
      const again = tabs[i]!.getByRole("alert").filter({ hasText: r.error }).getByRole("link", { name: "Try again" });
      if (await again.isVisible()) await again.click();
      await r.ok(tabs[i]!);
    }, r.path).toPass({ timeout: 60_000, intervals: [3_000, 5_000] });
    await expect(tabs[i]!.getByRole("alert").filter({ hasText: r.error }), r.path).toHaveCount(0);
    await tabs[i]!.close();
  }
});
