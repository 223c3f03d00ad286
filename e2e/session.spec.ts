import { emulator, expect, signIn, test } from "./fixtures";

test.beforeEach(async () => {
  await emulator("/_emulator/reset", { body: {} });
});

test("a session keeps working across access-token expiry (refreshed server-side)", async ({ page }) => {
  await emulator("/_emulator/config", { method: "PUT", body: { tokenLifetimeSeconds: 4 } });
  await signIn(page, "admin@acme.example", "/people");
  await expect(page.getByTestId("signed-in-user")).toHaveText("Ada Admin");
  const before = (await emulator("/_emulator/stats")) as { grants: Record<string, number> };
  await page.waitForTimeout(5_000); // the access token has now expired
  await page.goto("/people?displayName=A");
  await expect(page.getByTestId("signed-in-user")).toHaveText("Ada Admin");
  const me = await page.request.get("/api/me");
  expect(me.status()).toBe(200);
  const after = (await emulator("/_emulator/stats")) as { grants: Record<string, number> };
  expect((after.grants.refresh_token ?? 0) - (before.grants.refresh_token ?? 0)).toBeGreaterThanOrEqual(1);
});

test("a revoked Webex grant ends the session cleanly and says so", async ({ page }) => {
  await signIn(page, "admin@acme.example", "/people");
  await expect(page.getByTestId("signed-in-user")).toBeVisible();
  await emulator("/_emulator/revoke", { body: { email: "admin@acme.example" } });
  // The next page view finds out (on the server, or from the first API call its page makes) and goes to sign-in.
  await page.goto("/licenses");
  await expect(page).toHaveURL(/\/signin\?error=SessionExpired/);
  await expect(page.getByText("Your Webex session ended")).toBeVisible();
  // Signing in again brings the admin back to where they were.
  await page.getByRole("button", { name: /sign in with webex/i }).click();
  await page.getByRole("button", { name: /admin@acme\.example/i }).click();
  await expect(page).toHaveURL(/\/licenses/);
  await expect(page.getByTestId("signed-in-user")).toHaveText("Ada Admin");
});
