import { emulator, expect, expectNoSeriousAxe, signIn, test } from "./fixtures";
import { seededPeople, type RawPerson } from "./person-helpers";

// Issue 14: toasts after completed actions (announced, never taking focus, closable with the keyboard, beside the
// page's own alert) and the time-zone policy (times in the viewer's zone, labelled; exports in ISO 8601 UTC). The
// browser is in Los Angeles, so a time printed in UTC (or in the server's zone) shows up as wrong.
const ZONE = "America/Los_Angeles";
type Box = { x: number; y: number; width: number; height: number };
test.use({ timezoneId: ZONE });

let person: RawPerson;

test.beforeAll(async () => {
  await emulator("/_emulator/reset", { body: {} });
  const [first] = await seededPeople((p) => p.loginEnabled && p.licenses.length > 0);
  if (!first) throw new Error("no seeded person to edit");
  person = first;
});

test("a save shows a toast in a live region beside the inline alert, keeps focus where it was, closes with Escape; axe clean with it", async ({ page }) => {
  await signIn(page, "admin@acme.example", `/people/${person.id}`);
  await expect(page.getByRole("heading", { level: 1, name: person.displayName })).toBeVisible();
  await page.getByRole("button", { name: "Edit", exact: true }).click();
  await page.getByLabel("Title").fill(`Toast check ${Date.now()}`);
  // The form's sticky action bar, where a toast must never sit.
  const review = (await page.getByRole("button", { name: "Review changes" }).boundingBox())!;
  const actionBar: Box[] = [review, (await page.getByRole("button", { name: "Cancel", exact: true }).boundingBox())!];
  expect(review.y + review.height).toBeGreaterThan((page.viewportSize()?.height ?? 720) - 80); // it is at the bottom
  await page.getByRole("button", { name: "Review changes" }).click();
  await page.getByRole("dialog", { name: "Review changes" }).getByRole("button", { name: "Save changes" }).click();

  const toast = page.locator("[data-sonner-toast]").filter({ hasText: `Changes to ${person.displayName} saved` });
  await expect(toast).toBeVisible();
  await toast.hover(); // holds the toast (sonner pauses its timer) while the checks run
  // Announced: inside the toaster's live region, polite for a success.
  await expect(page.locator("section[aria-live]").filter({ has: toast })).toHaveAttribute("aria-live", "polite");
  // The page's own alert stays.
  await expect(page.getByRole("status").filter({ hasText: "Changes saved" })).toBeVisible();
  // Focus is not in the toaster.
  expect(await page.evaluate(() => Boolean(document.activeElement?.closest("[data-sonner-toaster]")))).toBe(false);
  // It sits clear of where the form's sticky action bar (Save, Cancel) was, at the bottom of the window.
  const t = (await toast.boundingBox())!;
  const overlaps = (a: Box, b: Box) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
  for (const b of actionBar) expect(overlaps(t, b), "toast over the form's action bar").toBe(false);

  await expectNoSeriousAxe(page, "person page with a toast", undefined, { toasts: true });
  await expect(toast).toBeVisible();

  // Keyboard: Alt+T moves focus to the toasts, Tab to this one, Escape closes it.
  await page.mouse.move(0, 0);
  await page.keyboard.press("Alt+KeyT");
  await page.keyboard.press("Tab");
  await expect(page.locator("[data-sonner-toast]:focus, [data-sonner-toast] :focus")).toHaveCount(1);
  await page.keyboard.press("Escape");
  await expect(toast).toHaveCount(0);
});

test("/activity shows times in the viewer's zone, labelled, with the UTC instant on the element; the filter says which zone", async ({ page }) => {
  await signIn(page, "admin@acme.example", `/activity?target=${encodeURIComponent(person.emails[0]!)}`);
  const when = page.getByTestId("activity-row").first().locator("time").first();
  await expect(when).toHaveText(/^\d{1,2} [A-Z][a-z]{2} \d{4}, \d{2}:\d{2} P[SD]T$/);
  const iso = await when.getAttribute("datetime");
  expect(iso).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
  // The wall-clock time is Los Angeles', not UTC's.
  const la = new Intl.DateTimeFormat("en-GB", { timeZone: ZONE, hour: "2-digit", minute: "2-digit", hourCycle: "h23" }).format(new Date(iso!));
  await expect(when).toContainText(la);
  await expect(when).toHaveAttribute("title", new RegExp(`\\(${iso!.replace(/[.]/g, "\\.")}\\)$`));
  await expect(page.getByTestId("time-zone-note")).toContainText("America/Los Angeles");
  await expect(page.getByLabel("From", { exact: true })).toHaveAccessibleDescription(/America\/Los Angeles/);
  await expectNoSeriousAxe(page, "activity in Los Angeles");
});

test("the activity CSV export has ISO 8601 UTC times, and a 'to' date filter includes today in the viewer's zone", async ({ page }) => {
  await signIn(page, "admin@acme.example", "/activity");
  await expect(page.getByTestId("activity-row").first()).toBeVisible();
  const today = new Intl.DateTimeFormat("en-CA", { timeZone: ZONE }).format(new Date()); // YYYY-MM-DD in Los Angeles
  await page.getByLabel("To", { exact: true }).fill(today);
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(new RegExp(`to=${today}`));
  // The save of the first test is today's, in Los Angeles: it is in the list.
  await expect(page.getByTestId("activity-row").filter({ hasText: person.emails[0]! })).not.toHaveCount(0);

  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "Export CSV" }).click();
  const file = await download;
  expect(file.url()).toContain(`tz=${encodeURIComponent(ZONE)}`);
  const csv = Buffer.concat(await (await file.createReadStream()).toArray()).toString("utf8").replace(/^\uFEFF/, "");
  const [header, ...rows] = csv.trim().split("\r\n");
  expect(header).toMatch(/^"?Time \(UTC\)"?,/);
  expect(rows.length).toBeGreaterThan(0);
  for (const row of rows.filter((r) => /^\d{4}-/.test(r))) expect(row.split(",")[0]).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
});
