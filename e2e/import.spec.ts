import { readFileSync } from "node:fs";
import type { Download } from "@playwright/test";
import { emulator, expect, expectNoSeriousAxe, signIn, test } from "./fixtures";
import { forgetToken, webex } from "./licenses-helpers";
import { hydrated } from "./people-helpers";
import { screenshot } from "./screenshots";

// CSV import and export as an admin does them: upload → plan (nothing written) → run → results; the template;
// a filtered view exported in the template's format.

type Stored = { id: string; emails: string[]; displayName: string; title?: string; department?: string; roles: string[]; type: string };

const stored = async (email: string) => (await emulator(`/_emulator/people?email=${encodeURIComponent(email)}`)) as Stored;
const textOf = async (d: Download) => readFileSync((await d.path())!, "utf8");

test.beforeAll(async () => {
  await emulator("/_emulator/reset", { body: {} });
  forgetToken();
});

test("upload a file with 2 new people, 2 changes and 1 bad row → plan → run → results", async ({ page }) => {
  const people = (await webex<{ items: Stored[] }>("/people?max=40")).body.items.filter((p) => p.type === "person" && !p.roles?.length);
  const [a, b] = [people[10]!, people[11]!];
  const csv = [
    "Email,Display name,Title,Department",
    "new.e2e.one@acme.example,E2E One,,Sales",
    "new.e2e.two@acme.example,E2E Two,Analyst,",
    `${a.emails[0]},,E2E Title A,`,
    `${b.emails[0]},,,E2E Department B`,
    "not-an-email,Bad Row,,",
  ].join("\r\n");

  await signIn(page, "helpdesk@acme.example", "/people");
  await page.getByRole("link", { name: "Import CSV" }).click();
  await expect(page).toHaveURL(/\/people\/import$/);
  await expect(page.getByTestId("import-page")).toHaveAttribute("data-hydrated", "true");
  await page.getByTestId("import-file").setInputFiles({ name: "new-hires.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });

  const plan = page.getByTestId("import-plan");
  await expect(plan.getByTestId("count-create")).toContainText("2");
  await expect(plan.getByTestId("count-update")).toContainText("2");
  await expect(plan.getByTestId("count-unchanged")).toContainText("0");
  await expect(plan.getByTestId("count-error")).toContainText("1");
  // With errors, the plan opens on them: the bad row says which column and why.
  await expect(plan.getByRole("button", { name: /Errors/ })).toHaveAttribute("aria-pressed", "true");
  await expect(plan.getByTestId("import-row")).toHaveCount(1);
  await expect(plan.getByTestId("import-row")).toContainText('Email: "not-an-email" is not a valid email address.');
  await plan.getByRole("button", { name: /All rows/ }).click();
  await expect(plan.getByTestId("import-row")).toHaveCount(5);
  await expect(plan.getByTestId("import-row").filter({ hasText: a.emails[0]! })).toContainText("E2E Title A");
  // Nothing is written by a plan.
  expect(await stored(a.emails[0]!)).toMatchObject({ title: a.title });
  await expect(stored("new.e2e.one@acme.example")).rejects.toThrow(/→ 404/);
  await screenshot(page, "import-preview", { fullPage: true });
  await expectNoSeriousAxe(page);

  await plan.getByTestId("run-import").click();
  await expect(page).toHaveURL(/\/jobs\/[0-9a-f-]{36}$/);
  await expect(page.getByTestId("job-status")).toContainText("Finished", { timeout: 30_000 });
  await expect(page.getByTestId("job-counts")).toContainText(/Done\s*4/);
  expect(await stored(a.emails[0]!)).toMatchObject({ title: "E2E Title A" });
  expect(await stored(b.emails[0]!)).toMatchObject({ department: "E2E Department B" });
  expect(await stored("new.e2e.one@acme.example")).toMatchObject({ displayName: "E2E One", department: "Sales" });
  expect(await stored("new.e2e.two@acme.example")).toMatchObject({ displayName: "E2E Two", title: "Analyst" });
  await page.getByRole("button", { name: "Close toast" }).click().catch(() => undefined); // not in the screenshot
  await expect(page.locator("[data-sonner-toast]")).toHaveCount(0);
  await screenshot(page, "import-results", { fullPage: true });
  await expectNoSeriousAxe(page);

  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "Download results (CSV)" }).click();
  const results = (await textOf(await download)).replace(/^\uFEFF/, "").trim().split("\r\n");
  expect(results[0]).toMatch(/^Row,Plan,Name,Email/);
  expect(results).toHaveLength(1 + 5);
});

test("download the template; a file over 10 MB is refused before it is sent", async ({ page }) => {
  await signIn(page, "admin@acme.example", "/people/import");
  await expect(page.getByTestId("import-page")).toHaveAttribute("data-hydrated", "true");
  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "Download the template" }).click();
  const d = await download;
  expect(d.suggestedFilename()).toMatch(/^roster-import-template-\d{4}-\d{2}-\d{2}\.csv$/);
  const header = (await textOf(d)).replace(/^\uFEFF/, "").trim();
  expect(header).toMatch(/^Email,First name,Last name,Display name,Department,Title,Manager email,Location,Phone,Extension,.*Webex Calling - Professional.*,Admin role: Full Administrator/);

  await page.getByTestId("import-file").setInputFiles({ name: "huge.csv", mimeType: "text/csv", buffer: Buffer.alloc(11 * 1024 * 1024, 0x61) });
  await expect(page.getByTestId("import-page").getByRole("alert")).toContainText('"huge.csv" is 11.0 MB; the limit is 10 MB');
});

test("export a filtered view in the template's format", async ({ page }) => {
  const all = (await webex<{ items: Stored[] }>("/people?max=1000")).body.items;
  const prefix = all.find((p) => p.type === "person" && p.displayName.startsWith("Ma"))?.displayName.slice(0, 2) ?? all[3]!.displayName.slice(0, 2);
  const matching = (await webex<{ items: Stored[] }>(`/people?max=1000&displayName=${encodeURIComponent(prefix)}`)).body.items.filter((p) => p.type === "person");
  await signIn(page, "auditor@acme.example", `/people?q=${encodeURIComponent(prefix)}`);
  await hydrated(page);
  const download = page.waitForEvent("download");
  await page.getByRole("button", { name: "Export matching" }).click();
  const d = await download;
  expect(d.suggestedFilename()).toMatch(/^people-\d{4}-\d{2}-\d{2}\.csv$/);
  const lines = (await textOf(d)).replace(/^\uFEFF/, "").trim().split("\r\n");
  expect(lines[0]).toMatch(/^Email,First name,/);
  expect(lines.slice(1).map((l) => l.split(",")[0]).sort()).toEqual(matching.map((p) => p.emails[0]).sort());
  await expect(page.getByText(`Exported ${matching.length} ${matching.length === 1 ? "person" : "people"}`)).toBeVisible();
});
