import type { Page } from "@playwright/test";
import { EMULATOR, expect, expectNoSeriousAxe, signIn, test } from "./fixtures";
import { seededPeople, webexToken, type RawPerson } from "./person-helpers";
import { screenshot } from "./screenshots";

// Issue 15, the change feed: a title changed in Webex directly (another admin in Control Hub) shows on /changes and
// on the person's history after "Sync now"; Undo from the browser restores it; a field changed again since is a 409
// that overwrites nothing and says so.

async function setTitle(person: RawPerson, title: string): Promise<void> {
  const headers = { Authorization: `Bearer ${await webexToken()}`, "Content-Type": "application/json" };
  const current = (await (await fetch(`${EMULATOR}/v1/people/${person.id}?callingData=true`, { headers })).json()) as Record<string, unknown>;
  const res = await fetch(`${EMULATOR}/v1/people/${person.id}?callingData=true`, { method: "PUT", headers, body: JSON.stringify({ ...current, title }) });
  expect(res.status).toBe(200);
}

async function titleOf(person: RawPerson): Promise<string | undefined> {
  const res = await fetch(`${EMULATOR}/v1/people/${person.id}?callingData=true`, { headers: { Authorization: `Bearer ${await webexToken()}` } });
  return ((await res.json()) as { title?: string }).title;
}

/** Presses "Sync now" and waits for that sync to finish (the freshness line says "as of" again). */
async function syncNow(page: Page): Promise<void> {
  const freshness = page.getByTestId("index-freshness");
  const button = freshness.getByRole("button", { name: "Sync now" });
  await expect(button).toBeEnabled({ timeout: 30_000 });
  await button.click();
  await expect(freshness.getByRole("button", { name: "Syncing…" })).toBeVisible();
  await expect(button).toBeEnabled({ timeout: 60_000 });
  await expect(freshness).toContainText("as of");
}

test("a change made in Webex shows on /changes and the person's history after Sync now; Undo restores it; a newer change is a 409", async ({ page }) => {
  const [person, other] = await seededPeople((p) => p.loginEnabled && typeof p.title === "string" && p.title !== "");
  const original = person!.title!;
  await signIn(page, "admin@acme.example", "/changes");
  await expect(page.getByRole("heading", { name: "Changes", level: 1 })).toBeVisible();
  await syncNow(page); // the baseline (or whatever changed since another spec's sync)

  const changed = `Changed in Webex ${Date.now()}`;
  await setTitle(person!, changed);
  await setTitle(other!, `Other ${Date.now()}`);
  await syncNow(page);

  await page.getByLabel("Person").fill(person!.emails[0]!);
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(/[?&]q=/);
  const row = page.getByTestId("change-row").filter({ hasText: person!.displayName }).filter({ hasText: changed });
  await expect(row).toBeVisible();
  await expect(row).toContainText("Title");
  await expect(row).toContainText(original);
  // Attributed from Webex's admin audit events (the emulator logs the admin token's PUT).
  await expect(row).toContainText("by Ada Admin (admin@acme.example) · Webex audit log");
  await expect(page.getByTestId("change-row")).toHaveCount(1);
  await expectNoSeriousAxe(page, "/changes with a change");
  await page.screenshot({ path: "/tmp/changes-page.png", fullPage: true });
  await screenshot(page, "changes");

  // The overview counts today's changes and links to them.
  await page.goto("/");
  const tile = page.getByTestId("tile-changes");
  await expect(tile.getByTestId("changes-count-changed")).not.toHaveText("0");
  await expect(tile).toContainText(person!.displayName);
  await page.screenshot({ path: "/tmp/changes-overview.png", fullPage: true });
  await expectNoSeriousAxe(page, "overview with today's changes");
  await tile.getByRole("link", { name: /See today's changes/ }).click();
  await expect(page).toHaveURL(/\/changes\?from=\d{4}-\d{2}-\d{2}&to=\d{4}-\d{2}-\d{2}/);
  await expect(page.getByTestId("change-row").filter({ hasText: changed })).toBeVisible();

  // The person's history shows it, labelled as seen between two syncs.
  await page.goto(`/people/${person!.id}`);
  const feed = page.getByTestId("person-feed");
  await expect(page.getByRole("heading", { name: "Seen changed in Webex between two syncs" })).toBeVisible();
  await expect(feed.getByTestId("person-feed-row").filter({ hasText: changed })).toContainText("Title changed in Webex");
  await page.screenshot({ path: "/tmp/changes-person.png", fullPage: true });

  // Undo from the browser: the dialog says exactly what is written; Webex holds the earlier title again.
  await page.goto(`/changes?q=${encodeURIComponent(person!.emails[0]!)}`);
  await row.getByRole("button", { name: /^Undo/ }).click();
  const dialog = page.getByRole("dialog");
  await expect(dialog.getByTestId("undo-writes")).toContainText(changed);
  await expect(dialog.getByTestId("undo-writes")).toContainText(original);
  await expectNoSeriousAxe(page, "Undo confirmation");
  await page.screenshot({ path: "/tmp/changes-undo-dialog.png" });
  await dialog.getByRole("button", { name: "Undo" }).click();
  await expect(dialog).toBeHidden();
  await expect(row.getByText("Undone")).toBeVisible();
  expect(await titleOf(person!)).toBe(original);

  // The other person's title changed again in Webex after the sync: 409, nothing overwritten, a clear message.
  const newer = `Changed again ${Date.now()}`;
  await setTitle(other!, newer);
  await page.goto(`/changes?q=${encodeURIComponent(other!.emails[0]!)}`);
  await page.getByTestId("change-row").first().getByRole("button", { name: /^Undo/ }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Undo" }).click();
  await expect(page.getByRole("dialog")).toContainText("changed again in Webex since; reload to see the current value");
  expect(await titleOf(other!)).toBe(newer);
});
