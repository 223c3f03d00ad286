import { emulator, expect, expectNoSeriousAxe, signIn, test } from "./fixtures";
import { emuLicenses, forgetToken, webex } from "./licenses-helpers";
import { hydrated, rowIds } from "./people-helpers";
import { screenshot } from "./screenshots";

// Bulk work as a person does it in the browser: select → action → preview → run → results on the job's page.

type Stored = { id: string; emails: string[]; licenses: string[]; loginEnabled: boolean; invitePending: boolean; invitesSent?: number; invitedAt?: string; type: string; displayName: string; created: string };

const stored = async (email: string) => (await emulator(`/_emulator/people?email=${encodeURIComponent(email)}`)) as Stored;

test.beforeAll(async () => {
  await emulator("/_emulator/reset", { body: {} });
  forgetToken();
});

test("select people in the grid → add a license → preview → run → results", async ({ page }) => {
  const license = (await emuLicenses()).find((l) => l.name.startsWith("Webex Contact Center"))!;
  await signIn(page, "helpdesk@acme.example", "/people");
  await hydrated(page);
  const ids = (await rowIds(page)).slice(4, 10);
  for (const id of ids) await page.locator(`tr:has(a[href="/people/${encodeURIComponent(id)}"])`).getByRole("checkbox").check();
  await expect(page.getByTestId("selection-count")).toHaveText("6 people selected");
  const people = await Promise.all(ids.map(async (id) => (await webex<Stored>(`/people/${id}`)).body));
  const lacking = people.filter((p) => p.type === "person" && !p.licenses.includes(license.id));

  await page.getByRole("button", { name: "Bulk action…" }).click();
  const dialog = page.getByRole("dialog", { name: "Bulk action" });
  await dialog.getByRole("radio", { name: /Add license/ }).check();
  const value = await dialog.locator("option", { hasText: "Contact Center" }).getAttribute("value");
  await dialog.getByRole("combobox", { name: /License/ }).selectOption(value!);
  await dialog.getByRole("button", { name: "Preview" }).click();

  const preview = page.getByRole("dialog", { name: /Preview: Add Webex Contact Center/ });
  await expect(preview.getByTestId("preview-will-change")).toHaveText(`${lacking.length} will change`);
  await expect(preview.getByTestId("preview-skipped")).toHaveText(`${6 - lacking.length} skipped`);
  await expect(preview.getByTestId("preview-pool")).toContainText(`needs ${lacking.length}`);
  await expect(preview.getByTestId("preview-items").locator("tbody tr")).toHaveCount(lacking.length);
  // Nothing was written while previewing.
  for (const p of lacking) expect((await stored(p.emails[0]!)).licenses).not.toContain(license.id);
  await screenshot(page, "bulk-preview");
  await expectNoSeriousAxe(page, "", "dialog[open]");

  await preview.getByRole("button", { name: `Run for ${lacking.length} ${lacking.length === 1 ? "person" : "people"}` }).click();
  await expect(page).toHaveURL(/\/jobs\/[0-9a-f-]{36}$/);
  await expect(page.getByTestId("job-status")).toContainText("Finished", { timeout: 30_000 });
  await expect(page.getByTestId("job-counts")).toContainText(new RegExp(`Done\\s*${lacking.length}`));
  await expect(page.getByTestId("job-item").filter({ hasText: "Done" })).toHaveCount(lacking.length);
  await expect(page.getByTestId("job-item").first()).toContainText("Webex Contact Center");
  for (const p of lacking) expect((await stored(p.emails[0]!)).licenses).toContain(license.id);
  await screenshot(page, "job-results", { fullPage: true });
  await expectNoSeriousAxe(page);

  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "Download results (CSV)" }).click();
  const csv = await (await download).path().then((p) => import("node:fs").then((fs) => fs.readFileSync(p!, "utf8")));
  expect(csv.split("\r\n").filter(Boolean)).toHaveLength(1 + 6);

  await page.goto("/jobs");
  await expect(page.getByTestId("jobs-table").locator("tbody tr").first()).toContainText("Add Webex Contact Center - Premium Agent");
  await screenshot(page, "jobs-list");
});

async function webexAll(path: string): Promise<Stored[]> {
  const out: Stored[] = [];
  for (let url: string | null = path; url; ) {
    const { body, next }: { body: { items: Stored[] }; next: string | null } = await webex(url);
    out.push(...body.items);
    url = next;
  }
  return out;
}

test("all matching: a name filter → deactivate → the count is the filter's, before anything runs", async ({ page }) => {
  // A two-letter prefix that a handful of people share, and none of the accounts the specs sign in with.
  const everyone = await webexAll("/people?max=1000");
  const byPrefix = new Map<string, number>();
  for (const p of everyone) byPrefix.set(p.displayName.slice(0, 2), (byPrefix.get(p.displayName.slice(0, 2)) ?? 0) + 1);
  const reserved = ["Ad", "Ha", "Au", "Em"];
  const prefix = [...byPrefix].find(([k, n]) => n >= 4 && n <= 12 && !reserved.includes(k) && /^[A-Z][a-z]$/.test(k))![0];
  const all = await webexAll(`/people?displayName=${prefix}&max=1000`);
  const willChange = all.filter((p) => p.type === "person" && p.loginEnabled);

  await signIn(page, "admin@acme.example", `/people?q=${prefix}`);
  await hydrated(page);
  await page.getByRole("button", { name: "Act on all matching…" }).click();
  const dialog = page.getByRole("dialog", { name: "Bulk action" });
  await expect(dialog).toContainText("everyone matching the search and filters");
  await dialog.getByRole("radio", { name: /^Deactivate/ }).check();
  await dialog.getByRole("button", { name: "Preview" }).click();
  const preview = page.getByRole("dialog", { name: /Preview: Deactivate/ });
  await expect(preview.getByTestId("preview-will-change")).toHaveText(`${willChange.length} will change`);
  await expect(preview.getByTestId("preview-skipped")).toHaveText(`${all.length - willChange.length} skipped`);
  // A slow Webex, so the job runs long enough to be seen running.
  await emulator("/_emulator/config", { method: "PUT", body: { latencyMs: 1000 } });
  try {
    await preview.getByRole("button", { name: /Run for/ }).click();
    // While it runs, the navigation counts it.
    // (The narrow-window menu holds a second copy of the links, hidden at this width.)
    await expect(page.locator('[data-testid="active-jobs"]:visible')).toHaveText("1 running");
    await expect(page.getByTestId("job-status")).toContainText("Finished", { timeout: 60_000 });
  } finally {
    await emulator("/_emulator/config", { method: "PUT", body: { latencyMs: 0 } });
  }
  await expect(page.getByTestId("job-counts")).toContainText(new RegExp(`Done\\s*${willChange.length}`));
  // The shell announces the end of the job wherever the admin is (a toast in a live region).
  await expect(page.getByText(/^Job finished: Deactivate/)).toBeVisible({ timeout: 20_000 });
  for (const p of willChange) expect((await stored(p.emails[0]!)).loginEnabled).toBe(false);

  // And back: reactivate everyone matching the same filter.
  await page.goto(`/people?q=${prefix}`);
  await hydrated(page);
  await page.getByRole("button", { name: "Act on all matching…" }).click();
  await page.getByRole("dialog", { name: "Bulk action" }).getByRole("radio", { name: /^Reactivate/ }).check();
  await page.getByRole("dialog", { name: "Bulk action" }).getByRole("button", { name: "Preview" }).click();
  await page.getByRole("dialog", { name: /Preview: Reactivate/ }).getByRole("button", { name: /Run for/ }).click();
  await expect(page.getByTestId("job-status")).toContainText("Finished", { timeout: 60_000 });
  for (const p of willChange) expect((await stored(p.emails[0]!)).loginEnabled).toBe(true);
});

test("the bulk dialog's code loads on demand, yet it opens on the first click or keypress and takes focus", async ({ page }) => {
  await signIn(page, "admin@acme.example", "/people");
  await hydrated(page);
  const open = page.getByRole("button", { name: "Act on everyone…" });
  const dialog = page.getByRole("dialog", { name: "Bulk action" });
  const focusInDialog = () => page.evaluate(() => Boolean(document.activeElement?.closest("dialog[open]")));

  // A screen reader's activation: a click with no hover or focus before it, so nothing preloaded the dialog.
  await open.dispatchEvent("click");
  await expect(dialog).toBeVisible();
  await expect.poll(focusInDialog).toBe(true);
  await page.keyboard.press("Escape");
  await expect(dialog).toHaveCount(0);

  // The keyboard: focus the button (which starts loading the code), Enter opens, Escape closes.
  await page.reload();
  await hydrated(page);
  await open.focus();
  await page.keyboard.press("Enter");
  await expect(dialog).toBeVisible();
  await expect.poll(focusInDialog).toBe(true);
  await page.keyboard.press("Escape");
  await expect(dialog).toHaveCount(0);
});

test("resend the invitation from an invite-pending person's page: Webex resends to every invite-pending person", async ({ page }) => {
  const all = await webexAll("/people?max=1000");
  const pending = all.filter((p) => p.invitePending && p.type === "person");
  const dayAgo = Date.now() - 24 * 3600_000;
  const target = pending.find((p) => Date.parse(p.created) < dayAgo)!;
  const before = await stored(target.emails[0]!);

  await signIn(page, "helpdesk@acme.example", `/people/${encodeURIComponent(target.id)}`);
  await page.getByRole("button", { name: "Resend invitation…" }).click();
  const dialog = page.getByRole("dialog", { name: "Resend invitation" });
  await expect(dialog).toContainText(`Webex resends to everyone invite-pending: ${pending.length} people`);
  await dialog.getByRole("button", { name: `Resend to all ${pending.length}` }).click();
  await expect(page).toHaveURL(/\/jobs\//);
  await expect(page.getByTestId("job-status")).toContainText("Finished", { timeout: 60_000 });
  await expect(page.getByTestId("webex-resend-counts")).toContainText(`of ${pending.length} invite-pending people`);
  await expect(page.getByTestId("job-item")).toHaveCount(1);
  await expect(page.getByTestId("job-item")).toContainText("Invitation resent");
  expect((await stored(target.emails[0]!)).invitesSent).toBe((before.invitesSent ?? 0) + 1);
});

test("a read-only admin sees no bulk controls, and the API refuses them (403)", async ({ page }) => {
  await signIn(page, "auditor@acme.example", "/people");
  await hydrated(page);
  await expect(page.getByRole("button", { name: /Act on/ })).toHaveCount(0);
  await page.getByRole("checkbox", { name: /^Select / }).nth(1).check();
  await expect(page.getByTestId("selection-count")).toBeVisible();
  await expect(page.getByRole("button", { name: "Bulk action…" })).toHaveCount(0);
  const res = await page.request.post("/api/jobs/preview", {
    data: { action: "deactivate", target: { personIds: ["Y2lzY29zcGFyazovL3VzL1BFT1BMRS94"] } },
    headers: { origin: new URL(page.url()).origin },
  });
  expect(res.status()).toBe(403);
  // They can still look at jobs.
  await page.goto("/jobs");
  await expect(page.getByRole("heading", { name: "Jobs" })).toBeVisible();
  await expect(page.getByTestId("jobs-table")).toBeVisible();
});
