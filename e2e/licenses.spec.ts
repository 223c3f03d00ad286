import { emulator, expect, expectNoSeriousAxe, signIn, test } from "./fixtures";
import { emuHolders, emuLicenses, emuPeople, fmt, forgetToken, webex } from "./licenses-helpers";
import { screenshot } from "./screenshots";

test.beforeAll(async () => {
  await emulator("/_emulator/reset", { body: {} });
  forgetToken();
});

test("/licenses: every figure equals the emulator's /licenses; thresholds on the exhausted and > 90 % pools", async ({ page }) => {
  const licenses = await emuLicenses();
  await signIn(page, "admin@acme.example", "/licenses");
  const table = page.getByTestId("licenses-table");
  await expect(table.locator("tbody tr")).toHaveCount(licenses.length);
  for (const l of licenses) {
    const row = table.locator(`tr[data-license-id="${l.id}"]`);
    await expect(row.getByRole("link", { name: l.name })).toBeVisible();
    await expect(row.locator('[data-field="consumed"]')).toHaveText(fmt(l.consumedUnits));
    await expect(row.locator('[data-field="total"]')).toHaveText(fmt(l.totalUnits));
    await expect(row.locator('[data-field="remaining"]')).toHaveText(fmt(l.totalUnits - l.consumedUnits));
    await expect(row.locator('[data-field="users"]')).toHaveText(l.consumedByUsers === undefined ? "—" : fmt(l.consumedByUsers));
    await expect(row.locator('[data-field="workspaces"]')).toHaveText(l.consumedByWorkspaces === undefined ? "—" : fmt(l.consumedByWorkspaces));
    const pct = (l.consumedUnits / l.totalUnits) * 100;
    await expect(row.locator('[data-field="percent"]')).toHaveText(`${pct >= 100 ? Math.round(pct) : pct < 1 ? pct.toFixed(1) : Math.floor(pct)} %`);
    const expected = pct > 100 ? "Overage" : pct === 100 ? "Exhausted" : pct >= 95 ? "Critical" : pct >= 80 ? "Warning" : "OK";
    await expect(row.locator('[data-col="status"]')).toHaveText(expected);
  }
  const exhausted = licenses.find((l) => l.consumedUnits === l.totalUnits)!;
  const over90 = licenses.find((l) => l.consumedUnits / l.totalUnits > 0.9 && l.consumedUnits < l.totalUnits)!;
  await expect(table.locator(`tr[data-license-id="${exhausted.id}"] [data-col="status"]`)).toHaveText("Exhausted");
  await expect(table.locator(`tr[data-license-id="${over90.id}"] [data-col="status"]`)).toHaveText(/Warning|Critical/);
  // Sorted by utilisation, the exhausted pool first.
  await expect(table.locator("tbody tr").first()).toHaveAttribute("data-license-id", exhausted.id);

  // CSV export has one line per license with the same figures.
  const download = page.waitForEvent("download");
  await page.getByRole("button", { name: "Export CSV" }).click();
  const csv = await (await (await download).createReadStream()).toArray();
  const lines = Buffer.concat(csv).toString("utf8").replace(/^\ufeff/, "").trim().split(/\r\n/);
  expect(lines).toHaveLength(licenses.length + 1);
  expect(lines.find((x) => x.includes(exhausted.id))).toContain(`,${exhausted.consumedUnits},${exhausted.totalUnits},0,`);

  // Filter by subscription keeps the figures.
  await page.getByRole("combobox", { name: "Subscription", exact: true }).selectOption(licenses[0]!.subscriptionId!);
  await expect(table.locator("tbody tr")).toHaveCount(licenses.filter((l) => l.subscriptionId === licenses[0]!.subscriptionId).length);
  await expect(page.getByRole("img", { name: /Utilisation by license/ })).toBeVisible();
  await expectNoSeriousAxe(page);
  await page.getByRole("combobox", { name: "Subscription", exact: true }).selectOption("__all__");
  await screenshot(page, "licenses-dashboard", { fullPage: true });
});

test("/licenses/:id: holders equal exactly the emulator's assignment", async ({ page }) => {
  const licenses = await emuLicenses();
  const small = licenses.reduce((a, b) => ((a.consumedByUsers ?? 0) < (b.consumedByUsers ?? 0) ? a : b));
  const big = licenses.find((l) => (l.consumedByUsers ?? 0) > 300)!; // more than one includeAssignedTo page
  await signIn(page, "admin@acme.example", `/licenses/${small.id}`);
  await expect(page.getByRole("heading", { level: 1, name: small.name })).toBeVisible();
  await expect(page.getByTestId("stat-consumed")).toHaveText(fmt(small.consumedUnits));
  const expected = (await emuHolders(small.id)).map((u) => u.id).sort();
  const table = page.getByTestId("holders-table");
  await expect(table.locator("tbody tr[data-person-id]")).toHaveCount(expected.length);
  const shown = await table.locator("tbody tr[data-person-id]").evaluateAll((rows) => rows.map((r) => r.getAttribute("data-person-id")));
  expect(shown.sort()).toEqual(expected);
  // Links go to the person page.
  await expect(table.locator("tbody tr").first().getByRole("link")).toHaveAttribute("href", /^\/people\//);
  // Still collecting on a fresh database; a forecast once history exists (e2e/licenses-history-seed.ts).
  await expect(page.getByTestId("forecast")).toContainText(/still collecting|runs out|will not run out|already full/i);
  await expectNoSeriousAxe(page);

  // A license with several pages of holders: the count and the CSV list everyone exactly once.
  await page.goto(`/licenses/${big.id}`);
  const bigExpected = await emuHolders(big.id);
  await expect(page.getByTestId("holders-count")).toHaveText(`${bigExpected.length} holders`, { timeout: 20_000 });
  const download = page.waitForEvent("download");
  await page.getByRole("button", { name: "Export CSV" }).click();
  const body = Buffer.concat(await (await (await download).createReadStream()).toArray()).toString("utf8");
  const ids = body.trim().split(/\r\n/).slice(1).map((line) => line.split(",")[2]);
  expect(new Set(ids).size).toBe(ids.length);
  expect(ids.sort()).toEqual(bigExpected.map((u) => u.id).sort());
  // And it matches who actually has the license on their person record.
  const viaPeople = (await emuPeople()).filter((p) => p.licenses?.includes(big.id)).map((p) => p.id).sort();
  expect(ids.sort()).toEqual(viaPeople);
});

test("/roles: every role with its member count and members", async ({ page }) => {
  const roles = (await webex<{ items: { id: string; name: string }[] }>("/roles")).body.items;
  await signIn(page, "admin@acme.example", "/roles");
  const table = page.getByTestId("roles-table");
  await expect(table.locator("tbody tr")).toHaveCount(roles.length);
  for (const r of roles) {
    const members = await emuPeople(`&roles=${r.id}`);
    await expect(table.locator(`tr[data-role-id="${r.id}"] [data-field="count"]`)).toHaveText(String(members.length));
  }
  await expect(page.getByRole("link", { name: "Ada Admin" })).toHaveAttribute("href", /^\/people\//);
  await expectNoSeriousAxe(page);
});

test("/: overview tiles link to their views", async ({ page }) => {
  const licenses = await emuLicenses();
  await signIn(page, "admin@acme.example", "/");
  const tile = page.getByTestId("tile-licenses");
  const exhausted = licenses.filter((l) => l.consumedUnits === l.totalUnits).length;
  await expect(tile.getByTestId("count-exhausted")).toHaveText(String(exhausted));
  const warning = licenses.filter((l) => l.consumedUnits / l.totalUnits >= 0.8 && l.consumedUnits / l.totalUnits < 0.95).length;
  await expect(tile.getByTestId("count-warning")).toHaveText(String(warning));
  for (const [id, href] of [["tile-licenses", "/licenses"], ["tile-reclaim", "/licenses/reclaim"], ["tile-roles", "/roles"], ["tile-audit", "/activity"], ["tile-invites", "/people"]] as const) {
    await expect(page.getByTestId(id).getByRole("link").last()).toHaveAttribute("href", href);
  }
  await expectNoSeriousAxe(page);
});
