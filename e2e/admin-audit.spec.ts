import { EMULATOR, emulator, expect, expectNoSeriousAxe, signIn, test } from "./fixtures";
import { seededPeople, type RawPerson } from "./person-helpers";

// Issue 13: a change made outside Roster (here: another admin calling Webex's API, as a script or Control Hub would)
// shows in the person's history, attributed to that admin and labelled as made outside Roster (decision 016).
test.beforeAll(async () => {
  await emulator("/_emulator/reset", { body: {} });
});


/** Changes a person's title straight in Webex as Hal Helpdesk (User Administrator), not through Roster. */
async function changeTitleAsHelpdesk(person: RawPerson, title: string): Promise<void> {
  const { access_token: token } = (await emulator("/_emulator/tokens", { body: { email: "helpdesk@acme.example" } })) as { access_token: string };
  const headers = { Authorization: `Bearer ${token}`, "Content-Type": "application/json" };
  const current = (await (await fetch(`${EMULATOR}/v1/people/${person.id}?callingData=true`, { headers })).json()) as Record<string, unknown>;
  const res = await fetch(`${EMULATOR}/v1/people/${person.id}?callingData=true`, { method: "PUT", headers, body: JSON.stringify({ ...current, title }) });
  expect(res.status).toBe(200);
}

test("a title changed by another admin outside Roster is in the person's history, attributed to them, labelled as made outside Roster", async ({ page }) => {
  const [person] = await seededPeople((p) => p.loginEnabled && p.title !== undefined);
  const title = `Changed outside Roster ${Date.now()}`;
  await changeTitleAsHelpdesk(person!, title);

  await signIn(page, "admin@acme.example", `/people/${person!.id}`);
  const history = page.getByRole("region", { name: "History" });
  // Webex's event names the field, not its value: "Hal Helpdesk modified title of user …".
  const entry = history.getByRole("listitem").filter({ hasText: "Hal Helpdesk modified title" });
  await expect(entry).toBeVisible();
  await expect(entry).toContainText("Made outside Roster");
  await expect(entry).toContainText("by Hal Helpdesk (helpdesk@acme.example)");
  await expect(entry).toContainText("Edited person");
  await expectNoSeriousAxe(page, "person page with a change made outside Roster");

  // /activity lists it too, and the source filter keeps it apart from Roster's own changes.
  await page.goto("/activity?source=webex");
  const row = page.getByTestId("activity-row").filter({ hasText: "Hal Helpdesk modified title" }).filter({ hasText: person!.displayName });
  await expect(row).toBeVisible();
  await expect(row).toContainText("Made outside Roster");
  await expect(row).toContainText("by Hal Helpdesk");
  await expect(page.getByLabel("Source")).toHaveValue("webex");
  await expectNoSeriousAxe(page, "activity filtered to changes made outside Roster");
  await page.goto("/activity?source=roster");
  await expect(page.getByTestId("activity-row").first().or(page.getByText("No activity matches these filters"))).toBeVisible();
  await expect(page.getByTestId("activity-row").filter({ hasText: "Made outside Roster" })).toHaveCount(0);
});

test("an admin Webex does not show its audit log to is told so plainly, and still sees Roster's own changes", async ({ page }) => {
  const [person] = await seededPeople((p) => p.loginEnabled);
  await signIn(page, "helpdesk@acme.example", `/people/${person!.id}`);
  const note = page.getByRole("region", { name: "History" }).getByTestId("webex-audit-note");
  await expect(note).toContainText("Webex's audit events are unavailable");
  await expect(note).toContainText("only to full administrators");
  await expectNoSeriousAxe(page, "person page without Webex's audit events");
});
