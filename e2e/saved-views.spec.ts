// Saved views (issue 15): set the people grid's state, save it as a view, reload, open it again from the sidebar
// and get the same URL and grid back; a shared view shows in another admin's sidebar, a personal one does not;
// rename and delete (with a confirmation) from the view's menu.
import type { Page } from "@playwright/test";
import { emulator, expect, expectNoSeriousAxe, signIn, test } from "./fixtures";
import { screenshot } from "./screenshots";
import { hydrated, rows } from "./people-helpers";

test.beforeAll(async () => {
  await emulator("/_emulator/reset", { body: {} });
});

/** docs/screenshots under `npm run screenshots`; also into $E2E_LOOK_DIR when set (to look at them while working). */
async function look(page: Page, name: string) {
  await screenshot(page, name);
  if (process.env.E2E_LOOK_DIR) await page.screenshot({ path: `${process.env.E2E_LOOK_DIR}/${name}.png` });
}

const savedViews = (page: Page) => page.getByRole("complementary").getByTestId("saved-views");

test("save the grid's state as a view, reload, reopen it from the sidebar: same URL and grid", async ({ page, browser }) => {
  test.setTimeout(120_000);
  const stamp = Date.now().toString(36);
  const mine = `Small pages ${stamp}`;
  const team = `Team view ${stamp}`;

  await signIn(page, "admin@acme.example", "/people");
  await hydrated(page);
  await page.getByRole("combobox", { name: "Rows per page" }).selectOption("25");
  await expect(rows(page)).toHaveCount(25);
  await page.getByRole("button", { name: /^Name/ }).click();
  await expect(page.getByRole("columnheader", { name: /Name/ })).toHaveAttribute("aria-sort", "ascending");
  const saved = page.url();
  expect(saved).toMatch(/size=25/);
  expect(saved).toMatch(/sort=name/);

  // Save it (personal).
  await page.getByRole("button", { name: "Save view" }).click();
  const dialog = page.getByRole("dialog", { name: "Save this view" });
  await expect(dialog).toBeVisible();
  await expectNoSeriousAxe(page, "save view dialog");
  await dialog.getByRole("textbox", { name: "Name" }).fill(mine);
  await expect(dialog.getByRole("radio", { name: "Only me" })).toBeChecked();
  await dialog.getByRole("button", { name: "Save view" }).click();
  await expect(dialog).toBeHidden();
  const link = savedViews(page).getByRole("link", { name: mine });
  await expect(link).toBeVisible();
  await expect(link).toHaveAttribute("aria-current", "page"); // it is the view on screen

  // The same name again is refused, saying why.
  await page.getByRole("button", { name: "Save view" }).click();
  await dialog.getByRole("textbox", { name: "Name" }).fill(mine);
  await dialog.getByRole("button", { name: "Save view" }).click();
  await expect(dialog.getByText(`You already have a view named "${mine}"`)).toBeVisible();
  // …shared with the org under another name instead.
  await dialog.getByRole("textbox", { name: "Name" }).fill(team);
  await dialog.getByRole("radio", { name: /Everyone in the organization/ }).check();
  await dialog.getByRole("button", { name: "Save view" }).click();
  await expect(dialog).toBeHidden();
  await expect(savedViews(page).getByRole("link", { name: new RegExp(`^${team}`) })).toContainText("Shared");

  // Reload, go elsewhere, and reopen the view from the sidebar.
  await page.reload();
  await hydrated(page);
  await page.goto("/people");
  await hydrated(page);
  await expect(rows(page)).toHaveCount(100);
  await expect(savedViews(page).getByRole("link", { name: mine })).not.toHaveAttribute("aria-current", "page");
  await savedViews(page).getByRole("link", { name: mine }).click();
  await expect(page).toHaveURL(saved);
  await hydrated(page);
  await expect(rows(page)).toHaveCount(25);
  await expect(page.getByRole("combobox", { name: "Rows per page" })).toHaveValue("25");
  await expect(page.getByRole("columnheader", { name: /Name/ })).toHaveAttribute("aria-sort", "ascending");
  await expect(savedViews(page).getByRole("link", { name: mine })).toHaveAttribute("aria-current", "page");
  await look(page, `saved-views-sidebar`);

  // Another admin (read-only) sees the shared view, not the personal one, and cannot edit the shared one.
  const other = await browser.newContext();
  const page2 = await other.newPage();
  await signIn(page2, "auditor@acme.example", "/people");
  await hydrated(page2);
  await expect(savedViews(page2).getByRole("link", { name: new RegExp(`^${team}`) })).toBeVisible();
  await expect(savedViews(page2).getByRole("link", { name: mine })).toHaveCount(0);
  await expect(savedViews(page2).getByRole("button", { name: `Edit view ${team}` })).toHaveCount(0);
  await other.close();

  // Rename, then delete with a confirmation.
  await savedViews(page).getByRole("button", { name: `Edit view ${mine}` }).click();
  const edit = page.getByRole("dialog", { name: "Edit saved view" });
  await edit.getByRole("textbox", { name: "Name" }).fill(`${mine} (renamed)`);
  await edit.getByRole("button", { name: "Save" }).click();
  await expect(edit).toBeHidden();
  await expect(savedViews(page).getByRole("link", { name: `${mine} (renamed)` })).toBeVisible();

  await savedViews(page).getByRole("button", { name: `Edit view ${mine} (renamed)` }).click();
  await page.getByRole("dialog", { name: "Edit saved view" }).getByRole("button", { name: "Delete…" }).click();
  const confirm = page.getByRole("dialog", { name: "Delete this view?" });
  await expect(confirm).toContainText("The people themselves are not changed");
  await expectNoSeriousAxe(page, "delete view confirmation");
  await confirm.getByRole("button", { name: "Delete view" }).click();
  await expect(confirm).toBeHidden();
  await expect(savedViews(page).getByRole("link", { name: `${mine} (renamed)` })).toHaveCount(0);

  // Tidy the shared one away for other specs.
  await savedViews(page).getByRole("button", { name: `Edit view ${team}` }).click();
  await page.getByRole("dialog", { name: "Edit saved view" }).getByRole("button", { name: "Delete…" }).click();
  await expect(page.getByRole("dialog", { name: "Delete this view?" })).toContainText("every administrator");
  await page.getByRole("dialog", { name: "Delete this view?" }).getByRole("button", { name: "Delete view" }).click();
  await expect(savedViews(page).getByRole("link", { name: new RegExp(`^${team}`) })).toHaveCount(0);
});
