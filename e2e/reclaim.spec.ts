import { emulator, expect, expectNoSeriousAxe, signIn, test } from "./fixtures";
import { emuLicenses, forgetToken, webex } from "./licenses-helpers";
import { screenshot } from "./screenshots";

test.beforeAll(async () => {
  await emulator("/_emulator/reset", { body: {} });
  forgetToken();
});

type Stored = Record<string, unknown> & { licenses?: string[]; lastModified?: string };

test("reclaiming a license from selected inactive people frees exactly those units, touches no other field, and goes on after the page is closed", async ({ page, context }) => {
  test.setTimeout(120_000);
  const licenses = await emuLicenses();
  const meetings = licenses.find((l) => /meeting/i.test(l.name))!;

  await signIn(page, "admin@acme.example", "/licenses/reclaim");
  // A scan (or the one already cached from an earlier run; refresh it either way).
  // The list reloads when the scan finishes.
  const reloaded = page.waitForResponse((r) => /\/api\/reclaim(\?|$)/.test(r.url()) && r.request().method() === "GET", { timeout: 60_000 });
  await page.getByRole("button", { name: /Scan (now|again)/ }).click();
  await reloaded;
  await expect(page.getByRole("button", { name: "Scan again" })).toBeEnabled({ timeout: 60_000 });
  await expect(page.getByTestId("scan-age")).toContainText(/just now|minute/);

  await page.getByLabel("Reason").selectOption("inactive");
  await expect(page.getByTestId("reclaim-table")).toHaveAttribute("aria-busy", "false");
  await page.getByLabel("Holding").selectOption(meetings.id);
  await expect(page.getByTestId("reclaim-table")).toHaveAttribute("aria-busy", "false");
  const rows = page.getByTestId("reclaim-table").locator("tbody tr[data-person-id]");
  await expect(rows.first()).toBeVisible();
  const ids = (await rows.evaluateAll((r) => r.slice(0, 3).map((x) => x.getAttribute("data-person-id")!))) as string[];
  expect(ids).toHaveLength(3);
  const emails = await Promise.all(ids.map(async (id) => (await webex<{ emails: string[] }>(`/people/${id}`)).body.emails[0]!));
  const stored = async (email: string) => (await emulator(`/_emulator/people?email=${encodeURIComponent(email)}`)) as Stored;
  const before = await Promise.all(emails.map(stored));
  for (const b of before) expect(b.licenses).toContain(meetings.id);

  for (const id of ids) await page.locator(`tr[data-person-id="${id}"]`).getByRole("checkbox").check();
  await expect(page.getByText("3 selected")).toBeVisible();
  await page.setViewportSize({ width: 1280, height: 1000 });
  await page.evaluate(() => window.scrollTo(0, 0));
  await screenshot(page, "reclaim-view");
  await page.getByRole("button", { name: "Review and remove…" }).click();

  const dialog = page.getByRole("dialog", { name: "Review: remove licenses" });
  await expect(dialog).toBeVisible();
  // Only the filtered license is ticked; every other license the three hold stays.
  const boxes = dialog.getByRole("group", { name: "Licenses to remove" }).getByRole("checkbox");
  const ticked = await boxes.evaluateAll((els) => els.filter((e) => (e as HTMLInputElement).checked).length);
  expect(ticked).toBe(1);
  await screenshot(page, "reclaim-review");
  // Slow Webex down so the job is still running when the page goes away.
  await emulator("/_emulator/config", { method: "PUT", body: { latencyMs: 1500 } });
  await dialog.getByRole("button", { name: "Remove 3 licenses from 3 people" }).click();
  const started = page.getByRole("dialog", { name: /Removing licenses|Licenses removed/ });
  await expect(started).toContainText("you can close this window or the page");
  const jobHref = await started.getByRole("link", { name: "Open the job" }).getAttribute("href");
  expect(jobHref).toMatch(/^\/jobs\/[0-9a-f-]{36}$/);
  // Closing the tab changes nothing: the job goes on on the server.
  await page.close();
  const again = await context.newPage();
  await again.goto(jobHref!);
  await expect(again.getByTestId("job-status")).toContainText("Finished", { timeout: 60_000 });
  await emulator("/_emulator/config", { method: "PUT", body: { latencyMs: 0 } });
  await expect(again.getByTestId("job-counts")).toContainText(/Done\s*3/);
  await expect(again.getByTestId("job-item")).toHaveCount(3);
  await screenshot(again, "reclaim-results");

  const after = (await emuLicenses()).find((l) => l.id === meetings.id)!;
  expect(meetings.consumedUnits - after.consumedUnits).toBe(3);
  for (const other of licenses.filter((l) => l.id !== meetings.id)) {
    expect((await emuLicenses()).find((l) => l.id === other.id)!.consumedUnits).toBe(other.consumedUnits);
  }
  const afterPeople = await Promise.all(emails.map(stored));
  afterPeople.forEach((a, i) => {
    const b = before[i]!;
    const { licenses: la, lastModified: _ma, ...restA } = a;
    const { licenses: lb, lastModified: _mb, ...restB } = b;
    void _ma;
    void _mb;
    expect(restA).toEqual(restB);
    expect(la).toEqual(lb!.filter((l) => l !== meetings.id));
  });

  await expectNoSeriousAxe(again, "job page");

  // The view no longer offers those people for that license.
  await again.goto("/licenses/reclaim");
  await again.getByLabel("Reason").selectOption("inactive");
  await again.getByLabel("Holding").selectOption(meetings.id);
  await expect(again.getByTestId("reclaim-table")).toHaveAttribute("aria-busy", "false");
  for (const id of ids) await expect(again.locator(`tr[data-person-id="${id}"]`)).toHaveCount(0);
  await expectNoSeriousAxe(again, "reclaim page after the job");

  // The overview now knows the reclaimable units and pending invites from the scan.
  await again.goto("/");
  await expect(again.getByTestId("tile-reclaim")).toContainText(/units from/);
  await screenshot(again, "overview-tiles", { fullPage: true });
});

test("a read-only administrator can look but not reclaim, nor start a scan", async ({ page }) => {
  await signIn(page, "auditor@acme.example", "/licenses/reclaim");
  await expect(page.getByText("Your administrator role can only look.")).toBeVisible();
  await expect(page.getByRole("button", { name: "Review and remove…" })).toBeDisabled();
  // Starting a scan is not offered, and the page says why (tests/integration/reclaim-api.test.ts: the API's 403).
  const scan = page.getByRole("button", { name: /Scan (now|again)/ });
  await expect(scan).toBeDisabled();
  await expect(scan).toHaveAccessibleDescription(/needs an administrator role that can make changes/);
  await expect(page.getByTestId("scan-needs-write")).toBeVisible();
});
