import { emulator, expect, expectNoSeriousAxe, signIn, test } from "./fixtures";
import { forgetWebexToken, hydrated, rowIds, rows, webexList, webexPeople } from "./people-helpers";

// The people grid's facets (issue 15): sync the index, filter by "has Webex Calling - Professional" + "inactive 90
// days"; the count and the rows are those the emulator's own API gives; the org-wide sort, a reload and Back keep
// the view; axe is clean.

type Person = { id: string; licenses?: string[]; lastActivity?: string };
const DAY = 86_400_000;

test.beforeAll(async () => {
  await emulator("/_emulator/reset", { body: {} });
  forgetWebexToken();
});

test("facets with counts: has Calling Professional + inactive 90 days match the emulator; org-wide sort; reload keeps it", async ({ page }) => {
  test.setTimeout(180_000);
  await signIn(page, "admin@acme.example", "/people");
  await hydrated(page);
  const panel = page.getByRole("complementary", { name: "Filters" });
  await expect(page.getByTestId("grid-source")).toContainText("Live from Webex");

  // Sync now (the spec's own sync: the periodic one is off in e2e), then the counts appear.
  await panel.getByRole("button", { name: "Sync now" }).click();
  await expect(panel.getByTestId("index-freshness")).toContainText("From Roster's index of", { timeout: 120_000 });

  const licenses = await webexList<{ id: string; name: string }>("licenses");
  const calling = licenses.find((l) => l.name === "Webex Calling - Professional")!;
  const everyone = (await webexPeople({})) as Person[];
  const now = Date.now();
  const expected = everyone.filter((p) => p.licenses?.includes(calling.id) && (!p.lastActivity || now - Date.parse(p.lastActivity) >= 90 * DAY));
  expect(expected.length).toBeGreaterThan(5);

  await panel.getByRole("checkbox", { name: /^Webex Calling - Professional/ }).check();
  await expect(page).toHaveURL(new RegExp(`has=${calling.id}`));
  await panel.getByRole("radio", { name: /^90 days or more/ }).check();
  await expect(page).toHaveURL(/inactive=90/);

  const total = `${expected.length.toLocaleString("en")} people match`;
  await expect(page.getByTestId("index-total")).toHaveText(total);
  await expect(panel.getByTestId("facet-total")).toHaveText(total);
  await expect(page.getByTestId("grid-source")).toContainText("From Roster's index, as of");
  // Every match, page by page (100 a page, rendered without virtualisation), each exactly once.
  const seen: string[] = [];
  for (let from = 1; from <= expected.length; from += 100) {
    const to = Math.min(from + 99, expected.length);
    await expect(page.getByTestId("page-range")).toHaveText(`Showing ${from}–${to} of ${expected.length.toLocaleString("en")} people`);
    await expect(page.locator("[aria-busy=true]")).toHaveCount(0);
    await expect(rows(page)).toHaveCount(to - from + 1);
    seen.push(...(await rowIds(page)));
    if (to < expected.length) await page.getByRole("button", { name: "Next", exact: true }).click();
  }
  await expect(page.getByRole("button", { name: "Next", exact: true })).toBeDisabled();
  expect(seen).toHaveLength(expected.length);
  expect(new Set(seen)).toEqual(new Set(expected.map((p) => p.id)));

  // Org-wide sort: 25 a page, by last activity, newest first; the first page is the newest 25 of every match.
  await page.getByRole("combobox", { name: "Rows per page" }).selectOption("25");
  await page.getByRole("button", { name: /^Last activity/ }).click();
  await page.getByRole("button", { name: /^Last activity/ }).click();
  await expect(page).toHaveURL(/sort=-lastActivity/);
  await expect(page.getByRole("columnheader", { name: /Last activity/ })).toHaveAttribute("aria-sort", "descending");
  const newest = [...expected].sort((a, b) => (a.lastActivity && b.lastActivity ? Date.parse(b.lastActivity) - Date.parse(a.lastActivity) : a.lastActivity ? -1 : b.lastActivity ? 1 : 0));
  const firstPage = newest.slice(0, 25).map((p) => p.id);
  await expect.poll(() => rowIds(page)).toEqual(firstPage);
  await expect(page.getByTestId("page-range")).toHaveText(`Showing 1–${Math.min(25, expected.length)} of ${expected.length.toLocaleString("en")} people`);
  await page.screenshot({ path: "/tmp/people-facets.png", fullPage: true });
  await expectNoSeriousAxe(page, "people facets");

  // Reload: the same view from the URL.
  await page.reload();
  await hydrated(page);
  await expect(page.getByTestId("index-total")).toHaveText(total);
  await expect.poll(() => rowIds(page)).toEqual(firstPage);
  await expect(panel.getByRole("checkbox", { name: /^Webex Calling - Professional/ })).toBeChecked();
  await expect(panel.getByRole("radio", { name: /^90 days or more/ })).toBeChecked();

  // Bulk work on every match: the dialog targets the index filter and says so (nothing runs until a preview).
  const n = expected.length.toLocaleString("en");
  await page.getByRole("button", { name: `Act on all ${n} matching…` }).click();
  const dialog = page.getByRole("dialog");
  await expect(dialog).toContainText(`All ${n} people matching these filters, from Roster's index as of`);
  await page.keyboard.press("Escape");
  await expect(dialog).toHaveCount(0);

  // Back steps out of the sort, then out of the facets; Clear filters goes live again.
  await page.goBack();
  await expect(page).not.toHaveURL(/sort=-lastActivity/);
  await panel.getByRole("button", { name: "Clear filters" }).click();
  await expect(page.getByTestId("grid-source")).toContainText("Live from Webex");
  // Clear filters keeps the page size and the sort (as it always did), and drops every facet.
  await expect(page).not.toHaveURL(/has=|inactive=/);
});
