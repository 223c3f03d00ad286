import { emulator, expect, signIn, test } from "./fixtures";
import { licenses, peopleWrites, rawPerson, webex, type RawPerson } from "./person-helpers";
import { screenshot } from "./screenshots";

// Each test starts from the seeded org (reset once for the file) and uses its own new email addresses, so any one of
// them passes alone or in any order; the fault test turns its fault off again itself.
test.beforeAll(async () => {
  await emulator("/_emulator/reset", { body: {} });
});

const stamp = Date.now().toString(36);

test("happy path: the new person, their invite status, and Add another", async ({ page }) => {
  const email = `new.hire.${stamp}@acme.example`;
  const messaging = (await licenses()).find((l) => l.name === "Messaging")!;
  await signIn(page, "admin@acme.example", "/people/new");
  await expect(page.getByRole("heading", { name: "Add person" })).toBeVisible();
  await page.getByRole("textbox", { name: "Email", exact: true }).fill(email);
  await expect(page.getByText("Available.")).toBeVisible();
  await page.getByLabel("First name").fill("Nova");
  await page.getByLabel("Last name").fill("Hire");
  await page.getByLabel("Department").fill("Engineering");
  await page.getByLabel("Title").fill("Graduate Engineer");
  await page.getByRole("checkbox", { name: "Messaging" }).check();
  await screenshot(page, "onboarding-form", { fullPage: true });
  await page.getByRole("button", { name: "Add person" }).click();

  const done = page.getByTestId("onboarding-success");
  await expect(done).toContainText("Nova Hire was added");
  await expect(done).toContainText(`Activation email sent to ${email}`);
  await screenshot(page, "onboarding-success");
  const raw = (await rawPerson(email))!;
  expect(raw).toMatchObject({ displayName: "Nova Hire", department: "Engineering", title: "Graduate Engineer", invitePending: true });
  expect(raw.licenses).toEqual([messaging.id]);

  await page.getByRole("button", { name: "Add another", exact: true }).click();
  await expect(page.getByRole("textbox", { name: "Email", exact: true })).toHaveValue("");
});

test("a duplicate email is caught before submit and links to the existing person", async ({ page }) => {
  const [existing] = (await webex<{ items: RawPerson[] }>("/people?max=5")).items.filter((p) => p.type === "person");
  await signIn(page, "admin@acme.example", "/people/new");
  await page.getByRole("textbox", { name: "Email", exact: true }).fill(existing!.emails[0]!.toUpperCase());
  const warning = page.getByRole("status").filter({ hasText: "already belongs to someone" });
  await expect(warning).toBeVisible();
  await expect(warning.getByRole("link")).toHaveAttribute("href", `/people/${existing!.id}`);
  await expect(page.getByRole("button", { name: "Add person" })).toBeDisabled();
});

test("an exhausted license cannot be picked and is named", async ({ page }) => {
  const full = (await licenses()).find((l) => l.consumedUnits >= l.totalUnits)!;
  await signIn(page, "admin@acme.example", "/people/new");
  const box = page.getByRole("checkbox", { name: full.name });
  await expect(box).toBeDisabled();
  await expect(page.getByRole("listitem").filter({ hasText: full.name })).toContainText("No units left");
});

test("bad input gets field messages and nothing reaches Webex", async ({ page }) => {
  await signIn(page, "admin@acme.example", "/people/new");
  const before = await peopleWrites();
  await page.getByRole("textbox", { name: "Email", exact: true }).fill("not-an-email");
  await page.getByLabel("First name").fill("x".repeat(10_000));
  await page.getByRole("button", { name: "Add person" }).click();
  await expect(page.getByText("Enter a valid email address, like name@example.com")).toBeVisible();
  await expect(page.getByText("At most 256 characters")).toBeVisible();
  await expect(page.getByRole("textbox", { name: "Email", exact: true })).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByLabel("First name")).toHaveValue("x".repeat(10_000)); // nothing lost
  expect(await peopleWrites()).toBe(before);
  // The API says the same (400 naming the fields), and still nothing reaches Webex.
  const res = await page.request.post("/api/people", {
    headers: { origin: new URL(page.url()).origin, "content-type": "application/json" },
    data: { emails: ["nope"], firstName: "y".repeat(10_000), licenses: ["bad id!"], roles: "x" },
  });
  expect(res.status()).toBe(400);
  const body = (await res.json()) as { error: { fields: Record<string, string> } };
  expect(Object.keys(body.error.fields)).toEqual(expect.arrayContaining(["emails.0", "firstName", "licenses.0", "roles"]));
  expect(await peopleWrites()).toBe(before);
});

test("Webex answering 400 although it created the person → exactly one person, shown as added", async ({ page }) => {
  const email = `fault.${stamp}@acme.example`;
  await signIn(page, "admin@acme.example", "/people/new");
  await page.getByRole("textbox", { name: "Email", exact: true }).fill(email);
  await page.getByLabel("Display name").fill("Faulty Create");
  await expect(page.getByText("Available.")).toBeVisible();
  await emulator("/_emulator/config", { method: "PUT", body: { faults: { createAfter400: 1 } } });
  try {
    await page.getByRole("button", { name: "Add person" }).click();
    const done = page.getByTestId("onboarding-success");
    await expect(done).toContainText("Faulty Create was added");
    await expect(done).toContainText("did not create them twice");
    // What Webex answered, with its tracking ID for a support case.
    await expect(done).toContainText("Webex said: One or more back-end services failed");
    await expect(done.getByText(/Tracking ID/i)).toBeVisible();
  } finally {
    await emulator("/_emulator/config", { method: "PUT", body: { faults: { createAfter400: 0 } } });
  }
  expect((await webex<{ items: unknown[] }>(`/people?email=${encodeURIComponent(email)}`)).items).toHaveLength(1);

  await page.goto(`/activity?target=${encodeURIComponent(email)}`);
  const row = page.getByTestId("activity-row").first();
  await expect(row).toContainText("Created person");
  await expect(row).toContainText("Faulty Create");
  await expect(row).toContainText("the person was created (found by email)");
});
