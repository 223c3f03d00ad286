import { emulator, expect, expectNoSeriousAxe, signIn, test } from "./fixtures";
import { collectAllPages, expectRange, forgetWebexToken, hydrated, rowIds, rows, waitForPage, webexList, webexPeople } from "./people-helpers";

test.beforeAll(async () => {
  await emulator("/_emulator/reset", { body: {} });
  forgetWebexToken();
});

test.afterEach(async () => {
  await emulator("/_emulator/config", { method: "PUT", body: { faults: { "429": 0, "500": 0 } } });
});

test("pages through the whole org at 100 per page and back: everyone exactly once", async ({ page }) => {
  test.setTimeout(180_000);
  const everyone = await webexPeople({});
  await signIn(page, "admin@acme.example", "/people");
  await hydrated(page);
  await expect(rows(page)).toHaveCount(100);
  await expect(page.getByRole("button", { name: "Previous", exact: true })).toBeDisabled();

  const pages = await collectAllPages(page, 100);
  const seen = pages.flat();
  expect(seen).toHaveLength(everyone.length);
  expect(new Set(seen).size).toBe(seen.length);
  expect(new Set(seen)).toEqual(new Set(everyone.map((p) => p.id)));

  // Back with Previous (instant: remembered cursors, cached pages), page by page to the start.
  for (let n = pages.length - 1; n >= 1; n--) {
    await page.getByRole("button", { name: "Previous", exact: true }).click();
    await waitForPage(page, (n - 1) * 100 + 1);
    expect(await rowIds(page)).toEqual(pages[n - 1]);
  }
  await expect(page.getByRole("button", { name: "Previous", exact: true })).toBeDisabled();
  await expect(page).toHaveURL(/\/people$/);

  // Browser Forward/Back walk the same history.
  await page.goBack();
  await waitForPage(page, 101);
  await page.goForward();
  await waitForPage(page, 1);
});

test("search: an email finds exactly that person; a name prefix finds exactly the prefix matches", async ({ page }) => {
  const sample = (await webexPeople({ max: "50" })).slice(0, 50);
  const target = sample.find((p) => p.displayName && p.emails[0])!;
  await signIn(page, "admin@acme.example", "/people");
  await hydrated(page);
  await expect(rows(page)).toHaveCount(100);

  const search = page.getByRole("searchbox", { name: "Search people" });
  await search.fill(target.emails[0]!);
  await expect(page).toHaveURL(new RegExp(`q=${encodeURIComponent(target.emails[0]!).replace(/[.]/g, "\\.")}`));
  await expect(rows(page)).toHaveCount(1);
  expect(await rowIds(page)).toEqual([target.id]);
  await expect(page.getByRole("group", { name: "Active filters" })).toContainText(`Email: ${target.emails[0]}`);

  // A name prefix with fewer than a page of matches.
  let prefix = "";
  let expected: Awaited<ReturnType<typeof webexPeople>> = [];
  for (let n = 3; n <= target.displayName.length; n++) {
    prefix = target.displayName.slice(0, n).trim();
    expected = await webexPeople({ displayName: prefix });
    if (expected.length <= 100) break;
  }
  expect(expected.length).toBeGreaterThan(0);
  expect(expected.length).toBeLessThanOrEqual(100);
  await search.fill(prefix);
  await search.press("Enter");
  await expect(page).toHaveURL(new RegExp(`q=${encodeURIComponent(prefix)}`));
  await expect(rows(page)).toHaveCount(expected.length);
  expect(new Set(await rowIds(page))).toEqual(new Set(expected.map((p) => p.id)));

  // A half-typed email is explained, not sent.
  await search.fill("someone@");
  await expect(page.getByText("Type the whole email address")).toBeVisible();
});

test("role and location filters give exactly what Webex holds for them", async ({ page }) => {
  test.setTimeout(120_000);
  const roles = await webexList<{ id: string; name: string }>("roles");
  const userAdmin = roles.find((r) => r.name === "User Administrator")!;
  const readOnly = roles.find((r) => r.name === "Read-only Administrator")!;
  const expectedRoles = await webexPeople({ roles: `${userAdmin.id},${readOnly.id}` });
  const locations = await webexList<{ id: string; name: string }>("locations");
  const tokyo = locations.find((l) => l.name === "Tokyo")!;
  const expectedTokyo = await webexPeople({ locationId: tokyo.id, max: "50" });

  await signIn(page, "admin@acme.example", "/people");
  await hydrated(page);
  await expect(rows(page)).toHaveCount(100);

  await page.getByRole("button", { name: "Admin role filter" }).click();
  await page.getByRole("checkbox", { name: "User Administrator" }).check();
  await page.getByRole("checkbox", { name: "Read-only Administrator" }).check();
  await page.keyboard.press("Escape");
  await expect(page.getByRole("group", { name: "Active filters" })).toContainText("Role: User Administrator");
  await waitForPage(page, 1);
  await expect(rows(page)).toHaveCount(expectedRoles.length);
  expect(new Set(await rowIds(page))).toEqual(new Set(expectedRoles.map((p) => p.id)));

  // Remove the role chips, then filter by location: pages are clamped to 50 and say so.
  await page.getByRole("button", { name: "Clear all" }).click();
  await page.getByRole("combobox", { name: "Location" }).selectOption({ label: "Tokyo" });
  await expect(page.getByTestId("page-size-note")).toContainText("at most 50");
  const pages = await collectAllPages(page, 50);
  const seen = pages.flat();
  expect(seen).toHaveLength(expectedTokyo.length);
  expect(new Set(seen)).toEqual(new Set(expectedTokyo.map((p) => p.id)));
  await expect(page.getByRole("group", { name: "Active filters" })).toContainText("Location: Tokyo");
});

test("a shared URL restores the view: search, filters, page size, page, sort and columns", async ({ page, browser }) => {
  await signIn(page, "admin@acme.example", "/people");
  await hydrated(page);
  await page.getByRole("combobox", { name: "Rows per page" }).selectOption("25");
  await expectRange(page, 1, 25);
  await page.getByRole("button", { name: "Next", exact: true }).click();
  await waitForPage(page, 26);
  await page.getByRole("button", { name: /^Name/ }).click();
  await page.getByRole("button", { name: /^Columns/ }).click();
  await page.getByRole("checkbox", { name: "Title" }).check();
  await page.keyboard.press("Escape");
  const url = page.url();
  expect(url).toMatch(/size=25/);
  expect(url).toMatch(/cursor=/);
  expect(url).toMatch(/sort=name/);
  expect(url).toMatch(/cols=[^&]*title/);
  const ids = await rowIds(page);

  // Another browser (no localStorage, no remembered cursors) opening the link.
  const other = await browser.newContext();
  const page2 = await other.newPage();
  await signIn(page2, "admin@acme.example", url.replace(/^https?:\/\/[^/]+/, ""));
  await hydrated(page2);
  await expect(page2).toHaveURL(url);
  await waitForPage(page2, 26);
  await expectRange(page2, 26, 50);
  expect(await rowIds(page2)).toEqual(ids);
  await expect(page2.getByRole("combobox", { name: "Rows per page" })).toHaveValue("25");
  await expect(page2.getByRole("columnheader", { name: /Title/ })).toBeVisible();
  await expect(page2.getByRole("columnheader", { name: /Name/ })).toHaveAttribute("aria-sort", "ascending");
  // Earlier pages are unknown to this browser: First page is offered instead of guessing.
  await page2.getByRole("button", { name: "First page" }).click();
  await waitForPage(page2, 1);
  await other.close();
});

test("the column choice survives a reload", async ({ page }) => {
  await signIn(page, "admin@acme.example", "/people");
  await hydrated(page);
  await expect(page.getByRole("columnheader", { name: /Title/ })).toHaveCount(0);
  await page.getByRole("button", { name: /^Columns/ }).click();
  await page.getByRole("checkbox", { name: "Title" }).check();
  await page.getByRole("checkbox", { name: "Last activity" }).uncheck();
  await page.keyboard.press("Escape");
  await expect(page.getByRole("columnheader", { name: /Title/ })).toBeVisible();
  await page.goto("/people");
  await expect(rows(page).first()).toBeVisible();
  await expect(page.getByRole("columnheader", { name: /Title/ })).toBeVisible();
  await expect(page.getByRole("columnheader", { name: /Last activity/ })).toHaveCount(0);
  await page.getByRole("button", { name: /^Columns/ }).click();
  await page.getByRole("button", { name: "Reset to default columns" }).click();
  await expect(page.getByRole("columnheader", { name: /Last activity/ })).toBeVisible();
});

test("keyboard: / focuses search, arrows move between rows, Space selects, Enter opens", async ({ page }) => {
  await signIn(page, "admin@acme.example", "/people");
  await hydrated(page);
  await expect(rows(page)).toHaveCount(100);
  await page.locator("body").click({ position: { x: 5, y: 5 } });
  await page.keyboard.press("/");
  await expect(page.getByRole("searchbox", { name: "Search people" })).toBeFocused();

  await rows(page).first().focus();
  await page.keyboard.press("ArrowDown");
  await expect(rows(page).nth(1)).toBeFocused();
  await page.keyboard.press("ArrowDown");
  await page.keyboard.press("ArrowUp");
  await expect(rows(page).nth(1)).toBeFocused();
  await page.keyboard.press("Space");
  await expect(page.getByTestId("selection-count")).toHaveText("1 person selected");
  await page.keyboard.press("End");
  await expect(rows(page).nth(99)).toBeFocused();
  await page.keyboard.press("Home");
  await expect(rows(page).first()).toBeFocused();
  const [firstId] = await rowIds(page);
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(new RegExp(`/people/${encodeURIComponent(firstId!)}$`));
});

test("selected people export as CSV, in the import template's format", async ({ page }) => {
  await signIn(page, "admin@acme.example", "/people");
  await hydrated(page);
  await expect(rows(page)).toHaveCount(100);
  await rows(page).nth(0).getByRole("checkbox").check();
  await rows(page).nth(2).getByRole("checkbox").check();
  await expect(page.getByTestId("selection-count")).toHaveText("2 people selected");
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Export selected as CSV" }).click()]);
  expect(download.suggestedFilename()).toMatch(/^people-\d{4}-\d{2}-\d{2}\.csv$/);
  const text = await (await download.createReadStream()).toArray().then((chunks) => Buffer.concat(chunks).toString("utf8"));
  expect(text.charCodeAt(0)).toBe(0xfeff); // a BOM, so Excel reads UTF-8
  const lines = text.slice(1).trim().split("\r\n");
  expect(lines[0]).toMatch(/^Email,First name,Last name,Display name,Department,Title,Manager email,Location,Phone,Extension,/);
  expect(lines).toHaveLength(3);
});

test("empty state: no one matches, with a clear-filters button", async ({ page }) => {
  await signIn(page, "admin@acme.example", "/people?q=Zzqxv");
  await hydrated(page);
  await expect(page.getByRole("heading", { name: "No one matches" })).toBeVisible();
  await page.getByRole("button", { name: "Clear filters" }).click();
  await expect(rows(page)).toHaveCount(100);
  await expect(page).toHaveURL(/\/people$/);
});

test("error state shows the message, the tracking ID and Retry", async ({ page }) => {
  test.setTimeout(180_000);
  await signIn(page, "admin@acme.example", "/people");
  await hydrated(page);
  await expect(rows(page)).toHaveCount(100);
  await emulator("/_emulator/config", { method: "PUT", body: { faults: { "500": 1 } } });
  await page.getByRole("combobox", { name: "Rows per page" }).selectOption("50");
  // The server's Webex client retries 500s with backoff (about 45 s) before giving up.
  await expect(page.getByRole("alert").filter({ hasText: "Couldn't load people" })).toBeVisible({ timeout: 90_000 });
  await expect(page.getByTestId("tracking-id")).not.toBeEmpty();
  await emulator("/_emulator/config", { method: "PUT", body: { faults: { "500": 0 } } });
  await page.getByRole("button", { name: "Retry" }).click();
  await expect(rows(page)).toHaveCount(50, { timeout: 60_000 });
});

test("429: Webex is busy, retrying in Ns, then the rows", async ({ page }) => {
  test.setTimeout(120_000);
  await signIn(page, "admin@acme.example", "/people");
  await hydrated(page);
  await expect(rows(page)).toHaveCount(100);
  await emulator("/_emulator/config", { method: "PUT", body: { faults: { "429": 1 } } });
  await page.getByRole("combobox", { name: "Rows per page" }).selectOption("25");
  await expect(page.getByTestId("busy-notice")).toContainText(/Webex is busy, retrying (in \d+s|now)/, { timeout: 60_000 });
  await emulator("/_emulator/config", { method: "PUT", body: { faults: { "429": 0 } } });
  await expect(rows(page)).toHaveCount(25, { timeout: 90_000 });
  await expect(page.getByTestId("busy-notice")).toHaveCount(0);
});

test("a 1000-row page is virtualised: fewer than 100 rows in the DOM", async ({ page }) => {
  await signIn(page, "admin@acme.example", "/people?size=1000");
  await hydrated(page);
  await expectRange(page, 1, 1000);
  const domRows = await page.locator("tbody tr").count();
  expect(domRows).toBeLessThan(100);
  await rows(page).first().focus();
  await page.keyboard.press("End");
  await expect(page.locator('tr[aria-rowindex="1001"]')).toBeFocused();
  expect(await page.locator("tbody tr").count()).toBeLessThan(100);
});

test("accessibility: axe finds no serious or critical violation on /people", async ({ page }) => {
  await signIn(page, "admin@acme.example", "/people");
  await hydrated(page);
  await expect(rows(page)).toHaveCount(100);
  const check = () => expectNoSeriousAxe(page);
  await check();
  await page.getByRole("button", { name: "Admin role filter" }).click();
  await check();
  await page.keyboard.press("Escape");
  await page.goto("/people?q=Zzqxv");
  await expect(page.getByRole("heading", { name: "No one matches" })).toBeVisible();
  await check();
});
