import { emulator, expect, signIn, test } from "./fixtures";

test.beforeAll(async () => {
  await emulator("/_emulator/reset", { body: {} });
});

test("a signed-out visit to /people lands on sign-in, and signing in returns there", async ({ page }) => {
  await page.goto("/people?displayName=Al");
  await expect(page).toHaveURL(/\/signin\?callbackUrl=/);
  await expect(page.getByRole("heading", { name: /sign in/i })).toBeVisible();
  await page.getByRole("button", { name: /sign in with webex/i }).click();
  // The emulator's OAuth page lists the seeded accounts and the requested scopes.
  await expect(page.getByText("spark-admin:people_write")).toBeVisible();
  await page.getByRole("button", { name: /admin@acme\.example/i }).click();
  await expect(page).toHaveURL(/\/people\?displayName=Al$/);
  await expect(page.getByTestId("signed-in-user")).toHaveText("Ada Admin");
  await expect(page.getByRole("link", { name: "Add person" })).toBeVisible();
});

test("sign-out ends the session", async ({ page }) => {
  await signIn(page, "admin@acme.example");
  await expect(page.getByTestId("signed-in-user")).toBeVisible();
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/signin/);
  await page.goto("/people");
  await expect(page).toHaveURL(/\/signin/);
  const me = await page.request.get("/api/me");
  expect(me.status()).toBe(401);
});

test("an employee without an admin role sees the not-an-administrator page", async ({ page }) => {
  await signIn(page, "employee@acme.example");
  await expect(page).toHaveURL(/\/not-admin/);
  await expect(page.getByRole("heading", { name: /not a webex administrator/i })).toBeVisible();
  await page.goto("/people");
  await expect(page).toHaveURL(/\/not-admin/);
});

test("a read-only administrator sees no mutation controls and the API refuses mutations", async ({ page }) => {
  await signIn(page, "auditor@acme.example", "/people");
  await expect(page.getByTestId("signed-in-user")).toHaveText("Audrey Auditor");
  await expect(page.getByText("Read-only", { exact: true })).toBeVisible();
  await expect(page.getByRole("link", { name: "Add person" })).toHaveCount(0);
  const res = await page.request.post("/api/people", {
    data: { emails: ["new.hire@acme.example"], displayName: "New Hire" },
    headers: { origin: new URL(page.url()).origin },
  });
  expect(res.status()).toBe(403);
});
