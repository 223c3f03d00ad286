import { emulator, expect, expectNoSeriousAxe, signIn, test } from "./fixtures";
import { rawPerson, seededPeople, type RawPerson } from "./person-helpers";

// A save that Webex answers 500 after applying part of it (the emulator's partialPut fault: of the changed fields,
// in the spec's order, the first half is applied). The page must say which fields were saved and which not, show the
// person as Webex holds it now, keep the unsaved values, and let the admin send them again in one click.

let victim: RawPerson;

test.beforeAll(async () => {
  await emulator("/_emulator/reset", { body: {} });
  const [pick] = await seededPeople((p) => !p.extension && p.loginEnabled && Boolean(p.title) && Boolean(p.department) && Boolean(p.firstName) && Boolean(p.lastName));
  if (!pick) throw new Error("no seeded person with names, title and department");
  victim = pick;
});

test.afterEach(async () => {
  await emulator("/_emulator/config", { method: "PUT", body: { faults: { partialPut: 0 } } });
});

test("a partly applied save: the page says what was saved and what not, shows Webex's values and retries the rest", async ({ page }) => {
  const before = (await rawPerson(victim.emails[0]!))!;
  await signIn(page, "admin@acme.example", `/people/${victim.id}`);
  await page.getByRole("button", { name: "Edit", exact: true }).click();
  await page.getByLabel("First name").fill("Partly");
  await page.getByLabel("Last name").fill("Applied");
  await page.getByLabel("Department").fill("Pending Department");
  await page.getByLabel("Title").fill("Pending Title");
  await page.getByRole("button", { name: "Review changes" }).click();
  const dialog = page.getByRole("dialog", { name: "Review changes" });
  await expect(dialog.locator("[data-testid^=change-]")).toHaveCount(4);

  await emulator("/_emulator/config", { method: "PUT", body: { faults: { partialPut: 1 } } });
  await dialog.getByRole("button", { name: "Save changes" }).click();

  // One alert, announced and focused, naming what Webex saved and what it did not.
  const failed = page.getByTestId("failed-save");
  const alert = failed.getByRole("alert");
  await expect(alert).toContainText("Webex saved 2 changes of 4");
  await expect(alert).toContainText("Webex said: Something went wrong on the server.");
  await expect(alert).toContainText(/Webex tracking ID: ROSTER_/);
  await expect(failed).toBeFocused();
  const saved = failed.getByTestId("saved-fields");
  await expect(saved.locator("[data-testid^=change-]")).toHaveCount(2);
  await expect(saved.getByTestId("change-firstName")).toContainText("Partly");
  await expect(saved.getByTestId("change-lastName")).toContainText("Applied");
  const unsaved = failed.getByTestId("unsaved-fields");
  await expect(unsaved.locator("[data-testid^=change-]")).toHaveCount(2);
  await expect(unsaved.getByTestId("change-department")).toContainText(before.department as string);
  await expect(unsaved.getByTestId("change-department")).toContainText("Pending Department");
  await expect(unsaved.getByTestId("change-title")).toContainText("Pending Title");

  // Webex really holds exactly that.
  const now = (await rawPerson(victim.emails[0]!))!;
  expect([now.firstName, now.lastName, now.department, now.title]).toEqual(["Partly", "Applied", before.department, before.title]);
  // The page shows the reloaded person (its header: Webex's title and department) and the form keeps the unsaved values.
  await expect(page.getByText(`${before.title as string} · ${before.department as string}`, { exact: true })).toBeVisible();
  await expect(page.getByLabel("First name")).toHaveValue("Partly");
  await expect(page.getByLabel("Department")).toHaveValue("Pending Department");
  await expect(page.getByLabel("Title")).toHaveValue("Pending Title");

  await expectNoSeriousAxe(page);

  // One click sends the two unsaved values again (Webex works again).
  await emulator("/_emulator/config", { method: "PUT", body: { faults: { partialPut: 0 } } });
  await failed.getByRole("button", { name: "Save the 2 unsaved changes again" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Changes saved" })).toBeVisible();
  const after = (await rawPerson(victim.emails[0]!))!;
  expect([after.firstName, after.lastName, after.department, after.title]).toEqual(["Partly", "Applied", "Pending Department", "Pending Title"]);

  // The person's history records the first save as failed and says what Webex applied.
  await page.reload();
  const history = page.getByTestId("person-history");
  await expect(history).toContainText("Failed (500)");
  await expect(history).toContainText("Webex applied part of it: First name, Last name. Not applied: Department, Title.");
});
