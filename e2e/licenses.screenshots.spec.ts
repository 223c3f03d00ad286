import { emulator, expect, signIn, test } from "./fixtures";
import { emuLicenses, forgetToken } from "./licenses-helpers";
import { screenshot } from "./screenshots";

// Screenshot-only: a license's history page with a chart and a forecast, for docs/screenshots. Runs only in
// screenshot mode (`npm run screenshots`), whose console starts on a database seeded with 30 days of snapshots
// (e2e/licenses-history-seed.ts); the page's behaviour is asserted by e2e/licenses.spec.ts.
test.beforeAll(async () => {
  await emulator("/_emulator/reset", { body: {} });
  forgetToken();
});

test("a license's history", async ({ page }) => {
  const licenses = await emuLicenses();
  const target = licenses.find((l) => /Calling - Professional/.test(l.name)) ?? licenses[0]!;
  await signIn(page, "admin@acme.example", `/licenses/${target.id}`);
  await expect(page.getByTestId("holders-table")).toBeVisible({ timeout: 20_000 });
  await expect(page.getByTestId("forecast")).toContainText(/runs out|will not run out|already full/i); // the seeded history
  await screenshot(page, "licenses-history", { fullPage: true });
});
