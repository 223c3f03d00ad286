// Usage by team (issue 15) on /licenses and a license's page: from the directory index after a sync; the grouping
// is in the URL (and survives a reload), the table's figures equal the emulator's, the CSV downloads, axe is clean
// in light and dark.
import { emulator, expect, expectNoSeriousAxe, signIn, test } from "./fixtures";
import { emuLicenses, emuPeople, fmt, forgetToken } from "./licenses-helpers";
import { screenshot } from "./screenshots";

type EmuPerson = { id: string; emails: string[]; licenses?: string[]; department?: string; managerId?: string };

test.beforeAll(async () => {
  await emulator("/_emulator/reset", { body: {} });
  forgetToken();
});

test("usage by team: sync, figures per department equal the emulator's, grouping in the URL, CSV, axe", async ({ page }) => {
  test.setTimeout(120_000);
  await signIn(page, "admin@acme.example", "/licenses");
  const section = page.getByTestId("usage-by-team");
  await expect(section.getByRole("heading", { name: "Usage by team" })).toBeVisible();

  // Build the index from the section's own Sync now, then wait for the freshness line.
  await section.getByRole("button", { name: "Sync now" }).click();
  await expect(section.getByTestId("index-freshness")).toContainText("From Roster's index of", { timeout: 60_000 });
  const table = section.getByTestId("usage-table");
  await expect(table.locator("tbody tr").first()).toBeVisible();

  // Every department's units held equal the emulator's count of that department's license holdings.
  const people = (await emuPeople()) as EmuPerson[];
  const units = new Map<string, number>();
  for (const p of people) units.set(p.department ?? "", (units.get(p.department ?? "") ?? 0) + new Set(p.licenses ?? []).size);
  for (const [dept, n] of units) {
    const row = table.locator(`tr[data-group="${dept.replace(/"/g, '\\"')}"]`);
    await expect(row.locator('[data-field="units"]'), dept || "No department").toHaveText(fmt(n));
  }

  await expectNoSeriousAxe(page, "usage on /licenses");
  await page.screenshot({ path: "/tmp/usage-licenses-light.png", fullPage: true });
  await screenshot(page, "license-usage-by-team", { fullPage: true });

  // Grouping: Location, in the URL, kept by a reload; the dashboard's own sort is left as it is.
  await section.getByRole("button", { name: "Location", exact: true }).click();
  await expect(page).toHaveURL(/[?&]usage=location/);
  await expect(section.getByRole("button", { name: "Location", exact: true })).toHaveAttribute("aria-pressed", "true");
  await page.reload();
  await expect(section.getByRole("button", { name: "Location", exact: true })).toHaveAttribute("aria-pressed", "true");
  await expect(section.getByRole("table", { name: /License usage by location/ })).toBeVisible();

  // Manager: pick one, see their reports' licenses; Back returns to all managers.
  await section.getByRole("button", { name: "Manager", exact: true }).click();
  await expect(page).toHaveURL(/[?&]usage=manager/);
  const firstManager = section.getByTestId("usage-table").locator("tbody tr[data-group]:not([data-group=''])").first();
  const managerId = await firstManager.getAttribute("data-group");
  await firstManager.getByRole("button").click();
  await expect(page).toHaveURL(new RegExp(`usageManager=${encodeURIComponent(managerId!).replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}`));
  const reports = people.filter((p) => p.managerId === managerId);
  await expect(section.getByTestId("usage-manager")).toContainText(`${fmt(reports.length)} people`);
  await expect(section.getByTestId("usage-manager-table").locator("tbody tr").first()).toBeVisible();
  await page.goBack();
  await expect(section.getByTestId("usage-table")).toBeVisible();

  // CSV of the department grouping: one line per group and license.
  await section.getByRole("button", { name: "Department", exact: true }).click();
  const licenses = await emuLicenses();
  const download = page.waitForEvent("download");
  await section.getByRole("button", { name: "Export usage CSV" }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^license-usage-by-department-\d{4}-\d{2}-\d{2}\.csv$/);
  const text = Buffer.concat(await (await file.createReadStream()).toArray()).toString("utf8").replace(/^\ufeff/, "");
  const lines = text.trim().split("\r\n");
  expect(lines[0]).toMatch(/^Grouping,Group,Group ID,People in group,License,/);
  expect(lines.length - 1).toBe(units.size * licenses.length);

  // Dark mode.
  await page.emulateMedia({ colorScheme: "dark" });
  await expectNoSeriousAxe(page, "usage on /licenses (dark)");
  await page.screenshot({ path: "/tmp/usage-licenses-dark.png", fullPage: true });
  await page.emulateMedia({ colorScheme: "light" });

  // A license's page: its own usage, share of its pool.
  const held = licenses.filter((l) => l.consumedUnits > 0).sort((a, b) => b.consumedUnits - a.consumedUnits)[0]!;
  await page.goto(`/licenses/${encodeURIComponent(held.id)}?q=a&usage=department`);
  const one = page.getByTestId("usage-by-team");
  await expect(one).toContainText(`Who holds ${held.name}`);
  const t = one.getByTestId("usage-table");
  await expect(t.getByRole("columnheader", { name: /Share of pool/ })).toBeVisible();
  const perDept = new Map<string, number>();
  for (const p of people) if (p.licenses?.includes(held.id)) perDept.set(p.department ?? "", (perDept.get(p.department ?? "") ?? 0) + 1);
  const [topDept, topUnits] = [...perDept].sort((a, b) => b[1] - a[1])[0]!;
  await expect(t.locator(`tr[data-group="${topDept}"] [data-field="units"]`)).toHaveText(fmt(topUnits));
  await one.getByRole("button", { name: "Manager", exact: true }).click();
  await expect(page).toHaveURL(/usage=manager/);
  // The holders list's filter (its own URL key) is kept by the usage section's navigation.
  await expect(page).toHaveURL(/[?&]q=a(&|$)/);
  await expect(page.getByLabel("Filter holders")).toHaveValue("a");
  await page.reload();
  await expect(page.getByTestId("usage-by-team").getByRole("button", { name: "Manager", exact: true })).toHaveAttribute("aria-pressed", "true");
  await expect(page.getByTestId("usage-by-team").getByRole("table", { name: /License usage by manager/ })).toBeVisible();
  await expectNoSeriousAxe(page, "usage on a license's page");
  await page.screenshot({ path: "/tmp/usage-license-page-light.png", fullPage: true });
  await page.emulateMedia({ colorScheme: "dark" });
  await expectNoSeriousAxe(page, "usage on a license's page (dark)");
  await page.screenshot({ path: "/tmp/usage-license-page-dark.png", fullPage: true });
});
