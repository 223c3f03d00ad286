import Papa from "papaparse";
import { emulator, expect, expectNoSeriousAxe, signIn, test } from "./fixtures";
import { emuLicenses, forgetToken } from "./licenses-helpers";
import { hydrated } from "./people-helpers";
import { rawPerson, webex, type RawPerson } from "./person-helpers";

// Issue 14: the reclaim list as CSV, the licenses and reclaim views in the URL, helpdesk onboarding ("Add another
// like this", "Copy access from an existing person"), and focus back on the button after the bulk dialog closes.

test.beforeAll(async () => {
  await emulator("/_emulator/reset", { body: {} });
  forgetToken();
});

const stamp = Date.now().toString(36);
const HEADER = ["Person", "Email", "Licenses", "Last activity (UTC)", "Created (UTC)", "Why a candidate", "Criteria", "Scan ran (UTC)"];
type ApiView = { scan: { finishedAt: number }; rows: { id: string; email: string; licenses: string[]; lastActivity: string | null; reasons: string[] }[]; matching: number; limit: number };

test("reclaim: the CSV download holds exactly the scan's candidates for the criteria and filters, and the view survives reload and Back", async ({ page }) => {
  test.setTimeout(120_000);
  const names = new Map((await emuLicenses()).map((l) => [l.id, l.name]));
  await signIn(page, "admin@acme.example", "/licenses/reclaim");
  const reloaded = page.waitForResponse((r) => /\/api\/reclaim(\?|$)/.test(r.url()) && r.request().method() === "GET", { timeout: 60_000 });
  await page.getByRole("button", { name: /Scan (now|again)/ }).click();
  await reloaded;
  await expect(page.getByRole("button", { name: "Scan again" })).toBeEnabled({ timeout: 60_000 });

  // Criteria and a filter, each a step in the URL.
  await page.getByLabel("No activity for more than").fill("120");
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(/\/licenses\/reclaim\?inactiveDays=120$/);
  await page.getByLabel("Reason").selectOption("inactive");
  await expect(page).toHaveURL(/\/licenses\/reclaim\?inactiveDays=120&reason=inactive$/);
  const table = page.getByTestId("reclaim-table");
  await expect(table).toHaveAttribute("aria-busy", "false");
  const firstShown = await table.locator("tbody tr[data-person-id]").first().getAttribute("data-person-id");

  // The CSV: what the scan's view holds under these criteria (the API the page reads), person by person.
  const view = (await (await page.request.get("/api/reclaim?inactiveDays=120&reason=inactive")).json()) as ApiView;
  expect(view.matching).toBeGreaterThan(0);
  const download = page.waitForEvent("download");
  await page.getByTestId("export-reclaim").click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^reclaim-candidates-\d{4}-\d{2}-\d{2}\.csv$/);
  const text = Buffer.concat(await (await file.createReadStream()).toArray()).toString("utf8");
  expect(text.startsWith("\ufeff")).toBe(true);
  const [header, ...rows] = Papa.parse<string[]>(text.slice(1).trimEnd(), { delimiter: "," }).data;
  expect(header).toEqual(HEADER);
  expect(rows).toHaveLength(view.matching);
  if (view.matching <= view.limit) expect(rows.map((r) => r[1]).sort()).toEqual(view.rows.map((r) => r.email).sort());
  const scanRan = new Date(view.scan.finishedAt).toISOString();
  for (const r of rows) {
    expect(r[5]).toContain("No activity for more than 120 days");
    expect(r[6]).toBe("Deactivated, or invite pending for more than 30 days, or no activity for more than 120 days; reason: Inactive");
    expect(r[7]).toBe(scanRan);
  }
  // And as Webex holds them (the emulator's stored people), for a sample.
  for (const r of rows.slice(0, 8)) {
    const stored = (await rawPerson(r[1]!))!;
    expect(r[0]).toBe(stored.displayName);
    expect(r[2]).toBe(stored.licenses.map((id) => names.get(id)).join("; "));
    expect(r[3]).toBe(stored.lastActivity ? new Date(stored.lastActivity as string).toISOString() : "");
  }

  // Reload: the same criteria, filter and list.
  await page.reload();
  await expect(page.getByLabel("No activity for more than")).toHaveValue("120");
  await expect(page.getByLabel("Reason")).toHaveValue("inactive");
  await expect(table.locator("tbody tr[data-person-id]").first()).toHaveAttribute("data-person-id", firstShown!);
  // Back: the step before (no Reason filter); Forward again.
  await page.goBack();
  await expect(page).toHaveURL(/\?inactiveDays=120$/);
  await expect(page.getByLabel("Reason")).toHaveValue("");
  await expect(page.getByLabel("No activity for more than")).toHaveValue("120");
  // Back again, past the reload: the unfiltered page, its inputs at the defaults; then Forward twice.
  await page.goBack();
  await expect(page).toHaveURL(/\/licenses\/reclaim$/);
  await expect(page.getByLabel("No activity for more than")).toHaveValue("90");
  await expect(page.getByLabel("Reason")).toHaveValue("");
  await page.goForward();
  await expect(page).toHaveURL(/\?inactiveDays=120$/);
  await expect(page.getByLabel("No activity for more than")).toHaveValue("120");
  await page.goForward();
  await expect(page.getByLabel("Reason")).toHaveValue("inactive");
  await expect(page.getByLabel("No activity for more than")).toHaveValue("120");
  await expectNoSeriousAxe(page, "reclaim");

  // Hand-edited values fall back to the defaults, without an error.
  await page.goto("/licenses/reclaim?inactiveDays=5&inviteDays=abc&reason=bored&license=%3Cx%3E&page=-3");
  await expect(page.getByLabel("No activity for more than")).toHaveValue("90");
  await expect(page.getByLabel("Invite pending for more than")).toHaveValue("30");
  await expect(page.getByLabel("Reason")).toHaveValue("");
  await expect(table).toBeVisible();
  await expect(page.getByRole("alert").filter({ hasText: /Could not|Enter whole numbers|went wrong/ })).toHaveCount(0);
});

test("reclaim: the criteria inputs follow the URL on Back and Forward, across a reload too", async ({ page }) => {
  const invite = page.getByLabel("Invite pending for more than");
  const inactive = page.getByLabel("No activity for more than");
  await signIn(page, "admin@acme.example", "/licenses/reclaim");
  await expect(page.getByRole("button", { name: /Scan (now|again)/ })).toBeEnabled(); // hydrated
  await inactive.fill("120");
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(/\/licenses\/reclaim\?inactiveDays=120$/);
  await invite.fill("45");
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(/\/licenses\/reclaim\?inviteDays=45&inactiveDays=120$/);

  await page.reload();
  await expect(page.getByRole("button", { name: /Scan (now|again)/ })).toBeEnabled();
  await expect(invite).toHaveValue("45");
  await page.goBack();
  await expect(page).toHaveURL(/\/licenses\/reclaim\?inactiveDays=120$/);
  await expect(invite).toHaveValue("30");
  await expect(inactive).toHaveValue("120");
  await page.goBack();
  await expect(page).toHaveURL(/\/licenses\/reclaim$/);
  await expect(invite).toHaveValue("30");
  await expect(inactive).toHaveValue("90");
  await page.goForward();
  await expect(page).toHaveURL(/\?inactiveDays=120$/);
  await expect(inactive).toHaveValue("120");
  await page.goForward();
  await expect(page).toHaveURL(/\?inviteDays=45&inactiveDays=120$/);
  await expect(invite).toHaveValue("45");
  await expect(inactive).toHaveValue("120");
  // What a Back showed is what Apply starts from: applying from there keeps the URL's other values.
  await page.goBack();
  await expect(inactive).toHaveValue("120");
  await invite.fill("60");
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(/\?inviteDays=60&inactiveDays=120$/);
});

test("reclaim: Try again after the list failed to load keeps the criteria and filters in the URL", async ({ page }) => {
  await signIn(page, "admin@acme.example", "/licenses/reclaim?inactiveDays=120&reason=inactive");
  await expect(page.getByRole("button", { name: /Scan (now|again)/ })).toBeEnabled(); // hydrated
  // The list's next request fails once (Roster answers 500), then answers again.
  let failed = 0;
  await page.route(/\/api\/reclaim\?/, async (route) => {
    if (route.request().method() !== "GET" || failed++) return route.fallback();
    await route.fulfill({ status: 500, contentType: "application/json", body: JSON.stringify({ error: { status: 500, message: "The list failed for the test." } }) });
  });
  await page.getByLabel("Invite pending for more than").fill("45");
  await page.getByRole("button", { name: "Apply" }).click();
  const alert = page.getByRole("alert").filter({ hasText: "Could not load the reclaim list" });
  await expect(alert).toContainText("The list failed for the test.");
  await expect(page).toHaveURL(/\?inviteDays=45&inactiveDays=120&reason=inactive$/);

  const retried = page.waitForResponse((r) => /\/api\/reclaim\?/.test(r.url()) && r.request().method() === "GET");
  await alert.getByRole("button", { name: "Try again" }).click();
  const again = new URL((await retried).url());
  expect(Object.fromEntries(again.searchParams)).toEqual({ inviteDays: "45", inactiveDays: "120", reason: "inactive" });
  await expect(alert).toHaveCount(0);
  await expect(page).toHaveURL(/\?inviteDays=45&inactiveDays=120&reason=inactive$/);
  await expect(page.getByLabel("Invite pending for more than")).toHaveValue("45");
  await expect(page.getByLabel("No activity for more than")).toHaveValue("120");
});

test("reclaim: Try again after the page failed to load keeps the criteria and filters in the URL", async ({ page }) => {
  test.setTimeout(150_000);
  // A person added through Roster: the org's cached reference data goes, so the page's next load asks Webex.
  await signIn(page, "admin@acme.example", "/people/new");
  await page.getByRole("textbox", { name: "Email", exact: true }).fill(`retry.${stamp}@acme.example`);
  await page.getByLabel("Display name").fill("Retry Keeps Filters");
  await expect(page.getByText("Available.")).toBeVisible();
  await page.getByRole("button", { name: "Add person" }).click();
  await expect(page.getByTestId("onboarding-success")).toContainText("Retry Keeps Filters was added");

  await emulator("/_emulator/config", { method: "PUT", body: { faults: { "503": 1 } } });
  const alert = page.getByRole("alert").filter({ hasText: "Could not load the reclaim view" });
  try {
    await page.goto("/licenses/reclaim?inactiveDays=120&reason=inactive");
    await expect(alert).toBeVisible({ timeout: 60_000 });
  } finally {
    await emulator("/_emulator/config", { method: "PUT", body: { faults: { "503": 0 } } });
  }
  // The 503s may have paused the org's calls for a while; the alert then says how long ("try again in 14 s").
  // Wait as it says, as an admin would (clicking at once may meet the same pause, and the same alert).
  const wait = /try again in (\d+) s/.exec((await alert.textContent()) ?? "")?.[1];
  if (wait) await page.waitForTimeout((Number(wait) + 1) * 1000);
  await alert.getByRole("link", { name: "Try again" }).click();
  await expect(page.getByLabel("No activity for more than")).toHaveValue("120");
  await expect(alert).toHaveCount(0);
  await expect(page).toHaveURL(/\/licenses\/reclaim\?inactiveDays=120&reason=inactive$/);
});

test("licenses: the subscription filter and sort live in the URL; reload keeps them; unknown values show everything", async ({ page }) => {
  const licenses = await emuLicenses();
  const sub = licenses[0]!.subscriptionId!;
  await signIn(page, "admin@acme.example", "/licenses");
  const table = page.getByTestId("licenses-table");
  const subscription = page.getByRole("combobox", { name: "Subscription", exact: true });
  await subscription.selectOption(sub);
  await expect(page).toHaveURL(new RegExp(`\\?subscription=${sub}$`));
  await page.getByRole("button", { name: /^License/ }).click();
  await expect(page).toHaveURL(new RegExp(`\\?subscription=${sub}&sort=name$`));
  const byName = [...licenses].filter((l) => l.subscriptionId === sub).sort((a, b) => a.name.localeCompare(b.name));
  await expect(table.locator("tbody tr").first()).toHaveAttribute("data-license-id", byName[0]!.id);

  await page.reload();
  await expect(subscription).toHaveValue(sub);
  await expect(table.getByRole("columnheader", { name: /^License/ })).toHaveAttribute("aria-sort", "ascending");
  await expect(table.locator("tbody tr")).toHaveCount(byName.length);
  await expect(table.locator("tbody tr").first()).toHaveAttribute("data-license-id", byName[0]!.id);
  await page.goBack();
  await expect(table.getByRole("columnheader", { name: /^Used/ })).toHaveAttribute("aria-sort", "descending");
  await expectNoSeriousAxe(page, "licenses");

  await page.goto("/licenses?subscription=Sub-gone&sort=price");
  await expect(subscription).toHaveValue("__all__");
  await expect(table.locator("tbody tr")).toHaveCount(licenses.length);
  await expect(table.getByRole("columnheader", { name: /^Used/ })).toHaveAttribute("aria-sort", "descending");
  await expect(page.getByRole("alert").filter({ hasText: /Could not|went wrong/ })).toHaveCount(0);
});

test("Add another like this keeps licenses, location, department and manager, clears the rest, and focuses the email", async ({ page }) => {
  const all = await emuLicenses();
  const messaging = all.find((l) => l.name === "Messaging")!;
  const basic = all.find((l) => l.name === "Webex Calling - Basic")!;
  const locations = (await webex<{ items: { id: string; name: string }[] }>("/locations")).items;
  const location = locations[1] ?? locations[0]!;
  const manager = (await rawPerson("admin@acme.example"))!;
  const ext = (n: number) => String(9000 + ((parseInt(stamp.slice(-3), 36) * 2 + n) % 999));

  await signIn(page, "helpdesk@acme.example", "/people/new");
  const email = page.getByRole("textbox", { name: "Email", exact: true });
  await email.fill(`team.one.${stamp}@acme.example`);
  await expect(page.getByText("Available.")).toBeVisible();
  await page.getByLabel("First name").fill("Team");
  await page.getByLabel("Last name").fill("One");
  await page.getByLabel("Department").fill("Finance");
  await page.getByLabel("Title").fill("Analyst");
  await page.getByLabel("Manager's email").fill("admin@acme.example");
  await page.getByRole("button", { name: "Set manager" }).click();
  await expect(page.getByTestId("manager-value")).toHaveText(manager.displayName);
  await page.getByLabel("Extension").fill(ext(0));
  await page.getByLabel("Calling location").selectOption(location.id);
  await page.getByRole("checkbox", { name: "Messaging" }).check();
  await page.getByRole("checkbox", { name: "Webex Calling - Basic" }).check();
  await page.getByRole("button", { name: "Add person" }).click();
  await expect(page.getByTestId("onboarding-success")).toContainText("Team One was added");

  await page.getByRole("button", { name: "Add another like this" }).click();
  await expect(email).toBeFocused();
  await expect(email).toHaveValue("");
  for (const f of ["First name", "Last name", "Display name", "Title", "Extension"]) await expect(page.getByLabel(f, { exact: true })).toHaveValue("");
  await expect(page.getByLabel("Department")).toHaveValue("Finance");
  await expect(page.getByLabel("Calling location")).toHaveValue(location.id);
  await expect(page.getByTestId("manager-value")).toHaveText(manager.displayName);
  await expect(page.getByRole("checkbox", { name: "Messaging" })).toBeChecked();
  await expect(page.getByRole("checkbox", { name: "Webex Calling - Basic" })).toBeChecked();
  await expect(page.getByTestId("kept-fields")).toContainText("kept from Team One");
  await expectNoSeriousAxe(page, "onboarding, kept fields");

  await email.fill(`team.two.${stamp}@acme.example`);
  await page.getByLabel("First name").fill("Team");
  await page.getByLabel("Last name").fill("Two");
  await page.getByLabel("Extension").fill(ext(1));
  await page.getByRole("button", { name: "Add person" }).click();
  await expect(page.getByTestId("onboarding-success")).toContainText("Team Two was added");
  const [one, two] = [(await rawPerson(`team.one.${stamp}@acme.example`))!, (await rawPerson(`team.two.${stamp}@acme.example`))!];
  for (const p of [one, two]) {
    expect(p).toMatchObject({ department: "Finance", locationId: location.id, managerId: manager.id });
    expect([...p.licenses].sort()).toEqual([messaging.id, basic.id].sort());
  }
  expect(two.title).toBeUndefined();
  expect(two.roles ?? []).toEqual([]);
});

test("Copy access from an existing person fills their licenses and roles as Webex holds them; capacity is still checked", async ({ page }) => {
  const all = await emuLicenses();
  const roles = (await webex<{ items: { id: string; name: string }[] }>("/roles")).items;
  const source = (await rawPerson("helpdesk@acme.example"))!;
  const fromWebex = await webex<RawPerson>(`/people/${source.id}`);
  expect(fromWebex.roles.length).toBeGreaterThan(0);

  await signIn(page, "admin@acme.example", "/people/new");
  const copy = page.getByTestId("copy-access");
  await copy.getByLabel("Copy access from an existing person").fill(source.displayName);
  await copy.getByRole("button", { name: "Find" }).click();
  const found = copy.getByRole("list", { name: "People found" }).getByRole("listitem").filter({ hasText: source.emails[0]! });
  await expect(found).toHaveCount(1);
  const read = page.waitForResponse((r) => r.url().endsWith(`/api/people/${encodeURIComponent(source.id)}`) && r.request().method() === "GET");
  await found.getByRole("button", { name: `Copy access from ${source.displayName}` }).click();
  await read; // read from Webex (GET /people/{id}) at the moment of copying
  const summary = page.getByTestId("copied-access");
  await expect(summary).toContainText(`Copied from ${source.displayName}`);

  // Exactly the person's licenses and roles are ticked, every other one is not.
  for (const l of all) {
    const box = page.getByRole("group", { name: "Licenses", exact: true }).getByRole("checkbox", { name: l.name });
    if (fromWebex.licenses.includes(l.id)) await expect(box).toBeChecked();
    else await expect(box).not.toBeChecked();
  }
  for (const r of roles) {
    const box = page.getByRole("group", { name: "Admin roles", exact: true }).getByRole("checkbox", { name: r.name, exact: true });
    if (fromWebex.roles.includes(r.id)) await expect(box).toBeChecked();
    else await expect(box).not.toBeChecked();
  }
  await expectNoSeriousAxe(page, "onboarding, copied access");

  // The helpdesk can change what was copied; the new person gets what the form shows.
  const [dropped, ...kept] = fromWebex.licenses;
  await page.getByRole("group", { name: "Licenses", exact: true }).getByRole("checkbox", { name: all.find((l) => l.id === dropped)!.name }).uncheck();
  const newEmail = `copied.${stamp}@acme.example`;
  await page.getByRole("textbox", { name: "Email", exact: true }).fill(newEmail);
  await page.getByLabel("Display name").fill("Copied Access");
  await expect(page.getByText("Available.")).toBeVisible();
  await page.getByRole("button", { name: "Add person" }).click();
  await expect(page.getByTestId("onboarding-success")).toContainText("Copied Access was added");
  const created = (await rawPerson(newEmail))!;
  expect([...created.licenses].sort()).toEqual([...kept].sort());
  expect([...created.roles].sort()).toEqual([...fromWebex.roles].sort());

  // Copying from someone who holds an exhausted license: it is ticked, and submitting names it instead of creating.
  const full = all.find((l) => l.consumedUnits >= l.totalUnits)!;
  const holder = (await webex<{ items: RawPerson[] }>(`/people?max=1000`)).items.find((p) => p.type === "person" && p.licenses.includes(full.id))!;
  await page.getByRole("button", { name: "Add another", exact: true }).click();
  await copy.getByLabel("Copy access from an existing person").fill(holder.emails[0]!);
  await copy.getByRole("button", { name: "Find" }).click();
  await copy.getByRole("button", { name: /^Copy access from / }).click();
  await expect(page.getByRole("group", { name: "Licenses", exact: true }).getByRole("checkbox", { name: full.name })).toBeChecked();
  await page.getByRole("textbox", { name: "Email", exact: true }).fill(`copied.full.${stamp}@acme.example`);
  await page.getByLabel("Display name").fill("Copied Full");
  await page.getByRole("button", { name: "Add person" }).click();
  await expect(page.getByText(`No units left on ${full.name}`)).toBeVisible();
  expect(await rawPerson(`copied.full.${stamp}@acme.example`)).toBeNull();
});

test("closing the bulk action dialog returns focus to the button that opened it (Esc, Cancel, Close)", async ({ page }) => {
  await signIn(page, "admin@acme.example", "/people");
  await hydrated(page);
  const open = page.getByRole("button", { name: "Act on everyone…" });
  const dialog = page.getByRole("dialog", { name: "Bulk action" });
  for (const close of [
    () => page.keyboard.press("Escape"),
    () => dialog.getByRole("button", { name: "Cancel" }).click(),
    () => dialog.getByRole("button", { name: "Close" }).click(),
  ]) {
    await open.focus();
    await page.keyboard.press("Enter");
    await expect(dialog).toBeVisible();
    await expect.poll(() => page.evaluate(() => Boolean(document.activeElement?.closest("dialog[open]")))).toBe(true);
    await close();
    await expect(dialog).toHaveCount(0);
    await expect(open).toBeFocused();
  }

  // The selection bar's "Bulk action…" too.
  await page.locator("tbody tr").nth(2).getByRole("checkbox").check();
  const bulk = page.getByRole("button", { name: "Bulk action…" });
  await bulk.click();
  await expect(dialog).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(dialog).toHaveCount(0);
  await expect(bulk).toBeFocused();
  await expectNoSeriousAxe(page, "people after the dialog");
});
