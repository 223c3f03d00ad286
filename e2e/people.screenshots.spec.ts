import { emulator, expect, signIn, test } from "./fixtures";
import { hydrated, rows } from "./people-helpers";
import { screenshot } from "./screenshots";

// Screenshot-only: the grid's states for docs/screenshots (linked from the README). Runs only in screenshot mode
// (`npm run screenshots`); its behaviour is asserted by e2e/people-grid.spec.ts.
const shot = (page: Parameters<typeof screenshot>[0], name: string) => screenshot(page, `people-${name}`);

test.use({ viewport: { width: 1440, height: 900 } });

test.beforeAll(async () => {
  await emulator("/_emulator/reset", { body: {} });
});

test.afterEach(async () => {
  await emulator("/_emulator/config", { method: "PUT", body: { faults: { "500": 0 } } });
});

test("default, filtered and empty", async ({ page }) => {
  await signIn(page, "admin@acme.example", "/people");
  await hydrated(page);
  await expect(rows(page)).toHaveCount(100);
  await shot(page, "default");

  await page.getByRole("combobox", { name: "Location" }).selectOption({ label: "London" });
  await page.getByRole("searchbox", { name: "Search people" }).fill("A");
  await page.getByRole("searchbox", { name: "Search people" }).press("Enter");
  await expect(page.getByRole("group", { name: "Active filters" })).toContainText("Location: London");
  await expect(page.locator("[aria-busy=true]")).toHaveCount(0);
  await rows(page).nth(1).getByRole("checkbox").check();
  await rows(page).nth(3).getByRole("checkbox").check();
  await rows(page).nth(0).focus();
  await shot(page, "filtered");

  await page.getByRole("searchbox", { name: "Search people" }).fill("Zzqxv");
  await page.getByRole("searchbox", { name: "Search people" }).press("Enter");
  await expect(page.getByRole("heading", { name: "No one matches" })).toBeVisible();
  await shot(page, "empty");
});

test("error", async ({ page }) => {
  test.setTimeout(180_000);
  await signIn(page, "admin@acme.example", "/people");
  await hydrated(page);
  await emulator("/_emulator/config", { method: "PUT", body: { faults: { "500": 1 } } });
  await page.getByRole("combobox", { name: "Rows per page" }).selectOption("50");
  await expect(page.getByRole("alert").filter({ hasText: "Couldn't load people" })).toBeVisible({ timeout: 90_000 });
  await shot(page, "error");
});
