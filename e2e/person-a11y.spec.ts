import { emulator, expect, expectNoSeriousAxe, signIn, test } from "./fixtures";
import { seededPeople } from "./person-helpers";
import { screenshot } from "./screenshots";

// axe on every screen this feature adds, including the open dialogs, plus keyboard-only use of the edit flow.
test.beforeAll(async () => {
  await emulator("/_emulator/reset", { body: {} });
});


test("person page, edit form, review dialog, delete dialog, onboarding and activity have no serious axe violations", async ({ page }) => {
  const [p] = await seededPeople((x) => x.licenses.length > 0 && Boolean(x.extension));
  await signIn(page, "admin@acme.example", `/people/${p!.id}`);
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await expectNoSeriousAxe(page, "person");

  await page.getByRole("button", { name: "Edit", exact: true }).click();
  await expectNoSeriousAxe(page, "edit form");
  await page.getByLabel("Title").fill("Accessible title");
  await page.getByRole("button", { name: "Review changes" }).click();
  await expect(page.getByRole("dialog", { name: "Review changes" })).toBeVisible();
  await expectNoSeriousAxe(page, "review dialog");
  await page.keyboard.press("Escape");
  await expect(page.getByRole("dialog")).toHaveCount(0);
  await page.getByRole("button", { name: "Cancel" }).click();
  await expect(page.getByText("Discard your unsaved changes?")).toBeVisible(); // edits are never dropped silently
  await page.getByRole("button", { name: "Discard" }).click();

  await page.getByRole("button", { name: "Delete" }).click();
  await expect(page.getByRole("dialog", { name: /Delete/ })).toBeVisible();
  await expectNoSeriousAxe(page, "delete dialog");
  await page.keyboard.press("Escape");

  await page.goto("/people/new");
  await page.getByRole("button", { name: "Add person" }).click(); // empty submit: every required message shown
  await expect(page.getByText("An email is required")).toBeVisible();
  await expectNoSeriousAxe(page, "onboarding with errors");
  await screenshot(page, "onboarding-errors");

  await page.goto("/activity");
  await expect(page.getByTestId("activity-row").first().or(page.getByText("No changes recorded yet"))).toBeVisible();
  await expectNoSeriousAxe(page, "activity");
});

test("the edit flow works from the keyboard alone, and focus returns after the dialog", async ({ page }) => {
  const [p] = await seededPeople((x) => x.licenses.length > 0 && x.loginEnabled);
  await signIn(page, "admin@acme.example", `/people/${p!.id}`);
  const edit = page.getByRole("button", { name: "Edit", exact: true });
  await edit.focus();
  await page.keyboard.press("Enter");
  const title = page.getByLabel("Title");
  await title.focus();
  await page.keyboard.press("ControlOrMeta+a");
  await page.keyboard.type("Keyboard title");
  await page.keyboard.press("Enter"); // submits the form: Review changes
  const dialog = page.getByRole("dialog", { name: "Review changes" });
  await expect(dialog).toBeVisible();
  await expect(dialog.locator(":focus")).toHaveCount(1); // focus moved into the dialog
  const save = dialog.getByRole("button", { name: "Save changes" });
  for (let i = 0; i < 5 && !(await save.evaluate((el) => el === document.activeElement)); i++) await page.keyboard.press("Tab");
  await expect(save).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page.getByRole("status").filter({ hasText: "Changes saved" })).toBeVisible();
  await expect(page.getByText("Keyboard title").first()).toBeVisible();
});
