// Jump to person (issue 15): after a sync, Cmd+K (and Ctrl+K) opens the palette anywhere in the console; typing part
// of a name, the arrow keys and Enter open that person's page, keyboard only. Escape gives focus back. axe is clean
// with the palette open, light and dark; at 390 px the menu offers it.
import type { Page } from "@playwright/test";
import { emulator, expect, expectNoSeriousAxe, signIn, test } from "./fixtures";
import { screenshot } from "./screenshots";
import { hydrated, webexPeople } from "./people-helpers";

test.beforeAll(async () => {
  await emulator("/_emulator/reset", { body: {} });
});

/** docs/screenshots under `npm run screenshots`; also into $E2E_LOOK_DIR when set (to look at them while working). */
async function look(page: Page, name: string) {
  await screenshot(page, name);
  if (process.env.E2E_LOOK_DIR) await page.screenshot({ path: `${process.env.E2E_LOOK_DIR}/${name}.png` });
}

async function syncIndex(page: Page) {
  const origin = new URL(page.url()).origin;
  const res = await page.request.post("/api/directory/sync", { headers: { origin } });
  expect([200, 202]).toContain(res.status());
  await expect
    .poll(async () => {
      const s = (await (await page.request.get("/api/directory/sync")).json()) as { running: unknown; asOf: number | null };
      return !s.running && s.asOf !== null;
    }, { message: "the directory sync finished", timeout: 60_000 })
    .toBe(true);
}

const palette = (page: Page) => page.getByTestId("command-palette");
const combobox = (page: Page) => palette(page).getByRole("combobox");

test("Cmd+K and Ctrl+K open the palette; a part of a name, arrows and Enter open the person, keyboard only", async ({ page }) => {
  test.setTimeout(120_000);
  await signIn(page, "admin@acme.example", "/people");
  await hydrated(page);
  await syncIndex(page);
  const people = await webexPeople({ max: "200" });
  const target = people.find((p) => p.displayName && /^[A-Za-z]+ [A-Za-z]+/.test(p.displayName) && !p.emails[0]!.startsWith("admin"))!;
  const part = target.displayName.slice(0, 5);

  // Escape returns focus to what had it.
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Licenses" }).focus();
  await page.keyboard.press("Meta+k");
  await expect(combobox(page)).toBeFocused();
  await page.keyboard.press("Escape");
  await expect(palette(page)).toHaveCount(0);
  await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Licenses" })).toBeFocused();

  await page.keyboard.press("Control+k");
  await expect(combobox(page)).toBeFocused();
  await page.keyboard.type(part.toLowerCase());
  const options = palette(page).getByRole("option");
  await expect(palette(page).getByRole("group", { name: "People" }).getByRole("option").first()).toBeVisible();
  await expect(palette(page)).toContainText("From Roster's index of");
  const names = await palette(page).getByRole("group", { name: "People" }).getByRole("option").allInnerTexts();
  const at = names.findIndex((n) => n.split("\n")[0] === target.displayName);
  expect(at, `${target.displayName} among ${names.join(" | ")}`).toBeGreaterThanOrEqual(0);
  // The first option is active; the arrows move it (down past the target and back up).
  await expect(combobox(page)).toHaveAttribute("aria-activedescendant", (await options.first().getAttribute("id"))!);
  for (let i = 0; i <= at; i++) await page.keyboard.press("ArrowDown");
  await page.keyboard.press("ArrowUp");
  const activeId = await combobox(page).getAttribute("aria-activedescendant");
  await expect(page.locator(`[id="${activeId}"]`)).toHaveAttribute("aria-selected", "true");
  await expect(page.locator(`[id="${activeId}"]`)).toContainText(target.displayName);
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(new RegExp(`/people/${encodeURIComponent(target.id).replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}$`));
  await expect(page.getByRole("heading", { level: 1, name: target.displayName })).toBeVisible();

  // An email finds the person too; nothing found says so; a command navigates.
  await page.keyboard.press("Control+k");
  await page.keyboard.type(target.emails[0]!);
  await expect(palette(page).getByRole("group", { name: "People" }).getByRole("option").first()).toContainText(target.emails[0]!);
  await combobox(page).fill("zzqx-nobody");
  await expect(palette(page)).toContainText("No one matches “zzqx-nobody”.");
  await combobox(page).fill("jobs");
  await expect(palette(page)).toContainText("No one matches “jobs”.");
  await expect(palette(page).getByRole("option", { name: /Go to Jobs/ })).toHaveAttribute("aria-selected", "true");
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/jobs$/);
});

test("axe is clean with the palette open, light and dark; at 390 px the menu opens it", async ({ page }) => {
  await signIn(page, "admin@acme.example", "/people");
  await hydrated(page);
  await syncIndex(page);
  for (const scheme of ["light", "dark"] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await page.reload();
    await hydrated(page);
    await page.keyboard.press("ControlOrMeta+k");
    await page.keyboard.type("a");
    await expect(palette(page).getByRole("group", { name: "People" }).getByRole("option").first()).toBeVisible();
    await expectNoSeriousAxe(page, `palette (${scheme})`);
    await look(page, `palette-${scheme}`);
    await page.keyboard.press("Escape");
  }

  await page.setViewportSize({ width: 390, height: 844 });
  await page.emulateMedia({ colorScheme: "light" });
  await page.reload();
  await hydrated(page);
  await page.getByRole("button", { name: "Menu" }).click();
  await look(page, `menu-390`);
  await page.getByRole("button", { name: /Search people/ }).click();
  await expect(combobox(page)).toBeFocused();
  await page.keyboard.type("al");
  await expect(palette(page).getByRole("option").first()).toBeVisible();
  await expectNoSeriousAxe(page, "palette (390 px)");
  await look(page, `palette-390`);
});
