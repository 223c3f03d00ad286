import type { Locator, Page } from "@playwright/test";
import { emulator, expect, expectNoSeriousAxe, signIn, test } from "./fixtures";
import { forgetWebexToken, hydrated, rows } from "./people-helpers";

// The people grid's tooltips (a person's license names) and popovers (Admin role filter, Columns): WCAG 1.4.13 for
// the tooltip, and popovers that open by keyboard, stay inside the window and give focus back.

test.beforeAll(async () => {
  await emulator("/_emulator/reset", { body: {} });
  forgetWebexToken();
});

/** A "3 licenses" cell: its trigger (the focusable span) and the tooltip's visible box. */
function licensesTooltip(page: Page) {
  const trigger = rows(page).locator('span[tabindex="0"]').filter({ hasText: /^\d+ licenses?$/ }).first();
  return { trigger, tip: page.locator('[data-slot="tooltip"]') };
}

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

test("a license tooltip opens on hover, stays while the pointer is on it, and Escape dismisses it", async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await signIn(page, "admin@acme.example", "/people");
  await hydrated(page);
  const { trigger, tip } = licensesTooltip(page);
  await expect(tip).toHaveCount(0);

  await trigger.hover();
  await expect(tip).toBeVisible();
  const names = await tip.getByRole("listitem").allInnerTexts();
  expect(names.length).toBeGreaterThan(0);
  // Screen readers get the same text: the trigger is described by the tooltip.
  await expect(trigger).toHaveAccessibleDescription(new RegExp(escapeRe(names[0]!)));

  // Hoverable: the pointer moves from the trigger onto the tooltip, and it stays to be read.
  const from = (await trigger.boundingBox())!;
  const to = (await tip.boundingBox())!;
  await page.mouse.move(from.x + 4, from.y + from.height / 2);
  await page.mouse.move(to.x + to.width / 2, to.y + to.height / 2, { steps: 8 });
  await expect(tip).toBeVisible();
  await expect(tip).toContainText(names[0]!);

  // Dismissible without moving the pointer away.
  await page.keyboard.press("Escape");
  await expect(tip).toHaveCount(0);

  // Persistent until the pointer leaves: hover again, then leave to an empty spot.
  await trigger.hover();
  await expect(tip).toBeVisible();
  await page.mouse.move(5, 5, { steps: 4 });
  await expect(tip).toHaveCount(0);
});

test("a license tooltip opens on keyboard focus, and Escape dismisses it without moving focus", async ({ page }) => {
  await signIn(page, "admin@acme.example", "/people");
  await hydrated(page);
  const { trigger, tip } = licensesTooltip(page);
  await trigger.focus();
  await expect(tip).toBeVisible();
  await expect(page.getByRole("tooltip")).toContainText(/\S/);
  await page.keyboard.press("Escape");
  await expect(tip).toHaveCount(0);
  await expect(trigger).toBeFocused();
  // It stays until focus leaves: open it again, then move focus to the search box.
  await trigger.blur();
  await trigger.focus();
  await expect(tip).toBeVisible();
  await page.getByRole("searchbox", { name: "Search people" }).focus();
  await expect(tip).toHaveCount(0);
  await expect(trigger).toHaveAccessibleDescription("");
});

/** The viewport holds the whole element (no part cut off at any edge). */
async function expectInsideViewport(page: Page, el: Locator, label: string) {
  const box = (await el.boundingBox())!;
  const { width, height } = page.viewportSize()!;
  expect(box.x, `${label}: left edge`).toBeGreaterThanOrEqual(0);
  expect(box.y, `${label}: top edge`).toBeGreaterThanOrEqual(0);
  expect(box.x + box.width, `${label}: right edge`).toBeLessThanOrEqual(width);
  expect(box.y + box.height, `${label}: bottom edge`).toBeLessThanOrEqual(height);
}

/** Opens a popover by keyboard, checks it, toggles its first checkbox by keyboard and back, then closes it with Escape. */
async function checkPopover(page: Page, triggerName: RegExp, title: string, label: string) {
  const trigger = page.getByRole("button", { name: triggerName });
  await expect(trigger).toHaveAttribute("aria-expanded", "false");
  await trigger.focus();
  await page.keyboard.press("Enter");
  await expect(trigger).toHaveAttribute("aria-expanded", "true");
  const id = await trigger.getAttribute("aria-controls");
  expect(id, `${label}: aria-controls`).toBeTruthy();
  const panel = page.locator(`[id="${id}"]`);
  await expect(panel).toBeVisible();
  await expect(panel).toHaveAccessibleName(title);
  await expectInsideViewport(page, panel, label);

  // Focus moved into the panel, onto its first checkbox, which works from the keyboard.
  const box = panel.getByRole("checkbox").first();
  await expect(box).toBeFocused();
  const was = await box.isChecked();
  await page.keyboard.press("Space");
  await expect(box).toBeChecked({ checked: !was });
  await page.keyboard.press("Space");
  await expect(box).toBeChecked({ checked: was });
  await expect(panel).toBeVisible();

  await page.keyboard.press("Escape");
  await expect(panel).toBeHidden();
  await expect(trigger).toHaveAttribute("aria-expanded", "false");
  await expect(trigger).toBeFocused();
}

for (const viewport of [
  { width: 390, height: 844 },
  { width: 1280, height: 720 },
  // A short window: there is not room below the toolbar for the whole Columns list.
  { width: 1280, height: 420 },
]) {
  test(`popovers open by keyboard, stay inside a ${viewport.width}×${viewport.height} window, and Escape gives focus back`, async ({ page }) => {
    await page.setViewportSize(viewport);
    await signIn(page, "admin@acme.example", "/people");
    await hydrated(page);
    await expect(page.getByRole("checkbox", { name: "User Administrator" })).toHaveCount(0);
    await checkPopover(page, /^Admin role filter/, "Admin role", `Admin role at ${viewport.width}px`);
    await checkPopover(page, /^Columns/, "Show columns", `Columns at ${viewport.width}px`);
  });
}

test("a click outside closes a popover, and the page is axe clean while one is open", async ({ page }) => {
  await signIn(page, "admin@acme.example", "/people");
  await hydrated(page);
  const trigger = page.getByRole("button", { name: /^Columns/ });
  await trigger.click();
  const panel = page.locator(`[id="${await trigger.getAttribute("aria-controls")}"]`);
  await expect(panel).toBeVisible();
  await expectNoSeriousAxe(page, "Columns open");
  await page.getByRole("heading", { level: 1, name: "People" }).click();
  await expect(panel).toBeHidden();
  await expect(trigger).toHaveAttribute("aria-expanded", "false");
});
