import { EMULATOR, emulator, expect, expectNoSeriousAxe, signIn, test } from "./fixtures";
import { licenses, rawPerson, sameOrigin, seededPeople, type LicenseRow, type RawPerson } from "./person-helpers";
import { screenshot } from "./screenshots";

// The person page as an admin uses it: edit through the review dialog, conflicts, deactivate/reactivate, delete,
// and each action in /activity. The tests share one seeded person to edit (chosen after the emulator's reset) but
// not each other's results: each reads what it starts from and checks only what it did itself, so any one of
// them passes alone or in any order.

let victim: RawPerson;
let extraLicense: { id: string; name: string };

/** The first of `people` with a Messaging or Meetings license they lack and the pool can spare. */
function withFreeLicense(people: RawPerson[], all: LicenseRow[]): { person: RawPerson; license: LicenseRow } | undefined {
  for (const person of people) {
    const license = all.find((l) => (l.name === "Messaging" || l.name === "Meeting - Webex Meetings") && !person.licenses.includes(l.id) && l.consumedUnits < l.totalUnits);
    if (license) return { person, license };
  }
  return undefined;
}

test.beforeAll(async () => {
  await emulator("/_emulator/reset", { body: {} });
  const candidates = await seededPeople(
    (p) => p.licenses.length >= 2 && p.phoneNumbers?.length > 0 && p.addresses?.length > 0 && Boolean(p.extension) && p.loginEnabled,
  );
  const pick = withFreeLicense(candidates, await licenses());
  if (!pick) throw new Error("no seeded Calling user with phones, addresses and a free license to add");
  victim = pick.person;
  extraLicense = pick.license;
});

test("edit the title and add a license through the review dialog; every other field is unchanged in Webex", async ({ page }) => {
  const before = (await rawPerson(victim.emails[0]!))!;
  await signIn(page, "admin@acme.example", `/people/${victim.id}`);
  await expect(page.getByRole("heading", { level: 1, name: victim.displayName })).toBeVisible();
  await expect(page.getByTestId("person-history").or(page.getByText(/^No changes (made through Roster|recorded) yet/))).toBeVisible();
  await screenshot(page, "person-page", { fullPage: true });

  await page.getByRole("button", { name: "Edit", exact: true }).click();
  await page.getByLabel("Title").fill("Head of Roster Testing");
  await page.getByRole("checkbox", { name: extraLicense.name }).check();
  await page.getByRole("button", { name: "Review changes" }).click();

  const dialog = page.getByRole("dialog", { name: "Review changes" });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByTestId("change-title")).toContainText("Head of Roster Testing");
  await expect(dialog.getByTestId("change-licenses")).toContainText(`Added: ${extraLicense.name}`);
  await expect(dialog.locator("[data-testid^=change-]")).toHaveCount(2);
  await screenshot(page, "person-review-dialog");
  await dialog.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Changes saved" })).toBeVisible();

  const after = (await rawPerson(victim.emails[0]!))!;
  expect(after.title).toBe("Head of Roster Testing");
  expect(after.licenses).toEqual([...before.licenses, extraLicense.id]);
  for (const field of ["roles", "phoneNumbers", "addresses", "extension", "locationId", "emails", "displayName", "firstName", "lastName",
    "department", "manager", "managerId", "siteUrls", "loginEnabled", "orgId", "avatar"]) {
    expect(after[field], field).toEqual(before[field]);
  }
});

test("nothing changed → nothing is sent", async ({ page }) => {
  await signIn(page, "admin@acme.example", `/people/${victim.id}`);
  await page.getByRole("button", { name: "Edit", exact: true }).click();
  await page.getByRole("button", { name: "Review changes" }).click();
  await expect(page.getByText("Nothing has changed yet, so there is nothing to save.")).toBeVisible();
  await expect(page.getByRole("dialog")).toHaveCount(0);
});

test("a field changed in Webex meanwhile → conflict; keeping mine saves mine", async ({ page }) => {
  await signIn(page, "admin@acme.example", `/people/${victim.id}`);
  await page.getByRole("button", { name: "Edit", exact: true }).click();
  await page.getByLabel("Department").fill("Mine");
  // Another admin changes the department directly in Webex.
  const helpdesk = page.context().request;
  const current = (await rawPerson(victim.emails[0]!))!;
  const token = ((await emulator("/_emulator/tokens", { body: { email: "helpdesk@acme.example" } })) as { access_token: string }).access_token;
  const full = await (await helpdesk.get(`${EMULATOR}/v1/people/${victim.id}?callingData=true`, { headers: { Authorization: `Bearer ${token}` } })).json();
  for (const k of ["id", "created", "lastModified", "lastActivity", "status", "invitePending", "sipAddresses", "type", "nickName", "xmppFederationJid"]) delete full[k];
  const put = await helpdesk.put(`${EMULATOR}/v1/people/${victim.id}?callingData=true`, { headers: { Authorization: `Bearer ${token}` }, data: { ...full, department: "Theirs" } });
  expect(put.status(), await put.text()).toBe(200);
  expect(current.department).not.toBe("Theirs");

  await page.getByRole("button", { name: "Review changes" }).click();
  await page.getByRole("dialog", { name: "Review changes" }).getByRole("button", { name: "Save changes" }).click();
  const conflict = page.getByRole("dialog", { name: "Changed in Webex while you were editing" });
  await expect(conflict).toBeVisible();
  await expect(conflict.getByTestId("conflict-department")).toContainText("Theirs");
  expect((await rawPerson(victim.emails[0]!))!.department).toBe("Theirs"); // nothing overwritten
  await conflict.getByRole("radio", { name: /Keep mine/ }).check();
  await conflict.getByRole("button", { name: "Continue" }).click();
  await page.getByRole("dialog", { name: "Review changes" }).getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Changes saved" })).toBeVisible();
  expect((await rawPerson(victim.emails[0]!))!.department).toBe("Mine");
});

for (const mode of ["skip", "reject"] as const) {
  test(`license checkboxes only: a license whose pool filled up meanwhile is named to the admin (overflow ${mode})`, async ({ page }) => {
    const all = await licenses();
    const messaging = all.find((l) => l.name === "Messaging")!;
    const meetings = all.find((l) => l.name === "Meeting - Webex Meetings")!;
    // A person of this test's own, holding neither license, with units free for both.
    const candidates = await seededPeople((p) => p.id !== victim.id && p.roles.length === 0 && p.loginEnabled);
    // From the middle of the list: the other tests take their people from its ends.
    const target = candidates[Math.floor(candidates.length / 2) + (mode === "skip" ? 0 : 1)];
    const token = ((await emulator("/_emulator/tokens", { body: { email: "admin@acme.example" } })) as { access_token: string }).access_token;
    const strip = await page.context().request.patch(`${EMULATOR}/v1/licenses/users`, {
      headers: { Authorization: `Bearer ${token}` },
      data: { personId: target!.id, licenses: [messaging, meetings].map((l) => ({ id: l.id, operation: "remove" })) },
    });
    expect(strip.ok(), await strip.text()).toBe(true);
    for (const l of [messaging, meetings]) await emulator("/_emulator/license-units", { method: "PUT", body: { licenseId: l.id, totalUnits: l.consumedUnits + 20 } });
    await emulator("/_emulator/config", { method: "PUT", body: { licenseOverflow: mode } });
    try {
      const before = (await rawPerson(target!.emails[0]!))!;
      await signIn(page, "admin@acme.example", `/people/${target!.id}`);
      await page.getByRole("button", { name: "Edit", exact: true }).click();
      await page.getByRole("checkbox", { name: messaging.name }).check();
      await page.getByRole("checkbox", { name: meetings.name }).check();
      await page.getByRole("button", { name: "Review changes" }).click();
      const dialog = page.getByRole("dialog", { name: "Review changes" });
      await expect(dialog.locator("[data-testid^=change-]")).toHaveCount(1);
      // Someone else takes the last Meetings units while the admin reviews.
      const now = (await licenses()).find((l) => l.id === meetings.id)!;
      await emulator("/_emulator/license-units", { method: "PUT", body: { licenseId: meetings.id, totalUnits: now.consumedUnits } });
      await dialog.getByRole("button", { name: "Save changes" }).click();
      // Webex's state is read once the page has the answer (read at once, it could come before the save).
      if (mode === "skip") {
        const notice = page.getByRole("status").filter({ hasText: "Saved in part: Webex refused some license changes" });
        await expect(notice).toBeVisible();
        await expect(notice.getByRole("listitem")).toHaveText([/^Meeting - Webex Meetings was not assigned: no free units left \(\d+ of \d+ used\)/]);
        await expect(page.getByRole("button", { name: "Edit", exact: true })).toBeVisible(); // back on the page, not the form
        expect((await rawPerson(target!.emails[0]!))!.licenses).toEqual([...before.licenses, messaging.id]);
      } else {
        await expect(page.locator("#licenses-error")).toHaveText(/^Not saved, nothing was changed\. Meeting - Webex Meetings was not assigned: no free units left/);
        await expect(page.getByRole("checkbox", { name: messaging.name })).toBeChecked(); // the edit is still in the form
        expect((await rawPerson(target!.emails[0]!))!.licenses).toEqual(before.licenses);
      }
      await expectNoSeriousAxe(page);
    } finally {
      await emulator("/_emulator/config", { method: "PUT", body: { licenseOverflow: "reject" } });
      for (const l of [messaging, meetings]) await emulator("/_emulator/license-units", { method: "PUT", body: { licenseId: l.id, totalUnits: l.totalUnits } });
    }
  });
}

test("deactivate and reactivate (licenses stay assigned)", async ({ page }) => {
  await signIn(page, "admin@acme.example", `/people/${victim.id}`);
  const held = (await rawPerson(victim.emails[0]!))!.licenses;
  await page.getByRole("button", { name: "Deactivate" }).click();
  const d = page.getByRole("dialog", { name: /Deactivate/ });
  await expect(d).toContainText("stay assigned");
  await d.getByRole("button", { name: "Deactivate" }).click();
  await expect(page.getByRole("status").filter({ hasText: "was deactivated" })).toBeVisible();
  let raw = (await rawPerson(victim.emails[0]!))!;
  expect(raw.loginEnabled).toBe(false);
  expect(raw.licenses).toEqual(held);

  await page.getByRole("button", { name: "Reactivate" }).click();
  await page.getByRole("dialog", { name: /Reactivate/ }).getByRole("button", { name: "Reactivate" }).click();
  await expect(page.getByRole("status").filter({ hasText: "was reactivated" })).toBeVisible();
  raw = (await rawPerson(victim.emails[0]!))!;
  expect(raw.loginEnabled).toBe(true);
});

test("delete requires typing the email, shows the licenses it frees, and is recorded in /activity", async ({ page }) => {
  const [target] = await seededPeople((p) => p.id !== victim.id && p.licenses.length > 0 && p.roles.length === 0);
  await signIn(page, "admin@acme.example", `/people/${target!.id}`);
  await page.getByRole("button", { name: "Delete" }).click();
  const d = page.getByRole("dialog", { name: /Delete/ });
  await expect(d.getByTestId("freed-licenses").getByRole("listitem")).toHaveCount(target!.licenses.length);
  const confirm = d.getByRole("button", { name: "Delete permanently" });
  await expect(confirm).toBeDisabled();
  await d.getByLabel(/to confirm/).fill("wrong@acme.example");
  await expect(confirm).toBeDisabled();
  await d.getByLabel(/to confirm/).fill(target!.emails[0]!);
  await confirm.click();
  await expect(page.getByRole("status").filter({ hasText: "was deleted" })).toBeVisible();
  expect(await rawPerson(target!.emails[0]!)).toBeNull();

  // /activity filtered to deletions: only deletions, the newest (this one) first, with the freed licenses by name.
  await page.goto("/activity");
  const rows = page.getByTestId("activity-row");
  await expect(rows.first()).toBeVisible();
  await page.getByLabel("Action").selectOption("person.delete");
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(/action=person\.delete/);
  await expect(rows.first()).toContainText(target!.emails[0]!);
  await expect(rows.filter({ hasNotText: "Deleted person" })).toHaveCount(0);
  const freed = rows.first().getByTestId("change-licenses");
  await expect(freed.getByRole("listitem")).toHaveCount(target!.licenses.length);
  await expect(freed).not.toContainText("Unknown"); // names loaded
});

test("each action appears in /activity with its diff, newest first; the person page shows its history; CSV export", async ({ page }) => {
  // Its own person and its own five actions, sent to the console's API as the person page sends them: the trail it
  // reads is only its own, whatever ran before.
  const others = (await seededPeople((p) => p.id !== victim.id && p.loginEnabled && p.roles.length === 0)).reverse();
  const { person, license } = withFreeLicense(others, await licenses())!;
  const email = person.emails[0]!;
  const start = (await rawPerson(email))!;
  const title = `Audited title ${Date.now().toString(36)}`;
  await signIn(page, "admin@acme.example", `/people/${person.id}`);
  await expect(page.getByRole("heading", { level: 1, name: person.displayName })).toBeVisible();
  const headers = sameOrigin(page.url());
  const patch = async (data: unknown) => (await page.request.patch(`/api/people/${person.id}`, { headers, data })).status();
  expect(await patch({ changes: { title, licenses: [...start.licenses, license.id] }, original: { title: start.title ?? null, licenses: start.licenses } })).toBe(200);
  // Started from a department Webex no longer holds: refused (409) and recorded as not saved.
  expect(await patch({ changes: { department: "Mine" }, original: { department: `not ${String(start.department)}` } })).toBe(409);
  expect(await patch({ changes: { department: "Mine" }, original: { department: start.department ?? null } })).toBe(200);
  expect(await patch({ changes: { loginEnabled: false }, original: { loginEnabled: true } })).toBe(200);
  expect(await patch({ changes: { loginEnabled: true }, original: { loginEnabled: false } })).toBe(200);

  // By ID: an exact match (an email filter matches substrings, so another person's address could contain this one).
  await page.goto(`/activity?target=${encodeURIComponent(person.id)}`);
  const rows = page.getByTestId("activity-row");
  await expect(rows).toHaveCount(5);
  await expect(rows.nth(0)).toContainText("Reactivated person");
  await expect(rows.nth(0)).toContainText("Disabled");
  await expect(rows.nth(1)).toContainText("Deactivated person");
  await expect(rows.nth(2)).toContainText("Edited person");
  await expect(rows.nth(2)).toContainText("Mine");
  await expect(rows.nth(3)).toContainText("Failed · 409"); // the conflict, recorded as not saved
  await expect(rows.nth(4)).toContainText(title);
  await expect(rows.nth(4)).toContainText(`Added: ${license.name}`); // the license's name, not its ID
  for (let i = 0; i < 5; i++) await expect(rows.nth(i)).toContainText(`by admin@acme.example`);

  const csv = await page.request.get(`/api/activity/export?target=${encodeURIComponent(person.id)}`);
  expect(csv.headers()["content-type"]).toContain("text/csv");
  expect(await csv.text()).toContain(title);

  await page.goto(`/people/${person.id}`);
  await expect(page.getByTestId("person-history").getByRole("listitem").first()).toContainText("Reactivated person");

  await page.goto("/activity");
  await expect(rows.first()).toBeVisible();
  await screenshot(page, "activity-page", { fullPage: true });
});

test("a PUT that Webex refuses: the page reloads the person and says so; the edits stay in the form", async ({ page }) => {
  // A user administrator may not grant Full Administrator: Webex answers 403 to the PUT.
  await signIn(page, "helpdesk@acme.example", `/people/${victim.id}`);
  const before = (await rawPerson(victim.emails[0]!))!;
  await page.getByRole("button", { name: "Edit", exact: true }).click();
  await page.getByLabel("Title").fill("Refused title");
  await page.getByRole("checkbox", { name: "Full Administrator" }).check();
  await page.getByRole("button", { name: "Review changes" }).click();
  await page.getByRole("dialog", { name: "Review changes" }).getByRole("button", { name: "Save changes" }).click();
  const alert = page.getByRole("alert").filter({ hasText: "Your changes were not saved" });
  await expect(alert).toContainText("Only a full administrator can grant");
  await expect(alert).toContainText("Roster read this person again");
  // Webex applied none of it: both fields are listed as not saved, and kept in the form.
  await expect(page.getByTestId("unsaved-fields").locator("[data-testid^=change-]")).toHaveCount(2);
  await expect(page.getByTestId("saved-fields")).toHaveCount(0);
  await expect(alert).toContainText("Webex tracking ID");
  await expect(page.getByLabel("Title")).toHaveValue("Refused title");
  const after = (await rawPerson(victim.emails[0]!))!;
  expect(after.title).toBe(before.title);
  expect(after.roles).toEqual(before.roles);
});

test("the read-only admin sees no edit controls; PATCH, POST and DELETE answer 403", async ({ page }) => {
  await signIn(page, "auditor@acme.example", `/people/${victim.id}`);
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  for (const name of ["Edit", "Deactivate", "Reactivate", "Delete"]) await expect(page.getByRole("button", { name, exact: true })).toHaveCount(0);
  const headers = sameOrigin(page.url());
  expect((await page.request.patch(`/api/people/${victim.id}`, { headers, data: { changes: { title: "x" } } })).status()).toBe(403);
  expect((await page.request.post("/api/people", { headers, data: { emails: ["x@acme.example"], displayName: "X" } })).status()).toBe(403);
  expect((await page.request.delete(`/api/people/${victim.id}`, { headers })).status()).toBe(403);
  await page.goto("/people/new");
  await expect(page.getByText("Your administrator role cannot add people")).toBeVisible();
});
