import { emulator, expect, signIn, test } from "./fixtures";
import { emuHolders, emuLicenses, forgetToken } from "./licenses-helpers";
import { seededPeople, type RawPerson } from "./person-helpers";

// Issue 14: one way to keep a list's state in the URL (docs/architecture.md, "A list's state in the URL"). The
// activity filters and a license's holders list are written with the History API: each change is a Back step, a
// reload reopens the same list, and Back/Forward bring the inputs along with the rows.

let person: RawPerson;

test.beforeAll(async () => {
  await emulator("/_emulator/reset", { body: {} });
  forgetToken();
  const [first] = await seededPeople((p) => p.loginEnabled);
  if (!first) throw new Error("no seeded person to edit");
  person = first;
});

test("/activity: the filters are in the URL; reload keeps inputs and rows; Back and Forward bring both back", async ({ page }) => {
  // A change through Roster, so this person has a row of their own.
  await signIn(page, "admin@acme.example", `/people/${person.id}`);
  await expect(page.getByRole("heading", { level: 1, name: person.displayName })).toBeVisible();
  await page.getByRole("button", { name: "Edit", exact: true }).click();
  await page.getByLabel("Title").fill(`List URL check ${Date.now()}`);
  await page.getByRole("button", { name: "Review changes" }).click();
  await page.getByRole("dialog", { name: "Review changes" }).getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Changes saved" })).toBeVisible();

  const email = person.emails[0]!;
  const rows = page.getByTestId("activity-row");
  const target = page.getByLabel("Target", { exact: true });
  const action = page.getByLabel("Action", { exact: true });
  await page.goto("/activity");
  await expect(rows.filter({ hasText: email }).first()).toBeVisible();

  await target.fill(email);
  await action.selectOption({ label: "Edited person" });
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(/\/activity\?target=[^&]+&action=person\.update$/);
  expect(new URL(page.url()).searchParams.get("target")).toBe(email);
  await expect(rows.first()).toBeVisible();
  const filteredCount = await rows.count();
  for (const row of await rows.all()) {
    await expect(row).toContainText(email);
    await expect(row).toContainText("Edited person");
  }

  await page.reload();
  await expect(target).toHaveValue(email);
  await expect(action).toHaveValue("person.update");
  await expect(rows).toHaveCount(filteredCount);
  for (const row of await rows.all()) await expect(row).toContainText(email);

  // A second filter is a second step: Back shows the first one again, in the inputs as well as the rows.
  await action.selectOption({ label: "Deleted person" });
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page.getByText("No activity matches these filters")).toBeVisible();
  await expect(page).toHaveURL(/action=person\.delete$/);
  await page.goBack();
  await expect(page).toHaveURL(/action=person\.update$/);
  await expect(action).toHaveValue("person.update");
  await expect(target).toHaveValue(email);
  await expect(rows).toHaveCount(filteredCount);

  // Back again: the unfiltered list, with empty inputs.
  await page.goBack();
  await expect(page).toHaveURL(/\/activity$/);
  await expect(target).toHaveValue("");
  await expect(action).toHaveValue("");
  await expect(page.getByRole("button", { name: "Clear" })).toHaveCount(0);
  await expect(rows.filter({ hasText: email }).first()).toBeVisible();

  // Forward: the filter again.
  await page.goForward();
  await expect(target).toHaveValue(email);
  await expect(action).toHaveValue("person.update");
  await expect(rows).toHaveCount(filteredCount);
});

test("/licenses/:id: the holders' filter, sort and page are in the URL; reload keeps them; Back restores each step", async ({ page }) => {
  const big = (await emuLicenses()).find((l) => (l.consumedByUsers ?? 0) > 300)!; // several pages of 50
  const holders = await emuHolders(big.id);
  const total = holders.length;
  const pages = Math.ceil(total / 50);
  const one = holders.find((h) => h.email)!;
  await signIn(page, "admin@acme.example", `/licenses/${big.id}`);
  const table = page.getByTestId("holders-table");
  const count = page.getByTestId("holders-count");
  const filter = page.getByRole("searchbox", { name: "Filter holders" });
  const emailHeader = table.getByRole("columnheader", { name: /^Email/ });
  const firstEmail = table.locator('tbody tr[data-person-id] [data-field="email"]').first();
  await expect(count).toHaveText(`${total} holders`, { timeout: 20_000 });

  // Sort by email, then the second page: two steps, both in the URL.
  await emailHeader.getByRole("button").click();
  await expect(emailHeader).toHaveAttribute("aria-sort", "ascending");
  await expect(page).toHaveURL(/\?sort=email$/);
  const firstOfPage1 = await firstEmail.textContent();
  await page.getByRole("navigation", { name: "Holders pages" }).getByRole("button", { name: "Next" }).click();
  await expect(page).toHaveURL(/\?sort=email&page=2$/);
  await expect(page.getByText(`Page 2 of ${pages}`)).toBeVisible();
  const firstOfPage2 = await firstEmail.textContent();
  expect(firstOfPage2).not.toBe(firstOfPage1);

  await page.reload();
  await expect(page.getByText(`Page 2 of ${pages}`)).toBeVisible({ timeout: 20_000 });
  await expect(emailHeader).toHaveAttribute("aria-sort", "ascending");
  await expect(firstEmail).toHaveText(firstOfPage2!);

  // A filter starts again at page 1 and is a step of its own.
  await filter.fill(one.email!);
  await expect(count).toHaveText(`1 of ${total} holders`);
  await expect(table.locator("tbody tr[data-person-id]")).toHaveCount(1);
  await expect(table.locator(`tr[data-person-id="${one.id}"]`)).toBeVisible();
  expect(new URL(page.url()).searchParams.get("q")).toBe(one.email);
  expect(new URL(page.url()).searchParams.get("page")).toBeNull();

  await page.reload();
  await expect(filter).toHaveValue(one.email!, { timeout: 20_000 });
  await expect(count).toHaveText(`1 of ${total} holders`);
  await expect(table.locator(`tr[data-person-id="${one.id}"]`)).toBeVisible();

  await page.goBack();
  await expect(page).toHaveURL(/\?sort=email&page=2$/);
  await expect(filter).toHaveValue("");
  await expect(count).toHaveText(`${total} holders`, { timeout: 20_000 });
  await expect(page.getByText(`Page 2 of ${pages}`)).toBeVisible();
  await expect(firstEmail).toHaveText(firstOfPage2!);

  await page.goBack();
  await expect(page).toHaveURL(/\?sort=email$/);
  await expect(page.getByText(`Page 1 of ${pages}`)).toBeVisible();
  await expect(firstEmail).toHaveText(firstOfPage1!);
  await page.goBack();
  await expect(page).toHaveURL(new RegExp(`/licenses/${big.id}$`));
  await expect(emailHeader).not.toHaveAttribute("aria-sort", "ascending");
});
